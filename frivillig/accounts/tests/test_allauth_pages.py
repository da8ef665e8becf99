"""allauth's pages render in the portal's DKFDS layout, in Danish and English, with a sound structure."""

import pytest
from django.urls import reverse

from .html import assert_sound_page, main_of, structure_problems

pytestmark = pytest.mark.django_db

VISITOR_PAGES = [
    "account_login",
    "account_signup",
    "account_request_login_code",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_inactive",
    "socialaccount_login_cancelled",
]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "socialaccount_connections",
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", VISITOR_PAGES)
def test_visitor_pages(client, cast, name, language):
    client.cookies["django_language"] = language
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_sound_page(response, language)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages(client_for, name, language):
    client = client_for("ane")
    client.cookies["django_language"] = language
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_sound_page(response, language)


def test_login_page_in_danish_and_english(client, cast):
    client.cookies["django_language"] = "da"
    danish = client.get(reverse("account_login")).content.decode()
    assert "<h1>Log ind</h1>" in danish
    assert "Send mig en login-kode" in danish
    client.cookies["django_language"] = "en"
    english = client.get(reverse("account_login")).content.decode()
    assert "<h1>Sign In</h1>" in english
    assert "Send me a sign-in code" in english


def test_login_form_uses_dkfds_markup(client, cast):
    html = main_of(client.get(reverse("account_login")))
    assert '<label class="form-label" for="id_login">' in html
    assert 'class="form-input"' in html
    assert 'aria-describedby="id_password-hint"' in html
    assert 'class="button button-primary"' in html
    assert f'href="{reverse("account_request_login_code")}"' in html
    assert "placeholder=" not in html


def test_login_errors_are_shown_and_tied_to_the_form(client, cast):
    response = client.post(reverse("account_login"), {"login": "ane@example.org", "password": "wrong"})
    assert response.status_code == 200
    html = main_of(response)
    assert 'class="alert alert-error"' in html
    assert structure_problems(html) == []


def test_field_errors_are_described(client, cast):
    response = client.post(reverse("account_signup"), {"email": "not-an-address", "password1": "x", "password2": "y"})
    html = main_of(response)
    assert 'class="form-error-message" id="id_email-error"' in html
    assert 'aria-invalid="true"' in html
    assert structure_problems(html) == []


def test_login_page_lists_oidc_providers_only_when_configured(client, cast, oidc_settings):
    html = main_of(client.get(reverse("account_login")))
    assert "MitID" in html
    assert "Medarbejderlogin" in html
    assert reverse("openid_connect_login", kwargs={"provider_id": "mitid"}) in html
    assert structure_problems(html) == []


def test_login_page_without_providers_has_no_provider_section(client, cast):
    html = main_of(client.get(reverse("account_login")))
    assert "providers-heading" not in html


def test_oidc_login_confirmation_page(client, cast, oidc_settings):
    response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "mitid"}))
    assert response.status_code == 200
    assert_sound_page(response, "da")
    assert 'method="post"' in main_of(response)


def test_connections_page_offers_configured_providers(client_for, oidc_settings):
    response = client_for("ane").get(reverse("socialaccount_connections"))
    html = main_of(response)
    assert "MitID" in html
    assert structure_problems(html) == []


def test_invalid_password_reset_link(client, cast):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "wrong-key"})
    response = client.get(url)
    assert response.status_code == 200
    assert_sound_page(response, "da")


def test_invalid_email_confirmation_link(client, cast):
    response = client.get(reverse("account_confirm_email", kwargs={"key": "wrong"}))
    assert response.status_code == 200
    assert_sound_page(response, "da")


def test_third_party_login_error_page(client, cast):
    response = client.get(reverse("socialaccount_login_error"))
    assert response.status_code == 401
    assert structure_problems(main_of(response)) == []


def test_email_page_groups_addresses_in_a_fieldset(client_for):
    html = main_of(client_for("ane").get(reverse("account_email")))
    assert "<legend" in html
    assert 'value="ane@example.org"' in html
