"""Who may reach which shift, event, sign-up and calendar feed. Views get them only through these.

One condition a line, so the tests can prove every branch. The public sees shifts of published opportunities
and published events, by organisations that have not been dissolved; everything else is 404, so a draft's
shifts are not revealed. A sign-up is reached by the secret token in the e-mailed link (no account needed), a
calendar feed by its own secret token.
"""

from django.db.models import Count, Q
from django.http import Http404

from frivillig.opportunities.access import opportunity_access
from frivillig.organisations.access import member_access
from frivillig.organisations.models import Membership, Organisation

from .models import CalendarFeed, Event, Shift, SignUp

SHIFT_SELECT = ("opportunity", "event", "organisation")
# A shift the public may see: of a published opportunity, or the registration of a published event.
PUBLIC_SHIFT = Q(
    opportunity__status="published", opportunity__organisation__dissolved_at__isnull=True
) | Q(event__is_published=True, event__organisation__dissolved_at__isnull=True)


def public_shifts():
    """Shifts anyone may see (cancelled ones too: their page says so)."""
    return Shift.objects.filter(PUBLIC_SHIFT).select_related(*SHIFT_SELECT)


def shift_public(pk: int) -> Shift:
    """A shift of a published opportunity or event, with its places counted; 404 for drafts and unknown ids."""
    shift = public_shifts().with_counts().filter(pk=pk).first()
    if shift is None:
        raise Http404
    return shift


def opportunity_shifts_upcoming(opportunity):
    """The opportunity's coming shifts, not cancelled, with their places counted (one query)."""
    return Shift.objects.upcoming().with_counts().filter(opportunity=opportunity).order_by("starts_at", "id")


def signup_by_token(token: str) -> SignUp:
    """The sign-up a self-service link points to; the token is the secret. Unknown tokens give 404."""
    signup = (
        SignUp.objects.select_related(*(f"shift__{name}" for name in SHIFT_SELECT)).filter(token=token).first()
    )
    if signup is None:
        raise Http404
    return signup


def signups_of_user(user):
    """The signed-in person's own sign-ups, whatever their status, soonest shift first."""
    if not user.is_authenticated:
        return SignUp.objects.none()
    return (
        SignUp.objects.filter(user=user)
        .select_related(*(f"shift__{name}" for name in SHIFT_SELECT))
        .order_by("shift__starts_at", "id")
    )


def active_signups_of_user(user):
    """What the person is signed up for (confirmed, held or waiting), also on shifts since cancelled."""
    return signups_of_user(user).filter(status__in=SignUp.ACTIVE_STATUSES)


def feed_by_token(token: str) -> CalendarFeed:
    """A personal calendar feed by its secret token; renewed (old) and unknown tokens give 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None:
        raise Http404
    return feed


def public_events():
    """Published events of active organisations, as their registration shifts (times and places live there)."""
    return (
        Shift.objects.filter(event__is_published=True, event__organisation__dissolved_at__isnull=True)
        .select_related("event", "organisation")
        .with_counts()
        .order_by("starts_at", "id")
    )


def event_public(pk: int) -> Event:
    """A published event of an active organisation, or 404."""
    event = (
        Event.objects.select_related("organisation")
        .filter(pk=pk, is_published=True, organisation__dissolved_at__isnull=True)
        .first()
    )
    if event is None:
        raise Http404
    return event


def event_registration(event: Event) -> Shift | None:
    """The event's registration (its one shift) with its places counted, or None if it has none yet."""
    shift = Shift.objects.with_counts().select_related("event", "organisation").filter(event=event).first()
    if shift is not None:
        shift.event = event
    return shift


# --- organisation side ---
# (shifts-org helper: the imports it needs are at the top: Count, member_access, opportunity_access, Membership,
# Organisation.)


def shift_in(organisation: Organisation, pk: int) -> Shift:
    """A shift of `organisation` (an opportunity's, or an event's registration; never another's), or 404."""
    shift = (
        Shift.objects.select_related("opportunity", "event")
        .with_counts()
        .filter(pk=pk, organisation=organisation)
        .first()
    )
    if shift is None:
        raise Http404
    shift.organisation = organisation  # the same object: no second query
    return shift


def shift_access(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> tuple[Membership, Shift]:
    """The user's membership of organisation `slug` (with at least `role`) and its shift `pk`; else 404/403."""
    membership = member_access(user, slug, role)
    return membership, shift_in(membership.organisation, pk)


def shift_for_member(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> Shift:
    """Shift `pk` of the active organisation `slug`, if the user is a member with at least `role`; else 404."""
    return shift_access(user, slug, pk, role)[1]


def opportunity_with_shifts(user, slug: str, pk: int):
    """(membership, opportunity `pk` of organisation `slug`) for a member, whose shifts they manage; else 404."""
    return opportunity_access(user, slug, pk)


def shifts_of_opportunity(opportunity):
    """All shifts of `opportunity`, cancelled and past ones too, with their counts (one query for the list)."""
    return Shift.objects.filter(opportunity=opportunity).with_counts().order_by("starts_at", "id")


def signups_of(shift: Shift):
    """Everyone who signed up for `shift`, in any status: for the organisation's list of who is coming."""
    return SignUp.objects.filter(shift=shift).select_related("user").order_by("created_at", "id")


def event_in(organisation: Organisation, pk: int) -> Event:
    """An event of `organisation` (never of another one), with its registration, or 404."""
    event = Event.objects.select_related("registration").filter(pk=pk, organisation=organisation).first()
    if event is None:
        raise Http404
    event.organisation = organisation
    return event


def event_access(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> tuple[Membership, Event]:
    """The user's membership of organisation `slug` (with at least `role`) and its event `pk`; else 404/403."""
    membership = member_access(user, slug, role)
    return membership, event_in(membership.organisation, pk)


def events_of(organisation: Organisation):
    """All the organisation's events with their registration and its counts (`confirmed_count`, `waitlist_count`),
    in one query, soonest first."""
    signups = "registration__signups__status"
    return (
        Event.objects.filter(organisation=organisation)
        .select_related("registration")
        .annotate(
            confirmed_count=Count("registration__signups", filter=Q(**{f"{signups}__in": SignUp.HOLDING_STATUSES})),
            waitlist_count=Count("registration__signups", filter=Q(**{signups: SignUp.Status.WAITLISTED})),
        )
        .order_by("registration__starts_at", "id")
    )
