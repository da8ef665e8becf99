"""Min side and the profile form."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.forms import ProfileForm
from frivillig.accounts.models import User, VolunteerProfile
from frivillig.accounts.services import profile_update
from frivillig.core.models import Area, Category

from .html import assert_sound_page, main_of, structure_problems

pytestmark = pytest.mark.django_db

MIN_SIDE = reverse("accounts:min_side")
PROFILE_EDIT = reverse("accounts:profile_edit")


def valid_post(**overrides) -> dict:
    data = {
        "name": "Ane Holm",
        "birth_year": "1990",
        "phone": "+45 12 34 56 78",
        "preferred_language": "da",
        "interests": [str(Category.objects.first().pk)],
        "areas": [str(Area.objects.first().pk)],
        "availability": ["weekends", "evenings"],
        "notifications": ["news"],
    }
    return data | overrides


@pytest.mark.parametrize("url", [MIN_SIDE, PROFILE_EDIT])
def test_visitor_is_asked_to_sign_in(client, cast, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("url", [MIN_SIDE, PROFILE_EDIT])
def test_pages_are_sound(client_for, url, language):
    client = client_for("bo")
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    assert_sound_page(response, language)


def test_profile_form_saves_everything(client_for, cast):
    client = client_for("ane")
    response = client.post(PROFILE_EDIT, valid_post())
    assert response.status_code == 302
    assert response["Location"] == MIN_SIDE
    profile = VolunteerProfile.objects.get(user=cast.users["ane"])
    assert profile.user.name == "Ane Holm"
    assert profile.birth_year == 1990
    assert profile.phone == "+45 12 34 56 78"
    assert list(profile.interests.all()) == [Category.objects.first()]
    assert list(profile.areas.all()) == [Area.objects.first()]
    assert (profile.available_weekdays, profile.available_weekends) == (False, True)
    assert (profile.available_daytime, profile.available_evenings) == (False, True)
    assert (profile.notify_new_opportunities, profile.notify_reminders, profile.notify_news) == (False, False, True)


def test_form_shows_saved_values(client_for, cast):
    client = client_for("ane")
    client.post(PROFILE_EDIT, valid_post())
    html = main_of(client.get(PROFILE_EDIT))
    assert 'value="1990"' in html
    assert re.search(r'value="weekends" id="[^"]+" checked', html)
    assert not re.search(r'value="weekdays" id="[^"]+" checked', html)


def test_everything_can_be_cleared(client_for, cast):
    client = client_for("ane")
    client.post(PROFILE_EDIT, valid_post())
    response = client.post(PROFILE_EDIT, {"preferred_language": "da"})
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=cast.users["ane"])
    assert profile.birth_year is None
    assert profile.phone == ""
    assert profile.user.name == ""
    assert not profile.interests.exists()
    assert not profile.available_weekends
    assert not profile.notify_news


@pytest.mark.parametrize("year", ["1899", str(timezone.localdate().year + 1), "19x0", "-5"])
def test_birth_year_outside_the_range_is_a_clear_error(client_for, cast, year):
    response = client_for("ane").post(PROFILE_EDIT, valid_post(birth_year=year))
    assert response.status_code == 200
    html = main_of(response)
    assert 'id="id_birth_year-error"' in html
    assert 'aria-invalid="true"' in html
    assert structure_problems(html) == []
    assert VolunteerProfile.objects.get(user=cast.users["ane"]).birth_year is None


def test_birth_year_error_names_the_range():
    form = ProfileForm(data=valid_post(birth_year="1800"))
    assert not form.is_valid()
    assert form.errors["birth_year"] == [f"Skriv et år mellem 1900 og {timezone.localdate().year}."]


def test_this_year_is_allowed():
    form = ProfileForm(data=valid_post(birth_year=str(timezone.localdate().year)))
    assert form.is_valid(), form.errors


def test_bad_phone_is_refused(client_for, cast):
    response = client_for("ane").post(PROFILE_EDIT, valid_post(phone="call me"))
    assert response.status_code == 200
    assert 'id="id_phone-error"' in main_of(response)


def test_unknown_choices_are_refused(client_for, cast):
    response = client_for("ane").post(PROFILE_EDIT, valid_post(availability=["mornings"], preferred_language="de"))
    assert response.status_code == 200
    html = main_of(response)
    assert 'id="id_availability-error"' in html
    assert 'id="id_preferred_language-error"' in html


def test_choosing_english_switches_the_site(client_for, cast):
    client = client_for("ane")
    response = client.post(PROFILE_EDIT, valid_post(preferred_language="en"))
    assert response.cookies["django_language"].value == "en"
    assert VolunteerProfile.objects.get(user=cast.users["ane"]).preferred_language == "en"
    page = client.get(MIN_SIDE)
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "Your profile has been saved." in html


def test_profile_update_service_creates_a_missing_profile(cast):
    user = User.objects.create_user(email="uden-profil@example.org")
    profile = profile_update(user=user, data={"name": "  Uden   Profil ", "preferred_language": "en"})
    assert profile.preferred_language == "en"
    assert User.objects.get(pk=user.pk).name == "  Uden   Profil "


def test_min_side_shows_only_filled_in_facts(client_for, cast):
    html = main_of(client_for("ane").get(MIN_SIDE))
    assert "Ane Holm" in html
    assert "ane@example.org" in html
    for label in ["Birth year", "Phone", "Interests", "Areas of the city", "Can help"]:
        assert f"<dt>{label}</dt>" not in html
    assert "None" not in html


def test_min_side_shows_a_filled_in_profile(client_for, cast):
    client = client_for("ane")
    client.cookies["django_language"] = "en"
    client.post(PROFILE_EDIT, valid_post(preferred_language="en"))
    html = main_of(client.get(MIN_SIDE))
    assert "<dt>Birth year</dt><dd>1990</dd>" in html
    assert "+45 12 34 56 78" in html
    assert Category.objects.first().name_en in html
    assert Area.objects.first().name_en in html
    assert "Weekends, evenings" in html
    assert "E-mail me news from the volunteer team" in html


def test_min_side_lists_organisations_with_roles(client_for, cast):
    client = client_for("bo")
    client.cookies["django_language"] = "en"
    html = main_of(client.get(MIN_SIDE))
    organisation = cast.organisations["A"]
    assert f'<a href="{organisation.get_absolute_url()}">{organisation.name}</a> – Admin' in html
    assert reverse("organisations:create") in html
    assert reverse("organisations:coordinator_overview") not in html


def test_min_side_without_organisations_offers_to_start_one(client_for, cast):
    html = main_of(client_for("ane").get(MIN_SIDE))
    assert "organisation-memberships" not in html
    assert reverse("organisations:create") in html


def test_min_side_links_to_account_pages(client_for, cast):
    html = main_of(client_for("ane").get(MIN_SIDE))
    for name in ["account_change_password", "account_email", "mfa_index"]:
        assert reverse(name) in html
    assert reverse("socialaccount_connections") not in html


def test_min_side_links_to_connections_when_providers_exist(client_for, oidc_settings):
    html = main_of(client_for("ane").get(MIN_SIDE))
    assert reverse("socialaccount_connections") in html


def test_min_side_offers_a_password_to_those_without_one(client_for, cast):
    ane = cast.users["ane"]
    ane.set_unusable_password()
    ane.save()
    html = main_of(client_for("ane").get(MIN_SIDE))
    assert reverse("account_set_password") in html
    assert reverse("account_change_password") not in html


def test_coordinators_get_the_coordinator_overview_link(client_for, cast):
    html = main_of(client_for("dorte").get(MIN_SIDE))
    assert reverse("organisations:coordinator_overview") in html
    assert reverse("mfa_activate_totp") not in html


def test_coordinator_without_totp_is_told_to_set_it_up(client_for, cast):
    html = main_of(client_for("frida").get(MIN_SIDE))
    assert reverse("organisations:coordinator_overview") in html
    assert reverse("mfa_activate_totp") in html


def test_min_side_query_count_does_not_grow(client_for, cast, django_assert_num_queries):
    from frivillig.organisations.models import Membership, Organisation

    client = client_for("bo")
    client.post(PROFILE_EDIT, valid_post(interests=[str(c.pk) for c in Category.objects.all()[:3]]))
    client.cookies["django_language"] = "da"
    client.get(MIN_SIDE)
    with CaptureQueriesContext(connection) as baseline:
        client.get(MIN_SIDE)
    for index in range(3):
        organisation = Organisation.objects.create(name=f"Forening {index}", slug=f"forening-{index}")
        Membership.objects.create(organisation=organisation, user=cast.users["bo"], role="editor")
    with django_assert_num_queries(len(baseline.captured_queries)):
        client.get(MIN_SIDE)
