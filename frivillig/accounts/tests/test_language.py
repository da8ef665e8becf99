"""The portal follows a signed-in person's preferred language, and the language switch remembers a choice."""

import pytest
from django.urls import reverse

from frivillig.accounts.models import VolunteerProfile

pytestmark = pytest.mark.django_db

MIN_SIDE = reverse("accounts:min_side")


def prefer(user, language: str) -> None:
    VolunteerProfile.objects.filter(user=user).update(preferred_language=language)


def test_english_preferring_user_without_cookie_sees_english(client_for, cast):
    prefer(cast.users["ane"], "en")
    response = client_for("ane").get(MIN_SIDE)
    assert '<html lang="en">' in response.content.decode()
    assert "<h1>My page</h1>" in response.content.decode()


def test_the_cookie_wins_over_the_profile(client_for, cast):
    prefer(cast.users["ane"], "en")
    client = client_for("ane")
    client.cookies["django_language"] = "da"
    assert '<html lang="da">' in client.get(MIN_SIDE).content.decode()


def test_visitors_get_danish_by_default(client, cast):
    assert '<html lang="da">' in client.get(reverse("account_login")).content.decode()


def test_danish_preferring_user_sees_danish(client_for, cast):
    assert '<html lang="da">' in client_for("ane").get(MIN_SIDE).content.decode()


def test_language_switch_sets_cookie_and_profile(client_for, cast):
    client = client_for("ane")
    response = client.post(reverse("core:set_language"), {"language": "en", "next": MIN_SIDE})
    assert response.status_code == 302
    assert response["Location"] == MIN_SIDE
    assert response.cookies["django_language"].value == "en"
    assert VolunteerProfile.objects.get(user=cast.users["ane"]).preferred_language == "en"
    assert '<html lang="en">' in client.get(MIN_SIDE).content.decode()


def test_language_switch_for_visitors_sets_only_the_cookie(client, cast):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get(reverse("account_login")).content.decode()


def test_language_switch_ignores_unknown_languages_and_foreign_next(client_for, cast):
    client = client_for("ane")
    response = client.post(reverse("core:set_language"), {"language": "xx", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies
    assert VolunteerProfile.objects.get(user=cast.users["ane"]).preferred_language == "da"


def test_language_switch_is_post_only(client, cast):
    assert client.get(reverse("core:set_language")).status_code == 405
