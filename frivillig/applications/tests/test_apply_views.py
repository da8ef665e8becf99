"""Applying through the apply page: the guest's form and the signed-in person's prefilled one, and every kind
refusal (closed, deadline passed, applied already, too young, under 15 without a guardian)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.accounts.tests.html import assert_sound_page, main_of
from frivillig.applications import services
from frivillig.applications.applicant_views import SENT_SESSION_KEY
from frivillig.applications.models import Application
from frivillig.opportunities.models import Opportunity
from tests.opportunity_fixtures import build_opportunities

Status = Application.Status
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so assertions on interface text do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opps(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def apply_url(opportunity) -> str:
    return reverse("applications:apply", kwargs={"pk": opportunity.pk})


def guest_data(**changes) -> dict:
    data = {"name": "Gerda Gæst", "email": "Gerda@Example.org", "phone": "", "birth_year": "1980",
            "message": "Jeg har tid om onsdagen.", "guardian_email": ""}
    return data | changes


def field_error(html: str, field: str) -> str:
    match = re.search(rf'id="id_{field}-error">(.*?)</span>\s*</?', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


# --- the form ---------------------------------------------------------------------------------------------


def test_a_guest_gets_the_full_form(client, opps):
    response = client.get(apply_url(opps.published_a))
    assert response.status_code == 200
    assert_sound_page(response, language="en")
    html = main_of(response)
    for name in ("name", "email", "phone", "birth_year", "guardian_email", "message"):
        assert f'name="{name}"' in html
    assert "Only if you are under 15" in html
    assert reverse("account_login") + "?next=" in html


def test_a_signed_in_person_gets_the_form_prefilled(client_for, cast, opps):
    ane = cast.users["ane"]
    ane.profile.birth_year, ane.profile.phone = 1990, "12 34 56 78"
    ane.profile.save()
    html = main_of(client_for("ane").get(apply_url(opps.published_a)))
    assert 'value="Ane Holm"' in html
    assert 'value="1990"' in html
    assert 'value="12 34 56 78"' in html
    assert 'name="email"' not in html  # the account's address is used, and shown
    assert "ane@example.org" in html


@pytest.mark.parametrize("name", ["draft_a", "draft_u"])
def test_only_public_opportunities_take_applications(client, opps, name):
    opportunity = getattr(opps, name)
    assert client.get(apply_url(opportunity)).status_code == 404
    assert client.post(apply_url(opportunity), guest_data()).status_code == 404
    assert not Application.objects.exists()


def test_a_paused_opportunity_is_404(client, cast, opps):
    Opportunity.objects.filter(pk=opps.published_a.pk).update(status=Opportunity.Status.PAUSED)
    assert client.get(apply_url(opps.published_a)).status_code == 404


def test_a_passed_deadline_is_explained_and_nothing_is_saved(client, opps):
    yesterday = timezone.localdate() - timedelta(days=1)
    Opportunity.objects.filter(pk=opps.published_a.pk).update(application_deadline=yesterday)
    html = main_of(client.get(apply_url(opps.published_a)))
    assert "The application deadline has passed." in html
    assert 'name="name"' not in html
    response = client.post(apply_url(opps.published_a), guest_data())
    assert response.status_code == 200
    assert not Application.objects.exists()


# --- a guest applies --------------------------------------------------------------------------------------


def test_a_guest_applies_and_is_asked_to_check_the_email(client, opps, immediate_tasks, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(opps.published_a), guest_data())
    assert response.status_code == 302
    assert response["Location"] == apply_url(opps.published_a)  # not the link page: the e-mail is the key
    application = Application.objects.get()
    assert application.status == Status.UNCONFIRMED
    assert application.email == "gerda@example.org"
    assert application.language == "en"  # the page's language, for a guest
    assert application.user is None
    assert [message.to for message in mailoutbox] == [["gerda@example.org"]]

    page = client.get(response["Location"])
    html = main_of(page)
    assert "Check your e-mail" in html
    assert "gerda@example.org" in html
    assert application.token not in page.content.decode()
    assert 'name="name"' not in html
    # Once: the next visit shows the form again.
    assert SENT_SESSION_KEY not in client.session
    assert 'name="name"' in main_of(client.get(apply_url(opps.published_a)))


def test_a_danish_guest_gets_danish_mail(client, opps):
    client.cookies["django_language"] = "da"
    client.post(apply_url(opps.published_a), guest_data())
    assert Application.objects.get().language == "da"


def test_empty_form_shows_errors_and_saves_nothing(client, opps):
    response = client.post(apply_url(opps.published_a), {})
    assert response.status_code == 200
    html = main_of(response)
    assert 'id="error-summary-heading"' in html
    assert 'href="#id_name"' in html and 'href="#id_email"' in html and 'href="#id_birth_year"' in html
    assert field_error(html, "name")
    assert not Application.objects.exists()


@pytest.mark.parametrize("birth_year", ["1800", "abc", str(YEAR + 1)])
def test_a_birth_year_that_cannot_be_is_refused(client, opps, birth_year):
    html = main_of(client.post(apply_url(opps.published_a), guest_data(birth_year=birth_year)))
    assert "Enter the year you were born" in field_error(html, "birth_year")
    assert not Application.objects.exists()


def test_too_young_for_the_role_is_refused_kindly_and_keeps_what_was_typed(client, opps):
    too_young = str(YEAR - 17)  # child_certificate_a asks for 18
    response = client.post(apply_url(opps.child_certificate_a), guest_data(birth_year=too_young,
                                                                           guardian_email="mor@example.org"))
    html = main_of(response)
    assert "at least 18 years old" in field_error(html, "birth_year")
    assert 'value="Gerda Gæst"' in html
    assert f'value="{too_young}"' in html
    assert "Jeg har tid om onsdagen." in html
    assert not Application.objects.exists()


def test_under_15_needs_a_guardians_email(client, opps):
    thirteen = str(YEAR - 13)
    html = main_of(client.post(apply_url(opps.published_a), guest_data(birth_year=thirteen)))
    assert "parent or guardian" in field_error(html, "guardian_email")
    assert not Application.objects.exists()

    client.post(apply_url(opps.published_a), guest_data(birth_year=thirteen, guardian_email="Mor@Example.org"))
    application = Application.objects.get()
    assert application.status == Status.UNCONFIRMED
    assert application.guardian_email == "mor@example.org"
    assert application.guardian_token


def test_the_guardian_address_is_not_the_applicants_own(client, opps):
    html = main_of(client.post(apply_url(opps.published_a),
                               guest_data(birth_year=str(YEAR - 13), guardian_email="gerda@example.org")))
    assert "not your own" in field_error(html, "guardian_email")


def test_a_guest_applying_twice_is_told_to_look_in_the_email(client, opps):
    client.post(apply_url(opps.published_a), guest_data())
    client.get(apply_url(opps.published_a))  # the "check your e-mail" page, once
    response = client.post(apply_url(opps.published_a), guest_data(email="GERDA@example.org", name="Gerda igen"))
    assert response.status_code == 200
    html = main_of(response)
    assert "You have already applied to this opportunity" in html
    assert 'value="Gerda igen"' in html
    assert Application.objects.count() == 1


# --- a signed-in person applies ---------------------------------------------------------------------------


def test_a_signed_in_person_applies_and_lands_on_the_link_page(client_for, cast, opps, immediate_tasks, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    ane = cast.users["ane"]
    ane.profile.preferred_language = "en"
    ane.profile.save()
    client = client_for("ane")
    client.cookies["django_language"] = "da"  # the profile's language wins for e-mails
    data = {"name": "Ane Holm", "phone": "", "birth_year": "1990", "message": "Hej", "email": "anden@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(opps.published_a), data)
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert application.user == ane
    assert application.email == "ane@example.org"  # never the typed one
    assert application.language == "en"
    assert application.status == Status.NEW and application.is_submitted
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == ["ane@example.org", "bo@example.org", "erik@example.org"]


def test_a_signed_in_person_who_applied_sees_their_application_instead_of_the_form(client_for, cast, opps):
    client = client_for("ane")
    client.post(apply_url(opps.published_a), {"name": "Ane Holm", "birth_year": "1990"})
    application = Application.objects.get()
    html = main_of(client.get(apply_url(opps.published_a)))
    assert "You have already applied" in html
    assert application.get_absolute_url() in html
    assert 'name="name"' not in html
    client.post(apply_url(opps.published_a), {"name": "Ane Holm", "birth_year": "1990"})
    assert Application.objects.count() == 1


def test_after_withdrawing_one_may_apply_again(client_for, cast, opps):
    client = client_for("ane")
    client.post(apply_url(opps.published_a), {"name": "Ane Holm", "birth_year": "1990"})
    first = Application.objects.get()
    services.application_withdraw(application=first)
    assert 'name="name"' in main_of(client.get(apply_url(opps.published_a)))
    client.post(apply_url(opps.published_a), {"name": "Ane Holm", "birth_year": "1990"})
    assert Application.objects.filter(user=cast.users["ane"]).count() == 2
    assert Application.objects.exclude(pk=first.pk).get().status == Status.NEW


def test_a_signed_in_child_waits_for_the_guardian(client_for, cast, opps, immediate_tasks, mailoutbox,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ane").post(apply_url(opps.published_a), {
            "name": "Ane", "birth_year": str(YEAR - 12), "guardian_email": "far@example.org"})
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert application.status == Status.AWAITING_CONSENT
    assert not application.is_submitted
    assert sorted(address for message in mailoutbox for address in message.to) == [
        "ane@example.org", "far@example.org"]


# --- the opportunity's page -------------------------------------------------------------------------------


def detail_section(client, opportunity) -> str:
    html = client.get(reverse("opportunities:detail", kwargs={"pk": opportunity.pk})).content.decode()
    return html.split('id="contact-heading"')[1].split("</section>")[0]


def test_the_opportunity_page_has_an_apply_button(client, opps):
    section = detail_section(client, opps.published_a)
    assert f'class="button button-primary" href="{apply_url(opps.published_a)}"' in section
    assert "kontakt@besoegsvennerne.example.org" in section  # the contact details stay


def test_the_opportunity_page_shows_that_you_applied(client_for, cast, opps):
    client = client_for("ane")
    client.post(apply_url(opps.published_a), {"name": "Ane Holm", "birth_year": "1990"})
    application = Application.objects.get()
    section = detail_section(client, opps.published_a)
    assert "You applied on" in section
    assert "New" in section
    assert application.get_absolute_url() in section
    assert apply_url(opps.published_a) not in section
    # Others still get the button.
    assert apply_url(opps.published_a) in detail_section(client_for("carl"), opps.published_a)


def test_the_opportunity_page_has_no_button_after_the_deadline(client, opps):
    Opportunity.objects.filter(pk=opps.published_a.pk).update(
        application_deadline=timezone.localdate() - timedelta(days=1))
    section = detail_section(client, opps.published_a)
    assert apply_url(opps.published_a) not in section
    assert "The application deadline has passed." in section
