"""The pages an applicant reaches by the e-mailed links (the link page, withdrawing, confirming, a guardian's
consent) and "Mine ansøgninger", on the cast's applications (tests/application_fixtures.py)."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig.accounts.tests.html import assert_sound_page, main_of
from frivillig.applications import access, services
from frivillig.applications.models import Application, ApplicationEvent
from frivillig.opportunities.models import Opportunity
from tests.application_fixtures import GUARDIAN_EMAIL, MINOR_EMAIL

Status = Application.Status


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def url(name: str, application: Application) -> str:
    return reverse(f"applications:{name}", kwargs={"token": application.token})


def consent_url(application: Application) -> str:
    return reverse("applications:guardian_consent", kwargs={"token": application.guardian_token})


def status_of(application: Application) -> str:
    application.refresh_from_db()
    return application.status


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


# --- the link page ----------------------------------------------------------------------------------------


def test_anyone_with_the_link_sees_the_application(client, applications):
    guest = applications.guest_a
    response = client.get(url("mine", guest))
    assert response.status_code == 200
    assert_sound_page(response, language="en")
    html = main_of(response)
    assert guest.name in html and guest.email in html and "Jeg vil gerne hjælpe." in html
    assert guest.opportunity.title in html and guest.organisation.name in html
    assert "New" in html
    assert "has received your application" in html
    assert url("withdraw", guest) in html


def test_the_link_page_is_private(client, applications):
    response = client.get(url("mine", applications.guest_a))
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")


def test_an_unknown_link_is_404(client, applications):
    for name in ("mine", "confirm"):
        assert client.get(reverse(f"applications:{name}", kwargs={"token": "findes-ikke"})).status_code == 404
    assert client.post(reverse("applications:withdraw", kwargs={"token": "findes-ikke"})).status_code == 404
    assert client.get(reverse("applications:guardian_consent", kwargs={"token": "findes-ikke"})).status_code == 404


def test_the_history_shows_messages_to_the_applicant_but_never_internal_notes(client, applications):
    application = applications.ane_u
    note = ApplicationEvent.objects.get(application=application, kind=ApplicationEvent.Kind.NOTE)
    html = main_of(client.get(url("mine", application)))
    assert "Kan du komme forbi til en snak på torsdag?" in html
    assert "The organisation would like to talk with you" in html
    assert note.text not in html
    assert "Sent to the organisation" in html


def test_an_unconfirmed_application_says_to_use_the_email_and_is_not_confirmed_by_looking(client, applications):
    application = applications.unconfirmed_a
    html = main_of(client.get(url("mine", application)))
    assert "Your application is not sent yet" in html
    assert application.email in html
    assert url("confirm", application) not in html  # confirming is the e-mail's job
    assert status_of(application) == Status.UNCONFIRMED


def test_a_signed_in_applicant_gets_breadcrumbs_back_to_their_list(client_for, applications):
    html = client_for("ane").get(url("mine", applications.ane_a)).content.decode()
    assert reverse("applications:my_applications") in html


# --- withdrawing ------------------------------------------------------------------------------------------


def test_withdrawing_tells_the_organisation(client, applications, immediate_tasks, mailoutbox,
                                            django_capture_on_commit_callbacks):
    application = applications.guest_a
    assert client.get(url("withdraw", application)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("withdraw", application))
    assert response["Location"] == url("mine", application)
    assert status_of(application) == Status.WITHDRAWN
    assert recipients(mailoutbox) == ["bo@example.org", "erik@example.org"]
    page = client.get(url("mine", application))
    assert "Your application has been withdrawn." in page.content.decode()
    html = main_of(page)
    assert url("withdraw", application) not in html
    assert reverse("applications:apply", kwargs={"pk": application.opportunity_id}) in html  # apply again


def test_withdrawing_an_unconfirmed_one_does_not_tell_the_organisation(client, applications, immediate_tasks,
                                                                        mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("withdraw", applications.unconfirmed_a))
    assert status_of(applications.unconfirmed_a) == Status.WITHDRAWN
    assert mailoutbox == []


def test_a_finished_application_cannot_be_withdrawn(client, cast, applications):
    application = applications.guest_a
    services.application_set_status(application=application, status=Status.ACCEPTED, actor=cast.users["bo"])
    assert url("withdraw", application) not in main_of(client.get(url("mine", application)))
    response = client.post(url("withdraw", application), follow=True)
    assert "cannot be withdrawn" in response.content.decode()
    assert status_of(application) == Status.ACCEPTED


def test_withdrawing_records_the_applicant_only_when_it_is_them(client_for, applications):
    client_for("carl").post(url("withdraw", applications.ane_a))
    event = ApplicationEvent.objects.filter(application=applications.ane_a).latest("id")
    assert event.to_status == Status.WITHDRAWN
    assert event.actor is None


# --- confirming a guest's address -------------------------------------------------------------------------


def test_opening_the_confirmation_link_changes_nothing(client, applications, immediate_tasks, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    application = applications.unconfirmed_a
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url("confirm", application))
    assert response.status_code == 200
    assert_sound_page(response, language="en")
    assert "Confirm my application" in main_of(response)
    assert status_of(application) == Status.UNCONFIRMED
    assert mailoutbox == []


def test_the_button_confirms_and_sends_the_application(client, applications, immediate_tasks, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    application = applications.unconfirmed_a
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("confirm", application))
    assert response["Location"] == url("mine", application)
    application.refresh_from_db()
    assert application.status == Status.NEW and application.is_submitted and application.email_confirmed_at
    assert recipients(mailoutbox) == ["bo@example.org", "erik@example.org", application.email]
    page = client.get(response["Location"]).content.decode()
    assert "your application has been sent to" in page


def test_an_already_confirmed_link_goes_to_the_link_page(client, applications):
    application = applications.guest_a
    for method in (client.get, client.post):
        response = method(url("confirm", application))
        assert response["Location"] == url("mine", application)
    assert status_of(application) == Status.NEW


# --- a guardian's consent ---------------------------------------------------------------------------------


def test_the_guardian_reads_about_the_role(client, applications):
    application = applications.minor_u
    response = client.get(consent_url(application))
    assert response.status_code == 200
    assert_sound_page(response, language="en")
    html = main_of(response)
    assert application.name in html and application.opportunity.title in html
    assert application.organisation.name in html and application.opportunity.summary in html
    assert 'name="consent" value="yes"' in html and 'name="consent" value="no"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_guardian_says_yes(client, applications, immediate_tasks, mailoutbox,
                               django_capture_on_commit_callbacks):
    application = applications.minor_u
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(consent_url(application), {"consent": "yes"})
    assert response["Location"] == consent_url(application)
    application.refresh_from_db()
    assert application.status == Status.NEW and application.is_submitted and application.guardian_consented_at
    assert recipients(mailoutbox) == ["gitte@example.org", MINOR_EMAIL]
    html = main_of(client.get(consent_url(application)))
    assert "You said yes on" in html
    assert 'name="consent"' not in html


def test_the_guardian_says_no(client, applications, immediate_tasks, mailoutbox,
                              django_capture_on_commit_callbacks):
    application = applications.minor_u
    with django_capture_on_commit_callbacks(execute=True):
        client.post(consent_url(application), {"consent": "no"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN and not application.is_submitted
    assert recipients(mailoutbox) == [MINOR_EMAIL]
    assert "withdrawn" in main_of(client.get(consent_url(application)))
    # A second answer changes nothing.
    client.post(consent_url(application), {"consent": "yes"})
    assert status_of(application) == Status.WITHDRAWN


def test_the_guardian_must_choose(client, applications):
    response = client.post(consent_url(applications.minor_u), {"consent": "måske"})
    assert response.status_code == 200
    assert "Choose yes or no." in main_of(response)
    assert status_of(applications.minor_u) == Status.AWAITING_CONSENT


def test_the_guardian_address_got_the_link(applications):
    assert applications.minor_u.guardian_email == GUARDIAN_EMAIL
    assert applications.minor_u.guardian_token


# --- the organisation never sees what is not submitted -----------------------------------------------------


@pytest.mark.parametrize("name", ["unconfirmed_a", "minor_u"])
def test_the_organisation_never_sees_a_pending_application(cast, applications, name):
    application = getattr(applications, name)
    with pytest.raises(Http404):
        access.application_in(application.organisation, application.pk)
    member = "bo" if application.organisation == cast["A"] else "gitte"
    with pytest.raises(Http404):
        access.application_for_member(cast.users[member], application.organisation.slug, application.pk)
    assert application not in access.applications_of(application.organisation)


# --- Mine ansøgninger -------------------------------------------------------------------------------------


def test_my_applications_lists_mine(client_for, applications):
    response = client_for("ane").get(reverse("applications:my_applications"))
    assert_sound_page(response, language="en")
    html = main_of(response)
    for application in (applications.ane_a, applications.ane_u):
        assert application.get_absolute_url() in html
        assert application.opportunity.title in html
    assert applications.guest_a.get_absolute_url() not in html
    assert "In dialogue" in html and "New" in html


def test_my_applications_has_an_empty_state(client_for, applications):
    html = main_of(client_for("carl").get(reverse("applications:my_applications")))
    assert "You have not applied for anything yet." in html
    assert reverse("opportunities:search") in html


def test_my_applications_needs_sign_in(client):
    response = client.get(reverse("applications:my_applications"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_applications_query_count_is_constant(client_for, cast, applications, django_assert_num_queries):
    client = client_for("ane")
    list_url = reverse("applications:my_applications")
    client.get(list_url)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url)
    data = {"name": "Ane Holm", "phone": "", "birth_year": 1990, "message": ""}
    for index in range(4):
        opportunity = Opportunity.objects.create(
            organisation=cast["B"], title=f"Rolle {index}", summary="…", description="…",
            status=Opportunity.Status.PUBLISHED,
        )
        services.application_create(opportunity=opportunity, data=data, user=cast.users["ane"])
    with django_assert_num_queries(len(few.captured_queries)):
        html = main_of(client.get(list_url))
    assert html.count("application-list-item") == 6


def test_min_side_shows_the_newest_applications(client_for, applications):
    html = main_of(client_for("ane").get(reverse("accounts:min_side")))
    assert 'id="my-applications-heading"' in html
    assert applications.ane_a.get_absolute_url() in html and applications.ane_u.get_absolute_url() in html
    assert reverse("applications:my_applications") in html


def test_min_side_leaves_the_section_out_without_applications(client_for, applications):
    assert 'id="my-applications-heading"' not in main_of(client_for("carl").get(reverse("accounts:min_side")))
