"""A guest's applications join the account that proves it owns their e-mail address: on signing up with e-mail
verification, on signing in by an e-mailed code, and on any later sign-in with a verified address. Never for an
address the account has not verified."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from frivillig.accounts.models import User
from frivillig.accounts.tests.html import main_of
from frivillig.applications import services
from frivillig.applications.models import Application, Engagement
from tests.opportunity_fixtures import build_opportunities

Status = Application.Status
GUEST = "gerda@example.org"
PASSWORD = "lang-og-sikker-2026"
pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def guest_applications(cast):
    """Gerda applied as a guest twice: A accepted her (an engagement without a volunteer), U has not answered."""
    opportunities = build_opportunities(cast)
    cast.opportunities = opportunities
    data = {"name": "Gerda Gæst", "email": "Gerda@Example.org", "phone": "", "birth_year": 1980, "message": ""}
    accepted = services.application_create(opportunity=opportunities.published_a, data=data, language="da")
    services.application_confirm_email(application=accepted)
    services.application_set_status(application=accepted, status=Status.ACCEPTED, actor=cast.users["bo"])
    waiting = services.application_create(opportunity=opportunities.published_u, data=data, language="da")
    return accepted, waiting


def owners(applications) -> set:
    return {Application.objects.get(pk=application.pk).user for application in applications}


def link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def assert_on_min_side(client, applications) -> None:
    html = main_of(client.get(reverse("accounts:min_side")))
    for application in applications:
        assert application.get_absolute_url() in html
    listing = main_of(client.get(reverse("applications:my_applications")))
    assert all(application.get_absolute_url() in listing for application in applications)


def test_signing_up_with_the_same_address_claims_them_once_it_is_verified(
    client, guest_applications, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), {"email": GUEST, "password1": PASSWORD, "password2": PASSWORD})
    user = User.objects.get(email=GUEST)
    assert owners(guest_applications) == {None}  # not verified yet: typing an address proves nothing

    confirm_url = link_in(mailoutbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url)
    assert EmailAddress.objects.get(email=GUEST).verified
    assert owners(guest_applications) == {user}
    accepted, _waiting = guest_applications
    assert Engagement.objects.get(application=accepted).volunteer == user
    assert_on_min_side(client, guest_applications)


def test_signing_in_by_code_verifies_the_address_and_claims_them(
    client, guest_applications, mailoutbox, django_capture_on_commit_callbacks
):
    """Gerda once signed up but never opened the verification link; a sign-in code proves the address."""
    user = User.objects.create_user(GUEST, PASSWORD)
    EmailAddress.objects.create(user=user, email=GUEST, verified=False, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": GUEST})
    assert owners(guest_applications) == {None}
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mailoutbox[-1].body, re.M).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=GUEST).verified
    assert owners(guest_applications) == {user}
    assert Engagement.objects.get(application=guest_applications[0]).volunteer == user
    assert_on_min_side(client, guest_applications)


def test_signing_in_claims_what_was_applied_for_as_a_guest_since(client, cast, cast_password):
    """ane applied without signing in, with her verified address; her next sign-in collects it."""
    opportunities = build_opportunities(cast)
    data = {"name": "Ane Holm", "email": "ane@example.org", "phone": "", "birth_year": 1990, "message": ""}
    application = services.application_create(opportunity=opportunities.published_a, data=data, language="da")
    assert application.user is None
    client.post(reverse("account_login"), {"login": "ane@example.org", "password": cast_password})
    assert owners([application]) == {cast.users["ane"]}


def test_an_unverified_address_claims_nothing(client, cast, cast_password, guest_applications):
    """ane added Gerda's address to her account but could not verify it: signing in must not claim."""
    EmailAddress.objects.create(user=cast.users["ane"], email=GUEST, verified=False, primary=False)
    client.post(reverse("account_login"), {"login": "ane@example.org", "password": cast_password})
    assert client.get(reverse("accounts:min_side")).status_code == 200
    assert owners(guest_applications) == {None}
    assert guest_applications[0].get_absolute_url() not in main_of(client.get(reverse("accounts:min_side")))


def test_verifying_another_address_while_signed_in_claims_them(
    client_for, cast, guest_applications, mailoutbox, django_capture_on_commit_callbacks
):
    """ane adds Gerda's address (say, an old one of hers) to her account and verifies it, with no new sign-in."""
    client = client_for("ane")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": GUEST})
    assert owners(guest_applications) == {None}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mailoutbox[-1]))
    assert EmailAddress.objects.get(email=GUEST).verified
    assert owners(guest_applications) == {cast.users["ane"]}


def test_claiming_confirms_an_application_still_waiting_for_its_e_mail(cast, guest_applications, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    """The account has proved the address is the guest's, so the unconfirmed application goes to the organisation."""
    accepted, waiting = guest_applications
    assert Application.objects.get(pk=waiting.pk).status == Status.UNCONFIRMED
    user = User.objects.create_user(GUEST)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.applications_claim(user=user, email=GUEST) == 2
    waiting.refresh_from_db()
    assert waiting.status == Status.NEW
    assert waiting.submitted_at is not None and waiting.email_confirmed_at is not None
    assert Application.objects.get(pk=accepted.pk).status == Status.ACCEPTED
    assert any(cast.users["gitte"].email in message.to for message in mailoutbox)
