"""The organisation's answer figures: how they are computed, kept up to date, and shown on its public pages."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from frivillig.applications import figures, services
from frivillig.applications.models import Application, ResponseFigures
from frivillig.opportunities.models import Opportunity

Status = Application.Status
CPH = ZoneInfo("Europe/Copenhagen")
# A Monday in June, well clear of holidays.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opportunity(cast):
    """A published post of B, which has no other applications."""
    return Opportunity.objects.create(
        organisation=cast["B"], title="Lektiehjælper", summary="Hjælp med lektier.", description="Matematik.",
        status=Opportunity.Status.PUBLISHED,
    )


def apply(opportunity, *, submitted, answered_after=None, status=None) -> Application:
    """An application submitted at `submitted`, first answered `answered_after` (a timedelta) later, if at all."""
    number = Application.objects.count()
    first_response_at = submitted + answered_after if answered_after is not None else None
    return Application.objects.create(
        opportunity=opportunity,
        organisation=opportunity.organisation,
        name=f"Ansøger {number}",
        email=f"ansoeger{number}@example.org",
        birth_year=1990,
        status=status or (Status.IN_DIALOGUE if answered_after is not None else Status.NEW),
        email_confirmed_at=submitted,
        submitted_at=submitted,
        first_response_at=first_response_at,
    )


def compute(opportunity, now=NOW) -> dict:
    return figures.compute_response_figures(opportunity.organisation_id, now)


# --- computing them ----------------------------------------------------------------------------------------


def test_the_median_time_to_first_answer_and_the_answer_rate(opportunity):
    for hours in (2, 10, 50):
        apply(opportunity, submitted=NOW - timedelta(days=20), answered_after=timedelta(hours=hours))
    apply(opportunity, submitted=NOW - timedelta(days=30))  # never answered, long overdue
    result = compute(opportunity)
    assert (result["applications"], result["answered"], result["median_response_hours"]) == (4, 3, 10)
    assert result["computed_at"] == NOW


def test_only_the_last_12_months_count(opportunity):
    apply(opportunity, submitted=NOW - timedelta(days=364), answered_after=timedelta(hours=4))
    apply(opportunity, submitted=NOW - timedelta(days=366), answered_after=timedelta(hours=400))
    apply(opportunity, submitted=NOW - timedelta(days=400))
    result = compute(opportunity)
    assert (result["applications"], result["answered"], result["median_response_hours"]) == (1, 1, 4)


def test_an_application_withdrawn_before_any_answer_does_not_count(opportunity):
    apply(opportunity, submitted=NOW - timedelta(days=30), status=Status.WITHDRAWN)
    apply(opportunity, submitted=NOW - timedelta(days=30), answered_after=timedelta(hours=6), status=Status.WITHDRAWN)
    result = compute(opportunity)
    assert (result["applications"], result["answered"]) == (1, 1)


def test_an_application_not_yet_due_an_answer_does_not_count(opportunity):
    apply(opportunity, submitted=NOW - timedelta(days=3))  # the Friday before: 1 working day ago
    apply(opportunity, submitted=NOW - timedelta(days=7, hours=1))  # the Monday before: 5 working days
    result = compute(opportunity)
    assert (result["applications"], result["answered"], result["median_response_hours"]) == (1, 0, None)


def test_danish_holidays_are_not_working_days_when_an_answer_falls_due(opportunity):
    """Submitted on Thursday 26 March 2026. Skærtorsdag (2 April), Langfredag (3 April) and 2. påskedag (6 April)
    are holidays, so the 5th working day after it is Tuesday 7 April, not Thursday 2 April."""
    apply(opportunity, submitted=datetime(2026, 3, 26, 10, 0, tzinfo=CPH))
    assert compute(opportunity, now=datetime(2026, 4, 6, 23, 0, tzinfo=CPH))["applications"] == 0
    assert compute(opportunity, now=datetime(2026, 4, 7, 8, 0, tzinfo=CPH))["applications"] == 1


def test_store_bededag_is_a_working_day_since_2024(opportunity):
    """Submitted on Friday 17 April 2026: the 5th working day after is Friday 24 April (Store Bededag until 2023)."""
    apply(opportunity, submitted=datetime(2026, 4, 17, 10, 0, tzinfo=CPH))
    assert compute(opportunity, now=datetime(2026, 4, 23, 23, 0, tzinfo=CPH))["applications"] == 0
    assert compute(opportunity, now=datetime(2026, 4, 24, 8, 0, tzinfo=CPH))["applications"] == 1


def test_the_stored_row_is_replaced_on_refresh(opportunity):
    apply(opportunity, submitted=NOW - timedelta(days=10), answered_after=timedelta(hours=30))
    first = figures.refresh_response_figures(opportunity.organisation_id, NOW)
    apply(opportunity, submitted=NOW - timedelta(days=10), answered_after=timedelta(hours=10))
    second = figures.refresh_response_figures(opportunity.organisation_id, NOW)
    assert first.pk == second.pk and ResponseFigures.objects.count() == 1
    assert (second.applications, second.answered, second.median_response_hours) == (2, 2, 20)


# --- kept up to date ---------------------------------------------------------------------------------------


def test_the_first_answer_refreshes_the_figures_after_commit(
    cast, applications, immediate_tasks, django_capture_on_commit_callbacks
):
    ResponseFigures.objects.filter(organisation=cast["A"]).delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_set_status(
            application=applications.ane_a, status=Status.IN_DIALOGUE, actor=cast.users["bo"]
        )
    assert not ResponseFigures.objects.filter(organisation=cast["A"]).exists(), "not before the commit"
    for callback in callbacks:
        callback()
    row = ResponseFigures.objects.get(organisation=cast["A"])
    assert (row.applications, row.answered) == (1, 1)  # guest_a is not due an answer yet


def test_a_second_answer_does_not_refresh_them(cast, applications, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_set_status(
            application=applications.ane_u, status=Status.ACCEPTED, actor=cast.users["gitte"]
        )
    assert not ResponseFigures.objects.filter(organisation=cast["U"]).exists()


def test_the_nightly_command_refreshes_every_organisation(cast, applications):
    out = StringIO()
    call_command("refresh_response_figures", "--now", stdout=out)
    assert "Organisations refreshed: 2." in out.getvalue()  # A and U have applications
    row = ResponseFigures.objects.get(organisation=cast["U"])
    assert (row.applications, row.answered) == (1, 1)


def test_the_command_without_now_enqueues_a_task(cast):
    out = StringIO()
    call_command("refresh_response_figures", stdout=out)
    assert out.getvalue().startswith("Enqueued refresh_response_figures")


# --- shown on the public pages -----------------------------------------------------------------------------


def store(organisation, *, applications=10, answered=9, hours=30.0) -> ResponseFigures:
    return ResponseFigures.objects.update_or_create(
        organisation=organisation,
        defaults={"applications": applications, "answered": answered, "median_response_hours": hours},
    )[0]


def render(organisation) -> str:
    return Template("{% load response_figures %}{% response_figures organisation %}").render(
        Context({"organisation": organisation})
    )


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (0.2, "within 1 hour."),
        (5.5, "within 6 hours."),
        (23.9, "within 24 hours."),
        (24.0, "within 1 day."),
        (24.5, "within 2 days."),
        (30, "within 2 days."),
        (24 * 9, "within 9 days."),
    ],
)
def test_the_answer_time_is_told_in_hours_under_a_day_and_in_days_above(cast, hours, expected):
    store(cast["B"], hours=hours)
    assert f"Usually answers applications {expected}" in render(cast["B"])


def test_the_figures_say_how_often_and_on_how_much(cast):
    store(cast["B"], applications=12, answered=11)
    html = " ".join(render(cast["B"]).split())
    assert "Answers 92% of them." in html
    assert "Based on 12 applications in the last 12 months." in html


def test_too_few_applications_show_nothing(cast):
    store(cast["B"], applications=2, answered=2)
    assert render(cast["B"]).strip() == ""
    ResponseFigures.objects.all().delete()
    assert render(cast["B"]).strip() == ""


def test_the_figures_cost_one_query(cast, django_assert_num_queries):
    store(cast["B"])
    with django_assert_num_queries(1):
        render(cast["B"])


def test_the_organisation_and_opportunity_pages_show_them(client, cast, applications):
    store(cast["A"], applications=20, answered=19, hours=40)
    for url in (cast["A"].get_absolute_url(), cast.opportunities.published_a.get_absolute_url()):
        page = " ".join(client.get(url).content.decode().split())
        assert "Usually answers applications within 2 days." in page, url
        assert "Answers 95% of them." in page, url
    assert "Usually answers" not in client.get(cast["B"].get_absolute_url()).content.decode()


def test_the_opportunity_page_stays_within_its_query_budget(client, cast, applications, django_assert_max_num_queries):
    store(cast["A"])
    with django_assert_max_num_queries(10):
        client.get(cast.opportunities.published_a.get_absolute_url())
