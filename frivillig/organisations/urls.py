from django.urls import path

from . import views

app_name = "organisations"

# Fixed paths come before "<slug>/"; services.RESERVED_SLUGS keeps a slug from shadowing them.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("opret/", views.create, name="create"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("koordinator/", views.coordinator_overview, name="coordinator_overview"),
    path("koordinator/enheder/", views.municipal_units, name="municipal_units"),
    path("koordinator/enheder/opret/", views.municipal_unit_create, name="municipal_unit_create"),
    path("koordinator/verificering/", views.verification_list, name="verification_list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/rediger/", views.edit, name="edit"),
    path("<slug:slug>/medlemmer/", views.members, name="members"),
    path("<slug:slug>/medlemmer/<int:membership_id>/rolle/", views.member_role, name="member_role"),
    path("<slug:slug>/medlemmer/<int:membership_id>/fjern/", views.member_remove, name="member_remove"),
    path("<slug:slug>/medlemmer/<int:membership_id>/overdrag/", views.admin_handover, name="admin_handover"),
    path(
        "<slug:slug>/invitationer/<int:invitation_id>/tilbagekald/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/forlad/", views.leave, name="leave"),
    path("<slug:slug>/nedlaeg/", views.dissolve, name="dissolve"),
    path("<slug:slug>/verificer/", views.verify, name="verify"),
]
