"""Who may reach which organisation. Views get organisations, members and invitations only through these.

One condition a line, so the tests can prove every branch: an outsider gets 404 (we do not reveal that a
private page exists), a member whose role is too low gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from frivillig.core.access import TwoFactorRequired

from .models import Invitation, Membership, Organisation

ROLES = {Membership.Role.EDITOR, Membership.Role.ADMIN}


def membership_for(user, organisation: Organisation) -> Membership | None:
    """The user's membership of `organisation`, or None (also for visitors)."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def member_access(user, slug: str, role: str = Membership.Role.EDITOR) -> Membership:
    """The user's membership of the active organisation `slug`, with at least `role`; else 404 or 403."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}")
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=slug, organisation__dissolved_at__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404
    if membership.organisation.is_volunteer_team and not user.has_totp:
        raise TwoFactorRequired  # the volunteer team acts for the municipality: its pages need TOTP like coordinators'
    if role == Membership.Role.ADMIN and not membership.is_admin:
        raise PermissionDenied
    return membership


def organisation_for_member(user, slug: str, role: str = Membership.Role.EDITOR) -> Organisation:
    """The active organisation `slug` if the user is a member with at least `role`; else 404 or 403."""
    return member_access(user, slug, role).organisation


def organisation_public(slug: str) -> Organisation:
    """An organisation anyone may see: it exists and has not been dissolved."""
    organisation = Organisation.objects.public().prefetch_related("areas", "categories").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_for_coordinator(slug: str) -> Organisation:
    """For coordinator pages (the view is already behind `coordinator_required`): any active organisation."""
    organisation = Organisation.objects.active().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def membership_in(organisation: Organisation, membership_id: int) -> Membership:
    """A membership of `organisation` (never of another one), or 404."""
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, organisation=organisation)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def invitation_in(organisation: Organisation, invitation_id: int) -> Invitation:
    """An invitation to `organisation` (never to another one), or 404."""
    invitation = Invitation.objects.filter(pk=invitation_id, organisation=organisation).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_by_token(token: str) -> Invitation:
    """The invitation a link points to; the token is the secret. Unknown tokens give 404."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    if invitation is None:
        raise Http404
    return invitation
