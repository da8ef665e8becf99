"""Who may reach which hours, engagements, shifts and certificates. Views get them only through these.

One condition a line, so the tests can prove every branch. A volunteer reaches their own engagements and
certificates; an organisation's members (organisations.access.member_access) reach its engagements, hours and
shifts. Everyone else gets 404, as for organisations.
"""

from django.http import Http404

from frivillig.applications.models import Engagement
from frivillig.organisations.access import member_access
from frivillig.organisations.models import Organisation
from frivillig.shifts.models import Shift

from .models import Certificate, HoursEntry

ENTRY_SELECT = ("volunteer", "opportunity", "organisation", "signup__shift")


def engagements_of_user(user):
    """The signed-in person's own engagements (as a volunteer), newest first."""
    if not user.is_authenticated:
        return Engagement.objects.none()
    return Engagement.objects.filter(volunteer=user).select_related("organisation", "opportunity")


def engagement_of_user(user, pk) -> Engagement:
    """One of the person's own engagements, or 404 (also for a pk that is not a number)."""
    if not str(pk).isdigit():
        raise Http404
    engagement = engagements_of_user(user).filter(pk=int(pk)).first()
    if engagement is None:
        raise Http404
    return engagement


def entries_of_user(user):
    """The person's own hours, newest first."""
    if not user.is_authenticated:
        return HoursEntry.objects.none()
    return HoursEntry.objects.filter(volunteer=user).select_related("opportunity", "organisation", "signup__shift")


def entries_of(organisation: Organisation):
    """The hours logged with `organisation` (never another's), newest first."""
    return HoursEntry.objects.filter(organisation=organisation).select_related(*ENTRY_SELECT)


def pending_entries_in(organisation: Organisation, ids) -> list[HoursEntry]:
    """Those of `ids` that are `organisation`'s entries waiting for approval; other ids are left out."""
    return list(entries_of(organisation).filter(pk__in=ids, status=HoursEntry.Status.PENDING))


def engagement_in(organisation: Organisation, pk: int) -> Engagement:
    """An engagement with `organisation` (never another's), or 404."""
    engagement = (
        Engagement.objects.select_related("volunteer__profile", "opportunity", "application")
        .filter(pk=pk, organisation=organisation)
        .first()
    )
    if engagement is None:
        raise Http404
    engagement.organisation = organisation
    return engagement


def engagement_for_member(user, slug: str, pk: int) -> Engagement:
    """Engagement `pk` with the active organisation `slug`, if the user is one of its members; else 404."""
    return engagement_in(member_access(user, slug).organisation, pk)


def shift_in(organisation: Organisation, pk: int) -> Shift:
    """A shift (of an opportunity or an event) of `organisation`, never another's, or 404."""
    shift = Shift.objects.select_related("opportunity", "event").filter(pk=pk, organisation=organisation).first()
    if shift is None:
        raise Http404
    shift.organisation = organisation
    return shift


def shift_for_member(user, slug: str, pk: int) -> Shift:
    """Shift `pk` of the active organisation `slug`, if the user is one of its members; else 404."""
    return shift_in(member_access(user, slug).organisation, pk)


def certificates_of_user(user):
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(volunteer=user)


def certificate_of_user(user, code: str) -> Certificate:
    """One of the person's own certificates, by its code, or 404."""
    certificate = certificates_of_user(user).filter(code=code).first()
    if certificate is None:
        raise Http404
    return certificate


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a verification code names, for anyone (the code is what the holder shows), or None."""
    return Certificate.objects.filter(code=code).first()
