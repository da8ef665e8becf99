"""Reminders of applications left unanswered for 5 working days, and the periodic jobs' commands."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import VolunteerProfile
from frivillig.applications import services
from frivillig.applications.models import Application
from frivillig.opportunities.models import Opportunity

Status = Application.Status
CPH = ZoneInfo("Europe/Copenhagen")
# Thursday 26 March 2026, a week before Easter: Skærtorsdag (2 April), Langfredag (3 April) and 2. påskedag
# (6 April) are holidays, so the 5th working day after it is Tuesday 7 April (without them: Thursday 2 April).
SUBMITTED = datetime(2026, 3, 26, 14, 30, tzinfo=CPH)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opportunity(cast):
    """A published post of A (bo admin, erik editor)."""
    return Opportunity.objects.create(
        organisation=cast["A"], title="Besøgsven", summary="Kaffe og selskab.", description="Du besøger en ældre.",
        status=Opportunity.Status.PUBLISHED,
    )


def apply(opportunity, *, name="Lise Lund", submitted=SUBMITTED, **fields) -> Application:
    return Application.objects.create(
        opportunity=opportunity,
        organisation=opportunity.organisation,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        birth_year=1990,
        status=Status.NEW,
        email_confirmed_at=submitted,
        submitted_at=submitted,
        **fields,
    )


def remind(django_capture_on_commit_callbacks, day: int, hour: int = 8) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return services.applications_send_reminders(now=datetime(2026, 4, day, hour, 0, tzinfo=CPH))


def test_the_reminder_waits_five_working_days_past_the_easter_holidays(
    opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(opportunity)
    for day in (2, 3, 6):  # would be due on the 2nd without the holidays
        assert remind(django_capture_on_commit_callbacks, day, hour=23) == 0, f"reminded on {day} April"
    assert mailoutbox == []
    assert remind(django_capture_on_commit_callbacks, 7) == 1
    application.refresh_from_db()
    assert application.reminder_sent_at == datetime(2026, 4, 7, 8, 0, tzinfo=CPH)
    assert sorted(message.to[0] for message in mailoutbox) == ["bo@example.org", "erik@example.org"]


def test_an_application_is_reminded_of_only_once(opportunity, mailoutbox, django_capture_on_commit_callbacks):
    apply(opportunity)
    assert remind(django_capture_on_commit_callbacks, 7) == 1
    sent = len(mailoutbox)
    assert remind(django_capture_on_commit_callbacks, 8) == 0
    assert remind(django_capture_on_commit_callbacks, 20) == 0
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("status", [Status.IN_DIALOGUE, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN])
def test_answered_or_withdrawn_applications_are_never_reminded_of(
    opportunity, mailoutbox, django_capture_on_commit_callbacks, status
):
    answered = SUBMITTED + timedelta(days=1) if status != Status.WITHDRAWN else None
    application = apply(opportunity)
    Application.objects.filter(pk=application.pk).update(status=status, first_response_at=answered)
    assert remind(django_capture_on_commit_callbacks, 20) == 0
    assert mailoutbox == []


def test_a_new_application_answered_once_is_not_reminded_of(
    opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    """Even back at "new" (it cannot go back today, but the first answer is what counts)."""
    apply(opportunity, first_response_at=SUBMITTED + timedelta(hours=2))
    assert remind(django_capture_on_commit_callbacks, 20) == 0


def test_applications_not_yet_submitted_are_never_reminded_of(
    opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(opportunity)
    Application.objects.filter(pk=application.pk).update(status=Status.UNCONFIRMED, submitted_at=None)
    assert remind(django_capture_on_commit_callbacks, 20) == 0


def test_one_mail_per_member_in_their_language_listing_every_application_due(
    cast, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    VolunteerProfile.objects.filter(user=cast.users["erik"]).update(preferred_language="en")
    apply(opportunity, name="Lise Lund")
    apply(opportunity, name="Mads Møller", submitted=SUBMITTED - timedelta(days=1))
    apply(opportunity, name="Nina Nyborg", submitted=datetime(2026, 4, 6, 9, 0, tzinfo=CPH))  # not due yet
    assert remind(django_capture_on_commit_callbacks, 7) == 2
    assert len(mailoutbox) == 2
    by_recipient = {message.to[0]: message for message in mailoutbox}
    danish, english = by_recipient["bo@example.org"], by_recipient["erik@example.org"]
    for message in (danish, english):
        assert "Lise Lund" in message.body and "Mads Møller" in message.body
        assert "Nina Nyborg" not in message.body
        assert "http://" in message.body or "https://" in message.body
        assert reverse("applications:inbox", kwargs={"slug": cast["A"].slug}) in message.body
    assert "26.03.2026" in danish.body and "Hej" in danish.body  # Danish date format and greeting
    assert "03/26/2026" in english.body and "Hello," in english.body
    assert english.subject == "2 applications are waiting for your answer"


def test_each_organisation_gets_its_own_reminder(cast, opportunity, mailoutbox, django_capture_on_commit_callbacks):
    apply(opportunity)
    other = Opportunity.objects.create(
        organisation=cast["B"], title="Lektiehjælper", summary="Lektier.", description="Matematik.",
        status=Opportunity.Status.PUBLISHED,
    )
    apply(other, name="Ole Olsen")
    assert remind(django_capture_on_commit_callbacks, 7) == 2
    to = {message.to[0]: message.body for message in mailoutbox}
    assert set(to) == {"bo@example.org", "erik@example.org", "carl@example.org"}
    assert "Ole Olsen" in to["carl@example.org"] and "Lise Lund" not in to["carl@example.org"]
    assert "Ole Olsen" not in to["bo@example.org"]


# --- the periodic jobs' commands ---------------------------------------------------------------------------


def test_the_reminder_command_runs_now(opportunity, mailoutbox, django_capture_on_commit_callbacks):
    application = apply(opportunity, submitted=timezone.now() - timedelta(days=30))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_reminders", "--now", stdout=out)
    assert out.getvalue().strip() == "Reminders sent: 1."
    application.refresh_from_db()
    assert application.reminder_sent_at is not None
    assert len(mailoutbox) == 2


def test_the_reminder_command_enqueues_a_task_for_the_worker(settings, opportunity):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    application = apply(opportunity, submitted=timezone.now() - timedelta(days=30))
    out = StringIO()
    call_command("send_application_reminders", stdout=out)
    assert out.getvalue().startswith("Enqueued send_application_reminders")
    application.refresh_from_db()
    assert application.reminder_sent_at is None  # the worker has not run it


def test_the_delete_command_removes_old_unconfirmed_applications(opportunity):
    old, fresh = apply(opportunity, name="Gammel Gæst"), apply(opportunity, name="Ny Gæst")
    submitted = apply(opportunity)
    Application.objects.filter(pk__in=[old.pk, fresh.pk]).update(status=Status.UNCONFIRMED, submitted_at=None)
    Application.objects.filter(pk__in=[old.pk, submitted.pk]).update(created_at=timezone.now() - timedelta(days=8))
    out = StringIO()
    call_command("delete_unconfirmed_applications", "--now", stdout=out)
    assert out.getvalue().strip() == "Applications deleted: 1."
    assert set(Application.objects.values_list("pk", flat=True)) == {fresh.pk, submitted.pk}
