"""The demo's shifts, sign-ups and events (frivillig/shifts/demo.py, loaded by seed_demo): eight weeks ahead and
four behind, every sign-up status, full shifts with waitlists, the cast's stories, the next Frivillig Fredag, and
idempotent runs, also on the next day."""

import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.core import demo_data
from frivillig.core.cast import PEOPLE, email_for
from frivillig.core.models import AuditLog
from frivillig.core.tests.seeding import seeded_demo
from frivillig.hours.models import HoursEntry, ThankYou
from frivillig.organisations.models import Membership
from frivillig.shifts import demo
from frivillig.shifts.models import Event, Shift, ShiftSeries, SignUp

pytestmark = pytest.mark.django_db

Status = SignUp.Status
ANE = "ane@example.org"


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker) as output:
        yield output


def demo_users() -> dict:
    keys = [*PEOPLE, *demo_data.PEOPLE]
    by_email = {user.email: user for user in User.objects.filter(email__in=[email_for(key) for key in keys])}
    return {key: by_email[email_for(key)] for key in keys}


def row_counts() -> tuple:
    return tuple(model.objects.count() for model in (Shift, ShiftSeries, SignUp, Event, HoursEntry, ThankYou, AuditLog))


@pytest.mark.usefixtures("seeded_once")
class TestTheDemoShifts:
    """Checks of one seeded demo (frivillig/core/tests/seeding.py); each test's changes are rolled back."""

    def test_shifts_on_at_least_eight_opportunities_from_four_weeks_back_to_eight_ahead(self):
        today = timezone.localdate()
        shifts = Shift.objects.filter(opportunity__isnull=False)
        assert shifts.values("opportunity").distinct().count() >= 8
        dates = {timezone.localdate(shift.starts_at) for shift in shifts}
        assert min(dates) >= today - timedelta(weeks=4)
        assert max(dates) <= today + timedelta(weeks=8)
        assert max(dates) >= today + timedelta(weeks=7)
        assert min(dates) <= today - timedelta(weeks=3)
        assert set(shifts.values_list("capacity", flat=True)) <= set(range(2, 13))
        assert not any((day.month, day.day) in demo.HOLIDAYS for day in dates)
        assert shifts.filter(series__isnull=True).exists()  # one-offs

    def test_weekly_shifts_keep_their_local_time(self):
        for series in ShiftSeries.objects.prefetch_related("shifts"):
            times = {timezone.localtime(shift.starts_at).time() for shift in series.shifts.all()}
            assert times == {series.start_time}, series
            weekdays = {timezone.localtime(shift.starts_at).isoweekday() for shift in series.shifts.all()}
            assert weekdays <= {int(day) for day in series.weekdays.split(",")}, series

    def test_every_signup_status_and_full_shifts_with_a_waitlist(self):
        statuses = dict(SignUp.objects.values_list("status").annotate(n=Count("id")))
        assert set(statuses) == set(Status.values)
        upcoming = Shift.objects.upcoming().with_counts()
        full = [shift for shift in upcoming if shift.waitlist_count]
        assert len(full) >= 2
        assert all(shift.confirmed_count == shift.capacity for shift in full)
        assert SignUp.objects.filter(promoted_at__isnull=False, status=Status.CONFIRMED).exists()
        assert SignUp.objects.filter(user__isnull=True, status=Status.CONFIRMED).exists()
        assert SignUp.objects.filter(user__isnull=True, status=Status.HELD, hold_expires_at__gt=timezone.now()).exists()

    def test_no_shift_holds_more_than_its_places(self):
        for shift in Shift.objects.with_counts():
            assert shift.confirmed_count <= shift.capacity, shift
        assert not SignUp.objects.filter(status=Status.HELD, hold_expires_at__isnull=True).exists()

    def test_sign_ups_came_before_the_shift_and_after_it_was_made(self):
        signups = SignUp.objects.select_related("shift")
        for signup in signups:
            assert signup.created_at < signup.shift.starts_at, signup
            assert signup.created_at >= signup.shift.created_at, signup
            assert signup.created_at <= timezone.now()

    def test_ane_has_upcoming_shifts_confirmed_and_waitlisted_and_past_ones(self):
        now = timezone.now()
        ane = SignUp.objects.filter(email=ANE, shift__opportunity__isnull=False)
        upcoming = ane.filter(shift__starts_at__gt=now)
        assert upcoming.filter(status=Status.CONFIRMED, shift__organisation__slug=demo.U).exists()
        waiting = upcoming.get(status=Status.WAITLISTED)
        assert waiting.shift.organisation.slug == demo.A
        assert waiting.shift.places_left == 0
        assert 2 <= upcoming.count() <= 3
        past = ane.filter(shift__ends_at__lt=now)
        assert past.filter(status=Status.CONFIRMED, attendance=SignUp.Attendance.ATTENDED).count() >= 3
        assert all(signup.user_id for signup in ane)

    def test_past_shifts_have_attendance_but_the_latest_are_left_to_mark(self):
        now = timezone.now()
        marked = SignUp.objects.exclude(attendance="")
        assert marked.filter(attendance=SignUp.Attendance.ATTENDED).count() >= 20
        assert marked.filter(attendance=SignUp.Attendance.NO_SHOW).exists()
        assert not marked.exclude(status=Status.CONFIRMED).exists()
        assert not marked.filter(shift__starts_at__gt=now).exists()
        assert not marked.filter(shift__ends_at__gt=now - demo.ATTENDANCE_LEFT_OPEN).exists()
        recent = SignUp.objects.filter(
            shift__ends_at__gt=now - demo.ATTENDANCE_LEFT_OPEN, shift__starts_at__lt=now, status=Status.CONFIRMED
        )
        assert recent.exists()

    def test_the_events_with_registration_and_sign_ups(self):
        events = Event.objects.select_related("registration", "organisation", "created_by")
        assert set(events.values_list("kind", flat=True)) >= {
            Event.Kind.NETWORK, Event.Kind.COURSE, Event.Kind.GRANT_INFO, Event.Kind.FRIVILLIG_FREDAG,
            Event.Kind.OPEN_DAY,
        }
        for event in events:
            registration = event.registration
            assert registration.starts_at > timezone.now(), event
            assert 0 < registration.signups.holding().count() <= registration.capacity, event
            assert Membership.objects.filter(organisation=event.organisation, user=event.created_by,
                                             role="admin").exists(), event
        team = events.filter(organisation__slug=demo.TEAM)
        assert team.count() >= 4
        assert set(team.values_list("created_by__email", flat=True)) == {"dorte@example.org"}
        network = team.get(kind=Event.Kind.NETWORK)
        assert "Frederiksberg Rådhus" in network.registration.place
        assert events.filter(kind=Event.Kind.COURSE, title="Førstehjælp for frivillige").exists()
        assert events.filter(kind=Event.Kind.GRANT_INFO, title__contains="§18").exists()
        assert events.filter(language="en").exists()

    def test_the_next_frivillig_fredag_is_on_the_last_friday_of_september(self):
        today = timezone.localdate()

        def last_friday(year: int) -> date:
            return next(date(year, 9, day) for day in range(30, 23, -1) if date(year, 9, day).weekday() == 4)

        expected = last_friday(today.year) if last_friday(today.year) >= today else last_friday(today.year + 1)
        event = Event.objects.select_related("registration").get(kind=Event.Kind.FRIVILLIG_FREDAG)
        assert timezone.localdate(event.registration.starts_at) == expected
        assert event.organisation.slug == demo.TEAM
        assert event.registration.signups.filter(email=ANE, status=Status.CONFIRMED).exists()

    def test_the_services_audited_the_shifts_and_events(self):
        assert AuditLog.objects.filter(action="shift.create_weekly").count() == ShiftSeries.objects.count()
        assert AuditLog.objects.filter(action="event.create").count() == Event.objects.count()
        assert not AuditLog.objects.filter(created_at__gt=timezone.now()).exists()

    def test_a_second_run_creates_nothing_new(self):
        before = row_counts()
        out = StringIO()
        call_command("seed_demo", stdout=out)
        assert row_counts() == before
        output = out.getvalue()
        for step in ("Vagter:", "Arrangementer:", "Tilmeldinger:", "Timer:"):
            assert "(0 nye)" in output.split(step)[1].splitlines()[0], step

    def test_a_run_the_next_day_only_adds_the_day_that_came_into_view(self):
        before = {shift.pk: (shift.starts_at, shift.capacity) for shift in Shift.objects.all()}
        signups = set(SignUp.objects.values_list("pk", "status"))
        events = Event.objects.count()
        tomorrow = timezone.now() + timedelta(days=1)
        outcome = demo.create_demo_shifts(demo_users(), now=tomorrow)
        after = {shift.pk: (shift.starts_at, shift.capacity) for shift in Shift.objects.all()}
        assert {pk: after[pk] for pk in before} == before
        new = Shift.objects.exclude(pk__in=before)
        last_day = timezone.localdate(tomorrow) + timedelta(weeks=8)
        assert {timezone.localdate(shift.starts_at) for shift in new.filter(event__isnull=True)} <= {last_day}
        assert outcome.new_shifts == new.filter(event__isnull=True).count()
        assert set(SignUp.objects.filter(pk__in=[pk for pk, _status in signups]).values_list("pk", "status")) >= {
            pair for pair in signups if pair[1] != Status.HELD
        }
        if timezone.localdate(tomorrow).month == timezone.localdate().month:
            assert Event.objects.count() == events

    def test_a_deleted_shift_comes_back_but_a_moved_one_stays(self):
        shift = Shift.objects.filter(series__isnull=False, starts_at__gt=timezone.now()).first()
        key = demo.shift_key(shift)
        shift.delete()
        moved = Shift.objects.filter(series__isnull=False, starts_at__gt=timezone.now()).last()
        moved.starts_at += timedelta(hours=1)
        moved.ends_at += timedelta(hours=1)
        moved.save()
        call_command("seed_demo", stdout=StringIO())
        assert [s for s in Shift.objects.filter(opportunity_id=key[0]) if demo.shift_key(s) == key]
        assert Shift.objects.get(pk=moved.pk).starts_at == moved.starts_at


# --- the date rules ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 10), date(2026, 9, 25)),
        (date(2026, 9, 25), date(2026, 9, 25)),
        (date(2026, 9, 26), date(2027, 9, 24)),
        (date(2027, 11, 27), date(2028, 9, 29)),
    ],
)
def test_frivillig_fredag_is_the_next_last_friday_of_september(today, expected):
    assert demo.frivillig_fredag(today) == expected


def test_nth_weekday_and_months_ahead_skip_christmas():
    assert demo.nth_weekday(2026, 12, 2, 2) == date(2026, 12, 8)  # second Tuesday
    assert demo.nth_weekday(2026, 12, 5, -1) == date(2026, 12, 25)  # last Friday
    assert demo.nth_weekday(2026, 2, 6, -1) == date(2026, 2, 28)
    assert demo.in_months(date(2026, 11, 27), 1, 5, 4) == date(2026, 12, 25) + timedelta(days=7)
    assert demo.in_months(date(2026, 12, 5), 1, 3, 1) == date(2027, 1, 6)
    assert demo.in_months(date(2026, 11, 5), 2, 3, 1) == date(2027, 1, 6)


def test_runs_split_where_a_date_is_not_wanted():
    days = [date(2026, 12, day) for day in (3, 10, 17, 24, 31)]
    wanted = {date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 31)}
    assert demo.runs(days, wanted.__contains__) == [days[:2], days[4:]]
    assert demo.runs(days, lambda day: False) == []


def test_the_crowd_of_a_shift_is_the_same_every_time():
    pool = list(demo_data.PEOPLE)
    first = demo.crowd(random.Random("x"), 6, pool, english=False)
    again = demo.crowd(random.Random("x"), 6, pool, english=False)
    assert first == again
    assert len({(person.key, person.email) for person in first}) == len(first) == 6
    assert all(person.email.endswith("@example.org") for person in first if not person.key)

