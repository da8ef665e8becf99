"""Saved searches on Min side: saving one from a search, changing its e-mails, deleting it, and who may."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.opportunities.tests import search_factories as make
from frivillig.suggestions.models import MAX_SAVED_SEARCHES, SavedSearch

pytestmark = pytest.mark.django_db

LIST = "/min-side/gemte-soegninger/"
CREATE = "/min-side/gemte-soegninger/ny/"
QUERY = "q=%C3%A6ldre&areas=nord&areas=vest&wheelchair=1"


def saved(user, query="q=%C3%A6ldre", name="Ældre", **fields) -> SavedSearch:
    return SavedSearch.objects.create(user=user, query=query, name=name, **fields)


def update_url(saved_search) -> str:
    return reverse("suggestions:saved_search_update", kwargs={"pk": saved_search.pk})


def delete_url(saved_search) -> str:
    return reverse("suggestions:saved_search_delete", kwargs={"pk": saved_search.pk})


def test_urls():
    assert reverse("suggestions:saved_searches") == LIST
    assert reverse("suggestions:saved_search_create") == CREATE


def test_the_search_page_links_to_saving_the_search(client):
    page = client.get(f"/muligheder/?{QUERY}&sort=newest&side=1").content.decode()
    assert f'href="{CREATE}?q=%C3%A6ldre&amp;areas=nord&amp;areas=vest&amp;wheelchair=1"' in page


def test_visitors_are_sent_to_sign_in_with_the_search_kept(client):
    response = client.get(f"{CREATE}?{QUERY}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/min-side/gemte-soegninger/ny/%3Fq%3D%25C3%25A6ldre%26areas%3Dnord" in response["Location"]
    assert client.post(f"{CREATE}?{QUERY}", {"name": "x"}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_save_page_describes_the_search_in_words(client_for, cast, english):
    page = client_for("ane").get(f"{CREATE}?{QUERY}&sort=deadline&side=3").content.decode()
    assert "<dt>Search text</dt><dd>ældre</dd>" in page
    assert "<dt>Area of the city</dt><dd>Frederiksberg North, Frederiksberg West</dd>" in page
    assert "<dt>Accessibility</dt><dd>Wheelchair accessible</dd>" in page
    assert 'value="ældre, Frederiksberg North, Frederiksberg West, Wheelchair accessible"' in page  # the name


def test_an_empty_search_is_everything(client_for, cast, english):
    page = client_for("ane").get(CREATE).content.decode()
    assert "Every volunteer opportunity: no search text and no filters." in page
    assert 'value="All volunteer opportunities"' in page


def test_saving_a_search(client_for, cast):
    ane = cast.users["ane"]
    ane.profile.preferred_language = "en"
    ane.profile.save()
    response = client_for("ane").post(f"{CREATE}?{QUERY}&sort=deadline&side=3",
                                      {"name": "  Ældre   i Nord ", "frequency": "daily", "language": "en"})
    assert response.status_code == 302 and response["Location"] == LIST
    saved_search = SavedSearch.objects.get(user=ane)
    assert (saved_search.name, saved_search.query, saved_search.frequency, saved_search.language) == (
        "Ældre i Nord", "q=%C3%A6ldre&areas=nord&areas=vest&wheelchair=1", "daily", "en"
    )
    assert saved_search.is_active and saved_search.next_due_at > saved_search.created_at
    assert "Ældre i Nord" in client_for("ane").get(LIST).content.decode()  # the confirmation message


def test_the_language_starts_as_the_profile_s(client_for, cast):
    ane = cast.users["ane"]
    ane.profile.preferred_language = "en"
    ane.profile.save()
    page = client_for("ane").get(CREATE).content.decode()
    assert 'value="en" id="id_language_1" checked' in page


def test_a_name_is_required(client_for, cast, english):
    response = client_for("ane").post(f"{CREATE}?{QUERY}", {"name": "", "frequency": "weekly", "language": "da"})
    assert response.status_code == 200
    assert "Give the search a name." in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_same_search_twice_is_refused(client_for, cast, english):
    saved(cast.users["ane"], query="q=%C3%A6ldre&areas=nord")
    response = client_for("ane").post(f"{CREATE}?areas=nord&q=ældre&sort=newest",
                                      {"name": "Igen", "frequency": "weekly", "language": "da"})
    assert "You have already saved this search." in response.content.decode()
    assert SavedSearch.objects.count() == 1


def test_at_most_twenty(client_for, cast, english):
    ane = cast.users["ane"]
    for number in range(MAX_SAVED_SEARCHES):
        saved(ane, query=f"q=ord{number}", name=f"Søgning {number}")
    client = client_for("ane")
    assert "You have as many saved searches as you can keep" in client.get(f"{CREATE}?q=ny").content.decode()
    response = client.post(f"{CREATE}?q=ny", {"name": "Ny", "frequency": "weekly", "language": "da"})
    assert "You can keep 20 saved searches. Delete one you no longer need" in response.content.decode()
    assert SavedSearch.objects.filter(user=ane).count() == MAX_SAVED_SEARCHES
    # Others are not limited by ane's searches.
    response = client_for("erik").post(f"{CREATE}?q=ny", {"name": "Ny", "frequency": "weekly", "language": "da"})
    assert response.status_code == 302


def test_the_list_is_empty_at_first(client_for, cast, english):
    page = client_for("carl").get(LIST).content.decode()
    assert "You have no saved searches yet" in page
    assert reverse("opportunities:search") in page


def test_the_list_shows_only_the_person_s_own_searches_in_words(client_for, cast, english):
    saved(cast.users["ane"], query="categories=idraet&online=1", name="Idræt")
    saved(cast.users["carl"], name="Carls søgning")
    page = client_for("ane").get(LIST).content.decode()
    assert "Idræt" in page and "Carls søgning" not in page
    assert "<dt>Category</dt><dd>Sport and exercise</dd>" in page
    assert "<dt>Online</dt><dd>Can be done online</dd>" in page


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow(client_for, cast, django_assert_num_queries):
    ane = cast.users["ane"]
    client = client_for("ane")
    saved(ane, query="q=a")
    few = _list_queries(client)
    for number in range(8):
        saved(ane, query=f"categories=idraet&areas=nord&q=ord{number}", name=f"Søgning {number}")
    with django_assert_num_queries(few):
        client.get(LIST)


def test_changing_how_often(client_for, cast):
    saved_search = saved(cast.users["ane"], frequency="weekly")
    response = client_for("ane").post(update_url(saved_search), {"emails": "daily"})
    assert response.status_code == 302 and response["Location"] == LIST
    saved_search.refresh_from_db()
    assert saved_search.frequency == "daily" and saved_search.is_active


def test_turning_the_emails_off_and_on(client_for, cast):
    saved_search = saved(cast.users["ane"], frequency="weekly")
    client = client_for("ane")
    client.post(update_url(saved_search), {"emails": "off"})
    saved_search.refresh_from_db()
    assert not saved_search.is_active and saved_search.frequency == "weekly"
    client.post(update_url(saved_search), {"emails": "daily"})
    saved_search.refresh_from_db()
    assert saved_search.is_active and saved_search.frequency == "daily"


def test_a_bad_choice_shows_the_list_again_with_an_error(client_for, cast, english):
    saved_search = saved(cast.users["ane"], frequency="weekly")
    response = client_for("ane").post(update_url(saved_search), {"emails": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    saved_search.refresh_from_db()
    assert saved_search.frequency == "weekly"


def test_deleting(client_for, cast):
    saved_search = saved(cast.users["ane"])
    response = client_for("ane").post(delete_url(saved_search))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not SavedSearch.objects.exists()


def test_someone_else_s_search_is_404(client_for, cast):
    saved_search = saved(cast.users["ane"], frequency="weekly")
    client = client_for("carl")
    assert client.post(update_url(saved_search), {"emails": "daily"}).status_code == 404
    assert client.post(delete_url(saved_search)).status_code == 404
    saved_search.refresh_from_db()
    assert saved_search.frequency == "weekly"


def test_changes_are_post_only(client_for, cast):
    saved_search = saved(cast.users["ane"])
    client = client_for("ane")
    assert client.get(update_url(saved_search)).status_code == 405
    assert client.get(delete_url(saved_search)).status_code == 405
    assert SavedSearch.objects.exists()


def test_a_saved_search_finds_what_the_search_page_finds(cast):
    """The saved query is the search page's own: the matching in digests reads it back the same way."""
    make.opportunity("Besøgsven i Nord", area="nord", wheelchair_accessible=True, summary="For ældre")
    make.opportunity("Besøgsven i Syd", area="syd", wheelchair_accessible=True, summary="For ældre")
    from frivillig.opportunities.search import matching_opportunities

    saved_search = saved(cast.users["ane"], query=QUERY)
    assert [o.title for o in matching_opportunities(saved_search.params)] == ["Besøgsven i Nord"]
