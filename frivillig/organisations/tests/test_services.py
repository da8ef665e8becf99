"""The rules of running an organisation, through the services."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.core.models import Area, AuditLog, Category
from frivillig.organisations import services
from frivillig.organisations.models import Invitation, Membership, Organisation

from .utils import make_organisation, organisation_data


def audited(action: str, target=None) -> bool:
    entries = AuditLog.objects.filter(action=action)
    if target is not None:
        entries = entries.filter(target_type="organisations.organisation", target_id=str(target.pk))
    return entries.exists()


def invite(organisation, email, role="editor", invited_by=None):
    return services.member_invite(organisation=organisation, email=email, role=role, invited_by=invited_by)


def user_with_email(email, *, verified=True):
    user = User.objects.create_user(email=email, password=None, name="Ny Frivillig")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


# --- slugs ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_slug_spells_out_danish_letters_and_avoids_clashes():
    assert services.unique_slug("Ældre Sagen på Østerbro – Gådeklubben") == "aeldre-sagen-paa-oesterbro-gaadeklubben"
    make_organisation("Lektiehjælp", slug="lektiehjaelp")
    make_organisation("Lektiehjælp 2", slug="lektiehjaelp-2")
    assert services.unique_slug("Lektiehjælp") == "lektiehjaelp-3"


@pytest.mark.django_db
def test_slug_never_shadows_fixed_paths():
    assert services.unique_slug("Opret") == "opret-2"
    assert services.unique_slug("Koordinator") == "koordinator-2"
    assert services.unique_slug("!!!") == "organisation"


# --- create -------------------------------------------------------------------------------------------


def test_creator_becomes_admin_and_accepts_terms(cast):
    area = Area.objects.first()
    category = Category.objects.first()
    organisation = services.organisation_create(
        creator=cast["ane"], kind="association",
        data=organisation_data(areas=[area], categories=[category]), terms_accepted=True,
    )
    assert organisation.slug == "groenne-haender-paa-frederiksberg"
    assert organisation.memberships.get().user == cast["ane"]
    assert organisation.memberships.get().role == Membership.Role.ADMIN
    assert organisation.terms_accepted_by == cast["ane"]
    assert organisation.terms_accepted_at is not None
    assert list(organisation.areas.all()) == [area]
    assert list(organisation.categories.all()) == [category]
    assert not organisation.is_verified
    assert audited("organisation.create", organisation)


def test_create_requires_the_terms(cast):
    with pytest.raises(ValidationError, match="accept the terms"):
        services.organisation_create(
            creator=cast["ane"], kind="association", data=organisation_data(), terms_accepted=False
        )
    assert not Organisation.objects.filter(name=organisation_data()["name"]).exists()


def test_association_needs_cvr_but_informal_group_does_not(cast):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            creator=cast["ane"], kind="association", data=organisation_data(cvr=""), terms_accepted=True
        )
    assert "cvr" in error.value.message_dict
    group = services.organisation_create(
        creator=cast["ane"], kind="informal_group", data=organisation_data(cvr=""), terms_accepted=True
    )
    assert group.kind == Organisation.Kind.INFORMAL_GROUP


def test_create_checks_the_cvr_number(cast):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            creator=cast["ane"], kind="informal_group", data=organisation_data(cvr="35215712"), terms_accepted=True
        )
    assert "cvr" in error.value.message_dict


def test_nobody_creates_a_municipal_unit_as_an_ordinary_organisation(cast):
    with pytest.raises(ValidationError, match="Only the municipal volunteer team"):
        services.organisation_create(
            creator=cast["dorte"], kind="municipal_unit", data=organisation_data(), terms_accepted=True
        )


def test_update_records_changes_and_keeps_the_slug(cast):
    organisation = cast["B"]
    changed = services.organisation_update(
        organisation=organisation, data={"name": "Lektiecaféen Solbjerg", "city": "Frederiksberg C"},
        actor=cast["carl"],
    )
    organisation.refresh_from_db()
    assert set(changed) == {"name", "city"}
    assert organisation.slug == "lektiecafe-solbjerg"
    assert "solbjerg" in organisation.search_text
    assert audited("organisation.update", organisation)


def test_a_municipal_unit_cannot_change_kind(cast):
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=cast["U"], data={"kind": "association"}, actor=cast["gitte"])


# --- invitations ----------------------------------------------------------------------------------------


def test_invite_and_accept_with_the_invited_address(cast, immediate_tasks, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(cast["A"], "Ny@Example.org", role="editor", invited_by=cast["bo"])
    assert invitation.email == "ny@example.org"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny@example.org"]
    assert invitation.get_absolute_url() in mailoutbox[0].body
    assert audited("organisation.member_invite", cast["A"])

    user = user_with_email("ny@example.org")
    membership = services.invitation_accept(invitation=invitation, user=user)
    invitation.refresh_from_db()
    assert membership.organisation == cast["A"]
    assert membership.role == Membership.Role.EDITOR
    assert invitation.accepted_by == user
    assert not invitation.is_open
    assert audited("organisation.invitation_accept", cast["A"])


def test_accept_compares_addresses_case_insensitively(cast):
    invitation = invite(cast["A"], "ny@example.org", role="admin")
    user = user_with_email("NY@example.org")
    assert services.invitation_accept(invitation=invitation, user=user).role == Membership.Role.ADMIN


def test_accept_with_another_address_is_refused_clearly(cast):
    invitation = invite(cast["A"], "ny@example.org")
    with pytest.raises(ValidationError, match="sent to ny@example.org, but you are signed in as ane@example.org"):
        services.invitation_accept(invitation=invitation, user=cast["ane"])
    assert not cast["A"].memberships.filter(user=cast["ane"]).exists()


def test_accept_needs_a_verified_address(cast):
    invitation = invite(cast["A"], "ny@example.org")
    user = user_with_email("ny@example.org", verified=False)
    with pytest.raises(ValidationError, match="confirm your e-mail address"):
        services.invitation_accept(invitation=invitation, user=user)


def test_expired_used_and_withdrawn_invitations_are_refused(cast):
    user = user_with_email("ny@example.org")
    expired = invite(cast["A"], "ny@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    expired.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(invitation=expired, user=user)

    withdrawn = invite(cast["B"], "ny@example.org")
    services.invitation_revoke(invitation=withdrawn, actor=cast["carl"])
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_accept(invitation=withdrawn, user=user)
    assert audited("organisation.invitation_revoke", cast["B"])

    used = invite(cast["U"], "ny@example.org")
    services.invitation_accept(invitation=used, user=user)
    with pytest.raises(ValidationError, match="already been accepted"):
        services.invitation_accept(invitation=used, user=user)


def test_a_new_invitation_replaces_the_open_one(cast):
    first = invite(cast["A"], "ny@example.org")
    second = invite(cast["A"], "ny@example.org", role="admin")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_open


def test_members_are_not_invited_again(cast):
    with pytest.raises(ValidationError, match="already a member"):
        invite(cast["A"], "ERIK@example.org")


def test_invitation_mail_is_in_the_invitees_language(cast, immediate_tasks, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    profile = cast["ane"].profile
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(cast["A"], "ane@example.org", invited_by=cast["bo"])
        invite(cast["A"], "stranger@example.org", invited_by=cast["bo"])
    assert services._invitee_language("ANE@example.org") == "en"
    assert services._invitee_language("stranger@example.org") == "da"
    english, danish = mailoutbox
    assert "has invited you to become an editor" in english.body
    assert english.subject == "Invitation to join Besøgsvennerne Frederiksberg on Frivillig Frederiksberg"
    assert danish.to == ["stranger@example.org"]


# --- memberships ----------------------------------------------------------------------------------------


def test_handover_makes_the_member_admin_and_the_old_admin_editor(cast):
    erik = Membership.objects.get(user=cast["erik"], organisation=cast["A"])
    services.admin_handover(organisation=cast["A"], from_user=cast["bo"], to_membership=erik)
    roles = dict(cast["A"].memberships.values_list("user__email", "role"))
    assert roles == {"erik@example.org": "admin", "bo@example.org": "editor"}
    assert audited("organisation.admin_handover", cast["A"])


def test_only_an_admin_hands_over(cast):
    bo = Membership.objects.get(user=cast["bo"], organisation=cast["A"])
    with pytest.raises(PermissionDenied):
        services.admin_handover(organisation=cast["A"], from_user=cast["erik"], to_membership=bo)


def test_the_last_admin_cannot_leave(cast):
    bo = Membership.objects.get(user=cast["bo"], organisation=cast["A"])
    with pytest.raises(ValidationError, match="only admin") as error:
        services.membership_leave(membership=bo)
    assert error.value.code == "last_admin"
    assert Membership.objects.filter(pk=bo.pk).exists()


def test_an_editor_leaves(cast):
    erik = Membership.objects.get(user=cast["erik"], organisation=cast["A"])
    services.membership_leave(membership=erik)
    assert not cast["A"].memberships.filter(user=cast["erik"]).exists()
    assert audited("organisation.member_leave", cast["A"])


def test_an_admin_leaves_when_another_admin_remains(cast):
    frida = Membership.objects.get(user=cast["frida"], organisation=cast["team"])
    services.membership_leave(membership=frida)
    assert not User.objects.get(pk=cast["frida"].pk).is_coordinator


def test_removing_and_demoting_never_leave_zero_admins(cast):
    bo = Membership.objects.get(user=cast["bo"], organisation=cast["A"])
    erik = Membership.objects.get(user=cast["erik"], organisation=cast["A"])
    with pytest.raises(ValidationError, match="only admin"):
        services.membership_remove(membership=bo, actor=cast["bo"])
    with pytest.raises(ValidationError, match="only admin"):
        services.membership_change_role(membership=bo, role="editor", actor=cast["bo"])

    services.membership_change_role(membership=erik, role="admin", actor=cast["bo"])
    services.membership_change_role(membership=bo, role="editor", actor=cast["bo"])
    assert list(cast["A"].memberships.admins().values_list("user__email", flat=True)) == ["erik@example.org"]
    assert audited("organisation.member_role_change", cast["A"])

    services.membership_remove(membership=bo, actor=cast["erik"])
    assert not cast["A"].memberships.filter(user=cast["bo"]).exists()
    assert audited("organisation.member_remove", cast["A"])


def test_only_admins_remove_or_change_roles(cast):
    bo = Membership.objects.get(user=cast["bo"], organisation=cast["A"])
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=bo, actor=cast["erik"])
    with pytest.raises(PermissionDenied):
        services.membership_change_role(membership=bo, role="editor", actor=cast["carl"])


# --- dissolve -------------------------------------------------------------------------------------------


def test_dissolve_hides_the_organisation_and_withdraws_invitations(cast):
    invitation = invite(cast["A"], "ny@example.org")
    services.organisation_dissolve(organisation=cast["A"], actor=cast["bo"])
    invitation.refresh_from_db()
    assert cast["A"].is_dissolved
    assert not Organisation.objects.public().filter(pk=cast["A"].pk).exists()
    assert invitation.revoked_at is not None
    assert audited("organisation.dissolve", cast["A"])


def test_the_volunteer_team_cannot_be_dissolved(cast):
    with pytest.raises(ValidationError, match="cannot be dissolved"):
        services.organisation_dissolve(organisation=cast["team"], actor=cast["dorte"])


def test_an_editor_cannot_dissolve(cast):
    with pytest.raises(PermissionDenied):
        services.organisation_dissolve(organisation=cast["A"], actor=cast["erik"])


# --- coordinators ---------------------------------------------------------------------------------------


def test_coordinator_creates_a_unit_and_invites_its_manager(cast, immediate_tasks, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    data = organisation_data(name="Frederiksberg Hovedbibliotek", cvr="")
    with django_capture_on_commit_callbacks(execute=True):
        unit = services.municipal_unit_create(coordinator=cast["dorte"], data=data, manager_email="Leder@Example.org")
    assert unit.kind == Organisation.Kind.MUNICIPAL_UNIT
    assert unit.shows_verified_mark
    assert not unit.memberships.exists()
    invitation = unit.invitations.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == ("leder@example.org", "admin", cast["dorte"])
    assert mailoutbox[0].to == ["leder@example.org"]
    assert "blive administrator for Frederiksberg Hovedbibliotek" in mailoutbox[0].body
    assert audited("municipal_unit.create", unit)


def test_only_coordinators_create_units(cast):
    with pytest.raises(PermissionDenied):
        services.municipal_unit_create(coordinator=cast["bo"], data=organisation_data(), manager_email="x@example.org")


def test_verify_and_unverify_are_audited(cast):
    services.organisation_verify(organisation=cast["B"], coordinator=cast["dorte"], verified=True)
    cast["B"].refresh_from_db()
    assert cast["B"].is_verified and cast["B"].verified_by == cast["dorte"]
    assert audited("organisation.verify", cast["B"])
    services.organisation_verify(organisation=cast["B"], coordinator=cast["dorte"], verified=False)
    cast["B"].refresh_from_db()
    assert not cast["B"].is_verified and cast["B"].verified_at is None
    assert audited("organisation.unverify", cast["B"])


def test_only_coordinators_verify_and_units_are_not_verified_one_by_one(cast):
    with pytest.raises(PermissionDenied):
        services.organisation_verify(organisation=cast["B"], coordinator=cast["bo"], verified=True)
    with pytest.raises(ValidationError):
        services.organisation_verify(organisation=cast["U"], coordinator=cast["dorte"], verified=False)
