"""Management pages for organisations' members, the coordinators' unpublish page and the børneattest page.

A list without `app_name`: urls.py adds these to the public patterns under the namespace "opportunities".
The app is mounted at the site root, so the paths are full.
"""

from django.urls import path

from . import manage_views

MANAGE = "organisationer/<slug:slug>/opslag/"

urlpatterns = [
    path(MANAGE, manage_views.manage_list, name="manage_list"),
    path(f"{MANAGE}opret/", manage_views.create, name="create"),
    path(f"{MANAGE}<int:pk>/rediger/", manage_views.edit, name="edit"),
    path(f"{MANAGE}<int:pk>/forhaandsvisning/", manage_views.preview, name="preview"),
    path(f"{MANAGE}<int:pk>/udgiv/", manage_views.publish, name="publish"),
    path(f"{MANAGE}<int:pk>/pause/", manage_views.pause, name="pause"),
    path(f"{MANAGE}<int:pk>/luk/", manage_views.close, name="close"),
    path(f"{MANAGE}<int:pk>/kopier/", manage_views.duplicate, name="duplicate"),
    path("muligheder/<int:pk>/afpublicer/", manage_views.unpublish, name="unpublish"),
    path("boerneattest/", manage_views.child_certificate, name="child_certificate"),
]
