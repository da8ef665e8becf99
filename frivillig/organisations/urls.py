from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("opret/", views.create, name="create"),
    path("koordinator/", views.coordinator_overview, name="coordinator_overview"),
]
