"""Reminders about 24 hours before a shift, through the every-15-minutes command: never twice, and the same run
lapses holds that have run out."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from frivillig.shifts.models import SignUp
from tests.opportunity_fixtures import build_opportunities
from tests.signup_fixtures import guest_signup, shift_for, user_signup


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opportunities(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def run(django_capture_on_commit_callbacks) -> str:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders", stdout=out)
    return out.getvalue()


def test_the_command_reminds_once_and_only_shifts_within_a_day(cast, opportunities, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    tomorrow = shift_for(opportunities.published_a, days=1, hour=0)
    # within 24 hours whatever the time of the run: move it to 20 hours from now
    type(tomorrow).objects.filter(pk=tomorrow.pk).update(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=timezone.now() + timedelta(hours=22))
    later = shift_for(opportunities.published_a, days=5)
    user_signup(tomorrow, cast.users["ane"])
    user_signup(later, cast.users["bo"])
    waiting = guest_signup(tomorrow, email="uden-bekraeftelse@example.org")  # held, not confirmed: no reminder
    assert waiting.status == SignUp.Status.HELD
    mailoutbox.clear()
    assert "Enqueued send_shift_reminders" in run(django_capture_on_commit_callbacks)
    assert [mail.to for mail in mailoutbox] == [[cast.users["ane"].email]]
    run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1, "never twice"


def test_the_command_lapses_expired_holds(opportunities, mailoutbox, django_capture_on_commit_callbacks):
    shift = shift_for(opportunities.published_a, capacity=1, days=5)
    held = guest_signup(shift, email="holdt@example.org", now=timezone.now() - timedelta(hours=25))
    waiting = guest_signup(shift, email="venter@example.org", confirm=True, now=timezone.now() - timedelta(hours=24))
    assert waiting.status == SignUp.Status.WAITLISTED
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders", "--now", stdout=out)
    assert "Holds lapsed: 1." in out.getvalue()
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.status == SignUp.Status.LAPSED and waiting.status == SignUp.Status.CONFIRMED
