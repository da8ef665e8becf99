"""The demo's hours (frivillig/hours/demo.py, loaded by seed_demo): attendance on past shifts, hours logged on the
accepted engagements and decided by the organisations, ane's approved hours and certificate, the thank-yous."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db.models import F, Sum
from django.utils import timezone

from frivillig.applications.models import Engagement
from frivillig.hours import demo, selectors, services
from frivillig.hours.models import HoursEntry, ThankYou
from frivillig.organisations.models import Membership
from frivillig.shifts.models import SignUp

pytestmark = pytest.mark.django_db

Status = HoursEntry.Status
ANE = "ane@example.org"


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    from frivillig.core.tests.seeding import seeded_demo

    with seeded_demo(django_db_blocker) as output:
        yield output


@pytest.mark.usefixtures("seeded_once")
class TestTheDemoHours:
    """Checks of one seeded demo (frivillig/core/tests/seeding.py); each test's changes are rolled back."""

    def test_ane_has_at_least_twelve_approved_hours_and_some_waiting(self):
        ane = HoursEntry.objects.filter(volunteer__email=ANE)
        assert selectors.total_for_volunteer(ane.first().volunteer) >= 12
        engagement = Engagement.objects.get(volunteer__email=ANE)
        on_engagement = ane.filter(engagement=engagement, signup__isnull=True)
        assert on_engagement.filter(status=Status.APPROVED).exists()
        assert on_engagement.filter(status=Status.PENDING).exists()
        assert ane.filter(signup__isnull=False, status=Status.APPROVED).count() >= 3
        assert not ane.filter(status=Status.REJECTED).exists()

    def test_ane_can_get_a_certificate_with_content(self):
        ane = Engagement.objects.get(volunteer__email=ANE).volunteer
        content = services.certificate_content(volunteer=ane, language="da")
        assert {item["organisation"] for item in content["items"]} >= {"Plejecenter Akaciegården"}
        assert Decimal(content["total"]) >= 12
        certificate = services.certificate_issue(volunteer=ane, language="en")
        assert certificate.content["items"]

    def test_every_status_with_decisions_by_the_organisations_members(self):
        assert set(HoursEntry.objects.values_list("status", flat=True)) == set(Status.values)
        decided = HoursEntry.objects.exclude(status=Status.PENDING)
        members = set(Membership.objects.values_list("organisation_id", "user_id"))
        for organisation_id, decider_id in decided.values_list("organisation_id", "decided_by_id"):
            assert (organisation_id, decider_id) in members
        assert not decided.filter(decided_at__isnull=True).exists()
        assert not HoursEntry.objects.filter(status=Status.PENDING, decided_at__isnull=False).exists()
        assert not HoursEntry.objects.filter(status=Status.REJECTED, reject_reason="").exists()

    def test_logged_hours_are_on_the_volunteers_own_engagements_and_in_the_past(self):
        today = timezone.localdate()
        logged = HoursEntry.objects.filter(signup__isnull=True)
        assert logged.count() >= 100
        assert not logged.filter(engagement__isnull=True).exists()
        assert not logged.exclude(engagement__volunteer_id=F("volunteer_id")).exists()
        assert not logged.exclude(organisation_id=F("engagement__organisation_id")).exists()
        assert not logged.filter(date__lt=F("engagement__start_date")).exists()
        assert not HoursEntry.objects.filter(date__gte=today).exists()
        assert not logged.filter(status=Status.PENDING, date__lt=today - demo.APPROVED_AFTER).exists()
        assert not HoursEntry.objects.filter(decided_at__gt=timezone.now()).exists()
        assert HoursEntry.objects.values("organisation").distinct().count() >= 10

    def test_attendance_gave_hours_to_those_who_came(self):
        marked = SignUp.objects.exclude(attendance="").select_related("shift")
        attended = marked.filter(attendance=SignUp.Attendance.ATTENDED, user__isnull=False,
                                 shift__opportunity__isnull=False)
        assert attended.count() >= 20
        for signup in attended:
            entry = HoursEntry.objects.get(signup=signup)
            assert entry.status == Status.APPROVED
            assert entry.hours == services.shift_hours(signup.shift)
            assert entry.date == timezone.localdate(signup.shift.starts_at)
        assert not HoursEntry.objects.filter(signup__attendance=SignUp.Attendance.NO_SHOW).exists()
        assert not HoursEntry.objects.filter(signup__user__isnull=True, signup__isnull=False).exists()

    def test_thank_yous_for_the_thresholds_reached(self):
        totals = HoursEntry.objects.approved().values("volunteer").annotate(total=Sum("hours"))
        reached = {row["volunteer"] for row in totals if row["total"] >= 10}
        assert reached
        assert set(ThankYou.objects.filter(threshold=10).values_list("volunteer", flat=True)) == reached
        assert not ThankYou.objects.filter(sent_at__gt=timezone.now()).exists()


def test_the_plan_depends_on_the_engagement_and_the_day():
    volunteer = SimpleNamespace(email="mette.jensen@example.org")
    engagement = SimpleNamespace(
        volunteer=volunteer, organisation=SimpleNamespace(slug="eksempel"),
        opportunity=SimpleNamespace(title="Besøgsven", hours_per_week=Decimal("2")), start_date=date(2026, 1, 5),
    )
    first = demo.plan_for(engagement, date(2026, 3, 1))
    again = demo.plan_for(engagement, date(2026, 3, 1))
    assert first == again
    later = demo.plan_for(engagement, date(2026, 6, 1))
    assert [(item.day, item.hours, item.note) for item in later[: len(first)]] == [
        (item.day, item.hours, item.note) for item in first
    ]
    assert len(later) <= demo.MAX_WEEKS
    assert all(Decimal("0.5") <= item.hours <= Decimal("12") for item in later)
    assert {item.decision for item in first if item.day > date(2026, 3, 1) - timedelta(days=14)} <= {""}


def test_ane_logs_every_week_and_is_never_rejected():
    engagement = SimpleNamespace(
        volunteer=SimpleNamespace(email=ANE), organisation=SimpleNamespace(slug="plejecenter-akaciegaarden"),
        opportunity=SimpleNamespace(title="Besøgsven for beboere i aflastningsafdelingen", hours_per_week=2),
        start_date=date(2026, 9, 27),
    )
    plan = demo.plan_for(engagement, date(2026, 11, 27))
    assert len(plan) == demo.MAX_WEEKS
    assert {item.decision for item in plan} == {"approve", ""}
    assert sum(item.hours for item in plan if item.decision == "approve") >= 12
