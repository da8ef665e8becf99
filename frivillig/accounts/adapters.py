"""allauth adapters: mail goes through django.tasks; the staff provider's group claim makes coordinators."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.db import transaction
from django.utils import translation

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
