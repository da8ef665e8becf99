"""Who may reach which opportunity. Views get opportunities only through these.

One condition a line, so the tests can prove every branch. As for organisations (organisations/access.py):
an outsider gets 404, so a draft's existence is not revealed; a member whose role is too low gets 403.
"""

from django.http import Http404

from frivillig.organisations.access import member_access
from frivillig.organisations.models import Membership, Organisation

from .models import Opportunity

PUBLIC_PREFETCH = ("categories", "target_groups", "policy_areas", "languages")


def opportunity_in(organisation: Organisation, pk: int) -> Opportunity:
    """An opportunity of `organisation` (never of another one), or 404."""
    opportunity = (
        Opportunity.objects.select_related("area", "role_confirmed_by", "unpublished_by")
        .filter(pk=pk, organisation=organisation)
        .first()
    )
    if opportunity is None:
        raise Http404
    opportunity.organisation = organisation  # the same object: no second query, and access checks stay in step
    return opportunity


def opportunity_access(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> tuple[Membership, Opportunity]:
    """The user's membership of organisation `slug` (with at least `role`) and its opportunity `pk`."""
    membership = member_access(user, slug, role)
    return membership, opportunity_in(membership.organisation, pk)


def opportunity_for_member(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> Opportunity:
    """Opportunity `pk` of the active organisation `slug`, if the user is a member with at least `role`.

    404 for visitors, outsiders and an opportunity of another organisation; 403 for a role that is too low.
    """
    return opportunity_access(user, slug, pk, role)[1]


def opportunity_public(pk: int) -> Opportunity:
    """An opportunity anyone may see: published, by an organisation that has not been dissolved.

    Drafts and paused posts are never public; their organisation's members see them through the preview.
    """
    opportunity = (
        Opportunity.objects.published()
        .select_related("organisation", "area", "role_confirmed_by")
        .prefetch_related(*PUBLIC_PREFETCH)
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def opportunity_for_coordinator(pk: int) -> Opportunity:
    """For coordinator pages (the view is already behind `coordinator_required`): any opportunity of an active
    organisation, whatever its status."""
    opportunity = (
        Opportunity.objects.select_related("organisation", "unpublished_by")
        .filter(pk=pk, organisation__dissolved_at__isnull=True)
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def opportunities_of(organisation: Organisation):
    """All opportunities of `organisation`, whatever their status: what its members manage."""
    return Opportunity.objects.filter(organisation=organisation).select_related("area", "role_confirmed_by")
