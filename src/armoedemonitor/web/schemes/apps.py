from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "armoedemonitor.web.schemes"
    label = "schemes"
    verbose_name = _("Regelingen")
    default_auto_field = "django.db.models.BigAutoField"
