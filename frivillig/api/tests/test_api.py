"""The public read API: endpoints, filters, pagination, errors, CORS, query counts and honest schemas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.api.schemas import OpportunityDetailOut, OpportunityPage, OrganisationPage, ValidationErrorOut
from frivillig.opportunities.models import Opportunity

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db

LIST = "/api/v1/opportunities"
ORGANISATIONS = "/api/v1/organisations"


def detail_path(pk) -> str:
    return f"/api/v1/opportunities/{pk}"


def get(client, path, params=None):
    response = client.get(path, params or {})
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def assert_matches(model, body: dict) -> None:
    """The body validates against the declared schema and carries exactly its fields, nested ones too."""
    model.model_validate(body)
    assert set(body) == set(model.model_fields), set(body) ^ set(model.model_fields)


# --- the list of opportunities -----------------------------------------------------------------------------


def test_the_urls_are_where_the_documentation_says():
    assert reverse("api:opportunity_list") == LIST
    assert reverse("api:opportunity_detail", kwargs={"opportunity_id": 7}) == detail_path(7)
    assert reverse("api:organisation_list") == ORGANISATIONS
    assert reverse("api:openapi-json") == "/api/v1/openapi.json"


def test_lists_only_what_the_public_may_see_newest_first(client, opportunities):
    response = get(client, LIST)
    assert response.status_code == 200
    assert titles(response) == [
        opportunities[key].title for key in ("homework", "visitor", "reader", "language_cafe", "online", "festival")
    ]
    assert response.json()["count"] == 6


def test_an_item_has_what_a_client_needs(client, opportunities, settings):
    settings.SITE_URL = "https://frivillig.example.org"
    homework = opportunities["homework"]
    item = next(i for i in get(client, LIST).json()["items"] if i["id"] == homework.pk)
    assert item["url"] == f"https://frivillig.example.org/muligheder/{homework.pk}/"
    assert item["organisation"] == {
        "id": homework.organisation.pk,
        "name": "Lektiecaféen på Solbjerg",
        "url": "https://frivillig.example.org/organisationer/lektiecafe-solbjerg/",
        "verified": False,
    }
    assert item["categories"] == [{"slug": "lektiehjaelp", "name": "Lektiehjælp og læsning"}]
    assert item["area"] == {"slug": "frederiksberg-c", "name": "Frederiksberg C"}
    assert item["requires_child_certificate"] is True
    assert item["minimum_age"] == 18
    assert item["application_deadline"] == homework.application_deadline.isoformat()
    assert item["time_commitment"] == "regular"
    assert item["language"] == "da"


def test_municipal_units_and_verified_associations_carry_the_verified_mark(client, opportunities):
    items = get(client, LIST).json()["items"]
    marks = {item["organisation"]["name"]: item["organisation"]["verified"] for item in items}
    assert marks == {
        "Lektiecaféen på Solbjerg": False,
        "Besøgsvennerne Frederiksberg": True,
        "Plejecenter Akaciegården": True,
    }


def test_names_follow_lang(client, opportunities):
    response = get(client, LIST, {"lang": "en", "categories": "besoegsven"})
    item = response.json()["items"][0]
    assert item["categories"][0]["name"] == "Visiting and company"
    assert item["area"]["name"] == "Frederiksberg North"
    assert response["Content-Language"] == "en"
    danish = get(client, LIST, {"categories": "besoegsven"}).json()["items"][0]
    assert danish["categories"][0]["name"] == "Besøgsven og samvær"


def test_an_online_role_without_an_area_has_area_null(client, opportunities):
    item = get(client, LIST, {"online": "true"}).json()["items"]
    assert [(i["title"], i["area"], i["is_online"]) for i in item] == [("Telefonrådgiver", None, True)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "lektiehjælp"}, ["homework"]),
        ({"q": "ensom ældre"}, ["visitor"]),
        ({"categories": "aeldre"}, ["visitor", "reader"]),
        ({"categories": ["events", "raadgivning"]}, ["online", "festival"]),
        ({"areas": "nord"}, ["visitor", "reader"]),
        ({"areas": "nord", "categories": "kultur"}, ["reader"]),
        ({"time_commitment": "one_off"}, ["festival"]),
        ({"no_danish": "true"}, ["language_cafe"]),
        ({"online": "1"}, ["online"]),
        ({"suits": "seniors"}, ["reader"]),
        ({"child_certificate": "required"}, ["homework"]),
        ({"child_certificate": "not_required", "areas": "nord"}, ["visitor", "reader"]),
        ({"q": "ingen-match-her"}, []),
    ],
)
def test_filters_pass_through_to_the_search(client, opportunities, params, expected):
    response = get(client, LIST, params)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(opportunities[key].title for key in expected)
    assert_matches(OpportunityPage, response.json())


def test_unknown_slugs_are_ignored_like_on_the_search_page(client, opportunities):
    response = get(client, LIST, {"categories": "findes-ikke"})
    assert response.status_code == 200


def test_sort_by_deadline_puts_the_soonest_first(client, opportunities):
    response = get(client, LIST, {"sort": "deadline"})
    assert titles(response)[0] == opportunities["homework"].title


# --- pagination --------------------------------------------------------------------------------------------


def test_pages_link_to_each_other(client, opportunities, settings):
    settings.SITE_URL = "https://frivillig.example.org"
    first = get(client, LIST, {"page_size": 4, "lang": "en"}).json()
    assert (first["count"], first["page"], first["pages"], len(first["items"])) == (6, 1, 2, 4)
    assert first["previous"] is None
    assert first["next"] == "https://frivillig.example.org/api/v1/opportunities?page_size=4&lang=en&page=2"
    second = get(client, first["next"].removeprefix("https://frivillig.example.org")).json()
    assert (second["page"], len(second["items"]), second["next"]) == (2, 2, None)
    assert second["previous"] == "https://frivillig.example.org/api/v1/opportunities?page_size=4&lang=en&page=1"
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert len(set(seen)) == 6


def test_a_page_past_the_last_is_404_json(client, opportunities):
    response = get(client, LIST, {"page": 3, "page_size": 4, "lang": "en"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Page 3 does not exist; there are 2."}


def test_an_empty_result_is_page_1_of_1(client, opportunities):
    body = get(client, LIST, {"q": "ingen-match-her"}).json()
    assert body == {"count": 0, "page": 1, "pages": 1, "next": None, "previous": None, "items": []}


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"page": "abc"}, ["query", "page"]),
        ({"page": "0"}, ["query", "page"]),
        ({"page_size": "101"}, ["query", "page_size"]),
        ({"lang": "de"}, ["query", "lang"]),
        ({"sort": "random"}, ["query", "sort"]),
        ({"time_commitment": "forever"}, ["query", "time_commitment", 0]),
        ({"online": "maybe"}, ["query", "online"]),
        ({"child_certificate": "yes"}, ["query", "child_certificate", 0]),
    ],
)
def test_malformed_parameters_answer_422_saying_which(client, params, where):
    response = get(client, LIST, params)
    assert response.status_code == 422
    body = response.json()
    ValidationErrorOut.model_validate(body)
    assert [issue["loc"] for issue in body["detail"]] == [where]


# --- one opportunity ---------------------------------------------------------------------------------------


def test_one_opportunity_with_its_role_card(client, opportunities):
    reader = opportunities["reader"]
    response = get(client, detail_path(reader.pk), {"lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert_matches(OpportunityDetailOut, body)
    assert body["title"] == "Højtlæser på plejecentret"
    assert body["role_card"]["staff_contact"] == "Gitte Mortensen"
    assert body["role_card"]["insurance_covered"] is True
    assert body["point"] == {"latitude": 55.688, "longitude": 12.52}
    assert body["address"] == {"street_address": "Langelandsvej 33", "postcode": "2000", "city": "Frederiksberg"}
    assert body["hours_per_week"] == 2.5
    assert body["suits"] == ["seniors"]
    assert body["target_groups"] == [{"slug": "aeldre", "name": "Older people"}]
    assert body["policy_areas"] == [{"slug": "aeldre", "name": "Older people"}]
    assert {language["slug"] for language in body["languages"]} == {"dansk", "engelsk"}
    assert body["description"] == "En længere beskrivelse med **Markdown**."


def test_an_association_role_has_no_role_card_or_point(client, opportunities):
    body = get(client, detail_path(opportunities["visitor"].pk)).json()
    assert (body["role_card"], body["point"], body["address"]) == (None, None, None)


@pytest.mark.parametrize("key", ["draft", "paused"])
def test_unpublished_opportunities_are_404_json(client, opportunities, key):
    pk = opportunities[key].pk
    response = get(client, detail_path(pk), {"lang": "en"})
    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no published opportunity with id {pk}."}


def test_a_dissolved_organisations_opportunities_are_gone(client, opportunities):
    organisation = opportunities["visitor"].organisation
    organisation.dissolved_at = timezone.now()
    organisation.save(update_fields=["dissolved_at"])
    assert get(client, detail_path(opportunities["visitor"].pk)).status_code == 404
    assert opportunities["visitor"].title not in titles(get(client, LIST))


def test_unknown_and_malformed_ids(client, db):
    assert get(client, detail_path(999999)).status_code == 404
    response = get(client, "/api/v1/opportunities/abc")
    assert response.status_code in (404, 422)


# --- organisations -----------------------------------------------------------------------------------------


def test_organisations_lists_active_ones_by_name(client, cast, settings):
    settings.SITE_URL = "https://frivillig.example.org"
    dissolved = cast["B"]
    dissolved.dissolved_at = timezone.now()
    dissolved.save(update_fields=["dissolved_at"])
    response = get(client, ORGANISATIONS, {"lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert_matches(OrganisationPage, body)
    names = [item["name"] for item in body["items"]]
    assert names == sorted(names)
    assert "Lektiecaféen på Solbjerg" not in names
    unit = next(item for item in body["items"] if item["name"] == "Plejecenter Akaciegården")
    assert unit["kind"] == "municipal_unit"
    assert unit["verified"] is True
    assert unit["url"] == "https://frivillig.example.org/organisationer/plejecenter-akaciegaarden/"


def test_organisations_filter_by_text_kind_area_and_category(client, cast):
    cast["A"].areas.set(cast["A"].areas.model.objects.filter(slug="nord"))
    cast["A"].categories.set(cast["A"].categories.model.objects.filter(slug="besoegsven"))
    names = lambda params: [item["name"] for item in get(client, ORGANISATIONS, params).json()["items"]]  # noqa: E731
    assert names({"q": "besøgsvennerne"}) == ["Besøgsvennerne Frederiksberg"]
    assert names({"kind": "municipal_unit"}) == ["Frivillighedsteamet", "Plejecenter Akaciegården"]
    assert names({"area": "nord", "category": "besoegsven"}) == ["Besøgsvennerne Frederiksberg"]
    item = get(client, ORGANISATIONS, {"q": "besøgsvennerne", "lang": "en"}).json()["items"][0]
    assert item["areas"] == [{"slug": "nord", "name": "Frederiksberg North"}]
    assert item["categories"] == [{"slug": "besoegsven", "name": "Visiting and company"}]


def test_organisations_paginate_and_validate(client, cast):
    body = get(client, ORGANISATIONS, {"page_size": 2}).json()
    assert (body["count"], body["pages"], len(body["items"])) == (4, 2, 2)
    assert get(client, ORGANISATIONS, {"page": 3, "page_size": 2}).status_code == 404
    assert get(client, ORGANISATIONS, {"kind": "club"}).status_code == 422
    assert get(client, ORGANISATIONS, {"page_size": 0}).status_code == 422


# --- query counts ------------------------------------------------------------------------------------------


def queries_for(client, path, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_page(client, cast, opportunities):
    small = queries_for(client, LIST, {"page_size": 3})
    for number in range(20):
        make_opportunity(cast["A"], title=f"Ekstra rolle {number}", categories=["events", "kultur"])
    large = queries_for(client, LIST, {"page_size": 25})
    assert small == large
    assert large <= 10


def test_organisation_and_detail_query_counts_are_constant(client, cast, opportunities, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get(detail_path(opportunities["reader"].pk))
    before = queries_for(client, ORGANISATIONS, {})
    for org in cast.organisations.values():
        org.categories.set(org.categories.model.objects.all()[:3])
    assert queries_for(client, ORGANISATIONS, {}) == before <= 5


# --- CORS, the root and methods ----------------------------------------------------------------------------


def test_every_answer_allows_any_origin(client, opportunities):
    for path, params in [(LIST, {}), (LIST, {"page": "x"}), (detail_path(0), {}), ("/api/v1/openapi.json", {})]:
        assert client.get(path, params)["Access-Control-Allow-Origin"] == "*", path


def test_the_api_root_sends_people_to_the_documentation(client):
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == reverse("api_docs")


def test_the_api_is_read_only(client, opportunities):
    assert client.post(LIST, {}).status_code == 405
    assert client.delete(detail_path(opportunities["visitor"].pk)).status_code == 405
    assert Opportunity.objects.filter(pk=opportunities["visitor"].pk).exists()
