"""Demo shifts, sign-ups and events for `manage.py seed_demo`: the four weeks behind and eight weeks ahead.

- **Shifts** on nine of the demo's published opportunities that suit them (`PATTERNS`): weekly ones (a kitchen
  on Wednesdays, homework help on Mondays and Wednesdays, a café, a bike workshop, walks in Frederiksberg Have …)
  made with `services.shifts_create_weekly` at local times, and one-offs on the opportunity's own date made with
  `services.shift_create`. Christmas and New Year are skipped.
- **Sign-ups** through `services.signup_create`, by demo users and guests, drawn for each shift when the shift is
  made: some shifts have a few places left, some are full with a waitlist, some have none yet. Past sign-ups are
  made as of a few days before the shift (`now=`), and their rows are moved back to then.
- **Events** of the volunteer team (dorte, its admin: a network meeting at Frederiksberg Rådhus, a first-aid
  course, a §18 information meeting, the next Frivillig Fredag) and associations' open days, each with a
  registration capacity and some sign-ups.
- **Stories** that make sure the cast has something to show, whatever the day: ane has a confirmed place on an
  upcoming shift at Akaciegården (U), is on the waitlist of a full walk with Besøgsvennerne (A) and has past
  shifts at U; one full shift had a cancellation that moved the waitlist up; a guest's held place and one that
  lapsed.

Idempotent, also across days: a shift is found by (opportunity, local date, start time), an event by
(organisation, title, local date); only missing ones are made, and existing rows are never moved. A shift's
sign-ups are drawn only when the shift is made (from a generator seeded by its key), so what people did in the
demo (cancelling, say) stays done. Dates follow fixed rules (the second Tuesday of next month, the last Friday of
September …), so a run on another day finds the same events, and a run weeks later adds the weeks that came into
view.

Attendance is recorded by frivillig/hours/demo.py (hours build on shifts): `Outcome.attendance` lists the past
sign-ups made in this run with whether the person came; the most recent shifts are left for the organisation to
mark. No e-mail is sent: seed_demo holds back every task the services queue.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frivillig.applications.demo import FIRST_NAMES, INTERNATIONAL_NAMES, LAST_NAMES, email_local_part
from frivillig.core import demo_data
from frivillig.core.cast import MEMBERSHIPS as CAST_MEMBERSHIPS
from frivillig.core.cast import ORGANISATIONS as CAST_ORGANISATIONS
from frivillig.core.models import AuditLog
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership, Organisation

from . import services
from .models import Event, Shift, ShiftSeries, SignUp

Status = SignUp.Status
SEED = "frivillig-demo-shifts"
BEHIND = timedelta(weeks=4)
AHEAD = timedelta(weeks=8)
# Shifts that ended more recently than this are left without attendance, for the organisation to record.
ATTENDANCE_LEFT_OPEN = timedelta(days=3)
NO_SHOW_SHARE = 0.12
GUEST_SHARE = 0.2
HOLIDAYS = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}
A, B, U = (CAST_ORGANISATIONS[key]["slug"] for key in ("A", "B", "U"))
TEAM = "frivillighedsteamet"

# --- shifts ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """Shifts on one opportunity: weekly on `weekdays` (ISO, 1 = Monday), or once on its date if there are none."""

    organisation: str
    opportunity: str  # its title
    start: time
    end: time
    capacity: int
    place: str
    weekdays: tuple[int, ...] = ()
    note: str = ""


KITCHEN_U = Pattern(
    U, "Kok til fællesspisning onsdag", time(15), time(19), 4, "Køkkenet ved fællesstuen, Langelandsvej 33",
    weekdays=(3,), note="Vi laver mad til 30 beboere. Husk hårnet og forklæde – vi har begge dele.",
)
WALK_A = Pattern(
    A, "Gåtursven i Frederiksberg Have", time(10), time(11, 30), 2,
    "Frederiksberg Have, indgangen ved Frederiksberg Runddel", weekdays=(2,),
    note="Vi mødes ved indgangen og går i roligt tempo. Tag gode sko på.",
)
PATTERNS = [
    KITCHEN_U,
    WALK_A,
    Pattern(B, "Lektiehjælper i matematik for 7.–9. klasse", time(15, 30), time(17, 30), 5,
            "Solbjerg Bibliotek, Solbjergvej 21", weekdays=(1, 3),
            note="Eleverne arbejder i grupper ved de store borde. Der er kaffe og frugt."),
    Pattern("frivilligcenter-frederiksberg", "Cafévært i Frivilligcaféen", time(10), time(13), 2,
            "Frivilligcaféen, Howitzvej 30", weekdays=(4,), note="Åbn caféen, brug kaffemaskinen og tag godt imod."),
    Pattern("natcafeen-frederiksberg", "Kok til fællesspisning søndag", time(16), time(20), 4,
            "Natcaféen, Nyelandsvej 40", weekdays=(7,), note="Menuen aftales om fredagen i vores Messenger-gruppe."),
    Pattern("cykelvaerkstedet-flintholm", "Cykelmekaniker i værkstedet torsdag", time(17), time(20), 6,
            "Cykelværkstedet, Flintholm Allé 8", weekdays=(4,)),
    Pattern("hovedbiblioteket", "Bibliotekshjælper i IT-caféen tirsdag", time(10), time(12), 3,
            "Frederiksberg Bibliotek, Solbjerg Plads 1 (IT-caféen i stueetagen)", weekdays=(2,)),
    # One-offs, on the opportunity's date.
    Pattern("faelleshaven-lindevangsparken", "Affaldsindsamling i Lindevangsparken", time(10), time(13), 12,
            "Lindevangsparken, ved legepladsen på Peter Bangs Vej", note="Vi har handsker, sække og grillpølser."),
    Pattern("soendermarkens-loebeklub", "Affaldsindsamling i Søndermarken", time(10), time(12), 10,
            "Søndermarken, indgangen ved Roskildevej"),
    Pattern("frederiksberg-international-volunteers", "Event volunteer: the International Food Market", time(10),
            time(14), 6, "Falkoner Plads", note="Setting up stalls and signs. Dress for the weather."),
    Pattern("frederiksberg-international-volunteers", "Event volunteer: the International Food Market", time(14),
            time(18), 6, "Falkoner Plads", note="Helping at the stalls and clearing up."),
]


def is_holiday(day: date) -> bool:
    return (day.month, day.day) in HOLIDAYS


def shift_key(shift: Shift) -> tuple[int, date, time]:
    local = timezone.localtime(shift.starts_at)
    return shift.opportunity_id, local.date(), local.time().replace(second=0, microsecond=0)


def pattern_days(pattern: Pattern, opportunity: Opportunity, today: date) -> list[date]:
    """The pattern's dates in the window (four weeks behind, eight ahead), holidays included (see `runs`)."""
    first, last = today - BEHIND, today + AHEAD
    if not pattern.weekdays:
        day = opportunity.start_date
        return [day] if day and first <= day <= last else []
    return services.pattern_dates(weekdays=list(pattern.weekdays), first_date=first, last_date=last)


def runs(days: list[date], wanted: Callable[[date], bool]) -> list[list[date]]:
    """Consecutive pattern dates to make, split wherever a date is not wanted (it exists, or is a holiday), so
    each run can be one `shifts_create_weekly` without touching the dates between runs."""
    result, current = [], []
    for day in days:
        if wanted(day):
            current.append(day)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


# --- who signs up --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    key: str  # a demo user's key, or "" for a guest
    name: str = ""
    email: str = ""
    language: str = "da"
    confirms: bool = True  # a guest who confirms the e-mail address


def members_by_spec() -> dict[str, set[str]]:
    """Who belongs to which organisation in the demo's own data (they do not sign up for their own shifts)."""
    members = {spec["slug"]: {spec["admin"], *spec["editors"]} for spec in demo_data.ORGANISATIONS}
    for key, organisation, _role in CAST_MEMBERSHIPS:
        members.setdefault(CAST_ORGANISATIONS[organisation]["slug"], set()).add(key)
    return members


def volunteers_for(slug: str, members: dict[str, set[str]]) -> list[str]:
    return [key for key in demo_data.PEOPLE if key not in members.get(slug, set())]


def guest(rng: random.Random, english: bool) -> Person:
    """A guest (no account) with a made-up name; every draw is made whichever name is used."""
    first, last, international = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), rng.choice(INTERNATIONAL_NAMES)
    year, confirms = rng.randrange(45, 99), rng.random() < 0.6
    name = international if english else f"{first} {last}"
    return Person("", name, f"{email_local_part(name)}{year:02d}@example.org", "en" if english else "da", confirms)


def crowd(rng: random.Random, count: int, pool: list[str], english: bool) -> list[Person]:
    """`count` different people for one shift: mostly demo users, some guests."""
    keys = rng.sample(pool, min(count, len(pool)))
    people, seen = [], set()
    for key in keys:
        person = guest(rng, english) if rng.random() < GUEST_SHARE else Person(key)
        if (person.key, person.email) not in seen:
            seen.add((person.key, person.email))
            people.append(person)
    return people


# --- writing -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    """A past sign-up made in this run, and whether the person came (recorded by frivillig/hours/demo.py)."""

    signup: SignUp
    attended: bool
    actor: object  # the organisation's admin who records it
    at: datetime


@dataclass
class Outcome:
    shifts: int = 0
    new_shifts: int = 0
    events: int = 0
    new_events: int = 0
    new_signups: int = 0
    skipped: list[str] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)


def backdate(model, pks: list[int], when: datetime, *, names=("created_at", "updated_at")) -> None:
    model.objects.filter(pk__in=pks).update(**dict.fromkeys(names, when))


def backdate_audit(since: datetime, when: datetime, **target) -> None:
    AuditLog.objects.filter(created_at__gte=since, **target).update(created_at=when)


def target_of(row) -> dict:
    return {"target_type": row._meta.label_lower, "target_id": str(row.pk)}


@dataclass
class Writer:
    """Makes the sign-ups: through the services, each as of its own moment, and moved back to it."""

    users: dict
    now: datetime
    outcome: Outcome

    def sign_up(self, shift: Shift, person: Person, when: datetime) -> SignUp:
        when = min(when, self.now)
        if person.key:
            signup = services.signup_create(shift=shift, user=self.users[person.key], now=when)
        else:
            data = {"name": person.name, "email": person.email}
            signup = services.signup_create(shift=shift, data=data, language=person.language, now=when)
            if person.confirms:
                confirmed_at = min(when + timedelta(minutes=20), self.now, shift.starts_at - timedelta(minutes=1))
                services.signup_confirm_email(signup=signup, now=confirmed_at)
                signup.refresh_from_db()
        backdate(SignUp, [signup.pk], when)
        self.outcome.new_signups += 1
        return signup

    def fill(self, shift: Shift, people: list[Person], whens: list[datetime]) -> list[SignUp]:
        return [self.sign_up(shift, person, when) for person, when in zip(people, whens, strict=True)]


def moments(rng: random.Random, count: int, *, after: datetime, before: datetime) -> list[datetime]:
    """`count` moments between `after` and `before`, in order."""
    span = max((before - after).total_seconds(), 60.0 * (count + 1))
    drawn = sorted(after + timedelta(seconds=rng.uniform(60, span)) for _ in range(count))
    return [max(after, min(moment, before) - timedelta(seconds=count - index)) for index, moment in enumerate(drawn)]


def admins_by_organisation() -> dict[int, object]:
    """Each organisation's first admin by e-mail (as in seed_demo): who makes its shifts and events."""
    admins = {}
    for membership in Membership.objects.admins().select_related("user").order_by("user__email"):
        admins.setdefault(membership.organisation_id, membership.user)
    return admins


@dataclass
class ShiftSeeder:
    users: dict
    now: datetime
    outcome: Outcome = field(default_factory=Outcome)

    def __post_init__(self):
        self.today = timezone.localdate(self.now)
        self.writer = Writer(self.users, self.now, self.outcome)
        self.admins = admins_by_organisation()
        self.members = members_by_spec()

    # --- shifts ---

    def opportunities(self) -> dict[tuple[str, str], Opportunity]:
        titles = {pattern.opportunity for pattern in PATTERNS}
        found = Opportunity.objects.filter(title__in=titles, status=Opportunity.Status.PUBLISHED).select_related(
            "organisation"
        )
        return {(o.organisation.slug, o.title): o for o in found if not o.organisation.is_dissolved}

    def shifts(self) -> list[Shift]:
        """Make the missing shifts of every pattern; returns the new ones."""
        opportunities = self.opportunities()
        existing = {shift_key(shift) for shift in Shift.objects.filter(opportunity__in=opportunities.values())}
        new = []
        for pattern in PATTERNS:
            opportunity = opportunities.get((pattern.organisation, pattern.opportunity))
            if opportunity is None:
                self.outcome.skipped.append(pattern.opportunity)
                continue
            days = pattern_days(pattern, opportunity, self.today)
            wanted = {day for day in days if not is_holiday(day)}
            self.outcome.shifts += len(wanted)
            missing = {day for day in wanted if (opportunity.pk, day, pattern.start) not in existing}
            for run in runs(days, missing.__contains__):
                new += self.make(pattern, opportunity, run)
        self.outcome.new_shifts += len(new)
        return new

    def make(self, pattern: Pattern, opportunity: Opportunity, days: list[date]) -> list[Shift]:
        """One run of dates, its rows moved back to when they were made."""
        actor = self.admins.get(opportunity.organisation_id)
        since = timezone.now()
        fields = {"capacity": pattern.capacity, "place": pattern.place, "note": pattern.note}
        if pattern.weekdays:
            shifts = services.shifts_create_weekly(
                opportunity=opportunity, weekdays=list(pattern.weekdays), start_time=pattern.start,
                end_time=pattern.end, first_date=days[0], last_date=days[-1], actor=actor, **fields,
            )
        else:
            data = {"starts_at": services.local_datetime(days[0], pattern.start),
                    "ends_at": services.local_datetime(days[0], pattern.end), **fields}
            shifts = [services.shift_create(opportunity=opportunity, data=data, actor=actor)]
        # Weekly shifts were planned two weeks ahead; a one-off when its opportunity was published.
        made = min(self.now - timedelta(hours=1), shifts[0].starts_at - timedelta(days=14))
        if not pattern.weekdays:
            made = min(made, opportunity.published_at + timedelta(hours=2))
        backdate(Shift, [shift.pk for shift in shifts], made)
        if pattern.weekdays:
            ShiftSeries.objects.filter(pk=shifts[0].series_id).update(created_at=made, updated_at=made)
        AuditLog.objects.filter(created_at__gte=since, action__in=["shift.create", "shift.create_weekly"]).update(
            created_at=made
        )
        for shift in shifts:
            shift.created_at = made
        return shifts

    def crowd_for(self, shift: Shift) -> None:
        """The sign-ups drawn for a new shift: past ones as of days before it, upcoming ones in the last week."""
        local = timezone.localtime(shift.starts_at)
        rng = random.Random(f"{SEED}|{shift.organisation.slug}|{shift.opportunity.title}|{local:%Y-%m-%d %H:%M}")
        english = shift.opportunity.language == "en"
        pool = volunteers_for(shift.organisation.slug, self.members)
        past = shift.starts_at <= self.now
        if past:
            count = 0 if rng.random() < 0.1 else rng.randint(max(1, shift.capacity // 2), shift.capacity)
            count = min(count, shift.places_left)
        else:
            draw = rng.random()
            count = shift.capacity + rng.randint(1, 2) if draw < 0.25 else 0 if draw < 0.35 else rng.randint(
                1, shift.capacity
            )
        taken = set(shift.signups.values_list("email", flat=True))
        people = [person for person in crowd(rng, count, pool, english) if self.email(person) not in taken]
        if past:
            # Guests on past shifts confirmed their address in time; the rest would have lapsed.
            people = [self.confirming(person) for person in people]
            whens = moments(rng, len(people), after=shift.starts_at - timedelta(days=10),
                            before=shift.starts_at - timedelta(hours=12))
        else:
            people, whens = self.upcoming_moments(rng, shift, people)
        came = [rng.random() >= NO_SHOW_SHARE for _person in people]
        for signup, attended in zip(self.writer.fill(shift, people, whens), came, strict=True):
            self.attended(shift, signup, attended)

    def email(self, person: Person) -> str:
        return person.email or self.users[person.key].email

    @staticmethod
    def confirming(person: Person) -> Person:
        return Person(person.key, person.name, person.email, person.language, True)

    def upcoming_moments(self, rng: random.Random, shift: Shift, people: list[Person]):
        """When people signed up for an upcoming shift: in the last week, three for an event (never before it was
        made); a guest still to confirm, in the last 20 hours (a hold lasts 24). Returns the people in that order,
        and the times."""
        after = max(shift.created_at, self.now - timedelta(days=7 if shift.opportunity_id else 21))
        whens = []
        for person in people:
            start = after if person.confirms else max(after, self.now - timedelta(hours=20))
            whens.append(start + (self.now - start) * rng.random())
        pairs = sorted(zip(whens, range(len(people)), strict=True))
        ordered = [people[index] for _when, index in pairs]
        times = [max(after, min(when, self.now - timedelta(seconds=len(pairs) - rank)))
                 for rank, (when, _index) in enumerate(pairs)]
        return ordered, times

    def attended(self, shift: Shift, signup: SignUp, attended: bool) -> None:
        """Past, ended long enough ago and confirmed: hand it to the hours demo to record."""
        if shift.ends_at > self.now - ATTENDANCE_LEFT_OPEN or signup.status != Status.CONFIRMED:
            return
        actor = self.admins.get(shift.organisation_id)
        at = min(self.now, shift.ends_at + timedelta(hours=18))
        self.outcome.attendance.append(Attendance(signup, attended, actor, at))

    # --- the cast's stories ---

    def upcoming(self, pattern: Pattern) -> list[Shift]:
        shifts = Shift.objects.filter(
            opportunity__organisation__slug=pattern.organisation, opportunity__title=pattern.opportunity,
            starts_at__gt=self.now + timedelta(hours=12), cancelled_at__isnull=True,
        ).select_related("opportunity", "organisation")
        return [shift for shift in shifts.with_counts() if timezone.localtime(shift.starts_at).time() == pattern.start]

    def recent_past(self, pattern: Pattern) -> list[Shift]:
        shifts = Shift.objects.filter(
            opportunity__organisation__slug=pattern.organisation, opportunity__title=pattern.opportunity,
            starts_at__gte=self.now - BEHIND, ends_at__lte=self.now - ATTENDANCE_LEFT_OPEN, cancelled_at__isnull=True,
        ).select_related("opportunity", "organisation").with_counts()
        return sorted(shifts, key=lambda shift: shift.starts_at, reverse=True)

    def has_signup(self, shifts: list[Shift], email: str, **where) -> bool:
        return SignUp.objects.filter(shift__in=shifts, email=email, **where).exists()

    def ane_past(self, ane) -> None:
        """ane has cooked at Akaciegården's Wednesday dinners (four hours each) in the last weeks."""
        past = self.recent_past(KITCHEN_U)
        if self.has_signup(past, ane.email):
            return
        for shift in [shift for shift in past if shift.places_left > 0][:3]:
            signup = self.writer.sign_up(shift, Person("ane"), shift.starts_at - timedelta(days=6))
            self.attended(shift, signup, True)

    def ane_confirmed(self, ane) -> None:
        """ane has a place at the next Wednesday dinner with a free place."""
        upcoming = self.upcoming(KITCHEN_U)
        if self.has_signup(upcoming, ane.email):
            return
        shift = next((shift for shift in upcoming if shift.places_left > 0), None)
        if shift is not None:
            self.writer.sign_up(shift, Person("ane"), max(shift.created_at, self.now - timedelta(days=2)))

    def ane_waitlisted(self, ane) -> None:
        """ane waits for a place on the next walk in Frederiksberg Have, which is full."""
        upcoming = self.upcoming(WALK_A)
        if not upcoming or self.has_signup(upcoming, ane.email):
            return
        shift = upcoming[0]
        self.top_up(shift, extra=0)
        self.writer.sign_up(shift, Person("ane"), self.now - timedelta(hours=3))

    def cancellation(self) -> None:
        """On a full walk someone cancelled, and the first on the waitlist got the place (and an e-mail)."""
        upcoming = self.upcoming(WALK_A)
        if len(upcoming) < 2 or SignUp.objects.filter(shift__in=upcoming, status=Status.CANCELLED).exists():
            return
        shift = upcoming[1]
        self.top_up(shift, extra=1)
        leaving = (
            shift.signups.filter(status=Status.CONFIRMED, user__isnull=False)
            .exclude(user=self.users["ane"]).order_by("-created_at").first()
        )
        if leaving is not None:
            services.signup_cancel(signup=leaving, now=self.now - timedelta(hours=1))

    def top_up(self, shift: Shift, *, extra: int) -> None:
        """Fill `shift` with demo users until it is full, with `extra` more on the waitlist."""
        taken = set(shift.signups.values_list("email", flat=True))
        pool = [key for key in volunteers_for(shift.organisation.slug, self.members)
                if self.users[key].email not in taken]
        rng = random.Random(f"{SEED}|top-up|{shift.pk}")
        missing = max(0, shift.capacity - SignUp.objects.filter(shift=shift).holding().count())
        people = [Person(key) for key in rng.sample(pool, missing + extra)]
        start = max(shift.created_at, self.now - timedelta(days=5))
        self.writer.fill(shift, people, moments(rng, len(people), after=start, before=self.now - timedelta(hours=4)))

    def guests_held_and_lapsed(self) -> None:
        """A guest's place held until the e-mail is confirmed, and one whose hold ran out (the job lapsed it)."""
        demo = Shift.objects.filter(opportunity__title__in={p.opportunity for p in PATTERNS}, opportunity__isnull=False)
        upcoming = list(demo.filter(starts_at__gt=self.now + timedelta(days=2), cancelled_at__isnull=True)
                        .select_related("opportunity", "organisation").with_counts()
                        .filter(~Q(opportunity__language="en")))
        free = [shift for shift in upcoming if shift.places_left > 0]
        if not free:
            return
        if not SignUp.objects.filter(shift__in=upcoming, status=Status.HELD).exists():
            person = Person("", "Signe Bang", "signe.bang@example.org", confirms=False)
            self.writer.sign_up(free[0], person, self.now - timedelta(hours=2))
        if not SignUp.objects.filter(shift__in=demo, status=Status.LAPSED).exists():
            old = [shift for shift in free[1:] if shift.created_at <= self.now - timedelta(days=2)]
            shift = old[-1] if old else None
            if shift is not None:
                person = Person("", "Jonas Bach", "jonas.bach@example.org", confirms=False)
                self.writer.sign_up(shift, person, self.now - timedelta(hours=30))
                services.signups_lapse_holds(now=self.now)

    # --- events ---

    def events(self) -> None:
        slugs = {spec.organisation for spec in EVENTS}
        organisations = {found.slug: found for found in Organisation.objects.filter(slug__in=slugs)}
        for spec in EVENTS:
            organisation = organisations.get(spec.organisation)
            actor = self.admins.get(organisation.pk) if organisation else None
            if organisation is None or actor is None:
                self.outcome.skipped.append(spec.title)
                continue
            day = spec.day(self.today)
            self.outcome.events += 1
            exists = Shift.objects.filter(
                event__organisation=organisation, event__title=spec.title,
                starts_at__gte=services.local_datetime(day, time(0)),
                starts_at__lt=services.local_datetime(day + timedelta(days=1), time(0)),
            ).exists()
            if not exists:
                self.event_create(spec, organisation, actor, day)

    def event_create(self, spec: "EventSpec", organisation: Organisation, actor, day: date) -> None:
        rng = random.Random(f"{SEED}|event|{spec.organisation}|{spec.title}|{day.isoformat()}")
        since = timezone.now()
        starts_at = services.local_datetime(day, spec.start)
        event = services.event_create(organisation=organisation, actor=actor, data={
            "title": spec.title, "kind": spec.kind, "description": spec.description, "language": spec.language,
            "is_published": True, "starts_at": starts_at, "ends_at": services.local_datetime(day, spec.end),
            "capacity": spec.capacity, "place": spec.place,
        })
        made = self.now - timedelta(days=rng.randint(8, 30))  # when it was announced
        registration = event.registration
        backdate(Event, [event.pk], made)
        backdate(Shift, [registration.pk], made)
        backdate_audit(since, made, **target_of(event))
        backdate_audit(since, made, **target_of(registration))
        registration.created_at = made
        self.outcome.new_events += 1
        pool = [key for key in volunteers_for(spec.organisation, self.members) if key not in spec.cast]
        count = rng.randint(spec.capacity // 6, max(1, spec.capacity // 3))
        people = [Person(key) for key in spec.cast if key in self.users]
        people += crowd(rng, min(count, 14), pool, spec.language == "en")
        people, whens = self.upcoming_moments(rng, registration, people)
        self.writer.fill(registration, people, whens)

    # --- all of it ---

    def run(self) -> Outcome:
        new = self.shifts()
        ane = self.users["ane"]
        self.ane_past(ane)
        self.ane_confirmed(ane)
        for shift in Shift.objects.filter(pk__in=[s.pk for s in new]).select_related("opportunity", "organisation"):
            self.crowd_for(shift)
        self.ane_waitlisted(ane)
        self.cancellation()
        self.guests_held_and_lapsed()
        self.events()
        return self.outcome


# --- events ------------------------------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th (1-based; -1 for the last) ISO `weekday` of the month."""
    if n < 0:
        following = date(year + month // 12, month % 12 + 1, 1)
        day = following - timedelta(days=1)
        return day - timedelta(days=(day.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def in_months(today: date, months: int, weekday: int, n: int) -> date:
    """The `n`th `weekday` of the month `months` after today's, a week later if that is a holiday."""
    index = today.month - 1 + months
    day = nth_weekday(today.year + index // 12, index % 12 + 1, weekday, n)
    return day + timedelta(days=7) if is_holiday(day) else day


def frivillig_fredag(today: date) -> date:
    """Frivillig Fredag is the last Friday of September: this year's, or next year's once it has passed."""
    day = nth_weekday(today.year, 9, 5, -1)
    return day if day >= today else nth_weekday(today.year + 1, 9, 5, -1)


@dataclass(frozen=True)
class EventSpec:
    organisation: str
    title: str
    kind: str
    day: Callable[[date], date]
    start: time
    end: time
    capacity: int
    place: str
    description: str
    language: str = "da"
    cast: tuple[str, ...] = ()  # the cast's users who sign up


Kind = Event.Kind
EVENTS = [
    EventSpec(
        TEAM, "Netværksmøde for foreninger", Kind.NETWORK, lambda today: in_months(today, 1, 2, 2), time(17), time(19),
        60, "Frederiksberg Rådhus, Festsalen, Smallegade 1", cast=("bo", "carl", "gitte"),
        description="Mød de andre foreninger på Frederiksberg og hør nyt fra Frivillighedsteamet. Denne gang taler "
        "vi om **rekruttering af unge frivillige**, og Besøgsvennerne fortæller, hvordan de fik 40 nye besøgsvenner "
        "på et år.\n\n- Velkomst og nyt fra kommunen\n- Oplæg og erfaringsudveksling ved bordene\n- Let aftensmad",
    ),
    EventSpec(
        TEAM, "Førstehjælp for frivillige", Kind.COURSE, lambda today: in_months(today, 1, 6, 2), time(9, 30),
        time(15, 30), 16, "Kulturhuset KU.BE, Dirch Passers Allé 4", cast=("ane",),
        description="Et gratis kursus i førstehjælp for frivillige i foreninger på Frederiksberg. Du lærer "
        "hjerte-lunge-redning, at bruge en hjertestarter og at hjælpe ved fald og ildebefindende. Du får et "
        "kursusbevis.\n\nFrokost er inkluderet. Sig til ved tilmeldingen, hvis du ikke tåler noget.",
    ),
    EventSpec(
        TEAM, "Informationsmøde om §18-puljen", Kind.GRANT_INFO, lambda today: in_months(today, 2, 3, 1),
        time(16, 30), time(18), 40, "Frederiksberg Rådhus, mødelokale 1, Smallegade 1", cast=("carl",),
        description="Vil jeres forening søge tilskud fra §18-puljen til det frivillige sociale arbejde? Vi gennemgår "
        "kriterierne og ansøgningsskemaet og svarer på spørgsmål. Tag gerne jeres budget med, så kigger vi på det "
        "sammen.",
    ),
    EventSpec(
        TEAM, "Frivillig Fredag på Solbjerg Plads", Kind.FRIVILLIG_FREDAG, frivillig_fredag, time(14), time(18), 300,
        "Solbjerg Plads", cast=("ane", "erik"),
        description="Kommunen siger tak til alle frivillige på Frederiksberg. Kom til musik, kaffe og kage på "
        "Solbjerg Plads, mød foreningerne ved deres boder og hør borgmesterens tale kl. 15.\n\nTilmeld dig, så vi "
        "ved, hvor meget kage vi skal bage.",
    ),
    EventSpec(
        A, "Åbent hus hos Besøgsvennerne", Kind.OPEN_DAY, lambda today: in_months(today, 1, 6, 3), time(11),
        time(14), 30, "Kulturhuset, Bibliotekstorvet 1, 1. sal",
        description="Hvordan er det at være besøgsven? Kom og mød nogle af vores besøgsvenner og de ældre, de "
        "besøger, over en kop kaffe. Du kan melde dig som besøgsven på dagen, men du må også bare kigge forbi.",
    ),
    EventSpec(
        B, "Åbent hus for nye lektiehjælpere", Kind.OPEN_DAY, lambda today: in_months(today, 1, 1, 2), time(16),
        time(18), 15, "Solbjerg Bibliotek, Solbjergvej 21",
        description="Se lektiecaféen i gang, og tal med de frivillige om, hvordan en eftermiddag forløber. Du "
        "behøver ikke være matematiklærer – det vigtigste er, at du kan lide at hjælpe.",
    ),
    EventSpec(
        "cykelvaerkstedet-flintholm", "Åbent værksted: lær at lappe en cykel", Kind.OPEN_DAY,
        lambda today: in_months(today, 2, 4, 1), time(17), time(20), 20, "Cykelværkstedet, Flintholm Allé 8",
        description="Vi viser, hvordan man lapper en slange, justerer bremser og skifter en kæde. Tag din egen cykel "
        "med. Værktøj og kaffe har vi.",
    ),
    EventSpec(
        "frederiksberg-international-volunteers", "Open evening for new volunteers", Kind.OPEN_DAY,
        lambda today: in_months(today, 1, 4, 3), time(18), time(20), 25, "Gammel Kongevej 110", language="en",
        description="Curious about volunteering in Frederiksberg but not sure where to start? Meet our volunteers, "
        "hear about our projects and have a chat over pizza. Everything happens in English.",
    ),
]


@transaction.atomic
def create_demo_shifts(users: dict, now: datetime | None = None) -> Outcome:
    """Shifts, sign-ups and events (see the module docstring); only what is missing is made."""
    return ShiftSeeder(users=users, now=now or timezone.now()).run()
