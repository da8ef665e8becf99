"""The organisation's answer figures: median time to first answer and answer rate over the last 12 months.

Computed here and stored in ResponseFigures (pre-computed, see its docstring); pages only read the stored row.
"""

from datetime import timedelta
from statistics import median

from django.utils import timezone

from frivillig.organisations.models import Organisation

from .models import Application, ResponseFigures
from .workdays import working_days_between

WINDOW = timedelta(days=365)
DUE_AFTER_WORKING_DAYS = 5


def compute_response_figures(organisation_id: int, now=None) -> dict:
    """Count the applications submitted in the last 12 months that were due an answer, and how fast it came.

    An application is due an answer once it has been answered, or has waited 5 working days. One withdrawn by
    the applicant before any answer does not count: there was nothing left to answer.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = Application.objects.filter(
        organisation_id=organisation_id, submitted_at__gte=now - WINDOW, submitted_at__isnull=False
    ).values_list("submitted_at", "first_response_at", "status")
    due = 0
    hours = []
    for submitted_at, first_response_at, status in rows.iterator(chunk_size=2000):
        if first_response_at is not None:
            due += 1
            hours.append((first_response_at - submitted_at).total_seconds() / 3600)
        elif status == Application.Status.WITHDRAWN:
            continue
        elif working_days_between(timezone.localdate(submitted_at), today) >= DUE_AFTER_WORKING_DAYS:
            due += 1
    return {
        "applications": due,
        "answered": len(hours),
        "median_response_hours": median(hours) if hours else None,
        "computed_at": now,
    }


def refresh_response_figures(organisation_id: int, now=None) -> ResponseFigures:
    figures, _created = ResponseFigures.objects.update_or_create(
        organisation_id=organisation_id, defaults=compute_response_figures(organisation_id, now)
    )
    return figures


def refresh_all_response_figures(now=None) -> int:
    """The nightly pass: every organisation with applications in the window, and any with stale figures."""
    now = now or timezone.now()
    with_applications = set(
        Application.objects.filter(submitted_at__gte=now - WINDOW).values_list("organisation_id", flat=True).distinct()
    )
    with_figures = set(ResponseFigures.objects.values_list("organisation_id", flat=True))
    ids = with_applications | with_figures
    for organisation_id in Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True):
        refresh_response_figures(organisation_id, now)
    return len(ids)


def response_figures_for(organisation: Organisation) -> ResponseFigures | None:
    """The stored figures, when there are enough applications to show them."""
    figures = ResponseFigures.objects.filter(organisation=organisation).first()
    return figures if figures is not None and figures.is_shown else None
