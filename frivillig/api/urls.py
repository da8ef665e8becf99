"""The API (versioned under /api/v1/) and its human documentation page (/api/)."""

from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/", views.docs, name="api_docs"),
    path("api/v1/", api.urls),
]
