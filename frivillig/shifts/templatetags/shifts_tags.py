"""Shifts on other apps' pages, which must not import this app: the coming shifts on an opportunity's page and
the next shifts on Min side.

    {% load shifts_tags %}
    {% opportunity_shifts opportunity %}
    {% my_shifts_section user %}
    {{ shift|text_language }}
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
    # Min side leaves out a section with nothing to show: someone who never signed up sees none.
    shown = bool(signups) or access.signups_of_user(user).exists()
    return {"signups": signups, "shown": shown}


@register.filter
def text_language(shift) -> str:
    """The language of the text of the shift's opportunity or event, for `lang` on its title, place and note."""
    if shift.event_id:
        return shift.event.language
    return shift.opportunity.language
