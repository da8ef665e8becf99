"""Working days (Monday to Friday, minus Danish public holidays) and the reminder that waits for 5 of them."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from frivillig.applications import services
from frivillig.applications.models import Application
from frivillig.applications.workdays import add_working_days, is_working_day, working_days_between
from tests.opportunity_fixtures import build_opportunities


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 1), True),  # the Wednesday before Easter
        (date(2026, 4, 2), False),  # Skærtorsdag
        (date(2026, 4, 3), False),  # Langfredag
        (date(2026, 4, 4), False),  # a Saturday
        (date(2026, 4, 5), False),  # Påskedag, a Sunday
        (date(2026, 4, 6), False),  # 2. påskedag
        (date(2026, 4, 7), True),
        (date(2023, 5, 5), False),  # Store Bededag, still a holiday in 2023
        (date(2024, 4, 26), True),  # no longer one from 2024
        (date(2026, 5, 14), False),  # Kristi himmelfartsdag
        (date(2026, 5, 25), False),  # 2. pinsedag
        (date(2026, 6, 5), True),  # Grundlovsdag is not a public holiday
        (date(2026, 12, 24), True),  # nor is juleaften
        (date(2026, 12, 25), False),
        (date(2027, 1, 1), False),
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_counting_across_easter():
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 8)) == 2  # the 7th and the 8th
    assert working_days_between(date(2026, 4, 8), date(2026, 4, 1)) == 0
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 3, 31), 5) == date(2026, 4, 10)


def test_counting_an_ordinary_week():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5  # Friday to Friday
    assert add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)


def test_the_reminder_waits_for_5_working_days_over_easter(cast):
    """Submitted on Tuesday 31 March 2026: without Easter the 5th working day would be 7 April; it is 10 April."""
    opportunities = build_opportunities(cast)
    data = {"name": "Ane", "phone": "", "birth_year": 1990, "message": ""}
    application = services.application_create(opportunity=opportunities.published_a, data=data,
                                              user=cast.users["ane"])
    submitted = timezone.make_aware(datetime(2026, 3, 31, 10, 0))
    Application.objects.filter(pk=application.pk).update(submitted_at=submitted)

    def due(day: date) -> list:
        return services.applications_due_reminder(now=timezone.make_aware(datetime.combine(day, datetime.min.time()))
                                                  + timedelta(hours=12))

    assert due(date(2026, 4, 7)) == []
    assert due(date(2026, 4, 9)) == []
    assert due(date(2026, 4, 10)) == [application]
