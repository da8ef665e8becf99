"""Shifts on other apps' pages, which must not import this app: the coming shifts on an opportunity's page and
the next shifts on Min side.

    {% load shifts_tags %}
    {% opportunity_shifts opportunity %}
    {% my_shifts_section user %}
"""

from django import template
from django.utils import timezone

from frivillig.shifts import access

register = template.Library()

# An opportunity's page lists the coming shifts up to this many; Min side the next few.
OPPORTUNITY_LIMIT = 20
MIN_SIDE_LIMIT = 3


@register.inclusion_tag("shifts/includes/opportunity_shifts.html")
def opportunity_shifts(opportunity) -> dict:
    """The opportunity's coming shifts with their places left (one query); nothing when it has none."""
    shifts = list(access.opportunity_shifts_upcoming(opportunity)[: OPPORTUNITY_LIMIT + 1])
    return {
        "shifts": shifts[:OPPORTUNITY_LIMIT],
        "more": len(shifts) > OPPORTUNITY_LIMIT,
        "opportunity": opportunity,
    }


@register.inclusion_tag("shifts/includes/min_side_shifts.html")
def my_shifts_section(user) -> dict:
    """Min side's section: the person's next shifts and events (one query), and a link to Mine vagter."""
    signups = list(
        access.active_signups_of_user(user).filter(shift__ends_at__gte=timezone.now())[:MIN_SIDE_LIMIT]
    )
    return {"signups": signups}
