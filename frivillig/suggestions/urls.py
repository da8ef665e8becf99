"""The suggestions namespace. The app is mounted at the site root, so the paths are full.

"Forslag til dig" and the saved searches live under Min side; a digest's one-click unsubscribe link (and its
undo) need no sign-in, so they live outside it.
"""

from django.urls import path

from . import views

app_name = "suggestions"

SAVED = "min-side/gemte-soegninger/"

urlpatterns = [
    path("min-side/forslag/", views.suggestions, name="suggestions"),
    path(SAVED, views.saved_searches, name="saved_searches"),
    path(f"{SAVED}ny/", views.saved_search_create, name="saved_search_create"),
    path(f"{SAVED}<int:pk>/rediger/", views.saved_search_update, name="saved_search_update"),
    path(f"{SAVED}<int:pk>/slet/", views.saved_search_delete, name="saved_search_delete"),
    path("gemte-soegninger/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("gemte-soegninger/afmeld/<str:token>/fortryd/", views.resubscribe, name="resubscribe"),
]
