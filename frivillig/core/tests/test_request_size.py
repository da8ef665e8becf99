"""A request body above MAX_REQUEST_BYTES gets the 413 page before anything reads it (issue 6: size limits)."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frivillig.applications.models import Application

pytestmark = pytest.mark.django_db

LIMIT = 4096


@pytest.fixture
def opportunities(cast):
    from tests.opportunity_fixtures import build_opportunities

    return build_opportunities(cast)


@pytest.fixture
def small_limit(settings):
    settings.MAX_REQUEST_BYTES = LIMIT
    return settings


def guest_application(message: str) -> dict:
    return {"name": "Lise Holm", "email": "lise@example.org", "birth_year": "1958", "message": message}


def test_a_body_over_the_limit_is_refused_unread_and_nothing_is_saved(client, opportunities, small_limit):
    url = reverse("applications:apply", kwargs={"pk": opportunities.published_a.pk})
    with mock.patch("django.http.request.HttpRequest._load_post_and_files") as parse:
        response = client.post(url, guest_application("x" * LIMIT))
    assert response.status_code == 413
    parse.assert_not_called()  # neither the CSRF check nor the view read the body
    assert not Application.objects.exists()
    html = response.content.decode()
    assert "Det, du sendte, var for stort" in html
    assert "4,0\xa0KB" in html or "4.0\xa0KB" in html
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_a_body_within_the_limit_is_handled(client, opportunities, small_limit):
    url = reverse("applications:apply", kwargs={"pk": opportunities.published_a.pk})
    response = client.post(url, guest_application("Jeg læser gerne højt."))
    assert response.status_code == 302
    assert Application.objects.filter(email="lise@example.org").exists()


def test_a_big_upload_is_refused_in_english_and_the_organisation_is_unchanged(client_for, cast, small_limit):
    client = client_for("bo")
    client.cookies["django_language"] = "en"
    organisation = cast["A"]
    poster = SimpleUploadedFile("plakat.png", b"\x89PNG\r\n\x1a\n" + bytes(2 * LIMIT), content_type="image/png")
    response = client.post(
        reverse("organisations:edit", kwargs={"slug": organisation.slug}), {"name": "Overtaget", "logo": poster}
    )
    assert response.status_code == 413
    assert "What you sent was too big" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name != "Overtaget" and not organisation.logo


def test_the_default_limit_takes_the_largest_logo_with_room_to_spare(settings):
    assert settings.MAX_REQUEST_BYTES >= 4 * settings.LOGO_MAX_BYTES
    assert settings.MAX_REQUEST_BYTES >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
