from django.urls import path

from . import views

app_name = "schemes"
urlpatterns = [
    path("", views.scheme_list, name="list"),
    path("nieuw/", views.scheme_edit, name="create"),
    path("vergelijken/", views.compare, name="compare"),
    path("<int:pk>/", views.scheme_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.scheme_edit, name="edit"),
    path("<int:pk>/uploaden/", views.upload_counts, name="upload"),
    path("<int:pk>/aantal/", views.add_count, name="count"),
    path("<int:pk>/doelenboom/", views.link_goal, name="link_goal"),
]
