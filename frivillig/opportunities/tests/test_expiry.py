"""Opportunities expire by themselves the day after their end date or application deadline."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.services import opportunities_expire
from frivillig.opportunities.tasks import expire_opportunities_task

Status = Opportunity.Status
TODAY = date(2026, 6, 15)


def make(cast, status=Status.PUBLISHED, **dates) -> Opportunity:
    return Opportunity.objects.create(
        organisation=cast["A"], title="Festivalfrivillig", summary="Hjælp til", description="…", status=status, **dates
    )


def status_of(opportunity) -> str:
    opportunity.refresh_from_db()
    return opportunity.status


@pytest.mark.parametrize("field", ["end_date", "application_deadline"])
def test_expires_the_day_after_the_date(cast, field):
    yesterday = make(cast, **{field: TODAY - timedelta(days=1)})
    today = make(cast, **{field: TODAY})
    assert opportunities_expire(today=TODAY) == 1
    assert status_of(yesterday) == Status.EXPIRED
    assert status_of(today) == Status.PUBLISHED


def test_not_before_the_date_has_passed(cast):
    tomorrow = make(cast, end_date=TODAY + timedelta(days=1), application_deadline=TODAY)
    assert opportunities_expire(today=TODAY) == 0
    assert status_of(tomorrow) == Status.PUBLISHED


def test_an_open_ended_opportunity_never_expires(cast):
    ongoing = make(cast)
    assert opportunities_expire(today=date(2100, 1, 1)) == 0
    assert status_of(ongoing) == Status.PUBLISHED


def test_paused_ones_expire_too_but_not_drafts_or_closed(cast):
    passed = {"end_date": TODAY - timedelta(days=30)}
    paused = make(cast, status=Status.PAUSED, **passed)
    draft = make(cast, status=Status.DRAFT, **passed)
    closed = make(cast, status=Status.CLOSED, **passed)
    assert opportunities_expire(today=TODAY) == 1
    assert status_of(paused) == Status.EXPIRED
    assert status_of(draft) == Status.DRAFT
    assert status_of(closed) == Status.CLOSED


def test_an_expired_opportunity_is_no_longer_public(cast):
    make(cast, application_deadline=TODAY - timedelta(days=1))
    opportunities_expire(today=TODAY)
    assert not Opportunity.objects.published().exists()


def test_the_default_is_today(cast):
    passed = make(cast, end_date=timezone.localdate() - timedelta(days=1))
    assert opportunities_expire() == 1
    assert status_of(passed) == Status.EXPIRED


def test_the_task_expires_and_counts(cast):
    passed = make(cast, end_date=timezone.localdate() - timedelta(days=1))
    assert expire_opportunities_task.call() == 1
    assert status_of(passed) == Status.EXPIRED


def test_the_command_enqueues_the_task(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    passed = make(cast, end_date=timezone.localdate() - timedelta(days=1))
    out = StringIO()
    call_command("expire_opportunities", stdout=out)
    assert "Enqueued the expiry task" in out.getvalue()
    assert status_of(passed) == Status.EXPIRED


def test_the_command_waits_for_the_worker(cast, settings):
    """With the database backend the task only runs in `db_worker`: nothing changes yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    passed = make(cast, end_date=timezone.localdate() - timedelta(days=1))
    call_command("expire_opportunities", stdout=StringIO())
    assert status_of(passed) == Status.PUBLISHED


def test_the_command_can_run_now(cast):
    passed = make(cast, end_date=timezone.localdate() - timedelta(days=1))
    out = StringIO()
    call_command("expire_opportunities", "--now", stdout=out)
    assert out.getvalue().strip() == "Opportunities expired: 1."
    assert status_of(passed) == Status.EXPIRED
