from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("min-side/", views.min_side, name="min_side"),
    path("min-side/profil/", views.profile_edit, name="profile_edit"),
]
