"""Signing up for shifts through the pages, as guests and with an account; the self-service link; claiming a
guest's sign-ups when the account verifies the address."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.urls import reverse
from django.utils import timezone

from frivillig.shifts import services
from frivillig.shifts.models import SignUp
from tests.opportunity_fixtures import build_opportunities
from tests.signup_fixtures import full_shift, guest_signup, shift_for, user_signup

Status = SignUp.Status


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opportunities(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


@pytest.fixture
def shift(opportunities):
    return shift_for(opportunities.published_a, capacity=2)


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_guest_is_held_then_confirms_and_the_token_is_not_shown(
    client, shift, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}),
                               {"name": "Gerda Gæst", "email": "Gerda@Example.org", "phone": ""})
    assert response.status_code == 302 and response["Location"] == reverse("shifts:shift_detail", args=[shift.pk])
    signup = SignUp.objects.get(shift=shift)
    assert signup.status == Status.HELD and signup.email == "gerda@example.org"
    assert signup.hold_expires_at <= shift.starts_at
    page = client.get(response["Location"]).content.decode()
    assert 'id="sent-to"' in page and "gerda@example.org" in page
    assert signup.token not in page, "the self-service link must only be in the e-mail"
    assert client.get(response["Location"]).content.decode().count('id="sent-to"') == 0, "shown once"

    [mail] = mailoutbox
    confirm_url = next(link for link in links(mail) if "/bekraeft/" in link)
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    signup.refresh_from_db()
    assert signup.status == Status.HELD, "GET never changes state"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path_of(confirm_url))
    assert response["Location"] == signup.get_absolute_url()
    signup.refresh_from_db()
    assert signup.status == Status.CONFIRMED and signup.email_confirmed_at is not None
    assert len(mailoutbox) == 2


def test_a_signed_in_person_signs_up_with_one_button(client_for, cast, shift, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    client = client_for("ane")
    page = client.get(reverse("shifts:shift_detail", kwargs={"pk": shift.pk})).content.decode()
    assert 'name="email"' not in page and reverse("shifts:signup_create", kwargs={"pk": shift.pk}) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}))
    signup = SignUp.objects.get(shift=shift)
    assert response["Location"] == signup.get_absolute_url()
    assert signup.user == cast.users["ane"] and signup.status == Status.CONFIRMED
    assert [mail.to for mail in mailoutbox] == [[cast.users["ane"].email]]


def test_signing_up_twice_is_refused_kindly(client_for, cast, shift):
    client = client_for("ane")
    user_signup(shift, cast.users["ane"])
    response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}))
    assert response.status_code == 200
    assert SignUp.objects.filter(shift=shift).count() == 1
    # The page shows the person's sign-up instead of the form.
    assert SignUp.objects.get(shift=shift).get_absolute_url() in response.content.decode()


def test_a_guest_signing_up_twice_gets_the_error_and_keeps_the_input(client, shift):
    guest_signup(shift, email="to-gange@example.org")
    response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}),
                           {"name": "To Gange", "email": "to-gange@example.org"})
    page = response.content.decode()
    assert response.status_code == 200 and "alert-error" in page and 'value="To Gange"' in page
    assert SignUp.objects.filter(shift=shift).count() == 1


def test_an_empty_guest_form_shows_errors(client, shift):
    response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}), {"name": "", "email": "x"})
    assert response.status_code == 200 and "alert-error" in response.content.decode()
    assert not SignUp.objects.exists()


def test_a_full_shift_waitlists_and_tells_the_position(client, opportunities):
    shift = full_shift(opportunities.published_a, capacity=1)
    guest_signup(shift, email="foerst@example.org")
    response = client.post(reverse("shifts:signup_create", kwargs={"pk": shift.pk}),
                           {"name": "Anden", "email": "anden@example.org"})
    signup = SignUp.objects.get(email="anden@example.org")
    assert signup.status == Status.WAITLISTED
    client.cookies["django_language"] = "en"
    assert "you are number 2 on the waitlist" in client.get(response["Location"]).content.decode()
    assert "You are number 2 on the waitlist" in client.get(signup.get_absolute_url()).content.decode()


def test_drafts_shifts_are_404_and_cancelled_shifts_say_so(client, opportunities):
    draft = shift_for(opportunities.draft_a)
    assert client.get(reverse("shifts:shift_detail", kwargs={"pk": draft.pk})).status_code == 404
    assert client.post(reverse("shifts:signup_create", kwargs={"pk": draft.pk}),
                       {"name": "X", "email": "x@example.org"}).status_code == 404
    shift = shift_for(opportunities.published_a)
    services.shift_cancel(shift=shift, actor=None, reason="Regnvejr")
    response = client.get(reverse("shifts:shift_detail", kwargs={"pk": shift.pk}))
    assert response.status_code == 200 and "Regnvejr" in response.content.decode()
    assert reverse("shifts:signup_create", kwargs={"pk": shift.pk}) not in response.content.decode()


def test_the_cancel_link_promotes_the_next_person_and_emails_them(
    client, opportunities, mailoutbox, django_capture_on_commit_callbacks
):
    shift = shift_for(opportunities.published_a, capacity=1)
    first = guest_signup(shift, email="foerste@example.org", confirm=True)
    waiting = guest_signup(shift, email="venter@example.org", confirm=True)
    assert waiting.status == Status.WAITLISTED
    mailoutbox.clear()
    assert client.get(reverse("shifts:signup_cancel", kwargs={"token": first.token})).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("shifts:signup_cancel", kwargs={"token": first.token}))
    assert response["Location"] == first.get_absolute_url()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.CONFIRMED
    assert [mail.to for mail in mailoutbox] == [["venter@example.org"]]
    # Cancelling again changes nothing.
    client.post(reverse("shifts:signup_cancel", kwargs={"token": first.token}))
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_hold_expiry_lapses_and_promotes_the_waitlist(opportunities, mailoutbox, django_capture_on_commit_callbacks):
    shift = shift_for(opportunities.published_a, capacity=1, days=5)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        held = guest_signup(shift, email="holdt@example.org", now=now)
        waiting = guest_signup(shift, email="venter@example.org", confirm=True, now=now)
    assert held.status == Status.HELD and waiting.status == Status.WAITLISTED
    assert held.hold_expires_at == now + timedelta(hours=24)
    mailoutbox.clear()
    assert services.signups_lapse_holds(now=now + timedelta(hours=23)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.signups_lapse_holds(now=now + timedelta(hours=24, minutes=1)) == 1
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.status == Status.LAPSED and waiting.status == Status.CONFIRMED
    assert sorted(mail.to[0] for mail in mailoutbox) == ["holdt@example.org", "venter@example.org"]


def test_confirming_too_late_lapses(client, opportunities):
    shift = shift_for(opportunities.published_a, capacity=1)
    held = guest_signup(shift, now=timezone.now() - timedelta(hours=25))
    client.post(reverse("shifts:signup_confirm", kwargs={"token": held.token}))
    held.refresh_from_db()
    assert held.status == Status.LAPSED


def test_the_self_service_page_is_private_and_unknown_tokens_are_404(client, shift):
    signup = guest_signup(shift)
    response = client.get(signup.get_absolute_url())
    assert response.status_code == 200
    assert "noindex" in response.content.decode() and "no-cache" in response["Cache-Control"]
    assert reverse("shifts:signup_ics", kwargs={"token": signup.token}) in response.content.decode()
    assert client.get(reverse("shifts:signup", kwargs={"token": "findes-ikke"})).status_code == 404


def test_a_guests_signups_join_the_account_that_verifies_the_address(cast, shift, django_capture_on_commit_callbacks):
    signup = guest_signup(shift, email="ny-konto@example.org")
    from frivillig.accounts.models import User

    user = User.objects.create_user("ny-konto@example.org")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    signup.refresh_from_db()
    assert signup.user is None, "an unverified address claims nothing"
    address.verified = True
    address.save()
    with django_capture_on_commit_callbacks(execute=True):
        email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    signup.refresh_from_db()
    assert signup.user == user and signup.status == Status.CONFIRMED
