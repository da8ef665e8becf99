"""Shifts, events and sign-ups for the standing tests (URL permissions, accessibility) and the shifts tests.

Built the way people build them, through `frivillig.shifts.services`, on the cast's opportunities
(tests/opportunity_fixtures.py). Each builder makes new rows, so a rule or page case may call it freely (the
standing tests roll each case back).
"""

from datetime import time, timedelta

from django.utils import timezone

from frivillig.shifts import services
from frivillig.shifts.models import CalendarFeed, Event, Shift, SignUp

GUEST_EMAIL = "vagt-gaest@example.org"


def shift_for(opportunity, *, days: int = 7, hour: int = 18, hours: int = 2, capacity: int = 5,
              place: str = "Fælleshuset, Solbjergvej 3", note: str = "Mød op ved hovedindgangen.") -> Shift:
    """A shift `days` from today at `hour` local time, made by a member of the opportunity's organisation."""
    day = timezone.localdate() + timedelta(days=days)
    starts_at = services.local_datetime(day, time(hour))
    return services.shift_create(
        opportunity=opportunity,
        data={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=hours), "capacity": capacity,
              "place": place, "note": note},
        actor=None,
    )


def event_with_registration(organisation, *, days: int = 14, capacity: int = 30, title: str = "Netværksmøde",
                            kind: str = Event.Kind.NETWORK, is_published: bool = True) -> Event:
    """An event with its registration shift."""
    event = Event.objects.create(
        organisation=organisation, kind=kind, title=title, is_published=is_published,
        description="Vi mødes og **deler erfaringer** om frivilligt arbejde.\n\n- kaffe\n- kage",
    )
    day = timezone.localdate() + timedelta(days=days)
    starts_at = services.local_datetime(day, time(17))
    services.shift_create(
        event=event,
        data={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2), "capacity": capacity,
              "place": "Frivillighuset, Store sal"},
        actor=None,
    )
    return event


def guest_signup(shift: Shift, *, name: str = "Gæst Vagtsen", email: str = GUEST_EMAIL, confirm: bool = False,
                 now=None) -> SignUp:
    signup = services.signup_create(shift=shift, data={"name": name, "email": email, "phone": ""}, now=now)
    if confirm:
        services.signup_confirm_email(signup=signup, now=now)
    signup.refresh_from_db()
    return signup


def user_signup(shift: Shift, user) -> SignUp:
    return services.signup_create(shift=shift, user=user)


def full_shift(opportunity, *, capacity: int = 1, **kwargs) -> Shift:
    """A shift whose places are all taken by confirmed guests."""
    shift = shift_for(opportunity, capacity=capacity, **kwargs)
    for number in range(capacity):
        guest_signup(shift, name=f"Gæst {number}", email=f"fuld-{number}@example.org", confirm=True)
    return shift


def feed_of(user) -> CalendarFeed:
    return CalendarFeed.objects.get_or_create(user=user)[0]


# --- for the standing tests: URL kwargs from the cast (each call makes new rows; the cases are rolled back) ---


def shift_kwargs(cast) -> dict:
    """A coming shift of A's published role, with places left."""
    return {"pk": shift_for(cast.opportunities.published_a).pk}


def draft_shift_kwargs(cast) -> dict:
    return {"pk": shift_for(cast.opportunities.draft_a).pk}


def cancelled_shift_kwargs(cast) -> dict:
    shift = shift_for(cast.opportunities.published_u)
    services.shift_cancel(shift=shift, actor=None, reason="Plejecentret holder lukket.")
    return {"pk": shift.pk}


def full_shift_kwargs(cast) -> dict:
    return {"pk": full_shift(cast.opportunities.published_a).pk}


def ane_signed_up_kwargs(cast) -> dict:
    """A shift ane is already signed up for."""
    shift = shift_for(cast.opportunities.published_a)
    user_signup(shift, cast.users["ane"])
    return {"pk": shift.pk}


def event_shift_kwargs(cast) -> dict:
    """The registration shift of a published event (its shift address leads to the event)."""
    return {"pk": event_with_registration(cast["A"]).registration.pk}


def held_token(cast) -> dict:
    """A guest's sign-up, held until the e-mail is confirmed."""
    return {"token": guest_signup(shift_for(cast.opportunities.published_a)).token}


def confirmed_token(cast) -> dict:
    return {"token": guest_signup(shift_for(cast.opportunities.published_a), confirm=True).token}


def waitlisted_token(cast) -> dict:
    shift = full_shift(cast.opportunities.published_a)
    return {"token": guest_signup(shift, email="venteliste@example.org").token}


def cancelled_token(cast) -> dict:
    signup = guest_signup(shift_for(cast.opportunities.published_a), confirm=True)
    services.signup_cancel(signup=signup)
    return {"token": signup.token}


def ane_feed_kwargs(cast) -> dict:
    user_signup(shift_for(cast.opportunities.published_a), cast.users["ane"])
    return {"token": feed_of(cast.users["ane"]).token}


def event_kwargs(cast) -> dict:
    return {"pk": event_with_registration(cast["A"], title="Frivillig Fredag", kind=Event.Kind.FRIVILLIG_FREDAG).pk}


def full_event_kwargs(cast) -> dict:
    event = event_with_registration(cast["U"], capacity=1, title="Kursus i højtlæsning", kind=Event.Kind.COURSE)
    guest_signup(event.registration, confirm=True)
    return {"pk": event.pk}


def hidden_event_kwargs(cast) -> dict:
    return {"pk": event_with_registration(cast["A"], is_published=False).pk}


def ane_signups(cast) -> None:
    """ane has a coming shift, a coming event, a place on a waitlist and a cancelled sign-up."""
    ane = cast.users["ane"]
    user_signup(shift_for(cast.opportunities.published_a, days=2), ane)
    user_signup(event_with_registration(cast["A"], days=9).registration, ane)
    user_signup(full_shift(cast.opportunities.published_u, days=4), ane)
    services.signup_cancel(signup=user_signup(shift_for(cast.opportunities.published_a, days=6), ane))


def events_in_calendar(cast) -> None:
    event_with_registration(cast["A"], days=1, title="Netværksmøde for besøgsvenner")
    event_with_registration(cast["U"], days=3, title="Åbent hus på plejecentret", kind=Event.Kind.OPEN_DAY)
    cancelled = event_with_registration(cast["A"], days=5, title="Kursus i førstehjælp", kind=Event.Kind.COURSE)
    services.shift_cancel(shift=cancelled.registration, actor=None)


def signups_state(cast) -> list:
    return list(SignUp.objects.values_list("pk", "shift_id", "email", "status", "user_id").order_by("pk"))


def feeds_state(cast) -> list:
    return list(CalendarFeed.objects.values_list("user_id", "token").order_by("pk"))
