from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "frivillig.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed, user_logged_in

        from .signals import claim_on_email_confirmed, claim_on_login

        email_confirmed.connect(claim_on_email_confirmed, dispatch_uid="applications_claim_on_email_confirmed")
        user_logged_in.connect(claim_on_login, dispatch_uid="applications_claim_on_login")
