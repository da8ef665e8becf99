"""The cast's shifts and events, for the standing tests (URL permissions, accessibility) and the browser journeys.

Made through `frivillig.shifts.services`, on the cast's opportunities (tests/opportunity_fixtures.py, built first):

- `tomorrow`: A's visiting-friend role, tomorrow 10:00–12:00 (Danish time), 2 places: ane confirmed, 1 place left.
- `full`: the same role, the day after tomorrow 14:00–16:00, 2 places: a guest confirmed, a guest whose place is
  held until they confirm the e-mail, a guest on the waitlist, and a guest who cancelled. Full.
- `event`: A's network meeting next week (published), 19:00–21:00, 20 places, ane registered; `event_shift` is its
  registration.
- `past`: A's visiting-friend role, yesterday 10:00–12:00, with ane confirmed (she signed up before it): for
  attendance.

B (carl) has no shifts or events, so its lists show the empty state.
"""

from dataclasses import dataclass
from datetime import time, timedelta

from django.utils import timezone

from frivillig.shifts import services
from frivillig.shifts.models import Event, Shift, SignUp

GUEST_CONFIRMED = ("Connie Bekræftet", "connie@example.org")
GUEST_HELD = ("Holger Holdt", "holger@example.org")
GUEST_WAITING = ("Vera Venteliste", "vera@example.org")
GUEST_CANCELLED = ("Aksel Afmeldt", "aksel@example.org")


@dataclass(frozen=True)
class Shifts:
    tomorrow: Shift
    full: Shift
    event: Event
    event_shift: Shift
    past: Shift
    ane_tomorrow: SignUp
    ane_past: SignUp


def _shift(opportunity, actor, *, days: int, start: time, end: time, capacity: int, **fields) -> Shift:
    day = timezone.localdate() + timedelta(days=days)
    data = {"starts_at": services.local_datetime(day, start), "ends_at": services.local_datetime(day, end),
            "capacity": capacity, **fields}
    return services.shift_create(opportunity=opportunity, data=data, actor=actor)


def _guest(shift: Shift, name_email: tuple[str, str], **kwargs) -> SignUp:
    name, email = name_email
    return services.signup_create(shift=shift, data={"name": name, "email": email, "phone": "20 30 40 50"}, **kwargs)


def build_shifts(cast) -> Shifts:
    """Create the cast's shifts and event (see the module's docstring). Not idempotent: once per database."""
    bo, ane = cast.users["bo"], cast.users["ane"]
    opportunity = cast.opportunities.published_a
    tomorrow = _shift(opportunity, bo, days=1, start=time(10), end=time(12), capacity=2, place="Café Solsikken",
                      note="Mød op i caféen ved indgangen.")
    ane_tomorrow = services.signup_create(shift=tomorrow, user=ane)

    full = _shift(opportunity, bo, days=2, start=time(14), end=time(16), capacity=2)
    services.signup_confirm_email(signup=_guest(full, GUEST_CONFIRMED))
    services.signup_cancel(signup=_guest(full, GUEST_CANCELLED))  # folded away on the organisation's page
    _guest(full, GUEST_HELD)
    _guest(full, GUEST_WAITING)

    day = timezone.localdate() + timedelta(days=7)
    event = services.event_create(
        organisation=cast["A"],
        data={
            "title": "Netværksmøde for besøgsvenner", "kind": Event.Kind.NETWORK,
            "description": "Vi mødes og deler erfaringer.\n\n- kaffe og kage\n- nye besøgsvenner",
            "language": "da", "is_published": True,
            "starts_at": services.local_datetime(day, time(19)), "ends_at": services.local_datetime(day, time(21)),
            "capacity": 20, "place": "Frederiksberg Bibliotek, Solbjerg Plads 1",
        },
        actor=bo,
    )
    event_shift = Shift.objects.get(event=event)
    services.signup_create(shift=event_shift, user=ane)

    past = _shift(opportunity, bo, days=-1, start=time(10), end=time(12), capacity=3)
    ane_past = services.signup_create(shift=past, user=ane, now=past.starts_at - timedelta(days=2))
    return Shifts(tomorrow=tomorrow, full=full, event=event, event_shift=event_shift, past=past,
                  ane_tomorrow=ane_tomorrow, ane_past=ane_past)
