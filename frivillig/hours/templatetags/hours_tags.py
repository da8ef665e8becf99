"""Hours on other apps' pages, which must not import this app: "Mine timer" on Min side.

    {% load hours_tags %}
    {% my_hours_section user %}
"""

from django import template

from frivillig.applications.models import Engagement
from frivillig.hours import selectors
from frivillig.hours.models import HoursEntry

register = template.Library()


@register.inclusion_tag("hours/includes/my_hours_section.html")
def my_hours_section(user) -> dict:
    """Min side's section: the person's approved and pending hours (one query), and whether they have an
    engagement to log hours on (one more, only when they have no hours)."""
    if not user.is_authenticated:
        return {"show": False}
    totals = selectors.totals_by_status_for_volunteer(user)
    show = bool(totals) or Engagement.objects.filter(volunteer=user).exists()
    return {
        "show": show,
        "approved": totals.get(HoursEntry.Status.APPROVED, 0),
        "pending": totals.get(HoursEntry.Status.PENDING, 0),
    }
