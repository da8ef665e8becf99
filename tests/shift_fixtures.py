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

from django.db.models import Q
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


# --- for the URL-permission matrix (tests/test_url_permissions.py): small builders, rolled back per case ---------


def matrix_shift(cast, slug_of: str = "A") -> dict:
    """A full shift of A's published post tomorrow (2 places: ane confirmed, a guest held), under `slug_of`."""
    shift = _shift(cast.opportunities.published_a, cast.users["bo"], days=1, start=time(10), end=time(12),
                   capacity=2)
    services.signup_create(shift=shift, user=cast.users["ane"])
    _guest(shift, GUEST_HELD)
    return {"slug": cast[slug_of].slug, "pk": shift.pk}


def _matrix_event(cast) -> Event:
    starts = services.local_datetime(timezone.localdate() + timedelta(days=7), time(19))
    data = {"title": "Netværksmøde", "kind": Event.Kind.NETWORK, "description": "Vi mødes.", "language": "da",
            "is_published": True, "starts_at": starts, "ends_at": starts + timedelta(hours=2), "capacity": 20,
            "place": ""}
    return services.event_create(organisation=cast["A"], data=data, actor=cast.users["bo"])


def matrix_event(cast, slug_of: str = "A") -> dict:
    """An event of A next week, under `slug_of`."""
    return {"slug": cast[slug_of].slug, "pk": _matrix_event(cast).pk}


def matrix_event_shift(cast) -> dict:
    """The registration (a shift) of an event of A: managed on the same pages as any shift."""
    return {"slug": cast["A"].slug, "pk": Shift.objects.get(event=_matrix_event(cast)).pk}


def matrix_state(cast) -> list:
    """What a refused POST must leave as it was: shifts, sign-ups, events, and the audit of shifts and events
    (a message leaves only its audit entry)."""
    from frivillig.core.models import AuditLog

    return [
        list(Shift.objects.values_list("pk", "starts_at", "ends_at", "capacity", "place", "note", "cancelled_at",
                                       "sequence").order_by("pk")),
        list(SignUp.objects.values_list("pk", "status").order_by("pk")),
        list(Event.objects.values_list("pk", "title", "is_published").order_by("pk")),
        AuditLog.objects.filter(Q(action__startswith="shift.") | Q(action__startswith="event.")).count(),
    ]


def matrix_shift_payload(cast, **changes) -> dict:
    day = timezone.localdate() + timedelta(days=10)
    return {"date": day.isoformat(), "start_time": "18:00", "end_time": "20:00", "capacity": "4", "place": "Salen",
            "note": "", "message": "Husk madpakke.", "reason": "Stormvarsel."} | changes


def matrix_pattern_payload(cast, **changes) -> dict:
    first = timezone.localdate() + timedelta(days=7)
    return {"weekdays": ["2", "4"], "start_time": "18:00", "end_time": "20:00", "first_date": first.isoformat(),
            "last_date": (first + timedelta(days=21)).isoformat(), "capacity": "4", "place": "", "note": ""} | changes


def matrix_event_payload(cast, **changes) -> dict:
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    return {"title": "Kursus", "kind": "course", "description": "Lær noget.", "language": "da", "is_published": "on",
            "start_date": day, "start_time": "17:00", "end_date": day, "end_time": "21:00", "capacity": "12",
            "place": ""} | changes


# --- for the accessibility test (tests/e2e/test_accessibility.py) ----------------------------------------------


def ensure_shifts(cast) -> Shifts:
    """The cast's shifts, built once per cast (`cast.shifts`); page cases of several helpers may share them."""
    if getattr(cast, "shifts", None) is None:
        cast.shifts = build_shifts(cast)
    return cast.shifts


def page_shift(name: str):
    """kwargs for an organisation page of the cast's shift `name` (tomorrow, full, past, event_shift)."""
    return lambda cast: {"slug": cast["A"].slug, "pk": getattr(ensure_shifts(cast), name).pk}


def page_opportunity(name: str):
    """kwargs for the shifts of the cast's opportunity `name`, with the cast's shifts built."""
    return lambda cast: ensure_shifts(cast) and {
        "slug": getattr(cast.opportunities, name).organisation.slug, "pk": getattr(cast.opportunities, name).pk}


def page_events(cast) -> dict:
    return ensure_shifts(cast) and {"slug": cast["A"].slug}


def page_event(cast) -> dict:
    return {"slug": cast["A"].slug, "pk": ensure_shifts(cast).event.pk}


def page_cancelled_shift(cast) -> dict:
    """The cast's shift tomorrow, cancelled with a reason."""
    services.shift_cancel(shift=ensure_shifts(cast).tomorrow, actor=None, reason="Stormvarsel.")
    return page_shift("tomorrow")(cast)
