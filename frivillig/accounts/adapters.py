"""allauth adapters: mail goes through django.tasks; the staff provider's group claim makes coordinators."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.db import transaction

from frivillig.core.mail import send_email_task

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now (in the request's language), send later through the task queue."""
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        transaction.on_commit(
            lambda: send_email_task.enqueue(to=list(message.to), subject=message.subject, body=message.body, html=html)
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from .services import profile_ensure

            profile_ensure(user=user, language=getattr(request, "LANGUAGE_CODE", None))
        return user


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
        claims = sociallogin.account.extra_data or {}
        claims = claims.get("userinfo", claims) | claims.get("id_token", {})
        groups = claims.get(settings.OIDC_STAFF_GROUP_CLAIM) or []
        if isinstance(groups, str):
            groups = [groups]
        from .services import coordinator_grant

        if group in groups and sociallogin.user.pk:
            coordinator_grant(user=sociallogin.user, source="oidc")
