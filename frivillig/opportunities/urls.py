"""The opportunities namespace: the public pages here, the management pages from manage_urls.

The app is mounted at the site root, so the paths are full. "feed/" comes before "<int:pk>/" only for the reader.
"""

from django.urls import path

from . import manage_urls, views
from .feeds import OpportunityFeed

app_name = "opportunities"

urlpatterns = [
    path("muligheder/", views.search, name="search"),
    path("muligheder/feed/", OpportunityFeed(), name="feed"),
    path("muligheder/<int:pk>/", views.detail, name="detail"),
    *manage_urls.urlpatterns,
]
