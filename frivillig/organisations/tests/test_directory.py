"""The public directory and profile pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.core.models import Area, Category
from frivillig.organisations.models import Organisation

from .utils import make_organisation

DIRECTORY = reverse("organisations:directory")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def test_directory_lists_active_organisations_with_cards(client, cast):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert {"Besøgsvennerne Frederiksberg", "Lektiecaféen på Solbjerg", "Plejecenter Akaciegården"} <= set(
        names(response)
    )
    html = response.content.decode()
    assert '<h1>Organisations</h1>' in html
    assert 'href="/organisationer/besoegsvennerne-frederiksberg/"' in html
    assert '<span class="verified-mark">Verified</span>' in html
    assert 'hx-get="/organisationer/"' in html and 'hx-target="#directory-results"' in html


def test_search_is_case_insensitive_also_for_danish_letters(client, cast):
    for query in ["besøg", "BESØG", "Besøgsvennerne frederiksberg", "ÆLDRE"]:
        assert names(client.get(DIRECTORY, {"q": query})) == ["Besøgsvennerne Frederiksberg"], query
    assert names(client.get(DIRECTORY, {"q": "LEKTIEHJÆLP"})) == ["Lektiecaféen på Solbjerg"]
    assert names(client.get(DIRECTORY, {"q": "akaciegården 80 beboere"})) == ["Plejecenter Akaciegården"]


def test_filters_by_kind_area_category_and_verified(client, cast):
    area = Area.objects.get(slug="nord")
    category = Category.objects.get(slug="lektiehjaelp")
    cast["B"].areas.add(area)
    cast["B"].categories.add(category)
    assert "Plejecenter Akaciegården" not in names(client.get(DIRECTORY, {"kind": "association"}))
    assert names(client.get(DIRECTORY, {"kind": "municipal_unit", "q": "akacie"})) == ["Plejecenter Akaciegården"]
    assert names(client.get(DIRECTORY, {"area": "nord"})) == ["Lektiecaféen på Solbjerg"]
    assert names(client.get(DIRECTORY, {"category": "lektiehjaelp"})) == ["Lektiecaféen på Solbjerg"]
    verified = names(client.get(DIRECTORY, {"verified": "on"}))
    assert "Lektiecaféen på Solbjerg" not in verified
    assert {"Besøgsvennerne Frederiksberg", "Plejecenter Akaciegården"} <= set(verified)


def test_unknown_filter_values_are_ignored(client, cast):
    response = client.get(DIRECTORY, {"category": "no-such-category", "kind": "spaceship"})
    assert response.status_code == 200
    assert "Besøgsvennerne Frederiksberg" in names(response)


def test_empty_result_suggests_widening_the_search(client, cast):
    response = client.get(DIRECTORY, {"q": "zzzz-nothing"})
    html = response.content.decode()
    assert "0 organisations found" in html
    assert "remove a filter to widen the search" in html
    assert 'role="status"' in html


def test_htmx_request_gets_only_the_results_partial(client, cast):
    response = client.get(DIRECTORY, {"q": "besøg"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1>" not in html
    assert "Besøgsvennerne Frederiksberg" in html
    assert '<p id="directory-count" hx-swap-oob="innerHTML">' in html
    assert "1 organisation found" in html
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_whole_page(client, cast):
    response = client.get(DIRECTORY, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_pagination_keeps_the_filters(client, cast):
    for number in range(25):
        make_organisation(f"Idrætsforening {number:02}")
    response = client.get(DIRECTORY, {"q": "idræt"})
    assert len(names(response)) == 20
    assert "?q=idr%C3%A6t&amp;side=2" in response.content.decode()
    assert len(names(client.get(DIRECTORY, {"q": "idræt", "side": 2}))) == 5


def directory_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(DIRECTORY, {"kind": "association"})
    return len(queries)


def test_directory_queries_do_not_grow_with_organisations(client, cast, django_assert_num_queries):
    areas = list(Area.objects.all()[:2])

    def add(count, start):
        for number in range(start, start + count):
            make_organisation(f"Forening {number:02}", description="Vi mødes hver uge.").areas.set(areas)

    add(5, 0)
    client.get(DIRECTORY)  # warm the site configuration cache
    expected = directory_queries(client)
    add(20, 5)
    with django_assert_num_queries(expected):
        response = client.get(DIRECTORY, {"kind": "association"})
    assert len(names(response)) == 20


def test_dissolved_organisations_leave_the_directory_and_their_profile_is_gone(client, cast):
    Organisation.objects.filter(pk=cast["B"].pk).update(dissolved_at=timezone.now())
    assert "Lektiecaféen på Solbjerg" not in names(client.get(DIRECTORY))
    assert client.get(cast["B"].get_absolute_url()).status_code == 404


def test_profile_shows_the_organisation(client, cast):
    organisation = cast["A"]
    organisation.areas.add(Area.objects.get(slug="nord"))
    organisation.categories.add(Category.objects.get(slug="besoegsven"))
    organisation.logo = "organisations/logos/besoeg.png"
    organisation.website = "https://besoegsvennerne.example.org"
    organisation.save()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert '<div class="org-description" lang="da">' in html
    assert 'alt="Besøgsvennerne Frederiksberg logo"' in html
    assert "Frederiksberg North" in html and "Visiting and company" in html
    assert "kontakt@besoegsvennerne.example.org" in html
    assert "Bibliotekstorvet 1" in html
    assert '<span class="verified-mark">Verified</span>' in html
    assert "Association" in html
    assert "Edit the profile" not in html


def test_members_see_links_to_manage(client_for, cast):
    html = client_for("erik").get(cast["A"].get_absolute_url()).content.decode()
    assert "Edit the profile" in html and "Leave the organisation" in html
    assert "Members and invitations" not in html
    html = client_for("bo").get(cast["A"].get_absolute_url()).content.decode()
    assert "Members and invitations" in html and "Dissolve the organisation" in html


def test_unknown_profile_is_404(client, db):
    assert client.get(reverse("organisations:detail", args=["findes-ikke"])).status_code == 404


@pytest.mark.django_db
def test_home_page_card_has_heading_level_and_mark(client, cast):
    html = client.get(reverse("core:home")).content.decode()
    assert '<h3 class="h3 org-card-title"><a href="/organisationer/lektiecafe-solbjerg/">' in html
