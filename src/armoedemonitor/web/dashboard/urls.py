from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("cijfer/<slug:indicator_id>/", views.indicator_page, name="indicator"),
    path("gemeente/<str:code>/", views.municipality_page, name="municipality"),
    path("vergelijken/", views.compare, name="compare"),
    path("download.csv", views.download, {"fmt": "csv"}, name="download_csv"),
    path("download.xlsx", views.download, {"fmt": "xlsx"}, name="download_xlsx"),
    path("tabel.xlsx", views.download, {"fmt": "table"}, name="download_table"),
    path("uitleg/", views.explanation, name="explanation"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
