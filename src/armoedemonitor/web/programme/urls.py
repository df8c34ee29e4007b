from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("mijn-werk/", views.start, name="start"),
    path("onderdeel/nieuw/", views.node_form, name="node_new"),
    path("onderdeel/<str:code>/", views.node_detail, name="node"),
    path("onderdeel/<str:code>/bewerken/", views.node_form, name="node_edit"),
    path("onderdeel/<str:code>/indicator/", views.indicator_link, name="indicator_link"),
    path("indicator/nieuw/", views.definition_new, name="definition_new"),
    path("leeragenda/", views.agendas, name="agendas"),
    path("jaarplan/<int:jaar>/", views.annual_plan, name="annual_plan"),
    path("indicator/<int:ni_pk>/meting/", views.measurement_form, name="measurement_new"),
    path("meting/<int:pk>/", views.measurement_form, name="measurement_edit"),
    path("controle/", views.review, name="review"),
    path("meting/<int:pk>/besluit/", views.decide, name="decide"),
    path("leren/", views.sessions, name="sessions"),
    path("leren/nieuw/", views.session_new, name="session_new"),
    path("leren/<int:pk>/", views.session_detail, name="session"),
    path("rapportage/", views.report_list, name="reports"),
    path("rapportage/<int:pk>/", views.report_detail, name="report"),
    path("rapportage/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("rapportage/<int:pk>/vaststellen/", views.report_adopt, name="report_adopt"),
    path("rapportage/<int:pk>/gemeente/<str:gemeente>/", views.factsheet, name="factsheet"),
]
