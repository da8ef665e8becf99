"""The RSS feed of new opportunities, with the search page's filters."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from frivillig.opportunities.tests import search_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cache(settings):
    """Searches here count afresh each time: the facet counts of text-free searches are otherwise cached."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

FEED = "/muligheder/feed/"


def items(response) -> list[dict]:
    channel = ET.fromstring(response.content).find("channel")
    return [
        {child.tag: child.text for child in item} | {"categories": [c.text for c in item.findall("category")]}
        for item in channel.findall("item")
    ]


def test_feed_url():
    assert reverse("opportunities:feed") == FEED


def test_feed_lists_the_newest_published_opportunities(client):
    make.opportunity("Ældst", published_days_ago=3, summary="Den ældste.", categories=["kultur"])
    make.opportunity("Nyest", published_days_ago=0)
    make.opportunity("Kladde", status="draft")
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    found = items(response)
    assert [item["title"] for item in found] == ["Nyest", "Ældst"]
    oldest = found[1]
    assert oldest["description"] == "Den ældste."
    assert oldest["link"].startswith("http://testserver/muligheder/")
    assert oldest["categories"] == ["Kultur og kunst"]
    assert oldest["pubDate"]


def test_feed_takes_the_search_filters(client):
    make.opportunity("Idrætstræner", categories=["idraet"], area="nord", published_days_ago=2)
    make.opportunity("Svømmetræner", categories=["idraet"], area="syd", published_days_ago=1)
    make.opportunity("Bibliotekshjælper", categories=["kultur"], area="nord")
    assert [i["title"] for i in items(client.get(FEED, {"categories": "idraet"}))] == ["Svømmetræner",
                                                                                       "Idrætstræner"]
    assert [i["title"] for i in items(client.get(FEED, {"categories": "idraet", "areas": "nord"}))] == [
        "Idrætstræner"
    ]
    assert [i["title"] for i in items(client.get(FEED, {"q": "bibliotekshjælper"}))] == ["Bibliotekshjælper"]


def test_feed_is_newest_first_even_when_asked_for_relevance(client):
    make.opportunity("Træner for børn", summary="Træner", published_days_ago=2)
    make.opportunity("Hjælper", summary="Træner søges", published_days_ago=0)
    assert [i["title"] for i in items(client.get(FEED, {"q": "træner", "sort": "relevance"}))] == [
        "Hjælper", "Træner for børn"
    ]


def test_feed_links_back_to_the_search_with_the_same_filters(client):
    channel = ET.fromstring(client.get(FEED, {"q": "ældre", "wheelchair": "1"}).content).find("channel")
    assert channel.find("link").text == "http://testserver/muligheder/?q=%C3%A6ldre&wheelchair=1"
    assert "ældre" in channel.find("title").text


def test_feed_ignores_bad_parameters(client):
    make.opportunity("Idrætstræner")
    response = client.get(FEED, {"categories": "<x>", "side": "nope", "online": "maybe"})
    assert [i["title"] for i in items(response)] == ["Idrætstræner"]


def test_feed_query_count_is_constant(client, django_assert_num_queries):
    counts = []
    for batch in (3, 30):
        for number in range(batch):
            make.opportunity(f"Opslag {batch}-{number}", categories=["kultur", "idraet"])
        with django_assert_num_queries(5) as captured:  # site, vocabularies, count, items, their categories
            client.get(FEED)
        counts.append(len(captured))
    assert counts == [5, 5]
