"""The applications namespace. The app is mounted at the site root, so the paths are full.

Applicant pages: apply, the link page from every e-mail (by secret token), confirming a guest's e-mail, a
guardian's consent and "Mine ansøgninger". Organisation pages: the inbox across the organisation and per
opportunity, an application with its history, status changes, internal notes and the CSV export.
"""

from django.urls import path

from . import applicant_views, inbox_views

app_name = "applications"

ORG = "organisationer/<slug:slug>/ansoegninger/"

urlpatterns = [
    path("muligheder/<int:pk>/ansoeg/", applicant_views.apply, name="apply"),
    path("ansoegning/samtykke/<str:token>/", applicant_views.guardian_consent, name="guardian_consent"),
    path("ansoegning/<str:token>/", applicant_views.mine, name="mine"),
    path("ansoegning/<str:token>/bekraeft/", applicant_views.confirm, name="confirm"),
    path("ansoegning/<str:token>/traek-tilbage/", applicant_views.withdraw, name="withdraw"),
    path("min-side/ansoegninger/", applicant_views.my_applications, name="my_applications"),
    path(ORG, inbox_views.inbox, name="inbox"),
    path(f"{ORG}eksport/", inbox_views.export, name="export"),
    path(f"{ORG}<int:pk>/", inbox_views.detail, name="inbox_detail"),
    path(f"{ORG}<int:pk>/status/", inbox_views.set_status, name="set_status"),
    path(f"{ORG}<int:pk>/note/", inbox_views.add_note, name="add_note"),
    path("organisationer/<slug:slug>/opslag/<int:pk>/ansoegninger/", inbox_views.opportunity_inbox,
         name="opportunity_inbox"),
]
