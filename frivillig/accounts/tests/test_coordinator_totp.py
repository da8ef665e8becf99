"""Coordinators set up TOTP before coordinator pages open to them; the TOTP pages work end to end."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from frivillig.core.cast import totp_code

from .html import assert_sound_page, main_of, structure_problems

pytestmark = pytest.mark.django_db

SITE_CONFIGURATION = reverse("core:site_configuration")


def sign_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def reauthenticate(client, password: str, next_url: str):
    """allauth asks for the password again before two-factor settings change, even right after signing in."""
    response = client.get(next_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": password})
    assert response["Location"] == next_url


def test_coordinator_without_totp_is_sent_to_set_it_up(client_for):
    client = client_for("frida")
    response = client.get(SITE_CONFIGURATION)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert any("totrinsbekræftelse" in str(message) for message in get_messages(response.wsgi_request))


@pytest.mark.parametrize("page", ["shifts:manage_events", "applications:inbox", "hours:organisation_hours"])
def test_the_volunteer_teams_own_pages_need_totp_too(client_for, cast, page):
    """The volunteer team acts for the municipality and its inbox holds citizens' data: member pages of the team
    ask for TOTP like coordinator pages, while dorte (with TOTP) gets in."""
    url = reverse(page, kwargs={"slug": cast["team"].slug})
    response = client_for("frida").get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client_for("dorte").get(url).status_code == 200


def test_coordinator_with_totp_gets_in(client_for):
    assert client_for("dorte").get(SITE_CONFIGURATION).status_code == 200


@pytest.mark.parametrize("name", ["ane", "erik", "bo", "carl", "gitte"])
def test_others_are_refused(client_for, name):
    assert client_for(name).get(SITE_CONFIGURATION).status_code == 403


def test_visitor_is_asked_to_sign_in(client, cast):
    response = client.get(SITE_CONFIGURATION)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_frida_activates_totp_and_then_reaches_coordinator_pages(client, cast, cast_password):
    assert sign_in(client, "frida@example.org", cast_password).status_code == 302
    assert client.get(SITE_CONFIGURATION)["Location"] == reverse("mfa_activate_totp")
    reauthenticate(client, cast_password, reverse("mfa_activate_totp"))

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert_sound_page(page)
    html = main_of(page)
    secret = client.session[SECRET_SESSION_KEY]
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" class="qr-code"', html)
    assert 'alt="QR code' in html or 'alt="QR-kode' in html
    assert f'value="{secret}"' in html
    assert structure_problems(html) == []

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=cast.users["frida"], type=Authenticator.Type.TOTP).exists()

    codes = client.get(response["Location"])
    assert codes.status_code == 200
    assert structure_problems(main_of(codes)) == []
    assert client.get(SITE_CONFIGURATION).status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_error(client, cast, cast_password):
    sign_in(client, "frida@example.org", cast_password)
    reauthenticate(client, cast_password, reverse("mfa_activate_totp"))
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    html = main_of(response)
    assert 'class="form-error-message" id="id_code-error"' in html
    assert structure_problems(html) == []
    assert not cast.users["frida"].authenticator_set.exists()


def test_activation_without_a_recent_sign_in_asks_for_the_password_first(client_for):
    response = client_for("frida").get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_dorte_signs_in_with_password_and_authenticator_code(client, cast, cast_password):
    response = sign_in(client, "dorte@example.org", cast_password)
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    assert_sound_page(page)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:min_side")
    assert client.get(SITE_CONFIGURATION).status_code == 200


@pytest.mark.parametrize("language", ["da", "en"])
def test_mfa_management_pages_after_sign_in(client, cast, cast_password, language):
    client.cookies["django_language"] = language
    sign_in(client, "dorte@example.org", cast_password)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    reauthenticate(client, cast_password, reverse("mfa_deactivate_totp"))
    for name in ["mfa_index", "mfa_deactivate_totp", "mfa_generate_recovery_codes"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_sound_page(response, language)


def test_dorte_can_deactivate_totp(client, cast, cast_password):
    sign_in(client, "dorte@example.org", cast_password)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    reauthenticate(client, cast_password, reverse("mfa_deactivate_totp"))
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=cast.users["dorte"], type=Authenticator.Type.TOTP).exists()
