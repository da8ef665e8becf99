"""A weekly pattern makes its shifts at the same local time across the change from summer time."""

from datetime import UTC, date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.shifts import services
from frivillig.shifts.models import Shift, ShiftSeries
from tests.opportunity_fixtures import build_opportunities


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def opportunity(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities.published_a


def url(opportunity, name="weekly_pattern", slug=None):
    return reverse(f"shifts:{name}", kwargs={"slug": slug or opportunity.organisation.slug, "pk": opportunity.pk})


def pattern(**changes) -> dict:
    # Thursdays 18:00-20:00 around the end of summer time on Sunday 31 October 2027.
    data = {"weekdays": ["4"], "start_time": "18:00", "end_time": "20:00", "first_date": "2027-10-14",
            "last_date": "2027-11-04", "capacity": "6", "place": "Klubhuset", "note": ""}
    return data | changes


def test_every_shift_starts_at_18_local_across_the_dst_change(client_for, opportunity):
    response = client_for("erik").post(url(opportunity), pattern())
    assert response.status_code == 302
    assert response["Location"] == url(opportunity, "opportunity_shifts")
    shifts = list(Shift.objects.filter(opportunity=opportunity).order_by("starts_at"))
    local = [timezone.localtime(shift.starts_at) for shift in shifts]
    assert [moment.date() for moment in local] == [date(2027, 10, 14), date(2027, 10, 21), date(2027, 10, 28),
                                                   date(2027, 11, 4)]
    assert {moment.time() for moment in local} == {time(18)}
    assert {timezone.localtime(shift.ends_at).time() for shift in shifts} == {time(20)}
    assert [moment.utcoffset() for moment in local] == [timedelta(hours=2)] * 3 + [timedelta(hours=1)]
    assert [shift.starts_at.astimezone(UTC).hour for shift in shifts] == [16, 16, 16, 17]
    assert {shift.capacity for shift in shifts} == {6}
    assert ShiftSeries.objects.get().shifts.count() == 4
    page = client_for("erik").get(response["Location"]).content.decode()
    assert "4 shifts have been added." in page


def test_the_service_keeps_local_time_on_the_issues_dates(opportunity, cast):
    """The issue's example: Thursdays 18:00-20:00 from 15 October to 5 November 2026 (summer time ends 25 Oct)."""
    shifts = services.shifts_create_weekly(
        opportunity=opportunity, weekdays=[4], start_time=time(18), end_time=time(20), first_date=date(2026, 10, 15),
        last_date=date(2026, 11, 5), capacity=2, actor=cast.users["bo"],
    )
    local = [timezone.localtime(shift.starts_at) for shift in shifts]
    assert {moment.time() for moment in local} == {time(18)}
    assert [moment.utcoffset().total_seconds() / 3600 for moment in local] == [2, 2, 1, 1]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekdays": []}, "weekdays"),
        ({"end_time": "17:00"}, "end_time"),
        ({"last_date": "2027-10-01"}, "last_date"),
        ({"first_date": "2020-01-02", "last_date": "2020-01-30"}, "first_date"),
        ({"weekdays": ["6"], "last_date": "2027-10-15"}, "weekdays"),  # no Saturday between Thu 14 and Fri 15
        ({"last_date": "2035-01-01", "weekdays": ["1", "2", "3", "4", "5", "6", "7"]}, "last_date"),  # too many
        ({"capacity": "0"}, "capacity"),
    ],
)
def test_a_bad_pattern_is_shown_again_with_the_error(client_for, opportunity, changes, field):
    response = client_for("bo").post(url(opportunity), pattern(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Klubhuset"' in response.content.decode()
    assert not Shift.objects.exists()


def test_outsiders_get_404_and_visitors_sign_in(client, client_for, cast, opportunity):
    assert client.get(url(opportunity))["Location"].startswith(reverse("account_login"))
    carl = client_for("carl")
    assert carl.get(url(opportunity)).status_code == 404
    assert carl.post(url(opportunity, slug=cast["B"].slug), pattern()).status_code == 404
    assert not Shift.objects.exists()
