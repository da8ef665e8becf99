"""The e-mail digests of saved searches: only new matches, never twice, when due, in the search's language."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.opportunities.search import SearchParams
from frivillig.opportunities.tests import search_factories as make
from frivillig.suggestions import services
from frivillig.suggestions.models import SavedSearch, SavedSearchSent

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks, mailoutbox):
    """send(now) runs the digests at `now` and returns the e-mails they sent."""

    def run(now):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.digest_send_due(now=now)
        return list(mailoutbox)

    return run


def save(user, query="q=ældre", *, frequency="daily", language="da", now=None, name="Ældre") -> SavedSearch:
    return services.saved_search_create(user=user, params=SearchParams.from_querydict(QueryDict(query)), name=name,
                                        frequency=frequency, language=language, now=now)


def at(day: int, hour: int, minute: int = 0):
    """A local time on day `day` of a fortnight that ended yesterday: runs are at 07:00, as in cron."""
    date = timezone.localdate() - timedelta(days=15) + timedelta(days=day)
    return timezone.make_aware(datetime.combine(date, time(hour, minute)))


def titles_in(message) -> list[str]:
    return [line for line in message.body.splitlines() if line.startswith("Job ")]


def published(title, when, **fields):
    opportunity = make.opportunity(title, summary=f"Hjælp ældre: {title}", **fields)
    opportunity.published_at = when
    opportunity.save(update_fields=["published_at"])
    return opportunity


def test_the_first_digest_holds_only_new_matches(cast, send):
    now = timezone.now()
    published("Job gammel", now - timedelta(days=3))  # posted before the search was saved
    ane = cast.users["ane"]
    saved_search = save(ane, "q=ældre&areas=nord", now=now - timedelta(days=1))
    new = published("Job ny", now - timedelta(hours=2), area="nord", organisation_=cast["A"])
    published("Job andet område", now - timedelta(hours=2), area="syd")
    make.opportunity("Job om børn", area="nord")  # does not match the text
    [message] = send(now)
    assert message.to == [ane.email]
    assert titles_in(message) == ["Job ny"]
    body = message.body
    assert "Job ny\nBesøgsvennerne Frederiksberg\nHjælp ældre: Job ny\n" in body
    assert f"{settings.SITE_URL}{new.get_absolute_url()}" in body
    assert f"{settings.SITE_URL}/min-side/gemte-soegninger/" in body
    assert f"{settings.SITE_URL}/gemte-soegninger/afmeld/{saved_search.token}/" in body
    assert "Ældre" in message.subject


def test_the_unsubscribe_link_is_a_header_too(cast, send):
    now = timezone.now()
    saved_search = save(cast.users["ane"], now=now - timedelta(days=1))
    published("Job ny", now - timedelta(hours=1))
    [message] = send(now)
    link = f"{settings.SITE_URL}/gemte-soegninger/afmeld/{saved_search.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.message()["List-Unsubscribe"] == f"<{link}>"


def test_a_digest_never_repeats_an_opportunity(cast, send):
    saved_search = save(cast.users["ane"], now=at(0, 10))
    published("Job 1", at(0, 11))
    [first] = send(at(1, 7))
    assert titles_in(first) == ["Job 1"]
    published("Job 2", at(1, 11))
    [second] = send(at(2, 7))
    assert titles_in(second) == ["Job 2"]
    assert send(at(3, 7)) == []  # nothing new: no e-mail
    assert SavedSearchSent.objects.filter(saved_search=saved_search).count() == 2


def test_a_run_before_the_search_is_due_sends_nothing(cast, send):
    save(cast.users["ane"], now=at(0, 10))
    published("Job 1", at(0, 11))
    assert send(at(0, 23, 59)) == []  # saved today: the first digest is due tomorrow
    assert len(send(at(1, 7))) == 1


def test_weekly_and_daily_searches_are_due_at_their_own_pace(cast, send):
    ane, bo = cast.users["ane"], cast.users["bo"]
    save(ane, frequency="daily", now=at(0, 10))
    save(bo, frequency="weekly", now=at(0, 10))
    published("Job 1", at(0, 11))
    assert [message.to for message in send(at(1, 7))] == [[ane.email]]
    published("Job 2", at(1, 11))
    assert [message.to for message in send(at(2, 7))] == [[ane.email]]
    assert send(at(6, 7)) == []
    # A week after bo saved his search, his first digest has both; ane has had both already.
    [weekly] = send(at(7, 7))
    assert weekly.to == [bo.email] and titles_in(weekly) == ["Job 2", "Job 1"]
    published("Job 3", at(7, 11))
    assert [message.to for message in send(at(8, 7))] == [[ane.email]]
    assert [message.to for message in send(at(14, 7))] == [[bo.email]]


def test_the_next_digest_is_due_at_the_start_of_a_day(cast, send):
    now = timezone.now()
    saved_search = save(cast.users["ane"], frequency="weekly", now=now - timedelta(days=8))
    send(now)
    saved_search.refresh_from_db()
    assert timezone.localtime(saved_search.next_due_at).time() == timezone.datetime.min.time()
    assert timezone.localdate(saved_search.next_due_at) == timezone.localdate(now) + timedelta(days=7)


def test_the_digest_is_in_the_search_s_language(cast, send):
    now = timezone.now()
    ane = cast.users["ane"]
    ane.name = ""  # "Hello," is in the Danish catalogue already
    ane.save(update_fields=["name"])
    save(ane, language="en", now=now - timedelta(days=1), name="English")
    save(ane, "q=ældre&areas=nord", language="da", now=now - timedelta(days=1), name="Dansk")
    published("Job ny", now - timedelta(hours=1), area="nord")
    messages = {message.subject: message.body for message in send(now)}
    assert messages['1 new volunteer opportunity for “English”'].startswith("Hello,")
    danish = next(body for subject, body in messages.items() if "Dansk" in subject)
    assert danish.startswith("Hej")


def test_at_most_twenty_are_listed_and_the_rest_come_next_time(cast, send):
    start = timezone.now() - timedelta(days=3)
    saved_search = save(cast.users["ane"], language="en", now=start)
    for number in range(23):
        published(f"Job {number:02d}", start + timedelta(minutes=number + 1))
    [first] = send(start + timedelta(days=1))
    assert titles_in(first) == [f"Job {number:02d}" for number in range(22, 2, -1)]  # newest first
    assert "23 new volunteer opportunities" in first.subject
    assert "There are 3 more. See them on the search page:" in first.body
    assert saved_search.search_url() in first.body
    assert SavedSearchSent.objects.count() == 20
    [second] = send(start + timedelta(days=2))
    assert titles_in(second) == ["Job 02", "Job 01", "Job 00"]
    assert "more" not in second.body
    assert "3 new volunteer opportunities" in second.subject


def test_stopped_searches_and_closed_roles_are_not_sent(cast, send):
    now = timezone.now()
    stopped = save(cast.users["ane"], now=now - timedelta(days=1))
    services.saved_search_unsubscribe(saved_search=stopped)
    save(cast.users["bo"], now=now - timedelta(days=1))
    published("Job fristen er gået", now - timedelta(hours=1),
              application_deadline=timezone.localdate(now) - timedelta(days=1))
    published("Job kladde", now - timedelta(hours=1), status="draft")
    assert send(now) == []


def test_after_an_undo_nothing_is_lost(cast, send):
    saved_search = save(cast.users["ane"], now=at(0, 10))
    published("Job før stop", at(0, 11))
    services.saved_search_unsubscribe(saved_search=saved_search)
    assert send(at(1, 7)) == []
    published("Job mens stoppet", at(1, 11))
    services.saved_search_resubscribe(saved_search=saved_search, now=at(1, 12))
    assert send(at(1, 23)) == []  # due again tomorrow
    [message] = send(at(2, 7))
    assert titles_in(message) == ["Job mens stoppet", "Job før stop"]


def _run_queries(now) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.digest_send_due(now=now)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_matches(cast):
    start = timezone.now() - timedelta(days=5)
    save(cast.users["ane"], now=start)
    save(cast.users["bo"], now=start, name="Bo")
    published("Job 0", start + timedelta(hours=1))
    few = _run_queries(start + timedelta(days=1))
    for number in range(1, 15):
        published(f"Job {number}", start + timedelta(days=1, hours=number))
    assert _run_queries(start + timedelta(days=2)) == few


def test_the_command_enqueues_the_task(cast, settings, mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    save(cast.users["ane"], now=now - timedelta(days=1))
    published("Job ny", now - timedelta(hours=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_digests", stdout=out)
    assert "Enqueued send_search_digests" in out.getvalue()
    assert len(mailoutbox) == 1


def test_the_command_can_run_now(cast, mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    save(cast.users["ane"], now=now - timedelta(days=1))
    published("Job ny", now - timedelta(hours=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_digests", "--now", stdout=out)
    assert out.getvalue().strip() == "Digests sent: 1."
    assert len(mailoutbox) == 1


def test_the_command_leaves_the_work_to_the_worker(cast, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    saved_search = save(cast.users["ane"], now=now - timedelta(days=1))
    published("Job ny", now - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_digests", stdout=StringIO())
    assert mailoutbox == []
    assert not SavedSearchSent.objects.filter(saved_search=saved_search).exists()
