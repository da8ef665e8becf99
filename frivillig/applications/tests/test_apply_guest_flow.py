"""The whole guest flow through the pages and the e-mails: apply → confirm by the e-mailed link → the organisation
answers and accepts → the link page says so. Every e-mail goes to the right person, in their language, with the
right link."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.tests.html import main_of
from frivillig.applications import services
from frivillig.applications.models import Application, Engagement
from tests.opportunity_fixtures import build_opportunities

Status = Application.Status
pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def opps(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


@pytest.fixture
def languages_used(monkeypatch):
    """(recipient, template, language) of every templated e-mail the services send."""
    from frivillig.applications import services as application_services
    from frivillig.core import mail

    sent = []

    def spy(*, to, template, language=None, **kwargs):
        sent.append((to, template.rsplit("/", 1)[-1], language))
        return mail.send_templated_email(to=to, template=template, language=language, **kwargs)

    monkeypatch.setattr(application_services, "send_templated_email", spy)
    return sent


def links_in(message) -> list[str]:
    """The site's paths the e-mail links to."""
    return re.findall(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)


def apply_as_guest(client, opportunity, capture, language="en", **changes):
    client.cookies["django_language"] = language
    data = {"name": "Gerda Gæst", "email": "gerda@example.org", "phone": "20 30 40 50", "birth_year": "1980",
            "message": "Jeg har tid om onsdagen.", "guardian_email": ""} | changes
    with capture(execute=True):
        response = client.post(reverse("applications:apply", kwargs={"pk": opportunity.pk}), data)
    assert response.status_code == 302
    return Application.objects.latest("id")


def test_the_guest_flow_with_its_emails(client, cast, opps, mailoutbox, django_capture_on_commit_callbacks,
                                        languages_used):
    capture = django_capture_on_commit_callbacks
    application = apply_as_guest(client, opps.published_a, capture, language="en")
    mine = reverse("applications:mine", kwargs={"token": application.token})
    confirm = reverse("applications:confirm", kwargs={"token": application.token})

    # 1. Only the guest is mailed: the link to confirm, and the link page for later.
    [mail] = mailoutbox
    assert mail.to == ["gerda@example.org"]
    assert opps.published_a.title in mail.subject
    assert links_in(mail) == [confirm, mine]
    assert "Confirm your application by opening this link" in mail.body  # rendered in English
    assert languages_used == [("gerda@example.org", "confirm_email", "en")]

    # 2. A mail scanner opening the link confirms nothing; the button does.
    client.cookies["django_language"] = "da"  # the language of the page does not change the guest's e-mails
    with capture(execute=True):
        assert client.get(confirm).status_code == 200
    assert len(mailoutbox) == 1
    with capture(execute=True):
        response = client.post(confirm)
    assert response["Location"] == mine
    application.refresh_from_db()
    assert application.status == Status.NEW

    # 3. The guest is told it is sent (with the link page); A's admin and editor get the inbox link.
    received, *for_members = mailoutbox[1:]
    assert received.to == ["gerda@example.org"]
    assert links_in(received) == [mine]
    assert "You do not need an account" in received.body
    assert sorted(message.to[0] for message in for_members) == ["bo@example.org", "erik@example.org"]
    inbox = reverse("applications:inbox_detail", kwargs={"slug": cast["A"].slug, "pk": application.pk})
    assert all(links_in(message) == [inbox] for message in for_members)
    assert all("Gerda@" not in message.body and "20 30 40 50" not in message.body for message in for_members)
    assert ("gerda@example.org", "received", "en") in languages_used
    assert {(to, language) for to, template, language in languages_used if template == "new_for_organisation"} == {
        ("bo@example.org", "da"), ("erik@example.org", "da")}

    # 4. The organisation answers, then accepts; each time the guest gets an English mail with the link page.
    with capture(execute=True):
        services.application_set_status(application=application, status=Status.IN_DIALOGUE, actor=cast.users["bo"],
                                        message="Kan du komme torsdag?")
    assert mailoutbox[-1].to == ["gerda@example.org"]
    assert "Kan du komme torsdag?" in mailoutbox[-1].body
    assert links_in(mailoutbox[-1]) == [mine]
    with capture(execute=True):
        services.application_set_status(application=application, status=Status.ACCEPTED, actor=cast.users["bo"])
    assert "Good news" in mailoutbox[-1].body
    assert Engagement.objects.get(application=application).volunteer is None  # a guest, until they sign up

    # 5. The link page says "accepted", with the organisation's message in the history.
    client.cookies["django_language"] = "en"
    html = main_of(client.get(mine))
    assert "Accepted" in html
    assert "Kan du komme torsdag?" in html
    assert reverse("applications:withdraw", kwargs={"token": application.token}) not in html


def test_a_danish_guest_is_mailed_in_danish(client, opps, mailoutbox, django_capture_on_commit_callbacks,
                                            languages_used):
    application = apply_as_guest(client, opps.published_a, django_capture_on_commit_callbacks, language="da")
    assert application.language == "da"
    assert languages_used == [("gerda@example.org", "confirm_email", "da")]


def test_under_15_the_guardian_is_asked_after_the_email_is_confirmed(client, cast, opps, mailoutbox,
                                                                     django_capture_on_commit_callbacks,
                                                                     languages_used):
    capture = django_capture_on_commit_callbacks
    application = apply_as_guest(client, opps.published_u, capture, birth_year=str(timezone.localdate().year - 13),
                                 guardian_email="mor@example.org")
    assert [message.to for message in mailoutbox] == [["gerda@example.org"]]  # not the guardian yet
    with capture(execute=True):
        client.post(reverse("applications:confirm", kwargs={"token": application.token}))
    application.refresh_from_db()
    assert application.status == Status.AWAITING_CONSENT
    to_guardian = next(message for message in mailoutbox if message.to == ["mor@example.org"])
    consent = reverse("applications:guardian_consent", kwargs={"token": application.guardian_token})
    assert links_in(to_guardian) == [consent]
    assert application.token not in to_guardian.body  # the guardian cannot withdraw or read the link page
    assert not any(message.to == ["gitte@example.org"] for message in mailoutbox)

    with capture(execute=True):
        client.post(consent, {"consent": "yes"})
    application.refresh_from_db()
    assert application.status == Status.NEW
    assert any(message.to == ["gitte@example.org"] for message in mailoutbox)
