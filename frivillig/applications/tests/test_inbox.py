"""The organisation's inbox, an application's page, answering it, notes, and the links to them, through the pages.

The cast's applications (tests/application_fixtures.py): A (bo admin, erik editor) has `ane_a` and `guest_a`
(new) and `unconfirmed_a` (not submitted, so not shown); U (gitte) has `ane_u` (in dialogue, with a note) and
`minor_u` (waiting for a guardian, not shown); B (carl) has none.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.applications import services
from frivillig.applications.models import Application, ApplicationEvent, Engagement
from frivillig.core.models import AuditLog

Status = Application.Status


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so assertions do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def inbox_url(organisation, **query) -> str:
    url = reverse("applications:inbox", kwargs={"slug": organisation.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def detail_url(application, slug=None) -> str:
    return reverse("applications:inbox_detail", kwargs={"slug": slug or application.organisation.slug,
                                                        "pk": application.pk})


def action_url(name, application, slug=None) -> str:
    return reverse(f"applications:{name}", kwargs={"slug": slug or application.organisation.slug,
                                                  "pk": application.pk})


def opportunity_inbox_url(opportunity, slug=None) -> str:
    return reverse("applications:opportunity_inbox", kwargs={"slug": slug or opportunity.organisation.slug,
                                                             "pk": opportunity.pk})


def make_submitted(opportunity, count, *, status=Status.NEW, start=0, submitted_at=None) -> list[Application]:
    """`count` submitted applications to `opportunity`, straight into the database (the services are tested
    elsewhere); the first is the newest."""
    now = submitted_at or timezone.now()
    return Application.objects.bulk_create(
        Application(
            opportunity=opportunity,
            organisation=opportunity.organisation,
            name=f"Ansøger {number}",
            email=f"ansoeger{number}-{opportunity.pk}@example.org",
            birth_year=1990,
            status=status,
            email_confirmed_at=now,
            submitted_at=now - timedelta(minutes=number),
        )
        for number in range(start, start + count)
    )


def shown_ids(response) -> list[int]:
    return [application.pk for application in response.context["page"].object_list]


# --- the inbox ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["bo", "erik"])
def test_members_see_the_submitted_applications_newest_first(client_for, cast, applications, member):
    response = client_for(member).get(inbox_url(cast["A"]))
    assert response.status_code == 200
    assert shown_ids(response) == [applications.guest_a.pk, applications.ane_a.pk]
    page = response.content.decode()
    assert detail_url(applications.guest_a) in page and "Gæst Hansen" in page
    assert "Ulla Ubekræftet" not in page  # not confirmed, so not submitted
    assert response["Cache-Control"].startswith("max-age=0")  # personal data: never cached


@pytest.mark.parametrize("name", ["visitor", "ane", "carl", "gitte", "dorte"])
def test_others_cannot_open_the_inbox(client_for, cast, applications, name):
    response = client_for(name).get(inbox_url(cast["A"]))
    if name == "visitor":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404


def test_the_inbox_counts_and_filters_by_status(client_for, cast, applications):
    services.application_set_status(application=applications.ane_a, status=Status.IN_DIALOGUE,
                                    actor=cast.users["bo"])
    client = client_for("bo")
    response = client.get(inbox_url(cast["A"], status="in_dialogue"))
    assert shown_ids(response) == [applications.ane_a.pk]
    counts = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert counts == {"": 2, "new": 1, "in_dialogue": 1, "accepted": 0, "declined": 0, "withdrawn": 0}
    assert [link["value"] for link in response.context["status_links"] if link["current"]] == ["in_dialogue"]
    # An unknown status is left out rather than refused.
    assert len(shown_ids(client.get(inbox_url(cast["A"], status="unconfirmed")))) == 2


def test_the_inbox_filters_by_opportunity(client_for, cast, applications):
    other = cast.opportunities.child_certificate_a
    [extra] = make_submitted(other, 1)
    client = client_for("erik")
    response = client.get(inbox_url(cast["A"], opportunity=other.pk))
    assert shown_ids(response) == [extra.pk]
    options = dict(response.context["form"].fields["opportunity"].choices)
    assert options[str(other.pk)] == f"{other.title} (1)"
    assert options[str(cast.opportunities.published_a.pk)] == f"{cast.opportunities.published_a.title} (2)"
    # The status counts follow the opportunity filter.
    assert sum(link["count"] for link in response.context["status_links"][1:]) == 1
    # Another organisation's opportunity is not a filter here: the whole inbox is shown.
    response = client.get(inbox_url(cast["A"], opportunity=cast.opportunities.published_u.pk))
    assert len(shown_ids(response)) == 3
    assert response.context["filters"]["opportunity"] == ""


def test_the_inbox_shows_how_long_new_applications_have_waited(client_for, cast, applications):
    [old] = make_submitted(cast.opportunities.published_a, 1, submitted_at=timezone.now() - timedelta(days=14))
    response = client_for("bo").get(inbox_url(cast["A"]))
    by_id = {application.pk: application for application in response.context["page"].object_list}
    assert by_id[old.pk].waiting_days == 14 and by_id[old.pk].overdue
    assert by_id[applications.guest_a.pk].waiting_days == 0 and not by_id[applications.guest_a.pk].overdue
    assert "14 days" in response.content.decode()
    assert "5 working days or more" in response.content.decode()


def test_the_inbox_is_paginated_by_50(client_for, cast, applications):
    made = make_submitted(cast.opportunities.published_a, 50, submitted_at=timezone.now() - timedelta(days=1))
    client = client_for("bo")
    first = client.get(inbox_url(cast["A"]))
    assert shown_ids(first)[:3] == [applications.guest_a.pk, applications.ane_a.pk, made[0].pk]
    assert len(shown_ids(first)) == 50
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(inbox_url(cast["A"], side=2))
    assert shown_ids(second) == [made[-2].pk, made[-1].pk]  # the oldest come last
    assert 'href="?side=1"' in second.content.decode()


def test_the_filters_stay_on_the_other_pages(client_for, cast, applications):
    make_submitted(cast.opportunities.published_a, 60)
    page = client_for("bo").get(inbox_url(cast["A"], status="new")).content.decode()
    assert 'href="?status=new&amp;side=2"' in page


def test_the_inbox_uses_a_constant_number_of_queries(client_for, cast, applications):
    client = client_for("bo")
    opportunity = cast.opportunities.published_a

    def count(**query) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(inbox_url(cast["A"], **query)).status_code == 200
        return len(context.captured_queries)

    Application.objects.filter(organisation=cast["A"]).delete()
    make_submitted(opportunity, 3)
    few, few_filtered = count(), count(status="new", opportunity=opportunity.pk)
    make_submitted(opportunity, 27, start=3)
    make_submitted(cast.opportunities.child_certificate_a, 3, status=Status.IN_DIALOGUE)
    assert count() == few
    assert count(status="new", opportunity=opportunity.pk) == few_filtered


def test_the_inbox_query_budget(client_for, cast, applications, django_assert_num_queries):
    """Session, user, membership; the opportunities with their counts, the counts by status, the page; then
    the context processors' site configuration and coordinator check."""
    client = client_for("bo")
    make_submitted(cast.opportunities.published_a, 30)
    with django_assert_num_queries(8):
        client.get(inbox_url(cast["A"]))


def test_an_empty_inbox_says_so(client_for, cast, applications):
    response = client_for("carl").get(inbox_url(cast["B"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "No applications yet" in page
    assert reverse("applications:export", kwargs={"slug": cast["B"].slug}) not in page


def test_a_filter_that_finds_nothing_says_so(client_for, cast, applications):
    page = client_for("bo").get(inbox_url(cast["A"], status="declined")).content.decode()
    assert "No applications match the filters" in page
    assert f'href="{inbox_url(cast["A"])}"' in page


# --- the inbox of one opportunity --------------------------------------------------------------------------


def test_the_opportunity_inbox_shows_only_its_applications(client_for, cast, applications):
    other = cast.opportunities.child_certificate_a
    [extra] = make_submitted(other, 1)
    client = client_for("bo")
    response = client.get(opportunity_inbox_url(cast.opportunities.published_a))
    assert response.status_code == 200
    assert shown_ids(response) == [applications.guest_a.pk, applications.ane_a.pk]
    assert "opportunity" not in response.context["form"].fields
    export = response.context["export_url"]
    assert export.endswith(f"?opportunity={cast.opportunities.published_a.pk}")
    assert shown_ids(client.get(opportunity_inbox_url(other))) == [extra.pk]


def test_the_opportunity_inbox_is_for_the_organisations_members(client_for, cast, applications):
    assert client_for("gitte").get(opportunity_inbox_url(cast.opportunities.published_a)).status_code == 404
    # U's opportunity under A's slug, for A's own admin.
    url = opportunity_inbox_url(cast.opportunities.published_u, slug=cast["A"].slug)
    assert client_for("bo").get(url).status_code == 404


def test_an_opportunity_without_applications_has_an_empty_inbox(client_for, cast, applications):
    page = client_for("bo").get(opportunity_inbox_url(cast.opportunities.draft_a)).content.decode()
    assert "No applications yet" in page


# --- one application ---------------------------------------------------------------------------------------


def test_the_application_page_shows_the_contact_details_and_the_history(client_for, cast, applications):
    application = applications.ane_u
    Application.objects.filter(pk=application.pk).update(phone="12 34 56 78")
    response = client_for("gitte").get(detail_url(application))
    assert response.status_code == 200
    page = response.content.decode()
    assert "ane@example.org" in page and 'href="tel:12345678"' in page
    assert str(application.birth_year) in page
    assert "Jeg har god tid om tirsdagen." in page
    assert "Kan du komme forbi til en snak på torsdag?" in page  # the message sent with the status change
    assert "Ringet op, venter på svar." in page  # the internal note
    assert "Internal – the applicant does not see this" in page
    assert "Gitte Mortensen changed the status to “In dialogue”" in page
    choices = [value for value, _label in response.context["status_form"].fields["status"].choices]
    assert choices == ["accepted", "declined"]


def test_a_withdrawn_application_has_no_status_form(client_for, cast, applications):
    services.application_withdraw(application=applications.ane_a)
    response = client_for("bo").get(detail_url(applications.ane_a))
    assert response.context["status_form"] is None
    page = response.content.decode()
    assert action_url("set_status", applications.ane_a) not in page
    assert "The applicant withdrew the application" in page
    assert action_url("add_note", applications.ane_a) in page  # notes can still be written


def test_an_application_not_yet_submitted_is_404_even_for_members(client_for, applications):
    assert client_for("bo").get(detail_url(applications.unconfirmed_a)).status_code == 404
    assert client_for("gitte").get(detail_url(applications.minor_u)).status_code == 404


# --- answering ---------------------------------------------------------------------------------------------


def test_a_member_moves_an_application_into_dialogue_with_a_message(
    client_for, cast, applications, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    application = applications.ane_a
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("erik").post(
            action_url("set_status", application), {"status": "in_dialogue", "message": "Ring til mig i morgen."}
        )
    assert response.status_code == 302 and response["Location"] == detail_url(application)
    application.refresh_from_db()
    assert application.status == Status.IN_DIALOGUE and application.first_response_at is not None
    event = application.events.get(to_status=Status.IN_DIALOGUE)
    assert (event.actor, event.text) == (cast.users["erik"], "Ring til mig i morgen.")
    assert [message.to for message in mailoutbox] == [["ane@example.org"]]
    assert "Ring til mig i morgen." in mailoutbox[0].body
    assert AuditLog.objects.filter(action="application.status", target_id=str(application.pk)).exists()
    page = client_for("erik").get(detail_url(application)).content.decode()
    assert "The status is now “In dialogue”" in page


def test_accepting_creates_the_engagement_from_the_chosen_date(client_for, cast, applications):
    application = applications.ane_a
    response = client_for("bo").post(
        action_url("set_status", application), {"status": "accepted", "start_date": "2030-05-01"}
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(application=application)
    assert engagement.start_date == date(2030, 5, 1)
    assert (engagement.volunteer, engagement.organisation) == (cast.users["ane"], cast["A"])
    response = client_for("bo").get(detail_url(application))
    assert response.context["engagement"] == engagement
    assert response.context["status_form"] is None
    assert "Ane Holm is a volunteer with you from May 1, 2030." in response.content.decode()


def test_a_start_date_is_ignored_unless_accepting(client_for, cast, applications):
    response = client_for("bo").post(
        action_url("set_status", applications.ane_a), {"status": "declined", "start_date": "2030-05-01"}
    )
    assert response.status_code == 302
    assert not Engagement.objects.filter(application=applications.ane_a).exists()


def test_a_status_change_without_a_status_shows_the_form_again(client_for, cast, applications):
    application = applications.ane_a
    response = client_for("bo").post(action_url("set_status", application),
                                     {"message": "Velkommen til!", "start_date": "ikke en dato"})
    assert response.status_code == 200
    form = response.context["status_form"]
    assert set(form.errors) == {"status", "start_date"}
    assert "Velkommen til!" in response.content.decode()  # what was typed is kept
    application.refresh_from_db()
    assert application.status == Status.NEW
    assert not application.events.filter(to_status__in=Application.ANSWER_STATUSES).exists()


def test_a_status_the_application_cannot_move_to_is_refused(client_for, cast, applications):
    response = client_for("gitte").post(action_url("set_status", applications.ane_u), {"status": "in_dialogue"})
    assert response.status_code == 200
    assert "status" in response.context["status_form"].errors


def test_a_closed_application_keeps_its_status(client_for, cast, applications):
    services.application_set_status(application=applications.ane_a, status=Status.DECLINED, actor=cast.users["bo"])
    response = client_for("bo").post(action_url("set_status", applications.ane_a), {"status": "accepted"})
    assert response.status_code == 302 and response["Location"] == detail_url(applications.ane_a)
    applications.ane_a.refresh_from_db()
    assert applications.ane_a.status == Status.DECLINED
    assert not Engagement.objects.exists()


def test_a_member_writes_an_internal_note(client_for, cast, applications, immediate_tasks, mailoutbox,
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("erik").post(action_url("add_note", applications.ane_a), {"text": " Ringer fredag. "})
    assert response.status_code == 302 and response["Location"] == detail_url(applications.ane_a)
    note = applications.ane_a.events.get(kind=ApplicationEvent.Kind.NOTE)
    assert (note.text, note.actor) == ("Ringer fredag.", cast.users["erik"])
    assert mailoutbox == []  # the applicant is not told


def test_an_empty_note_shows_the_form_again(client_for, cast, applications):
    response = client_for("erik").post(action_url("add_note", applications.ane_a), {"text": "   "})
    assert response.status_code == 200
    assert "text" in response.context["note_form"].errors
    assert not applications.ane_a.events.filter(kind=ApplicationEvent.Kind.NOTE).exists()


def test_status_and_note_are_post_only(client_for, applications):
    client = client_for("bo")
    assert client.get(action_url("set_status", applications.ane_a)).status_code == 405
    assert client.get(action_url("add_note", applications.ane_a)).status_code == 405


# --- privacy -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["carl", "gitte", "ane"])
def test_another_organisations_member_is_refused_everywhere(client_for, cast, applications, name):
    application = applications.ane_a
    client = client_for(name)
    before = list(Application.objects.values_list("pk", "status").order_by("pk"))
    events = ApplicationEvent.objects.count()
    answers = {
        "inbox": client.get(inbox_url(cast["A"])).status_code,
        "opportunity_inbox": client.get(opportunity_inbox_url(application.opportunity)).status_code,
        "detail": client.get(detail_url(application)).status_code,
        "export": client.get(reverse("applications:export", kwargs={"slug": cast["A"].slug})).status_code,
        "set_status": client.post(action_url("set_status", application), {"status": "accepted"}).status_code,
        "add_note": client.post(action_url("add_note", application), {"text": "Hej"}).status_code,
    }
    assert answers == dict.fromkeys(answers, 404)
    assert list(Application.objects.values_list("pk", "status").order_by("pk")) == before
    assert ApplicationEvent.objects.count() == events


def test_an_application_is_404_under_another_organisations_slug(client_for, cast, applications):
    """gitte (admin of U) puts U's own application under A's slug, and bo (admin of A) puts it under A's."""
    application = applications.ane_u
    assert client_for("bo").get(detail_url(application, slug=cast["A"].slug)).status_code == 404
    assert client_for("gitte").get(detail_url(application, slug=cast["A"].slug)).status_code == 404
    response = client_for("bo").post(action_url("add_note", application, slug=cast["A"].slug), {"text": "Hej"})
    assert response.status_code == 404


def test_public_pages_never_show_applicants(client_for, cast, applications):
    for name in ("visitor", "ane", "bo"):
        client = client_for(name)
        for url in (cast.opportunities.published_a.get_absolute_url(), cast["A"].get_absolute_url()):
            page = client.get(url).content.decode()
            assert "Gæst Hansen" not in page and "gaest@example.org" not in page, (name, url)
            assert "Jeg vil gerne hjælpe." not in page


# --- links to the inbox ------------------------------------------------------------------------------------


def test_the_organisation_page_links_members_to_the_inbox(client_for, cast, applications):
    assert inbox_url(cast["A"]) in client_for("erik").get(cast["A"].get_absolute_url()).content.decode()
    assert inbox_url(cast["A"]) not in client_for("carl").get(cast["A"].get_absolute_url()).content.decode()
    assert inbox_url(cast["A"]) not in client_for("visitor").get(cast["A"].get_absolute_url()).content.decode()


def test_the_opportunity_page_links_members_to_its_inbox(client_for, cast, applications):
    opportunity = cast.opportunities.published_a
    assert opportunity_inbox_url(opportunity) in client_for("bo").get(opportunity.get_absolute_url()).content.decode()
    assert opportunity_inbox_url(opportunity) not in client_for("ane").get(
        opportunity.get_absolute_url()
    ).content.decode()


def test_the_list_of_posts_counts_the_new_applications(client_for, cast, applications):
    services.application_set_status(application=applications.ane_a, status=Status.IN_DIALOGUE,
                                    actor=cast.users["bo"])
    make_submitted(cast.opportunities.child_certificate_a, 2)
    response = client_for("bo").get(reverse("opportunities:manage_list", kwargs={"slug": cast["A"].slug}))
    by_id = {opportunity.pk: opportunity for opportunity in response.context["page"].object_list}
    published = by_id[cast.opportunities.published_a.pk]
    assert (published.applications_submitted, published.applications_new) == (2, 1)  # unconfirmed_a not counted
    assert by_id[cast.opportunities.child_certificate_a.pk].applications_new == 2
    page = response.content.decode()
    assert opportunity_inbox_url(cast.opportunities.published_a) in page
    assert "Applications (1 new)" in page and "Applications (2 new)" in page


def test_the_list_of_posts_keeps_its_query_count_with_applications(client_for, cast, applications):
    client = client_for("bo")
    target = reverse("opportunities:manage_list", kwargs={"slug": cast["A"].slug})

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(target)
        return len(context.captured_queries)

    few = count()
    make_submitted(cast.opportunities.published_a, 20, start=10)
    make_submitted(cast.opportunities.child_certificate_a, 20)
    assert count() == few
