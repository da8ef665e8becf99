"""Totals of approved hours, each one aggregate query, and what a certificate will say."""

from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum

from frivillig.organisations.models import Organisation

from .models import HoursEntry

ZERO = Decimal("0")
APPROVED = Q(status=HoursEntry.Status.APPROVED)


def total_for_volunteer(user) -> Decimal:
    """The person's approved hours, with every organisation."""
    if not user.is_authenticated:
        return ZERO
    total = HoursEntry.objects.approved().filter(volunteer=user).aggregate(total=Sum("hours"))["total"]
    return total or ZERO


def total_for_organisation(organisation: Organisation) -> Decimal:
    total = HoursEntry.objects.approved().filter(organisation=organisation).aggregate(total=Sum("hours"))["total"]
    return total or ZERO


def total_for_engagement(engagement) -> Decimal:
    """The approved hours logged on one engagement (attendance on its opportunity's shifts included)."""
    total = HoursEntry.objects.approved().filter(engagement=engagement).aggregate(total=Sum("hours"))["total"]
    return total or ZERO


def totals_by_volunteer(organisation: Organisation) -> list[dict]:
    """Per volunteer with `organisation`: approved hours and the number of approved entries, most hours first."""
    rows = (
        HoursEntry.objects.approved()
        .filter(organisation=organisation)
        .values("volunteer_id", "volunteer__name", "volunteer__email")
        .annotate(hours=Sum("hours"), entries=Count("id"))
        .order_by("-hours", "volunteer__name", "volunteer_id")
    )
    return [
        {"name": row["volunteer__name"] or row["volunteer__email"], "hours": row["hours"], "entries": row["entries"]}
        for row in rows
    ]


def totals_by_opportunity(organisation: Organisation) -> list[dict]:
    """Per opportunity of `organisation`: approved hours and how many volunteers gave them, most hours first."""
    rows = (
        HoursEntry.objects.approved()
        .filter(organisation=organisation)
        .values("opportunity_id", "opportunity__title", "opportunity__language")
        .annotate(hours=Sum("hours"), volunteers=Count("volunteer", distinct=True))
        .order_by("-hours", "opportunity__title", "opportunity_id")
    )
    return [
        {"title": row["opportunity__title"], "language": row["opportunity__language"], "hours": row["hours"],
         "volunteers": row["volunteers"]}
        for row in rows
    ]


def totals_by_status_for_volunteer(user) -> dict[str, Decimal]:
    """The person's hours by status (approved, pending, rejected), one query."""
    rows = HoursEntry.objects.filter(volunteer=user).values("status").annotate(hours=Sum("hours")).order_by()
    return {row["status"]: row["hours"] for row in rows}


def certificate_items(user) -> list[dict]:
    """What a certificate lists: per organisation and role (opportunity), the period of approved hours (first and
    last date) and their sum. Oldest period first. One query."""
    rows = (
        HoursEntry.objects.approved()
        .filter(volunteer=user)
        .values("organisation_id", "organisation__name", "opportunity_id", "opportunity__title",
                "opportunity__language")
        .annotate(first=Min("date"), last=Max("date"), hours=Sum("hours"))
        .order_by("first", "organisation__name", "opportunity__title")
    )
    return [
        {
            "organisation": row["organisation__name"],
            "role": row["opportunity__title"],
            "role_language": row["opportunity__language"],
            "first": row["first"],
            "last": row["last"],
            "hours": row["hours"],
        }
        for row in rows
    ]
