"""Read-only queries about organisations, for this app's pages and for pages in other apps."""

from django.db.models import Count, Prefetch, Q

from .models import Invitation, Membership, Organisation


def organisations_recent(*, limit: int = 6):
    return list(
        Organisation.objects.public()
        .exclude(is_volunteer_team=True)
        .prefetch_related("areas")
        .order_by("-created_at")[:limit]
    )


def organisation_counts() -> dict[str, int]:
    return Organisation.objects.public().aggregate(
        total=Count("id"),
        associations=Count("id", filter=Q(kind=Organisation.Kind.ASSOCIATION)),
        municipal_units=Count("id", filter=Q(kind=Organisation.Kind.MUNICIPAL_UNIT)),
        informal_groups=Count("id", filter=Q(kind=Organisation.Kind.INFORMAL_GROUP)),
    )


def organisations_for_user(user):
    """The user's memberships of active organisations, each with its organisation, by organisation name."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, organisation__dissolved_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_directory(*, q: str = "", kind: str = "", area: str = "", category: str = "", verified: bool = False):
    """The public directory, searched and filtered; areas are prefetched for the cards."""
    organisations = Organisation.objects.public().prefetch_related("areas")
    if q:
        organisations = organisations.search(q)
    if kind:
        organisations = organisations.filter(kind=kind)
    if area:
        organisations = organisations.filter(areas__slug=area)
    if category:
        organisations = organisations.filter(categories__slug=category)
    if verified:
        organisations = organisations.shows_verified_mark()
    return organisations.order_by("name", "pk")


def members_of(organisation: Organisation):
    """The members page: admins first, then by name."""
    return (
        organisation.memberships.select_related("user")
        .order_by("role", "user__name", "user__email")
    )


def invitations_open(organisation: Organisation):
    return Invitation.objects.open().filter(organisation=organisation).select_related("invited_by")


def municipal_units():
    """Active municipal units with their admins and open invitations, for the coordinators' list."""
    return (
        Organisation.objects.active()
        .filter(kind=Organisation.Kind.MUNICIPAL_UNIT)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.admins().select_related("user").order_by("user__name"),
                to_attr="admin_memberships",
            ),
            Prefetch("invitations", queryset=Invitation.objects.open().order_by("email"), to_attr="open_invitations"),
        )
        .order_by("name")
    )


VERIFICATION_STATUSES = {"unverified": False, "verified": True}


def organisations_to_verify(*, status: str = "unverified"):
    """Associations and informal groups for the verification list; `status` is unverified, verified or all."""
    organisations = Organisation.objects.active().verifiable().select_related("verified_by")
    if status in VERIFICATION_STATUSES:
        organisations = organisations.filter(is_verified=VERIFICATION_STATUSES[status])
    return organisations.order_by("is_verified", "-created_at", "pk")
