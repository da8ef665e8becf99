"""Applications on other apps' pages, which must not import this app: the "Apply" box on an opportunity's page
and "Mine ansøgninger" on Min side.

    {% load applications_tags %}
    {% apply_state opportunity user as apply %}
    {% my_applications_section user %}
"""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html

from frivillig.applications import access, services
from frivillig.applications.models import Application

register = template.Library()

# Min side shows the newest few; the full list is one click away.
MIN_SIDE_LIMIT = 5


@dataclass(frozen=True)
class ApplyState:
    problem: str  # why no one can apply now, or ""
    application: Application | None  # the signed-in person's application that blocks a new one

    @property
    def can_apply(self) -> bool:
        return not self.problem and self.application is None


@register.simple_tag
def apply_state(opportunity, user) -> ApplyState:
    """Whether `user` (signed in or not) can apply to `opportunity`, and their application if they have one."""
    application = None
    if user is not None and user.is_authenticated:
        application = services.existing_application(opportunity, user.email)
    return ApplyState(problem=services.can_apply_problem(opportunity), application=application)


@register.inclusion_tag("applications/includes/my_applications_section.html")
def my_applications_section(user) -> dict:
    """Min side's section: the person's newest applications (one query), or nothing when there are none."""
    applications = list(access.applications_of_user(user)[:MIN_SIDE_LIMIT])
    return {"applications": applications, "limit": MIN_SIDE_LIMIT}


@register.filter
def in_language(text: str, language: str) -> str:
    """User-written text marked with its language (WCAG 3.1.2), to put into a translated sentence:
    `{% blocktranslate with title=opportunity.title|in_language:opportunity.language %}`."""
    return format_html('<span lang="{}">{}</span>', language, text)
