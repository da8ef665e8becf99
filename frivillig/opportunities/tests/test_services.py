"""The rules of posting: drafts, publishing (with the role card for municipal units), pausing, closing,
copying and the coordinators' unpublish."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from frivillig.core.models import AuditLog, Category, SpokenLanguage, TargetGroup
from frivillig.opportunities import services
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership

Status = Opportunity.Status
ROLE_CARD = {
    "role_volunteer_tasks": "Læser højt for beboerne og går ture i haven.",
    "role_staff_tasks": "Personalet står for pleje, medicin og måltider.",
    "role_staff_contact": "Hanne Jensen, aktivitetsmedarbejder",
    "insurance_covered": True,
}


@pytest.fixture(autouse=True)
def english():
    """Messages in English, so assertions do not depend on the Danish translation."""
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def opportunity_data(**changes) -> dict:
    """Valid data, as the form's cleaned_data would be."""
    data = {
        "title": "Besøgsven for en ældre på Frederiksberg",
        "summary": "Drik kaffe og gå ture med en ældre, der savner selskab.",
        "description": "Du besøger **en ældre** en gang om ugen.",
        "language": "da",
        "categories": [Category.objects.get(slug="besoegsven")],
        "target_groups": list(TargetGroup.objects.all()[:1]),
        "policy_areas": [],
        "languages": [],
        "time_commitment": Opportunity.TimeCommitment.REGULAR,
        "minimum_age": 18,
        "contact_name": "Bo Kristensen",
    }
    data.update(changes)
    return data


def create(cast, key="A", actor="bo", confirm=False, **changes) -> Opportunity:
    return services.opportunity_create(
        organisation=cast[key], data=opportunity_data(**changes), actor=cast[actor], confirm_role_card=confirm
    )


def make_unit_editor(cast, name="erik"):
    Membership.objects.create(organisation=cast["U"], user=cast[name], role=Membership.Role.EDITOR)
    return cast[name]


def actions(target) -> list[str]:
    return list(AuditLog.objects.filter(target_id=str(target.pk)).order_by("id").values_list("action", flat=True))


# --- create and update ---------------------------------------------------------------------------------------


def test_create_makes_a_draft_with_its_vocabularies(cast):
    opportunity = create(cast)
    assert opportunity.status == Status.DRAFT
    assert opportunity.published_at is None
    assert opportunity.created_by == cast["bo"]
    assert list(opportunity.categories.values_list("slug", flat=True)) == ["besoegsven"]
    assert opportunity.target_groups.count() == 1
    assert actions(opportunity) == ["opportunity.create"]


def test_create_refreshes_the_search_text(cast):
    opportunity = create(cast)
    opportunity.refresh_from_db()
    assert "besøgsven" in opportunity.search_text


def test_an_association_has_no_role_card(cast):
    opportunity = create(cast, **ROLE_CARD)
    assert opportunity.role_volunteer_tasks == ""
    assert opportunity.insurance_covered is False


def test_create_runs_the_model_validation(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        create(cast, start_date=today, end_date=today - timedelta(days=1))
    assert not Opportunity.objects.exists()


def test_update_reports_what_changed_and_audits(cast):
    opportunity = create(cast)
    changed = services.opportunity_update(
        opportunity=opportunity,
        data=opportunity_data(title="Ny titel", languages=[SpokenLanguage.objects.first()]),
        actor=cast["erik"],
    )
    assert changed == ["title", "languages"]
    opportunity.refresh_from_db()
    assert opportunity.title == "Ny titel"
    assert "ny titel" in opportunity.search_text
    entry = AuditLog.objects.get(action="opportunity.update")
    assert entry.actor == cast["erik"]
    assert entry.details["fields"] == ["title", "languages"]


def test_update_without_changes_writes_nothing(cast):
    opportunity = create(cast)
    assert services.opportunity_update(opportunity=opportunity, data=opportunity_data(), actor=cast["bo"]) == []
    assert actions(opportunity) == ["opportunity.create"]


# --- the role card -------------------------------------------------------------------------------------------


def test_the_unit_admin_confirms_the_role_card(cast):
    before = timezone.now()
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    assert opportunity.role_confirmed_by == cast["gitte"]
    assert opportunity.role_confirmed_at >= before
    assert opportunity.has_role_card
    assert "opportunity.role_confirm" in actions(opportunity)


def test_an_editor_of_the_unit_cannot_confirm(cast):
    make_unit_editor(cast)
    with pytest.raises(PermissionDenied):
        create(cast, key="U", actor="erik", confirm=True, **ROLE_CARD)
    opportunity = create(cast, key="U", actor="erik", **ROLE_CARD)
    with pytest.raises(PermissionDenied):
        services.opportunity_update(
            opportunity=opportunity, data=opportunity_data(**ROLE_CARD), actor=cast["erik"], confirm_role_card=True
        )
    opportunity.refresh_from_db()
    assert opportunity.role_confirmed_at is None


def test_an_association_admin_cannot_confirm_a_role_card(cast):
    with pytest.raises(ValidationError, match="Only a municipal unit"):
        create(cast, key="A", actor="bo", confirm=True)


def test_an_incomplete_card_cannot_be_confirmed(cast):
    with pytest.raises(ValidationError) as error:
        create(cast, key="U", actor="gitte", confirm=True, **{**ROLE_CARD, "role_staff_contact": " "})
    assert "role_confirm" in error.value.error_dict


def test_editing_the_card_text_withdraws_the_confirmation(cast):
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    changed = services.opportunity_update(
        opportunity=opportunity,
        data=opportunity_data(**{**ROLE_CARD, "role_staff_tasks": "Personalet står for plejen."}),
        actor=cast["gitte"],
    )
    assert {"role_staff_tasks", "role_confirmed_by", "role_confirmed_at"} <= set(changed)
    opportunity.refresh_from_db()
    assert opportunity.role_confirmed_at is None
    assert opportunity.role_confirmed_by is None
    assert AuditLog.objects.get(action="opportunity.update").details["confirmation_withdrawn"] is True


def test_editing_other_fields_keeps_the_confirmation(cast):
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    confirmed_at = opportunity.role_confirmed_at
    services.opportunity_update(
        opportunity=opportunity,
        data=opportunity_data(title="Højtlæsning", **{**ROLE_CARD, "insurance_covered": False}),
        actor=cast["gitte"],
    )
    opportunity.refresh_from_db()
    assert opportunity.role_confirmed_at == confirmed_at


def test_a_changed_card_pauses_a_published_opportunity(cast):
    make_unit_editor(cast)
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    services.opportunity_publish(opportunity=opportunity, actor=cast["gitte"])
    services.opportunity_update(
        opportunity=opportunity,
        data=opportunity_data(**{**ROLE_CARD, "role_volunteer_tasks": "Spiller kort med beboerne."}),
        actor=cast["erik"],
    )
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PAUSED
    assert opportunity.role_confirmed_at is None
    assert AuditLog.objects.get(action="opportunity.update").details["paused"] is True


def test_the_admin_can_change_and_confirm_a_published_card_at_once(cast):
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    services.opportunity_publish(opportunity=opportunity, actor=cast["gitte"])
    services.opportunity_update(
        opportunity=opportunity,
        data=opportunity_data(**{**ROLE_CARD, "role_volunteer_tasks": "Spiller kort med beboerne."}),
        actor=cast["gitte"],
        confirm_role_card=True,
    )
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.role_confirmed_by == cast["gitte"]


# --- publish, pause, close -----------------------------------------------------------------------------------


def test_an_association_publishes_at_once(cast):
    opportunity = create(cast, actor="erik")
    services.opportunity_publish(opportunity=opportunity, actor=cast["erik"])
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.published_at is not None
    assert Opportunity.objects.published().filter(pk=opportunity.pk).exists()
    assert actions(opportunity)[-1] == "opportunity.publish"


def test_a_municipal_unit_cannot_publish_without_a_role_card(cast):
    opportunity = create(cast, key="U", actor="gitte")
    with pytest.raises(ValidationError) as error:
        services.opportunity_publish(opportunity=opportunity, actor=cast["gitte"])
    assert error.value.messages == [
        "Describe what the volunteer does.",
        "Describe what paid staff do.",
        "Name the staff contact.",
        "An admin of the unit must confirm, as manager, that the role does not replace paid work.",
    ]
    opportunity.refresh_from_db()
    assert opportunity.status == Status.DRAFT


def test_a_municipal_unit_needs_the_managers_confirmation(cast):
    opportunity = create(cast, key="U", actor="gitte", **ROLE_CARD)
    with pytest.raises(ValidationError) as error:
        services.opportunity_publish(opportunity=opportunity, actor=cast["gitte"])
    assert error.value.messages == [
        "An admin of the unit must confirm, as manager, that the role does not replace paid work."
    ]


def test_a_municipal_unit_publishes_with_a_confirmed_card(cast):
    opportunity = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    services.opportunity_publish(opportunity=opportunity, actor=cast["gitte"])
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


@pytest.mark.parametrize("field", ["end_date", "application_deadline"])
def test_passed_dates_block_publishing(cast, field):
    opportunity = create(cast, **{field: timezone.localdate() - timedelta(days=1)})
    with pytest.raises(ValidationError, match="has passed"):
        services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])


def test_today_is_not_passed(cast):
    today = timezone.localdate()
    opportunity = create(cast, end_date=today, application_deadline=today)
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    assert opportunity.status == Status.PUBLISHED


def test_publishing_twice_is_refused(cast):
    opportunity = create(cast)
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    with pytest.raises(ValidationError, match="already published"):
        services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])


def test_pause_and_resume_keep_the_publication_date(cast):
    opportunity = create(cast)
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    published_at = opportunity.published_at
    services.opportunity_pause(opportunity=opportunity, actor=cast["erik"])
    assert opportunity.status == Status.PAUSED
    assert not Opportunity.objects.published().exists()
    services.opportunity_publish(opportunity=opportunity, actor=cast["erik"])
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.published_at == published_at


def test_only_a_published_opportunity_can_be_paused(cast):
    opportunity = create(cast)
    with pytest.raises(ValidationError, match="Only a published"):
        services.opportunity_pause(opportunity=opportunity, actor=cast["bo"])


def test_close(cast):
    opportunity = create(cast)
    with pytest.raises(ValidationError, match="Only a published or paused"):
        services.opportunity_close(opportunity=opportunity, actor=cast["bo"])
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    services.opportunity_close(opportunity=opportunity, actor=cast["bo"])
    opportunity.refresh_from_db()
    assert opportunity.status == Status.CLOSED
    assert actions(opportunity)[-1] == "opportunity.close"


def test_a_closed_opportunity_can_be_reopened(cast):
    opportunity = create(cast)
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    services.opportunity_close(opportunity=opportunity, actor=cast["bo"])
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    assert opportunity.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.DRAFT, {"edit", "preview", "duplicate", "publish"}),
        (Status.PUBLISHED, {"edit", "preview", "duplicate", "pause", "close"}),
        (Status.PAUSED, {"edit", "preview", "duplicate", "publish", "close"}),
        (Status.CLOSED, {"edit", "preview", "duplicate", "publish"}),
        (Status.EXPIRED, {"edit", "preview", "duplicate", "publish"}),
    ],
)
def test_available_actions(status, expected):
    assert services.available_actions(Opportunity(status=status)) == expected


# --- duplicate -----------------------------------------------------------------------------------------------


def test_duplicate_makes_a_draft_copy_without_the_confirmation(cast):
    original = create(cast, key="U", actor="gitte", confirm=True, **ROLE_CARD)
    services.opportunity_publish(opportunity=original, actor=cast["gitte"])
    copy = services.opportunity_duplicate(opportunity=original, actor=cast["gitte"])
    with translation.override(original.language):
        expected_title = gettext("%(title)s (copy)") % {"title": original.title}
    assert copy.pk != original.pk
    assert copy.title == expected_title
    assert copy.status == Status.DRAFT
    assert copy.published_at is None
    assert copy.organisation == cast["U"]
    assert copy.role_volunteer_tasks == ROLE_CARD["role_volunteer_tasks"]
    assert copy.insurance_covered is True
    assert copy.role_confirmed_at is None
    assert copy.role_confirmed_by is None
    assert list(copy.categories.all()) == list(original.categories.all())
    assert list(copy.target_groups.all()) == list(original.target_groups.all())
    assert AuditLog.objects.get(action="opportunity.duplicate").details == {"source": original.pk}


def test_duplicate_shortens_a_long_title(cast):
    original = create(cast, title="x" * 120)
    copy = services.opportunity_duplicate(opportunity=original, actor=cast["bo"])
    assert len(copy.title) == 120
    assert copy.title.endswith(")")


# --- unpublish -----------------------------------------------------------------------------------------------


def published(cast, key="A", actor="bo") -> Opportunity:
    opportunity = create(cast, key=key, actor=actor)
    services.opportunity_publish(opportunity=opportunity, actor=cast[actor])
    return opportunity


def test_a_coordinator_unpublishes_with_a_reason(cast, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks):
    opportunity = published(cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_unpublish(
            opportunity=opportunity, coordinator=cast["dorte"], reason="  Rollen erstatter lønnet arbejde.  "
        )
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PAUSED
    assert opportunity.unpublished_reason == "Rollen erstatter lønnet arbejde."
    assert opportunity.unpublished_by == cast["dorte"]
    entry = AuditLog.objects.get(action="opportunity.unpublish")
    assert entry.actor == cast["dorte"]
    assert entry.details == {"reason": "Rollen erstatter lønnet arbejde.", "organisation": cast["A"].slug}
    assert [message.to for message in mailoutbox] == [["bo@example.org"]]
    body = mailoutbox[0].body
    assert "Rollen erstatter lønnet arbejde." in body
    assert f"/organisationer/{cast['A'].slug}/opslag/{opportunity.pk}/rediger/" in body
    assert opportunity.title in mailoutbox[0].subject


def test_unpublish_mails_every_admin_in_their_language(cast, immediate_tasks, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    Membership.objects.filter(user=cast["erik"], organisation=cast["A"]).update(role=Membership.Role.ADMIN)
    opportunity = published(cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_unpublish(opportunity=opportunity, coordinator=cast["dorte"], reason="Forkert")
    assert sorted(message.to[0] for message in mailoutbox) == ["bo@example.org", "erik@example.org"]


def test_unpublish_needs_a_reason(cast):
    opportunity = published(cast)
    with pytest.raises(ValidationError) as error:
        services.opportunity_unpublish(opportunity=opportunity, coordinator=cast["dorte"], reason="   ")
    assert "reason" in error.value.error_dict
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


@pytest.mark.parametrize("name", ["bo", "gitte", "ane"])
def test_only_coordinators_unpublish(cast, name):
    opportunity = published(cast)
    with pytest.raises(PermissionDenied):
        services.opportunity_unpublish(opportunity=opportunity, coordinator=cast[name], reason="Nej")
    assert not AuditLog.objects.filter(action="opportunity.unpublish").exists()


def test_only_a_published_opportunity_can_be_unpublished(cast):
    opportunity = create(cast)
    with pytest.raises(ValidationError, match="Only a published"):
        services.opportunity_unpublish(opportunity=opportunity, coordinator=cast["dorte"], reason="Nej")


def test_publishing_again_after_an_unpublish_clears_the_reason(cast, immediate_tasks):
    opportunity = published(cast)
    services.opportunity_unpublish(opportunity=opportunity, coordinator=cast["dorte"], reason="Ret titlen")
    services.opportunity_publish(opportunity=opportunity, actor=cast["bo"])
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.unpublished_reason == ""
    assert opportunity.unpublished_by is None
    assert AuditLog.objects.filter(action="opportunity.publish").first().details == {"after_unpublish": True}
