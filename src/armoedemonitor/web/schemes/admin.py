from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class RecipientCountInline(admin.TabularInline):
    model = models.RecipientCount
    extra = 0


@admin.register(models.Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "doelgroep_indicator", "doelgroep_categorie"]
    search_fields = ["naam"]
    inlines = [RecipientCountInline]


admin.site.register(models.GoalIndicatorLink)
