from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("account/", include("armoedemonitor.web.accounts.urls")),
    path("releases/", include("armoedemonitor.web.releases.urls")),
    path("interventies/", include("armoedemonitor.web.interventions.urls")),
    path("programma/", include("armoedemonitor.web.programme.urls")),
    path("ervaringen/", include("armoedemonitor.web.surveys.urls")),
    path("", include("armoedemonitor.web.dashboard.urls")),
    prefix_default_language=False,
)
