"""Managing opportunities through the pages, as an organisation's members and the coordinators would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig.core.models import AuditLog, Category
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership

Status = Opportunity.Status
ROLE_CARD = {
    "role_volunteer_tasks": "Læser højt for beboerne.",
    "role_staff_tasks": "Personalet står for pleje og medicin.",
    "role_staff_contact": "Hanne Jensen, aktivitetsmedarbejder",
}


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages in English, so assertions do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def url(name, opportunity=None, slug=None):
    if opportunity is None:
        return reverse(f"opportunities:{name}", kwargs={"slug": slug})
    return reverse(
        f"opportunities:{name}", kwargs={"slug": slug or opportunity.organisation.slug, "pk": opportunity.pk}
    )


def make(cast, key="A", status=Status.DRAFT, **fields) -> Opportunity:
    fields.setdefault("title", "Besøgsven")
    opportunity = Opportunity.objects.create(
        organisation=cast[key], summary="Kaffe og selskab.", description="Du besøger en ældre.", status=status,
        **fields,
    )
    opportunity.categories.add(Category.objects.get(slug="besoegsven"))
    return opportunity


def form_data(**changes) -> dict:
    data = {
        "title": "Lektiehjælper",
        "summary": "Hjælp elever med matematik.",
        "description": "Vi mødes **hver tirsdag**.<script>alert(1)</script>",
        "language": "da",
        "categories": [Category.objects.get(slug="lektiehjaelp").pk],
        "time_commitment": "regular",
        "minimum_age": "16",
        "requires_child_certificate": "on",
    }
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def status_of(opportunity) -> str:
    opportunity.refresh_from_db()
    return opportunity.status


def unit_editor(cast):
    Membership.objects.create(organisation=cast["U"], user=cast["erik"], role=Membership.Role.EDITOR)


# --- who may use the pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bo", "erik"])
@pytest.mark.parametrize("page", ["manage_list", "create", "edit", "preview"])
def test_members_of_a_manage_its_posts(client_for, cast, name, page):
    opportunity = make(cast)
    target = url(page, slug=cast["A"].slug) if page in {"manage_list", "create"} else url(page, opportunity)
    response = client_for(name).get(target)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("page", ["manage_list", "create", "edit", "preview"])
def test_outsiders_get_404(client_for, cast, page):
    opportunity = make(cast)
    target = url(page, slug=cast["A"].slug) if page in {"manage_list", "create"} else url(page, opportunity)
    assert client_for("carl").get(target).status_code == 404


@pytest.mark.parametrize("page", ["publish", "pause", "close", "duplicate"])
def test_outsiders_cannot_post(client_for, cast, page):
    opportunity = make(cast, status=Status.PUBLISHED)
    assert client_for("carl").post(url(page, opportunity)).status_code == 404
    assert status_of(opportunity) == Status.PUBLISHED
    assert Opportunity.objects.count() == 1


def test_another_organisations_opportunity_is_404(client_for, cast):
    """B's opportunity under A's address: bo is a member of A, but the post is not A's."""
    opportunity_of_b = make(cast, key="B")
    client = client_for("bo")
    assert client.get(url("edit", opportunity_of_b, slug=cast["A"].slug)).status_code == 404
    assert client.post(url("publish", opportunity_of_b, slug=cast["A"].slug)).status_code == 404
    assert status_of(opportunity_of_b) == Status.DRAFT


@pytest.mark.parametrize("page", ["manage_list", "create", "edit", "preview"])
def test_visitors_are_sent_to_sign_in(client_for, cast, page):
    opportunity = make(cast)
    target = url(page, slug=cast["A"].slug) if page in {"manage_list", "create"} else url(page, opportunity)
    response = client_for("visitor").get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", ["publish", "pause", "close", "duplicate"])
def test_status_actions_are_post_only(client_for, cast, page):
    opportunity = make(cast)
    assert client_for("bo").get(url(page, opportunity)).status_code == 405
    response = client_for("visitor").post(url(page, opportunity))
    assert response["Location"].startswith(reverse("account_login"))


# --- the list ------------------------------------------------------------------------------------------------


def test_the_list_groups_by_status_with_actions(client_for, cast):
    make(cast, title="Udkastet")
    make(cast, title="Det udgivne", status=Status.PUBLISHED)
    make(cast, key="B", title="B's opslag")
    html = client_for("erik").get(url("manage_list", slug=cast["A"].slug)).content.decode()
    assert html.index("Det udgivne") < html.index("Udkastet")
    assert '<h2 id="group-published">Published</h2>' in html
    assert '<h2 id="group-draft">Draft</h2>' in html
    assert "B's opslag" not in html
    assert "All (2)" in html
    assert "Pause<span" in html
    assert "Publish<span" in html


def test_the_list_filters_by_status(client_for, cast):
    make(cast, title="Udkastet")
    make(cast, title="Det udgivne", status=Status.PUBLISHED)
    html = client_for("bo").get(url("manage_list", slug=cast["A"].slug) + "?status=draft").content.decode()
    assert "Udkastet" in html
    assert "Det udgivne" not in html


def test_an_unknown_status_filter_shows_everything(client_for, cast):
    make(cast, title="Udkastet")
    response = client_for("bo").get(url("manage_list", slug=cast["A"].slug) + "?status=nonsense")
    assert response.status_code == 200
    assert "Udkastet" in response.content.decode()


def test_the_empty_list_says_how_to_start(client_for, cast):
    html = client_for("bo").get(url("manage_list", slug=cast["A"].slug)).content.decode()
    assert "No posts yet" in html
    assert reverse("opportunities:create", kwargs={"slug": cast["A"].slug}) in html


def test_the_list_has_constant_queries(client_for, cast):
    client = client_for("gitte")
    target = url("manage_list", slug=cast["U"].slug)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(target).status_code == 200
        return len(context.captured_queries)

    make(cast, key="U")
    few = count()
    for number, status in enumerate([Status.PUBLISHED, Status.PAUSED, Status.CLOSED, Status.EXPIRED] * 2):
        make(cast, key="U", title=f"Opslag {number}", status=status, role_confirmed_by=cast["gitte"])
    assert count() == few


def test_the_list_query_budget(client_for, cast, django_assert_num_queries):
    """Session, user, membership, the page count, the page, the counts by status; then the context processors'
    site configuration (cache) and coordinator check."""
    client = client_for("bo")
    for status in [Status.PUBLISHED, Status.DRAFT, Status.PAUSED] * 3:
        make(cast, status=status)
    with django_assert_num_queries(8):
        client.get(url("manage_list", slug=cast["A"].slug))


def test_the_organisation_page_links_to_the_posts(client_for, cast):
    manage = url("manage_list", slug=cast["A"].slug)
    assert manage in client_for("erik").get(cast["A"].get_absolute_url()).content.decode()
    assert manage not in client_for("carl").get(cast["A"].get_absolute_url()).content.decode()


# --- create, edit, preview -----------------------------------------------------------------------------------


def test_create_saves_a_draft_and_shows_the_preview(client_for, cast):
    response = client_for("erik").post(url("create", slug=cast["A"].slug), form_data())
    opportunity = Opportunity.objects.get(title="Lektiehjælper")
    assert response.status_code == 302
    assert response["Location"] == url("preview", opportunity)
    assert opportunity.status == Status.DRAFT
    assert opportunity.organisation == cast["A"]
    assert opportunity.created_by == cast["erik"]


def test_create_shows_errors(client_for, cast):
    response = client_for("bo").post(
        url("create", slug=cast["A"].slug), form_data(start_date="2026-09-01", end_date="2026-08-01")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date must be on or after the start date." in html
    assert 'aria-invalid="true"' in html
    assert "The opportunity was not saved." in messages_of(response)[0]
    assert not Opportunity.objects.exists()


def test_the_preview_looks_like_the_public_page(client_for, cast):
    client = client_for("erik")
    client.post(url("create", slug=cast["A"].slug), form_data())
    opportunity = Opportunity.objects.get()
    html = client.get(url("preview", opportunity)).content.decode()
    assert "Preview" in html
    assert "This is a draft." in html
    assert "<strong>hver tirsdag</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "You must be at least 16 years old." in html
    assert reverse("opportunities:child_certificate") in html
    assert 'lang="da"' in html
    assert "Role and responsibility" not in html


def test_edit_saves_changes(client_for, cast):
    opportunity = make(cast, status=Status.PUBLISHED)
    response = client_for("erik").post(url("edit", opportunity), form_data(title="Ny titel"))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Ny titel"
    assert opportunity.status == Status.PUBLISHED
    assert AuditLog.objects.filter(action="opportunity.update", actor=cast["erik"]).exists()


def test_a_unit_shows_the_role_card_form(client_for, cast):
    html = client_for("gitte").get(url("create", slug=cast["U"].slug)).content.decode()
    assert 'name="role_volunteer_tasks"' in html
    assert 'name="role_confirm"' in html
    assert "does not replace paid work" in html


def test_an_editor_cannot_confirm_the_role_card(client_for, cast):
    unit_editor(cast)
    client = client_for("erik")
    html = client.get(url("create", slug=cast["U"].slug)).content.decode()
    assert 'name="role_volunteer_tasks"' in html
    assert 'name="role_confirm"' not in html
    assert "Only an admin of the unit can confirm" in html
    client.post(url("create", slug=cast["U"].slug), form_data(role_confirm="on", **ROLE_CARD))
    opportunity = Opportunity.objects.get()
    assert opportunity.role_staff_contact == ROLE_CARD["role_staff_contact"]
    assert opportunity.role_confirmed_at is None


def test_the_unit_admin_confirms_and_publishes(client_for, cast):
    client = client_for("gitte")
    client.post(url("create", slug=cast["U"].slug), form_data(role_confirm="on", insurance_covered="on", **ROLE_CARD))
    opportunity = Opportunity.objects.get()
    assert opportunity.role_confirmed_by == cast["gitte"]
    html = client.get(url("preview", opportunity)).content.decode()
    assert "Role and responsibility" in html
    assert "Hanne Jensen, aktivitetsmedarbejder" in html
    assert "Gitte Mortensen confirmed on" in html
    assert "covered by Frederiksberg Kommune's volunteer insurance" in html
    assert "44 hours a month on dagpenge" in html
    response = client.post(url("publish", opportunity), follow=True)
    assert status_of(opportunity) == Status.PUBLISHED
    assert "is published" in messages_of(response)[0]


def test_the_editor_sees_who_confirmed(client_for, cast):
    unit_editor(cast)
    client_for("gitte").post(url("create", slug=cast["U"].slug), form_data(role_confirm="on", **ROLE_CARD))
    opportunity = Opportunity.objects.get()
    html = client_for("erik").get(url("edit", opportunity)).content.decode()
    assert "by Gitte Mortensen." in html


def test_an_editor_changing_the_card_withdraws_the_confirmation(client_for, cast):
    unit_editor(cast)
    client_for("gitte").post(url("create", slug=cast["U"].slug), form_data(role_confirm="on", **ROLE_CARD))
    opportunity = Opportunity.objects.get()
    response = client_for("erik").post(
        url("edit", opportunity), form_data(**{**ROLE_CARD, "role_staff_tasks": "Noget andet."}), follow=True
    )
    opportunity.refresh_from_db()
    assert opportunity.role_confirmed_at is None
    assert "must confirm it again" in messages_of(response)[-1]


def test_publishing_without_a_role_card_lists_what_is_missing(client_for, cast):
    opportunity = make(cast, key="U", role_volunteer_tasks="Læser højt.")
    client = client_for("gitte")
    html = client.get(url("preview", opportunity)).content.decode()
    assert "Before you can publish:" in html
    assert "Describe what paid staff do." in html
    response = client.post(url("publish", opportunity), follow=True)
    message = messages_of(response)[0]
    assert message.startswith("The opportunity was not published.")
    assert "Describe what paid staff do." in message
    assert "Name the staff contact." in message
    assert "must confirm, as manager" in message
    assert "Describe what the volunteer does." not in message
    assert status_of(opportunity) == Status.DRAFT


# --- status actions ------------------------------------------------------------------------------------------


def test_publish_pause_close(client_for, cast):
    opportunity = make(cast)
    client = client_for("erik")
    response = client.post(url("publish", opportunity))
    assert response["Location"] == url("manage_list", slug=cast["A"].slug)
    assert status_of(opportunity) == Status.PUBLISHED
    client.post(url("pause", opportunity))
    assert status_of(opportunity) == Status.PAUSED
    response = client.post(url("close", opportunity), {"next": url("preview", opportunity)})
    assert response["Location"] == url("preview", opportunity)
    assert status_of(opportunity) == Status.CLOSED


def test_an_impossible_action_is_explained(client_for, cast):
    opportunity = make(cast)
    response = client_for("bo").post(url("pause", opportunity), follow=True)
    assert messages_of(response) == ["The opportunity was not paused. Only a published opportunity can be paused."]


def test_next_must_stay_on_the_site(client_for, cast):
    opportunity = make(cast)
    response = client_for("bo").post(url("publish", opportunity), {"next": "https://evil.example/"})
    assert response["Location"] == url("manage_list", slug=cast["A"].slug)


def test_duplicate_opens_the_copy(client_for, cast):
    opportunity = make(cast, status=Status.PUBLISHED)
    response = client_for("erik").post(url("duplicate", opportunity))
    copy = Opportunity.objects.exclude(pk=opportunity.pk).get()
    assert response["Location"] == url("edit", copy)
    assert copy.status == Status.DRAFT
    assert copy.title.startswith("Besøgsven")


# --- coordinators --------------------------------------------------------------------------------------------


def unpublish_url(opportunity) -> str:
    return reverse("opportunities:unpublish", kwargs={"pk": opportunity.pk})


def test_a_coordinator_sees_the_unpublish_form(client_for, cast):
    opportunity = make(cast, status=Status.PUBLISHED)
    html = client_for("dorte").get(unpublish_url(opportunity)).content.decode()
    assert '<textarea name="reason"' in html
    assert html.count("<h1") == 1


def test_a_coordinator_unpublishes(client_for, cast, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks):
    opportunity = make(cast, status=Status.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("dorte").post(unpublish_url(opportunity), {"reason": "Rollen erstatter en ansat."})
    assert response["Location"] == cast["A"].get_absolute_url()
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PAUSED
    assert opportunity.unpublished_reason == "Rollen erstatter en ansat."
    assert AuditLog.objects.filter(action="opportunity.unpublish", actor=cast["dorte"]).exists()
    assert mailoutbox[0].to == ["bo@example.org"]
    html = client_for("bo").get(url("preview", opportunity)).content.decode()
    assert "Rollen erstatter en ansat." in html


def test_unpublish_needs_a_reason(client_for, cast):
    opportunity = make(cast, status=Status.PUBLISHED)
    response = client_for("dorte").post(unpublish_url(opportunity), {"reason": "  "})
    assert response.status_code == 200
    assert "Write why the opportunity is unpublished." in response.content.decode()
    assert status_of(opportunity) == Status.PUBLISHED


def test_unpublishing_a_draft_is_explained(client_for, cast):
    opportunity = make(cast)
    html = client_for("dorte").get(unpublish_url(opportunity)).content.decode()
    assert "The opportunity is not published" in html
    assert 'name="reason"' not in html


@pytest.mark.parametrize(("name", "expected"), [("bo", 403), ("gitte", 403), ("ane", 403)])
def test_only_coordinators_unpublish(client_for, cast, name, expected):
    opportunity = make(cast, status=Status.PUBLISHED)
    client = client_for(name)
    assert client.get(unpublish_url(opportunity)).status_code == expected
    assert client.post(unpublish_url(opportunity), {"reason": "Nej"}).status_code == expected
    assert status_of(opportunity) == Status.PUBLISHED


def test_unpublish_sends_frida_to_set_up_totp(client_for, cast):
    opportunity = make(cast, status=Status.PUBLISHED)
    response = client_for("frida").post(unpublish_url(opportunity), {"reason": "Nej"})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert status_of(opportunity) == Status.PUBLISHED


# --- the børneattest page ------------------------------------------------------------------------------------


def test_the_child_certificate_page_is_public(client_for, cast):
    client = client_for("visitor")
    client.cookies["django_language"] = "en"  # the assertions below read the English text
    response = client.get(reverse("opportunities:child_certificate"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "15 years old or older" in html
    assert "within 14 days" in html
    assert "never stores børneattester or CPR numbers" in html
