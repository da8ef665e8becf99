"""The public pages: the search page (full, htmx partial, empty), the opportunity page and the home page."""

import json
import re
import runpy
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.tests import search_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cache(settings):
    """Searches here count afresh each time: the facet counts of text-free searches are otherwise cached."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

SEARCH = "/muligheder/"
HTMX = {"HX-Request": "true", "HX-Request-Type": "partial"}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the search page ----------------------------------------------------------------------------------------


def test_search_page_url():
    assert reverse("opportunities:search") == SEARCH


def test_search_page_lists_results_with_cards(client, cast):
    make.opportunity(
        "Lektiehjælp i Solbjerg", organisation_=cast["A"], area="nord", summary="Hjælp børn med lektier.",
        requires_child_certificate=True, no_danish_required=True, minimum_age=16, hours_per_week=Decimal("2"),
        language="da",
    )
    make.opportunity("Online mentor", organisation_=cast["B"], is_online=True, language="en", summary="Mentor online.")
    response = client.get(SEARCH)
    assert response.status_code == 200
    page = text(response)
    assert "2 opportunities found" in page
    assert 'lang="da">Lektiehjælp i Solbjerg</a>' in page
    assert '<p class="opportunity-card-summary" lang="en">Mentor online.</p>' in page
    assert "Besøgsvennerne Frederiksberg <span class=\"verified-mark\">Verified</span>" in page
    assert "Lektiecaféen på Solbjerg <span" not in page  # B is not verified
    assert "Frederiksberg North" in page and "Online" in page
    assert "about 2 hours a week" in page
    for tag in ("No Danish required", "From 16 years", "Børneattest required"):
        assert tag in page


def test_search_page_works_without_javascript(client):
    """A plain GET form: every filter is a checkbox in the form, with a submit button, and the URL is the state."""
    make.opportunity("Idrætstræner", categories=["idraet"], area="nord")
    make.opportunity("Bibliotekshjælper", categories=["kultur"], area="syd")
    page = text(client.get(SEARCH, {"categories": "idraet"}))
    assert '<form id="search-form" method="get" action="/muligheder/"' in page
    assert '<div class="form-group search-bar" role="search"' in page
    assert 'type="checkbox" id="filter-categories-idraet" name="categories" value="idraet" checked' in page
    assert 'type="submit"' in page
    assert "Idrætstræner" in page and "Bibliotekshjælper" not in page
    assert "1 opportunity found" in page


def test_search_page_form_uses_htmx_with_the_url_following(client):
    page = text(client.get(SEARCH))
    assert 'hx-get="/muligheder/" hx-trigger="change, submit" hx-target="#search-results" hx-push-url="true"' in page
    assert '<p id="search-count" class="results-count" role="status">' in page


def test_search_page_shows_facet_counts(client):
    make.opportunity("A", categories=["idraet"])
    make.opportunity("B", categories=["idraet", "kultur"])
    page = text(client.get(SEARCH))
    assert 'id="count-categories-idraet">(2)</span>' in page
    assert 'id="count-categories-kultur">(1)</span>' in page
    for legend in ("Category", "Area of the city", "Time commitment", "Suits", "Who you help", "Policy area",
                   "Language", "Accessibility", "Børneattest"):
        assert legend in page


def test_htmx_request_gets_the_results_partial_with_out_of_band_counts(client):
    make.opportunity("Idrætstræner", categories=["idraet"])
    make.opportunity("Bibliotekshjælper", categories=["kultur"])
    response = client.get(SEARCH, {"categories": "idraet"}, headers=HTMX)
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page and "<h1>" not in page
    assert "Idrætstræner" in page and "Bibliotekshjælper" not in page
    assert '<p id="search-count" hx-swap-oob="innerHTML">1 opportunity found</p>' in page
    assert '<span id="count-categories-kultur" hx-swap-oob="innerHTML">(1)</span>' in page
    assert 'id="map-data"' in page
    assert '<p id="map-summary" hx-swap-oob="innerHTML">None of the results on this page has a place' in page
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_whole_page(client):
    response = client.get(SEARCH, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_sorting_and_pagination_keep_the_query(client):
    for number in range(23):
        make.opportunity(f"Nattevandring {number:02}", published_days_ago=number, categories=["socialt-arbejde"])
    page = text(client.get(SEARCH, {"q": "nattevandring", "categories": "socialt-arbejde", "sort": "newest"}))
    assert 'href="?q=nattevandring&amp;categories=socialt-arbejde&amp;sort=newest&amp;side=2"' in page
    assert '<option value="newest" selected>' in page
    second = text(client.get(SEARCH, {"q": "nattevandring", "categories": "socialt-arbejde", "sort": "newest",
                                      "side": "2"}))
    assert "Nattevandring 22" in second and "Nattevandring 00" not in second
    assert "Page 2 of 2" in second


def test_bad_parameters_are_ignored(client):
    make.opportunity("Idrætstræner")
    response = client.get(SEARCH, {"categories": "<script>", "side": "x", "sort": "nonsense", "suits": "cats"})
    assert response.status_code == 200
    assert "1 opportunity found" in text(response)


def test_empty_result_suggests_how_to_widen_the_search(client):
    make.opportunity("Idrætstræner", categories=["idraet"], area="nord")
    response = client.get(SEARCH, {"q": "svømning", "categories": "idraet", "wheelchair": "1"})
    page = text(response)
    assert "0 opportunities found" in page
    assert "No opportunities found" in page
    assert '<a href="?q=sv%C3%B8mning&amp;wheelchair=1">Remove “Category: Sport and exercise”</a>' in page
    assert '<a href="?q=sv%C3%B8mning&amp;categories=idraet">Remove “Accessibility: Wheelchair accessible”</a>' in page
    assert "Search for “svømning” without filters" in page
    assert "Check the spelling" in page
    assert 'href="?categories=idraet&amp;wheelchair=1">Keep the filters but remove the search text' in page
    assert "See all volunteer opportunities" in page


def test_empty_portal(client):
    page = text(client.get(SEARCH))
    assert "0 opportunities found" in page
    assert "No opportunities found" in page


def test_selected_filters_are_listed_with_links_that_remove_them(client):
    make.opportunity("Idrætstræner", categories=["idraet"], is_online=True)
    page = text(client.get(SEARCH, {"categories": "idraet", "online": "1"}))
    assert '<a class="selected-filter" href="?online=1">' in page
    assert '<a class="selected-filter" href="?categories=idraet">' in page


def test_map_data_lists_the_results_with_a_point(client):
    located = make.opportunity("Affaldsindsamling", latitude=55.6761, longitude=12.5683)
    make.opportunity("Telefonrådgivning", is_online=True)
    response = client.get(SEARCH)
    data = json.loads(re.search(r'<script id="map-data" type="application/json">(.*?)</script>',
                                response.content.decode(), re.S).group(1))
    assert data == [{"id": located.pk, "title": "Affaldsindsamling", "organisation": located.organisation.name,
                     "lat": 55.6761, "lng": 12.5683, "url": f"/muligheder/{located.pk}/"}]
    page = text(response)
    assert "1 of the results on this page has a place and is on the map." in page
    assert "No map tiles are configured" in page
    assert 'data-tile-url=""' in page


def test_map_uses_the_configured_tiles(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "© Example"
    page = text(client.get(SEARCH))
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert 'data-attribution="© Example"' in page
    assert "No map tiles are configured" not in page


def test_search_page_loads_the_map_script_and_styles_with_the_nonce(client):
    response = client.get(SEARCH)
    page = text(response)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert re.search(rf'<script src="/static/vendor/leaflet/leaflet[.\w]*\.js" nonce="{nonce}" defer>', page)
    assert re.search(rf'<script src="/static/js/map[.\w]*\.js" nonce="{nonce}" defer>', page)
    assert re.search(r'<link rel="stylesheet" href="/static/vendor/leaflet/leaflet[.\w]*\.css">', page)
    assert " style=" not in page


def test_search_page_links_the_feed_with_the_same_filters(client):
    page = text(client.get(SEARCH, {"q": "ældre", "areas": "nord", "sort": "deadline"}))
    assert ('<link rel="alternate" type="application/rss+xml" title="New volunteer opportunities (RSS)" '
            'href="/muligheder/feed/?q=%C3%A6ldre&amp;areas=nord">') in page


@pytest.mark.parametrize("query", [{}, {"q": "lektiehjælp", "categories": "lektiehjaelp", "areas": "nord"}])
def test_search_page_query_count_does_not_grow_with_the_data(client, query):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    counts = []
    for batch in (5, 35):
        for number in range(batch):
            make.opportunity(f"Lektiehjælp {batch}-{number}", area="nord", categories=["lektiehjaelp", "kultur"],
                             latitude=55.68, longitude=12.53, organisation_=make.organisation(f"forening-{number % 4}"))
        reset_queries()  # the client's request_started resets the log; start from zero so nothing is lost
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, query).status_code == 200
        counts.append(len(captured))
    assert 0 < counts[0] == counts[1] <= 10


def test_no_map_tiles_in_csp_by_default(client):
    assert "img-src 'self' data:;" in client.get(SEARCH)["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("tile_url", "origin"),
    [
        ("https://tiles.example.org:8443/styles/{z}/{x}/{y}.png", "https://tiles.example.org:8443"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ],
)
def test_the_tile_server_origin_joins_the_csp_img_src(monkeypatch, tile_url, origin):
    monkeypatch.setenv("MAP_TILE_URL", tile_url)
    configured = runpy.run_path(str(Path(settings.BASE_DIR) / "frivillig" / "settings.py"))
    assert configured["SECURE_CSP"]["img-src"][-1] == origin
    assert configured["MAP_TILE_URL"] == tile_url


# --- the opportunity page -----------------------------------------------------------------------------------


@pytest.fixture
def lektiehjaelp(cast):
    today = timezone.localdate()
    return make.opportunity(
        "Lektiehjælp i Solbjerg",
        organisation_=cast["A"],
        summary="Hjælp børn med lektier.",
        description="Vi mødes **mandag**.\n\n<script>alert(1)</script>\n\nSkriv til os </script><b>!",
        language="da",
        area="nord",
        street_address="Solbjergvej 21",
        postcode="2000",
        city="Frederiksberg",
        latitude=55.6806,
        longitude=12.5276,
        time_commitment="regular",
        hours_per_week=Decimal("2.5"),
        minimum_age=15,
        requires_child_certificate=True,
        no_danish_required=True,
        languages=["engelsk", "arabisk"],
        wheelchair_accessible=True,
        accessibility_note="Elevator i opgangen",
        start_date=today,
        application_deadline=today + timezone.timedelta(days=30),
        volunteers_wanted=4,
        contact_name="Bo Kristensen",
        contact_email="bo@example.org",
        contact_phone="12 34 56 78",
        categories=["lektiehjaelp", "boern-unge"],
        suits_youth=True,
    )


def test_detail_page_has_everything_needed_to_decide(client, lektiehjaelp):
    response = client.get(f"/muligheder/{lektiehjaelp.pk}/")
    assert response.status_code == 200
    page = text(response)
    assert '<h1 id="opportunity-title" lang="da">Lektiehjælp i Solbjerg</h1>' in page
    assert 'Besøgsvennerne Frederiksberg</a> · Association <span class="verified-mark">Verified</span>' in page
    for fact in (
        "Solbjergvej 21", "Frederiksberg North", "Regular – about 2.5 hours a week",
        "You must be at least 15 years old.", "Required. The organisation asks the police",
        f'<a href="{reverse("opportunities:child_certificate")}">What is a børneattest?</a>',
        "No Danish required, English, Arabic", "Wheelchair accessible", "Elevator i opgangen",
        "Young people (13–17)", "bo@example.org", 'href="tel:12345678"', "Volunteers wanted",
        "Homework help and reading",
    ):
        assert fact in page, fact
    with translation.override("en"):
        deadline = date_format(lektiehjaelp.application_deadline, "DATE_FORMAT")
    assert f"<dt>Application deadline</dt> <dd>{deadline}</dd>" in page


def test_detail_page_marks_the_description_language_and_sanitises_it(client, lektiehjaelp):
    page = text(client.get(f"/muligheder/{lektiehjaelp.pk}/"))
    assert '<div class="opportunity-description" lang="da"><p>Vi mødes <strong>mandag</strong>.</p>' in page
    assert "<script>alert(1)</script>" not in page


def test_detail_page_json_ld_job_posting(client, lektiehjaelp):
    response = client.get(f"/muligheder/{lektiehjaelp.pk}/")
    body = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    match = re.search(rf'<script type="application/ld\+json" nonce="{nonce}">(.*?)</script>', body, re.S)
    raw = match.group(1)
    assert "</script" not in raw and "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "VOLUNTEER"
    assert data["title"] == "Lektiehjælp i Solbjerg"
    assert "<strong>mandag</strong>" in data["description"]
    assert "alert(1)" not in data["description"]
    assert data["datePosted"] == timezone.localdate(lektiehjaelp.published_at).isoformat()
    assert data["validThrough"].startswith(lektiehjaelp.application_deadline.isoformat() + "T23:59:59")
    assert data["hiringOrganization"] == {
        "@type": "Organization", "name": "Besøgsvennerne Frederiksberg",
        "url": "http://testserver/organisationer/besoegsvennerne-frederiksberg/",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "Solbjergvej 21", "postalCode": "2000",
        "addressLocality": "Frederiksberg", "addressCountry": "DK",
    }
    assert data["jobLocation"]["geo"] == {"@type": "GeoCoordinates", "latitude": 55.6806, "longitude": 12.5276}
    assert "jobLocationType" not in data
    assert data["directApply"] is False
    assert data["url"] == f"http://testserver/muligheder/{lektiehjaelp.pk}/"


def test_json_ld_for_an_online_role_is_telecommute(client, cast):
    online = make.opportunity("Telefonrådgivning", organisation_=cast["B"], is_online=True)
    body = client.get(f"/muligheder/{online.pk}/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S).group(1))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Denmark"}
    assert "jobLocation" not in data
    assert "validThrough" not in data


def test_detail_page_without_age_certificate_or_contact(client, cast):
    plain = make.opportunity("Spisefællesskab", organisation_=cast["B"])
    page = text(client.get(f"/muligheder/{plain.pk}/"))
    assert "No minimum age." in page
    assert "Not required." in page
    assert "What is a børneattest?" in page
    assert "No deadline" in page
    assert "By agreement – ask the contact person" in page
    assert f'<a href="/organisationer/{cast["B"].slug}/">Contact Lektiecaféen på Solbjerg</a>' in page
    assert '<span class="verified-mark">' not in page.split("</h1>")[1].split("</p>")[0]


@pytest.mark.parametrize("status", ["draft", "paused", "closed", "expired"])
def test_detail_page_is_404_unless_published(client, cast, status):
    hidden = make.opportunity("Skjult", organisation_=cast["A"], status=status)
    assert client.get(f"/muligheder/{hidden.pk}/").status_code == 404


def test_detail_page_is_404_for_a_dissolved_organisation_and_unknown_ids(client):
    gone = make.opportunity("Væk", organisation_=make.organisation("opløst", dissolved_at=timezone.now()))
    assert client.get(f"/muligheder/{gone.pk}/").status_code == 404
    assert client.get("/muligheder/999999/").status_code == 404


def test_municipal_unit_shows_the_role_card(client, cast):
    role = make.opportunity(
        "Højtlæsning på plejecentret", organisation_=cast["U"],
        role_volunteer_tasks="Læser højt for beboerne.", role_staff_tasks="Pleje og medicin.",
        role_staff_contact="Gitte Mortensen", role_confirmed_by=cast["gitte"], role_confirmed_at=timezone.now(),
        insurance_covered=True,
    )
    page = text(client.get(f"/muligheder/{role.pk}/"))
    assert "Role and responsibility" in page
    assert "Læser højt for beboerne." in page and "Pleje og medicin." in page
    assert "does not replace paid work" in page
    assert "covered by Frederiksberg Kommune's volunteer insurance" in page
    assert "dagpenge" in page


def test_association_shows_no_role_card(client, lektiehjaelp):
    assert "Role and responsibility" not in text(client.get(f"/muligheder/{lektiehjaelp.pk}/"))


def test_similar_opportunities_share_a_category(client, cast, lektiehjaelp, django_assert_max_num_queries):
    make.opportunity("Lektiecafé for unge", categories=["lektiehjaelp", "boern-unge"])
    make.opportunity("Læsemakker", categories=["lektiehjaelp"])
    make.opportunity("Fodboldtræner", categories=["idraet"])
    make.opportunity("Kladde om lektier", categories=["lektiehjaelp"], status="draft")
    for number in range(4):
        make.opportunity(f"Børneklub {number}", categories=["boern-unge"], published_days_ago=number + 1)
    page = text(client.get(f"/muligheder/{lektiehjaelp.pk}/"))
    similar = page.split('id="similar-heading"')[1]
    found = re.findall(r'<h3 class="h3 opportunity-card-title"><a href="[^"]+" lang="da">([^<]+)</a>', similar)
    assert found[0] == "Lektiecafé for unge"  # two shared categories
    assert len(found) == 4
    assert "Fodboldtræner" not in found and "Kladde om lektier" not in found
    assert "Lektiehjælp i Solbjerg" not in found


def test_detail_page_query_count_is_constant(client, lektiehjaelp, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(f"/muligheder/{lektiehjaelp.pk}/")


def test_coordinator_sees_the_unpublish_link(client_for, lektiehjaelp):
    url = reverse("opportunities:unpublish", kwargs={"pk": lektiehjaelp.pk})
    client = client_for("dorte")
    client.cookies["django_language"] = "en"
    assert f'href="{url}"' in text(client.get(f"/muligheder/{lektiehjaelp.pk}/"))
    for name in ("visitor", "ane", "bo"):
        assert f'href="{url}"' not in text(client_for(name).get(f"/muligheder/{lektiehjaelp.pk}/"))


def test_members_see_the_edit_link(client_for, cast, lektiehjaelp):
    url = reverse("opportunities:edit", kwargs={"slug": cast["A"].slug, "pk": lektiehjaelp.pk})
    assert f'href="{url}"' in text(client_for("erik").get(f"/muligheder/{lektiehjaelp.pk}/"))
    assert f'href="{url}"' not in text(client_for("carl").get(f"/muligheder/{lektiehjaelp.pk}/"))


# --- the home page and the menu -----------------------------------------------------------------------------


def test_home_page_shows_the_newest_opportunities_and_a_search_box(client):
    for number in range(8):
        make.opportunity(f"Opslag {number}", published_days_ago=number)
    make.opportunity("Kladde", status=Opportunity.Status.DRAFT)
    page = text(client.get("/"))
    assert "Newest opportunities" in page
    assert "Opslag 0" in page and "Opslag 5" in page and "Opslag 6" not in page and "Kladde" not in page
    assert '<form method="get" action="/muligheder/" role="search"' in page
    assert '<input class="form-input" type="search" id="home-search-q" name="q"' in page


def test_home_page_without_opportunities(client):
    assert "No opportunities have been posted yet." in text(client.get("/"))


def test_menu_starts_with_find_volunteer_work(client):
    page = text(client.get(SEARCH))
    nav = page.split('class="main-nav-list')[1]
    assert re.search(r'<li><a href="/muligheder/" class="main-nav-link" aria-current="page">Find volunteer work</a>',
                     nav.split("</li>")[0] + "</li>")
