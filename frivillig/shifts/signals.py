"""A guest's sign-ups join the account once the account has proved it owns their e-mail address.

As for applications (frivillig/applications/signals.py): allauth tells us when an address is verified and when
someone signs in; both claim the guest sign-ups made with a verified address of the account, which also confirms
a held place. An unverified address claims nothing: anyone can type any address into a sign-up form.
Connected in ShiftsConfig.ready().
"""

from allauth.account.models import EmailAddress

from . import services


def claim_on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    if email_address.verified and email_address.user_id:
        services.signups_claim(user=email_address.user, email=email_address.email)


def claim_on_login(sender, request, user, **kwargs) -> None:
    for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True):
        services.signups_claim(user=user, email=email)
