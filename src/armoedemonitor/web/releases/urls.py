from django.urls import path

from . import views

app_name = "releases"
urlpatterns = [
    path("", views.release_list, name="list"),
    path("nieuw/", views.upload, name="upload"),
    path("<int:pk>/", views.release_detail, name="detail"),
    path("<int:pk>/OUTPUT_CHECK.md", views.output_check_file, name="output_check"),
]
