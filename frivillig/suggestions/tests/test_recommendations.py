""""Forslag til dig": what is suggested, why, what is left out, and the pages that show it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.applications.models import Application
from frivillig.core.models import Area, Category
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.tests import search_factories as make
from frivillig.suggestions.recommendations import suggestions_for

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/min-side/forslag/"


def set_profile(user, *, interests=(), areas=(), birth_year=None, **flags):
    profile = user.profile
    profile.birth_year = birth_year
    for key in ("weekdays", "weekends", "daytime", "evenings"):
        setattr(profile, f"available_{key}", key in flags.get("available", ()))
    profile.save()
    profile.interests.set(Category.objects.filter(slug__in=interests))
    profile.areas.set(Area.objects.filter(slug__in=areas))
    return profile


def suggested(user, **kwargs) -> dict[str, list[str]]:
    """{title: reasons} of the user's suggestions, in English, in their order."""
    with translation.override("en"):
        return {item.opportunity.title: list(item.reasons) for item in suggestions_for(user, **kwargs).items}


def test_url():
    assert reverse("suggestions:suggestions") == SUGGESTIONS


def test_each_suggestion_says_why(cast):
    ane = cast.users["ane"]
    year = timezone.localdate().year
    set_profile(ane, interests=["idraet"], areas=["frederiksberg-c"], birth_year=year - 16,
                available=["weekdays", "evenings"])
    make.opportunity("Fodboldtræner", categories=["idraet"], area="nord")
    make.opportunity("Kassererhjælp", area="frederiksberg-c")
    make.opportunity("Online mentor", is_online=True)
    make.opportunity("Aftenkor", when_weekdays=True, when_evenings=True)
    make.opportunity("Weekendvagt", when_weekends=True, when_evenings=True)  # the days rule it out
    make.opportunity("Ungdomsklub", suits_youth=True)
    make.opportunity("Seniordans", suits_seniors=True)  # she is 16
    make.opportunity("Ingenting til fælles", categories=["kultur"], area="vest")
    assert suggested(ane) == {
        "Fodboldtræner": ["Matches your interest in Sport and exercise"],
        "Kassererhjælp": ["In your area: Frederiksberg C"],
        "Online mentor": ["Can be done online"],
        "Aftenkor": ["Fits when you can help: weekdays, evenings"],
        "Ungdomsklub": ["Suits young people"],
    }


def test_the_best_match_comes_first(cast):
    ane = cast.users["ane"]
    set_profile(ane, interests=["idraet"], areas=["nord"], available=["evenings"])
    make.opportunity("Kun området", area="nord", published_days_ago=0)
    make.opportunity("Interesse og område", categories=["idraet"], area="nord", published_days_ago=5)
    make.opportunity("Kun tiden", when_evenings=True, published_days_ago=0)
    assert list(suggested(ane)) == ["Interesse og område", "Kun området", "Kun tiden"]
    assert suggested(ane)["Interesse og område"] == [
        "Matches your interest in Sport and exercise", "In your area: Frederiksberg North"
    ]


def test_seniors(cast):
    ane = cast.users["ane"]
    set_profile(ane, birth_year=timezone.localdate().year - 70)
    make.opportunity("Seniordans", suits_seniors=True)
    make.opportunity("Ungdomsklub", suits_youth=True)
    assert suggested(ane) == {"Seniordans": ["Suits seniors"]}


def test_what_she_applied_to_is_left_out_whatever_its_status(cast, applications):
    ane = cast.users["ane"]
    set_profile(ane, interests=["aeldre"])
    make.opportunity("Spisevens", categories=["aeldre"])
    applications.ane_a.status = Application.Status.WITHDRAWN
    applications.ane_a.save(update_fields=["status"])
    # ane applied to both of the cast's roles for older people (A's now withdrawn); only the new one is left.
    assert list(suggested(ane)) == ["Spisevens"]
    # Another person with the same interest gets all three.
    erik = cast.users["erik"]
    set_profile(erik, interests=["aeldre"])
    assert set(suggested(erik)) == {"Spisevens", cast.opportunities.published_a.title,
                                    cast.opportunities.published_u.title}


def test_roles_above_her_age_are_left_out(cast):
    ane = cast.users["ane"]
    set_profile(ane, interests=["idraet"], birth_year=timezone.localdate().year - 16)
    make.opportunity("Fra 18", categories=["idraet"], minimum_age=18)
    make.opportunity("Fra 16", categories=["idraet"], minimum_age=16)
    make.opportunity("For alle", categories=["idraet"])
    assert set(suggested(ane)) == {"Fra 16", "For alle"}
    set_profile(ane, interests=["idraet"])  # without a birth year, the age is not known, so nothing is left out
    assert set(suggested(ane)) == {"Fra 18", "Fra 16", "For alle"}


def test_only_open_published_roles(cast):
    ane = cast.users["ane"]
    set_profile(ane, interests=["idraet"])
    today = timezone.localdate()
    make.opportunity("Åben", categories=["idraet"], application_deadline=today)
    make.opportunity("Fristen er gået", categories=["idraet"], application_deadline=today - timedelta(days=1))
    make.opportunity("Slut", categories=["idraet"], end_date=today - timedelta(days=1))
    make.opportunity("Kladde", categories=["idraet"], status=Opportunity.Status.DRAFT)
    make.opportunity("Udløbet", categories=["idraet"], status=Opportunity.Status.EXPIRED)
    assert list(suggested(ane)) == ["Åben"]


def test_at_most_the_limit(cast):
    ane = cast.users["ane"]
    set_profile(ane, interests=["idraet"])
    for number in range(5):
        make.opportunity(f"Hold {number}", categories=["idraet"], published_days_ago=number)
    assert list(suggested(ane, limit=3)) == ["Hold 0", "Hold 1", "Hold 2"]


def test_a_profile_with_nothing_in_it(cast):
    ane = cast.users["ane"]
    set_profile(ane)
    make.opportunity("Fodboldtræner", categories=["idraet"])
    result = suggestions_for(ane)
    assert result.profile_is_empty and result.items == []


# --- the pages ----------------------------------------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(SUGGESTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_lists_suggestions_with_reasons(client_for, cast, english):
    set_profile(cast.users["ane"], areas=["nord"])
    opportunity = make.opportunity("Fodboldtræner", area="nord", language="da")
    page = client_for("ane").get(SUGGESTIONS).content.decode()
    assert f'<a href="{opportunity.get_absolute_url()}" lang="da">Fodboldtræner</a>' in page
    assert "In your area: Frederiksberg North" in page


def test_an_empty_profile_is_asked_for(client_for, cast, english):
    make.opportunity("Fodboldtræner", categories=["idraet"])
    page = client_for("ane").get(SUGGESTIONS).content.decode()
    assert reverse("accounts:profile_edit") in page
    assert "Fodboldtræner" not in page
    assert "You have not told us any of it yet" in page


def test_no_matches_says_so(client_for, cast, english):
    set_profile(cast.users["ane"], interests=["idraet"])
    make.opportunity("Korsanger", categories=["kultur"])
    page = client_for("ane").get(SUGGESTIONS).content.decode()
    assert "No suggestions right now" in page
    assert "Korsanger" not in page


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SUGGESTIONS).status_code == 200
    return len(queries)


def test_the_page_query_count_does_not_grow(client_for, cast, django_assert_num_queries):
    set_profile(cast.users["ane"], interests=["idraet", "kultur"], areas=["nord"], available=["evenings"])
    client = client_for("ane")
    make.opportunity("Hold 0", categories=["idraet"], area="nord")
    few = _page_queries(client)
    for number in range(1, 12):
        make.opportunity(f"Hold {number}", categories=["idraet", "kultur"], area="nord", when_evenings=True)
    with django_assert_num_queries(few):
        client.get(SUGGESTIONS)


def test_min_side_shows_the_top_three(client_for, cast, english):
    set_profile(cast.users["ane"], interests=["idraet"])
    for number in range(5):
        make.opportunity(f"Hold {number}", categories=["idraet"], published_days_ago=number)
    page = client_for("ane").get(reverse("accounts:min_side")).content.decode()
    assert [f"Hold {number}" in page for number in range(5)] == [True, True, True, False, False]
    assert "Matches your interest in Sport and exercise" in page
    assert reverse("suggestions:suggestions") in page
    assert reverse("suggestions:saved_searches") in page
