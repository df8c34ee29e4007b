from django.urls import path

from . import views

app_name = "interventions"
urlpatterns = [
    path("", views.register, name="register"),
    path("overzicht/", views.overview_page, name="overview"),
    path("matrix/", views.matrix, name="matrix"),
    path("werkende-interventies/", views.best_practices, name="best_practices"),
    path("werkende-interventies/<int:jaar>/nieuwsbrief.<str:fmt>", views.newsletter, name="newsletter"),
    path("nieuw/", views.create, name="create"),
    path("importeren/", views.import_view, name="import"),
    path("export.<str:fmt>", views.export, name="export"),
    path("beoordelingen/", views.my_assessments, name="my_assessments"),
    path("beoordelingen/<int:pk>/", views.round_detail, name="round"),
    path("beoordelingen/<int:pk>/uitnodigen/", views.invite, name="invite"),
    path("beoordelingen/<int:pk>/beoordelen/", views.rate, name="rate"),
    path("beoordelingen/<int:pk>/oordeel/<str:perspectief>/", views.verdict, name="verdict"),
    path("toetsingskader/", views.frameworks, name="frameworks"),
    path("toetsingskader/<int:pk>/", views.framework_detail, name="framework"),
    path("toetsingskader/<int:pk>/<str:action>/", views.framework_action, name="framework_action"),
    path("toetsingskader/vraag/<int:pk>/", views.criterion_edit, name="criterion"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/geschiedenis/", views.history, name="history"),
    path("<slug:slug>/beoordelen-starten/", views.start_round, name="start_round"),
    path("<slug:slug>/werkend-maken/", views.add_best_practice, name="add_best_practice"),
]
