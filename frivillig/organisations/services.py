"""Writes about organisations: creating and editing them, members, invitations, dissolving and verifying.

Every function takes keyword-only arguments, runs in one transaction and raises ValidationError with a
message a person can act on when a rule says no. Access (who may call what) is checked by the views through
`access.py`; the rules that protect the data (never zero admins, only coordinators make municipal units)
are checked here as well.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from frivillig.core.access import require_coordinator
from frivillig.core.audit import audit
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration

from .models import Invitation, Membership, Organisation

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
# Paths under /organisationer/ that a slug must never shadow.
RESERVED_SLUGS = {"opret", "koordinator", "invitation"}
CREATABLE_KINDS = {Organisation.Kind.ASSOCIATION, Organisation.Kind.INFORMAL_GROUP}
PROFILE_FIELDS = [
    "name",
    "cvr",
    "description",
    "description_language",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "street_address",
    "postcode",
    "city",
]


# --- slugs and profile fields -------------------------------------------------------------------------


def unique_slug(name: str) -> str:
    """A slug from the name (æ→ae, ø→oe, å→aa), made unique with -2, -3, … on a clash."""
    max_length = Organisation._meta.get_field("slug").max_length - 6
    base = slugify(name.translate(DANISH_LETTERS))[:max_length].strip("-") or "organisation"
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or Organisation.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _apply_profile(organisation: Organisation, data: dict) -> list[str]:
    """Copy the profile fields present in `data`; return the names of those that changed."""
    changed = []
    for field in PROFILE_FIELDS:
        if field in data and getattr(organisation, field) != data[field]:
            setattr(organisation, field, data[field])
            changed.append(field)
    logo = data.get("logo")
    if logo is False and organisation.logo:  # ClearableFileInput's "clear" box.
        organisation.logo = ""
        changed.append("logo")
    elif isinstance(logo, UploadedFile):
        organisation.logo = logo
        changed.append("logo")
    return changed


def _apply_vocabularies(organisation: Organisation, data: dict) -> list[str]:
    changed = []
    for field in ("areas", "categories"):
        if field in data:
            manager = getattr(organisation, field)
            new = {item.pk for item in data[field]}
            if new != set(manager.values_list("pk", flat=True)):
                manager.set(data[field])
                changed.append(field)
    return changed


def _require_cvr_for_association(organisation: Organisation) -> None:
    if organisation.kind == Organisation.Kind.ASSOCIATION and not organisation.cvr:
        raise ValidationError({"cvr": _("An association needs its CVR number. Informal groups may leave it out.")})


# --- creating and editing -----------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, creator, kind: str, data: dict, terms_accepted: bool) -> Organisation:
    """Create an association or informal group; the creator becomes its admin and accepts the data terms."""
    if kind not in CREATABLE_KINDS:
        raise ValidationError(_("Only the municipal volunteer team can create municipal units."), code="kind")
    if not terms_accepted:
        raise ValidationError(_("You must accept the terms for handling volunteers' data."), code="terms")
    organisation = Organisation(kind=kind)
    _apply_profile(organisation, data)
    _require_cvr_for_association(organisation)
    organisation.slug = unique_slug(organisation.name)
    organisation.terms_accepted_at = timezone.now()
    organisation.terms_accepted_by = creator
    organisation.full_clean()
    organisation.save()
    _apply_vocabularies(organisation, data)
    Membership.objects.create(organisation=organisation, user=creator, role=Membership.Role.ADMIN)
    audit(actor=creator, action="organisation.create", target=organisation, kind=kind)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict, actor) -> list[str]:
    """Save the profile. Associations and informal groups may switch between those two kinds."""
    changed = _apply_profile(organisation, data)
    kind = data.get("kind", organisation.kind)
    if kind != organisation.kind:
        if organisation.is_municipal_unit or kind not in CREATABLE_KINDS:
            raise ValidationError(_("Only the municipal volunteer team can create municipal units."), code="kind")
        organisation.kind = kind
        changed.append("kind")
    _require_cvr_for_association(organisation)
    organisation.full_clean()
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
    changed += _apply_vocabularies(organisation, data)
    if changed:
        audit(actor=actor, action="organisation.update", target=organisation, fields=changed)
    return changed


@transaction.atomic
def municipal_unit_create(*, coordinator, data: dict, manager_email: str) -> Organisation:
    """A coordinator creates a municipal unit and invites its manager as first admin.

    The coordinator does not become a member: the unit is run by its own staff.
    """
    require_coordinator(coordinator)
    unit = Organisation(kind=Organisation.Kind.MUNICIPAL_UNIT, is_verified=True)
    _apply_profile(unit, data)
    unit.slug = unique_slug(unit.name)
    unit.verified_at = timezone.now()
    unit.verified_by = coordinator
    unit.full_clean()
    unit.save()
    _apply_vocabularies(unit, data)
    audit(actor=coordinator, action="municipal_unit.create", target=unit, manager_email=manager_email.lower())
    member_invite(organisation=unit, email=manager_email, role=Membership.Role.ADMIN, invited_by=coordinator)
    return unit


@transaction.atomic
def organisation_verify(*, organisation: Organisation, coordinator, verified: bool) -> None:
    """Give or take away an association's or informal group's verified mark."""
    require_coordinator(coordinator)
    if not organisation.is_verifiable:
        raise ValidationError(_("Municipal units carry the verified mark already; they are not verified one by one."))
    if organisation.is_verified == verified:
        return
    organisation.is_verified = verified
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = coordinator if verified else None
    organisation.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    audit(actor=coordinator, action="organisation.verify" if verified else "organisation.unverify", target=organisation)


@transaction.atomic
def organisation_dissolve(*, organisation: Organisation, actor) -> None:
    """Dissolve: the organisation leaves the directory and its profile; open invitations are withdrawn."""
    if organisation.is_volunteer_team:
        raise ValidationError(_("The municipal volunteer team cannot be dissolved."))
    if organisation.is_dissolved:
        raise ValidationError(_("The organisation has already been dissolved."))
    if not (_is_admin(actor, organisation) or actor.is_coordinator):
        raise PermissionDenied
    now = timezone.now()
    organisation.dissolved_at = now
    organisation.save(update_fields=["dissolved_at", "updated_at"])
    Invitation.objects.open().filter(organisation=organisation).update(revoked_at=now)
    audit(actor=actor, action="organisation.dissolve", target=organisation)


# --- invitations --------------------------------------------------------------------------------------


def _invitee_language(email: str) -> str:
    """The invitee's own language if they have an account, else the portal's default (Danish)."""
    user = get_user_model().objects.filter(email__iexact=email).select_related("profile").first()
    profile = getattr(user, "profile", None) if user else None
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def _send_invitation(invitation: Invitation) -> None:
    send_templated_email(
        to=invitation.email,
        template="email/organisations/invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "link": settings.SITE_URL + invitation.get_absolute_url(),
            "site_config": SiteConfiguration.get(),
        },
        language=_invitee_language(invitation.email),
    )


@transaction.atomic
def member_invite(*, organisation: Organisation, email: str, role: str, invited_by) -> Invitation:
    """Invite `email` as admin or editor: an e-mail with a link. A new invitation replaces an open one."""
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose admin or editor."), code="role")
    if organisation.is_dissolved:
        raise ValidationError(_("The organisation has been dissolved."))
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member."), params={"email": email}, code="member")
    Invitation.objects.open().filter(organisation=organisation, email__iexact=email).update(revoked_at=timezone.now())
    invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    _send_invitation(invitation)
    audit(actor=invited_by, action="organisation.member_invite", target=organisation, email=email, role=role)
    return invitation


def _has_verified_email(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _has_unverified_email(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return user.email.lower() == email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists()


def invitation_closed_reason(invitation: Invitation) -> str | None:
    """Why nobody can accept `invitation` any more; None while it is open."""
    if invitation.organisation.is_dissolved:
        return _("The organisation has been dissolved, so the invitation can no longer be accepted.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been accepted.")
    if invitation.revoked_at is not None:
        return _("This invitation has been withdrawn. Ask the organisation to send you a new one.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the organisation to send you a new one.")
    return None


def invitation_problem(*, invitation: Invitation, user) -> str | None:
    """Why `user` cannot accept `invitation` now, in words they can act on; None if they can."""
    closed = invitation_closed_reason(invitation)
    if closed:
        return closed
    if _has_verified_email(user, invitation.email):
        return None
    if _has_unverified_email(user, invitation.email):
        return _("Please confirm your e-mail address %(email)s first, using the link we sent you. Then open the "
                 "invitation again.") % {"email": invitation.email}
    return _("This invitation was sent to %(invited)s, but you are signed in as %(current)s. Sign out and sign in "
             "with %(invited)s, or ask the organisation to invite %(current)s instead.") % {
        "invited": invitation.email,
        "current": user.email,
    }


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Accept: the signed-in user's verified e-mail must be the invited one, and the invitation still open."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    problem = invitation_problem(invitation=invitation, user=user)
    if problem:
        raise ValidationError(problem, code="invitation")
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit(actor=user, action="organisation.invitation_accept", target=invitation.organisation, role=membership.role)
    _forget_coordinator_flag(user)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> None:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("The invitation has already been accepted. Remove the member instead."))
    if invitation.revoked_at is not None:
        return
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit(actor=actor, action="organisation.invitation_revoke", target=invitation.organisation, email=invitation.email)


# --- memberships --------------------------------------------------------------------------------------


def _is_admin(user, organisation: Organisation) -> bool:
    return Membership.objects.admins().filter(organisation=organisation, user=user).exists()


def _forget_coordinator_flag(user) -> None:
    """`User.is_coordinator` is cached on the instance; a role change in the team must not leave it stale."""
    user.__dict__.pop("is_coordinator", None)


def _ensure_another_admin(membership: Membership, message: str) -> None:
    """Refuse if `membership` is the organisation's only admin. The lock makes two admins' moves serialise."""
    if not membership.is_admin:
        return
    admins = list(
        Membership.objects.select_for_update().admins().filter(organisation_id=membership.organisation_id)
    )
    if not any(admin.pk != membership.pk for admin in admins):
        raise ValidationError(message, code="last_admin")


def _require_admin(actor, organisation: Organisation) -> None:
    if not _is_admin(actor, organisation):
        raise PermissionDenied


@transaction.atomic
def admin_handover(*, organisation: Organisation, from_user, to_membership: Membership) -> None:
    """Hand over the admin role: the chosen member becomes admin and `from_user` becomes editor."""
    from_membership = Membership.objects.select_for_update().filter(organisation=organisation, user=from_user).first()
    if from_membership is None or not from_membership.is_admin:
        raise PermissionDenied
    if to_membership.organisation_id != organisation.pk:
        raise ValidationError(_("That person is not a member of the organisation."))
    if to_membership.pk == from_membership.pk:
        raise ValidationError(_("Choose another member to hand the admin role over to."))
    to_membership.role = Membership.Role.ADMIN
    to_membership.save(update_fields=["role", "updated_at"])
    from_membership.role = Membership.Role.EDITOR
    from_membership.save(update_fields=["role", "updated_at"])
    audit(actor=from_user, action="organisation.admin_handover", target=organisation, to=to_membership.user.email)
    _forget_coordinator_flag(from_user)


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    """A member leaves. The last admin cannot: they hand over the admin role or dissolve first."""
    _ensure_another_admin(
        membership,
        _("You are the only admin, so you cannot leave yet. Hand over the admin role to another member first, "
          "or dissolve the organisation."),
    )
    membership.delete()
    audit(actor=membership.user, action="organisation.member_leave", target=membership.organisation)
    _forget_coordinator_flag(membership.user)


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """An admin removes a member; the organisation always keeps at least one admin."""
    _require_admin(actor, membership.organisation)
    _ensure_another_admin(
        membership, _("%(name)s is the only admin and cannot be removed.") % {"name": membership.user}
    )
    membership.delete()
    audit(actor=actor, action="organisation.member_remove", target=membership.organisation,
          member=membership.user.email)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> None:
    """An admin makes a member admin or editor; the organisation always keeps at least one admin."""
    _require_admin(actor, membership.organisation)
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose admin or editor."), code="role")
    if role == membership.role:
        return
    if role == Membership.Role.EDITOR:
        _ensure_another_admin(
            membership,
            _("%(name)s is the only admin. Make another member admin first.") % {"name": membership.user},
        )
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit(actor=actor, action="organisation.member_role_change", target=membership.organisation,
          member=membership.user.email, role=role)
    _forget_coordinator_flag(actor)
