"""The hours namespace: logging and approving hours, attendance, thank-yous and the certificate.

Mounted at the site root, so the paths are full.
"""

from django.urls import path

from . import views

app_name = "hours"

ORG = "organisationer/<slug:slug>/"

urlpatterns = [
    path("min-side/timer/", views.my_hours, name="my_hours"),
    path("min-side/frivilligbevis/", views.certificate, name="certificate"),
    path("min-side/frivilligbevis/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("min-side/frivilligbevis/<str:code>/tilbagekald/", views.certificate_revoke, name="certificate_revoke"),
    path("bevis/", views.verify_form, name="verify_form"),
    path("bevis/<str:code>/", views.verify, name="verify"),
    path(f"{ORG}timer/", views.organisation_hours, name="organisation_hours"),
    path(f"{ORG}timer/beslut/", views.decide, name="decide"),
    path(f"{ORG}vagter/<int:pk>/fremmoede/", views.attendance, name="attendance"),
    path(f"{ORG}frivillige/<int:pk>/tak/", views.thank, name="thank"),
]
