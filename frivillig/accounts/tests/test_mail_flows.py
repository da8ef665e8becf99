"""Sign-up, sign-in by e-mailed code and password reset, with allauth's mail going through django.tasks."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from frivillig.accounts.models import User, VolunteerProfile

from .html import assert_sound_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

NEW_PASSWORD = "lang-og-sikker-2026"


def link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_mail_waits_for_the_transaction_to_commit(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("account_reset_password"), {"email": "ane@example.org"})
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_signup_sends_a_verification_mail_and_the_link_signs_in(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "Ny@Example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="ny@example.org")
    assert user.profile.preferred_language == "da"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny@example.org"]

    confirm_url = link_in(mailoutbox[0])
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert_sound_page(page)
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="ny@example.org").verified
    assert client.get(reverse("accounts:min_side")).status_code == 200


def test_signup_in_english_mails_in_english(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert User.objects.get(email="new@example.org").profile.preferred_language == "en"
    assert "Please Confirm Your Email Address" in mailoutbox[0].subject


def test_signup_mail_is_translated(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "ny@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert "Bekræft" in mailoutbox[0].subject


def test_login_by_code(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": "ane@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mailoutbox) == 1
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mailoutbox[0].body, re.M).group(1)

    page = client.get(reverse("account_confirm_login_code"))
    assert page.status_code == 200
    assert_sound_page(page)
    assert 'id="id_code"' in page.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:min_side")
    assert client.get(reverse("accounts:min_side")).status_code == 200


def test_login_by_code_with_a_wrong_code_shows_an_error(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "ane@example.org"})
    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert response.status_code == 200
    assert 'class="form-error-message"' in response.content.decode()


def test_password_reset(client, cast, cast_password, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "ane@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1

    response = client.get(link_in(mailoutbox[0]))
    set_password_url = response["Location"]
    page = client.get(set_password_url)
    assert page.status_code == 200
    assert_sound_page(page)
    assert 'id="id_password1"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    ane = User.objects.get(email="ane@example.org")
    assert ane.check_password(NEW_PASSWORD)
    assert not ane.check_password(cast_password)


def test_password_sign_in(client, cast, cast_password):
    response = client.post(reverse("account_login"), {"login": "ane@example.org", "password": cast_password})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:min_side")


def test_mail_names_the_portal(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "ane@example.org"})
    assert "Frivillig Frederiksberg" in mailoutbox[0].body
    assert "testserver" in mailoutbox[0].body


def test_mail_is_in_the_recipients_language(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    VolunteerProfile.objects.filter(user=cast.users["ane"]).update(preferred_language="en")
    client.cookies["django_language"] = "da"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "ane@example.org"})
    assert mailoutbox[0].subject == "Password Reset Email"
    assert '<html lang="da">' in client.get(reverse("account_reset_password_done")).content.decode()
