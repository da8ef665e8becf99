"""The search cache: results and page bodies are shared, and retired as soon as published content changes."""

import pickle
import zlib

import pytest
from django.core.cache import cache
from django.db import connection, reset_queries
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.opportunities import services
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import (
    SearchCache,
    SearchParams,
    index_opportunity,
    results_key,
    search_opportunities,
)
from frivillig.opportunities.search import query as search_query
from frivillig.opportunities.tests import search_factories as make

pytestmark = pytest.mark.django_db
SEARCH = "/muligheder/"


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """A cache of its own (locmem is shared per LOCATION), empty before and after each test."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "search-cache-tests"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def search(query: str = "", **kwargs):
    return search_opportunities(SearchParams.from_querydict(QueryDict(query)), **kwargs)


def titles(result) -> list[str]:
    return [opportunity.title for opportunity in result.page.object_list]


def page(client, query: dict) -> str:
    if "django_language" not in client.cookies:
        client.cookies["django_language"] = "en"
    response = client.get(SEARCH, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeated_search_comes_from_the_cache(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord", categories=["lektiehjaelp"])
    first = search("q=lektiehjælp")
    second = search("q=lektiehjælp")
    assert (first.cached, second.cached) == (False, True)
    assert titles(first) == titles(second) == ["Lektiehjælp i Nord"]
    assert second.total == 1
    assert next(o for o in second.facets["categories"] if o.value == "lektiehjaelp").count == 1


def test_an_indexed_post_shows_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord")
    for _ in range(3):  # The third request is served from the cached page body.
        assert "1 opportunity found" in page(client, {"q": "lektiehjælp"})
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Syd")
    body = page(client, {"q": "lektiehjælp"})
    assert "2 opportunities found" in body and "Lektiehjælp i Syd" in body


def test_an_edited_post_shows_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        opportunity = make.opportunity("Lektiehjælp i Nord")
    for _ in range(3):
        page(client, {"q": "lektiehjælp"})
    opportunity.title = "Lektiehjælp for de mindste"
    opportunity.save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        index_opportunity(opportunity)  # What the edit service does after saving.
    assert "Lektiehjælp for de mindste" in page(client, {"q": "lektiehjælp"})


@pytest.mark.parametrize("change", ["pause", "close", "unpublish"])
def test_a_status_change_retires_the_cached_searches(client, cast, change, django_capture_on_commit_callbacks,
                                                     settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        opportunity = make.opportunity("Besøgsven", organisation_=cast["A"], categories=["aeldre"])
    for _ in range(3):
        assert "Besøgsven" in page(client, {"q": "besøgsven"})
    with django_capture_on_commit_callbacks(execute=True):
        if change == "unpublish":
            services.opportunity_unpublish(opportunity=opportunity, coordinator=cast["dorte"], reason="Forkert")
        else:
            getattr(services, f"opportunity_{change}")(opportunity=opportunity, actor=cast["bo"])
    assert "No opportunities found" in page(client, {"q": "besøgsven"})
    with django_capture_on_commit_callbacks(execute=True):
        if change != "close":
            services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    if change != "close":
        assert "1 opportunity found" in page(client, {"q": "besøgsven"})


def test_expiry_retires_the_cached_searches(client, django_capture_on_commit_callbacks):
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Festivalvagt", application_deadline=yesterday)
    for _ in range(3):
        assert "Festivalvagt" in page(client, {"q": "festivalvagt"})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.opportunities_expire() == 1
    assert "No opportunities found" in page(client, {"q": "festivalvagt"})


def test_without_a_commit_nothing_is_retired(django_capture_on_commit_callbacks):
    """The generation changes only when the change is committed: a rolled-back edit leaves the cache alone."""
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord")
    search("q=lektiehjælp")
    generation = SearchCache.fetch().generation
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make.opportunity("Lektiehjælp i Syd")
    assert callbacks and SearchCache.fetch().generation == generation
    assert search("q=lektiehjælp").cached


def test_the_cached_page_body_holds_nothing_personal(client_for, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord")
    logout = f'action="{reverse("account_logout")}"'
    bo = client_for("bo")
    for _ in range(3):
        mine = page(bo, {"q": "lektiehjælp"})
    assert "Lektiehjælp i Nord" in mine and logout in mine
    visitor = page(client_for("visitor"), {"q": "lektiehjælp"})
    assert "Lektiehjælp i Nord" in visitor and logout not in visitor
    stored = [value for key, value in cache._cache.items() if ":search:v2:page:" in key]
    assert stored
    for packed in stored:
        _generation, compressed = pickle.loads(packed)  # noqa: S301 - the test's own locmem cache
        html = zlib.decompress(compressed).decode()
        assert "Lektiehjælp i Nord" in html
        assert "csrf" not in html and "nonce" not in html and logout not in html


def test_languages_are_cached_apart(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord")
    client.cookies["django_language"] = "en"
    for _ in range(3):
        assert "1 opportunity found" in page(client, {"q": "lektiehjælp"})
    client.cookies["django_language"] = "da"
    assert "1 opportunity found" not in page(client, {"q": "lektiehjælp", "side": "1"})


def test_the_htmx_partial_is_cached_apart_from_the_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Lektiehjælp i Nord")
    for _ in range(3):
        full = page(client, {"q": "lektiehjælp"})
        partial = client.get(SEARCH, {"q": "lektiehjælp"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<h1>" in full
    assert "<html" not in partial and 'hx-swap-oob="innerHTML"' in partial


def test_pages_of_a_cached_search_are_fetched_by_id(django_capture_on_commit_callbacks, django_assert_max_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(25):
            make.opportunity(f"Nattevandring {number:02}", published_days_ago=number)
    first = search("q=nattevandring&sort=newest")
    assert titles(first)[0] == "Nattevandring 00"
    with django_assert_max_num_queries(3):  # vocabularies, the page's rows, their categories
        second = search("q=nattevandring&sort=newest&side=2")
    assert second.cached and titles(second) == [f"Nattevandring {number:02}" for number in range(20, 25)]
    assert second.page.number == 2 and second.total == 25


def test_pages_past_the_cached_ids_are_searched(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(search_query, "MAX_CACHED_IDS", 4)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(10):
            make.opportunity(f"Nattevandring {number:02}", published_days_ago=number)
    search("q=nattevandring&sort=newest", page_size=2)
    cached = SearchCache.fetch(results_key(SearchParams(q="nattevandring", sort="newest"))).get(
        results_key(SearchParams(q="nattevandring", sort="newest")))
    assert len(cached["ids"]) == 4 and cached["total"] == 10
    inside = search("q=nattevandring&sort=newest&side=2", page_size=2)
    beyond = search("q=nattevandring&sort=newest&side=4", page_size=2)
    assert titles(inside) == ["Nattevandring 02", "Nattevandring 03"]
    assert titles(beyond) == ["Nattevandring 06", "Nattevandring 07"]
    assert beyond.cached and beyond.total == 10


def test_a_page_past_the_end_gives_the_last_page(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            make.opportunity(f"Nattevandring {number:02}", published_days_ago=number)
    search("q=nattevandring")
    late = search("q=nattevandring&side=9", page_size=2)
    assert late.page.number == 2 and len(late.page.object_list) == 1


@pytest.mark.parametrize("query", [{"q": "lektiehjælp", "categories": "lektiehjaelp"}, {"categories": "kultur"}])
def test_the_page_query_budget_cold_and_warm(client, query, django_capture_on_commit_callbacks):
    """Cold (a fresh generation): vocabularies, facets and the page's rows (and the cache, the site configuration
    and storing the results when the cache is the database: the benchmark counts those); warm: only the cache.
    Neither grows with the data."""

    def count() -> int:
        reset_queries()  # Each request empties the query log, so count from an empty one.
        with CaptureQueriesContext(connection) as captured:
            page(client, query)
        return len(captured)

    page(client, {"q": "warm-up"})  # The site configuration is cached by the first request of all.
    counts = []
    for batch in (3, 30):
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(batch):
                make.opportunity(f"Lektiehjælp {batch}-{number}", categories=["lektiehjaelp", "kultur"])
        cold = count()
        page(client, query)
        counts.append((cold, count()))
    assert counts[0] == counts[1]
    cold, warm = counts[0]
    assert 3 <= cold <= 10 and warm == 0  # The test's cache is in memory: a warm page needs no SQL at all.


def test_a_dummy_cache_still_searches(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make.opportunity("Lektiehjælp i Nord")
    assert titles(search("q=lektiehjælp")) == ["Lektiehjælp i Nord"]
    assert not search("q=lektiehjælp").cached


def test_an_entry_of_another_generation_is_a_miss():
    search_cache = SearchCache({"frivillig:search:generation": 2, "a": (1, "old"), "b": (2, "new"), "c": "junk"})
    assert (search_cache.get("a"), search_cache.get("b"), search_cache.get("c")) == (None, "new", None)
    assert SearchCache({"a": (None, "x")}).get("a") is None


def test_opportunity_status_is_read_live_for_text_free_lists(django_capture_on_commit_callbacks):
    """Without free text only the counts are cached; the list is the live, indexed query."""
    with django_capture_on_commit_callbacks(execute=True):
        make.opportunity("Idrætstræner", categories=["idraet"])
    search("categories=idraet")
    Opportunity.objects.update(status=Opportunity.Status.PAUSED)  # Not through a service: nothing is retired.
    assert titles(search("categories=idraet")) == []
