from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShiftsConfig(AppConfig):
    name = "frivillig.shifts"
    verbose_name = _("Shifts and events")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed, user_logged_in

        from .signals import claim_on_email_confirmed, claim_on_login

        email_confirmed.connect(claim_on_email_confirmed, dispatch_uid="shifts_claim_on_email_confirmed")
        user_logged_in.connect(claim_on_login, dispatch_uid="shifts_claim_on_login")
