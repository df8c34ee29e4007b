from django.urls import path, re_path

from . import public_views, team_views

app_name = "surveys"
urlpatterns = [
    path("", public_views.home, name="home"),
    path("meedoen/", public_views.start, name="start"),
    path("meedoen/<str:code>/", public_views.consent, name="consent"),
    path("meedoen/<str:code>/vragen/", public_views.questions, name="questions"),
    path("bedankt/", public_views.thanks, name="thanks"),
    path("ronde/<int:pk>/", public_views.results, name="results"),
    path("ronde/<int:pk>/meedoen/", public_views.open_start, name="open_start"),
    re_path(r"^ronde/(?P<pk>\d+)/cijfers\.(?P<fmt>csv|xlsx)$", public_views.download, name="download"),
    path("team/", team_views.team_home, name="team"),
    path("team/vragenlijst/inlezen/", team_views.questionnaire_upload, name="questionnaire_upload"),
    path("team/vragenlijst/standaard/", team_views.questionnaire_default, name="questionnaire_default"),
    path("team/vragenlijst/<int:pk>/", team_views.questionnaire_detail, name="questionnaire"),
    path("team/ronde/nieuw/", team_views.wave_new, name="wave_new"),
    path("team/ronde/<int:pk>/", team_views.wave_detail, name="wave"),
    path("team/ronde/<int:pk>/codes/", team_views.wave_codes, name="wave_codes"),
    path("team/ronde/<int:pk>/codes.csv", team_views.wave_codes_csv, name="wave_codes_csv"),
    path("team/ronde/<int:pk>/bevolking/", team_views.wave_margins, name="wave_margins"),
    path("team/ronde/<int:pk>/inlezen/", team_views.wave_import, name="wave_import"),
    path("team/ronde/<int:pk>/inlezen/fouten/", team_views.wave_import_errors, name="wave_import_errors"),
    path("team/ronde/<int:pk>/sluiten/", team_views.wave_close, name="wave_close"),
    path("team/ronde/<int:pk>/doelenboom/", team_views.wave_link, name="wave_link"),
    path("team/ronde/<int:pk>/interview/", team_views.interview, name="interview"),
]
