"""Template helpers for the account pages that django-allauth renders in our layout."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The msgids are allauth's own, so allauth's translations apply until ours override them.
PAGE_LABELS = {
    "account_login": _("Sign In"),
    "account_request_login_code": _("Send me a sign-in code"),
    "account_confirm_login_code": _("Enter Sign-In Code"),
    "account_signup": _("Sign Up"),
    "account_email_verification_sent": _("Verify Your Email Address"),
    "account_confirm_email": _("Confirm Email Address"),
    "account_reset_password": _("Password Reset"),
    "account_reset_password_done": _("Password Reset"),
    "account_reset_password_from_key": _("Change Password"),
    "account_reset_password_from_key_done": _("Change Password"),
    "account_change_password": _("Change Password"),
    "account_set_password": _("Set Password"),
    "account_logout": _("Sign Out"),
    "account_email": _("Email Addresses"),
    "account_reauthenticate": _("Confirm Access"),
    "account_inactive": _("Account Inactive"),
    "mfa_index": _("Two-Factor Authentication"),
    "mfa_authenticate": _("Two-Factor Authentication"),
    "mfa_reauthenticate": _("Confirm Access"),
    "mfa_activate_totp": _("Activate Authenticator App"),
    "mfa_deactivate_totp": _("Deactivate Authenticator App"),
    "mfa_view_recovery_codes": _("Recovery Codes"),
    "mfa_generate_recovery_codes": _("Recovery Codes"),
    "socialaccount_connections": _("Account Connections"),
    "socialaccount_signup": _("Sign Up"),
    "socialaccount_login_cancelled": _("Login Cancelled"),
    "socialaccount_login_error": _("Third-Party Login Failure"),
    "openid_connect_login": _("Sign In"),
}


@register.simple_tag(takes_context=True)
def account_page_label(context) -> str:
    """The breadcrumb label of the allauth page being rendered ("" when it has none)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    label = PAGE_LABELS.get(getattr(match, "url_name", None) or "")
    return str(label) if label else ""


@register.filter
def without_placeholders(form):
    """allauth puts placeholders in its widgets; DKFDS uses visible labels and hints instead."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
    return form


SECONDARY_TAGS = {"outline", "secondary", "link", "cancel", "minor"}


@register.filter
def button_css(attrs) -> str:
    """DKFDS classes for an allauth button: danger → warning, outline/secondary/link/cancel → secondary."""
    tags = set((attrs or {}).get("tags") or [])
    if "danger" in tags:
        return "button button-warning"
    if tags & SECONDARY_TAGS:
        return "button button-secondary"
    return "button button-primary"
