"""allauth adapters: mail goes through django.tasks; the staff provider's group claim makes coordinators; failed
sign-ins lock out one account from one address (never the account everywhere, so nobody can lock another out)."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.base.forms import AuthenticateForm
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import ngettext

from frivillig.core import ratelimit
from frivillig.core.mail import send_email_task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mail templates call `current_site`: the portal's name and host."""

    name: str
    domain: str


def portal_site(request) -> PortalSite:
    from frivillig.core.models import SiteConfiguration

    domain = request.get_host() if request is not None else urlsplit(settings.SITE_URL).netloc
    return PortalSite(name=SiteConfiguration.get().portal_name, domain=domain)


def recipient_language(email: str) -> str:
    """The language a person chose in their profile; for someone we do not know yet, the page's language."""
    from .models import VolunteerProfile

    preferred = (
        VolunteerProfile.objects.filter(user__email__iexact=email).values_list("preferred_language", flat=True).first()
    )
    return preferred or translation.get_language() or settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now, in the recipient's language, and send later through the task queue."""
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": portal_site(request), **context}
        with translation.override(recipient_language(email)):
            message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        to, subject, body = list(message.to), str(message.subject), str(message.body)
        transaction.on_commit(lambda: send_email_task.enqueue(to=to, subject=subject, body=body, html=html))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services import profile_ensure

            profile_ensure(user=user, language=getattr(request, "LANGUAGE_CODE", None))
        return user

    def get_client_ip(self, request):
        """allauth's own limits count the same address as ours (ratelimit.client_ip)."""
        return ratelimit.client_ip(request) or super().get_client_ip(request)

    def pre_authenticate(self, request, **credentials):
        """A locked account and address are told so, and how long to wait, before the password is even checked."""
        super().pre_authenticate(request, **credentials)
        refusal = ratelimit.peek(request, "sign_in_lockout", key=sign_in_key(request, credentials))
        if refusal:
            raise ValidationError(locked_message(refusal), code="sign_in_locked")

    def authenticate(self, request, **credentials):
        """The right password from this address starts its count afresh; someone who knows it needs no guessing."""
        user = super().authenticate(request, **credentials)
        if user is not None:
            ratelimit.clear(request, "sign_in_lockout", key=sign_in_key(request, credentials))
        return user


# --- the sign-in lockout: per account and address together -------------------------------------------------


def sign_in_key(request, credentials: Mapping) -> str:
    login = credentials.get("email") or credentials.get("username") or ""
    return f"{str(login).strip().lower()}|{ratelimit.client_ip(request)}"


def locked_message(refusal: ratelimit.Refusal) -> str:
    return ngettext(
        "There have been too many failed attempts to sign in to this account from here. Try again in %(minutes)s "
        "minute, or get a sign-in code by e-mail instead.",
        "There have been too many failed attempts to sign in to this account from here. Try again in %(minutes)s "
        "minutes, or get a sign-in code by e-mail instead.",
        refusal.minutes,
    ) % {"minutes": refusal.minutes}


class SignInLockoutBackend:
    """First in AUTHENTICATION_BACKENDS: every password check (allauth's sign-in, re-authentication and Django's
    admin login alike) first claims one of the account and address's attempts, before any password is compared,
    so parallel guesses cannot slip past. With none left, PermissionDenied stops the other backends; a locked pair
    gets no further even with the right password.

    It authenticates no one, and has no get_user: Django (and the test client's force_login) then never records
    it as the backend a session was signed in with."""

    def authenticate(self, request, password=None, **credentials):
        if request is None or password is None:
            return None
        if ratelimit.hit(request, "sign_in_lockout", key=sign_in_key(request, credentials)):
            raise PermissionDenied
        return None


class LockoutAuthenticateForm(AuthenticateForm):
    """The TOTP or recovery code step, limited per account and address like the password."""

    def clean_code(self):
        request = allauth_context.request
        key = f"{self.user.pk}|{ratelimit.client_ip(request)}"
        refusal = ratelimit.hit(request, "mfa_lockout", key=key)
        if refusal:
            raise ValidationError(
                ngettext(
                    "Too many wrong codes. Try again in %(minutes)s minute.",
                    "Too many wrong codes. Try again in %(minutes)s minutes.",
                    refusal.minutes,
                ) % {"minutes": refusal.minutes},
                code="mfa_locked",
            )
        code = super().clean_code()
        ratelimit.clear(request, "mfa_lockout", key=key)
        return code


def claim_values(extra_data: Mapping | None, claim: str) -> set[str]:
    """The values of `claim` wherever allauth stored the provider's claims.

    allauth's OpenID Connect provider keeps `{"userinfo": {...}, "id_token": {...}}`; older accounts (and
    some brokers) keep the claims at the top level. A claim may be a list or a single string.
    """
    extra_data = extra_data or {}
    sources = [extra_data, extra_data.get("userinfo"), extra_data.get("id_token")]
    values: set[str] = set()
    for source in sources:
        if not isinstance(source, Mapping):
            continue
        value = source.get(claim)
        if isinstance(value, str):
            values.add(value)
        elif isinstance(value, list | tuple | set):
            values.update(str(item) for item in value)
    return values


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        from .services import profile_ensure

        profile_ensure(user=user, language=getattr(request, "LANGUAGE_CODE", None))
        self._sync_coordinator(sociallogin)
        return user

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            self._sync_coordinator(sociallogin)

    def _sync_coordinator(self, sociallogin) -> None:
        """A staff login whose group claim names the coordinator group joins the volunteer team as admin."""
        staff = settings.OIDC_STAFF
        group = settings.OIDC_STAFF_COORDINATOR_GROUP
        if not (staff and group and sociallogin.account.provider == staff["provider_id"]):
            return
        if not sociallogin.user.pk:
            return
        if group not in claim_values(sociallogin.account.extra_data, settings.OIDC_STAFF_GROUP_CLAIM):
            return
        from .services import coordinator_grant

        if coordinator_grant(user=sociallogin.user, source="oidc"):
            logger.info("Coordinator role granted to user %s through the staff provider.", sociallogin.user.pk)
