"""Demo applications for `manage.py seed_demo`: ten months of applying and answering, across the demo's
organisations.

Two kinds:

- **Stories**: the cast's applications, written by hand so each role has something to show. ane has applications
  in every status a person sees on Min side (one accepted, with its engagement); Besøgsvennerne (A: bo, erik) and
  Plejecenter Akaciegården (U: gitte) have new, overdue and in-dialogue applications with notes in their inboxes,
  and applications they cannot see yet (an unconfirmed guest, a 14-year-old waiting for a guardian). Stories are
  made through `services`, one step at a time as people would; after each step the rows it wrote are moved back
  to the story's date (`_backdate`), as the services always stamp "now".
- **The crowd**: some 600 applications from demo users and guests to the opportunities of every organisation,
  written in bulk (services cannot backdate, and one by one they would take many seconds). They are the rows the
  services would leave: the application, its status events with the members' messages, internal notes, an audit
  entry for each member's status change and the engagement of an accepted one. Each organisation has a pace
  (`PACES`): some answer within hours, some after a week or more, some leave applications unanswered, so their
  response figures differ.

Idempotent: an application is found by its natural key (opportunity, e-mail) and created only when missing. Who
applies where is drawn from a generator seeded by the opportunity's organisation and title, never by the date or
by what is in the database, so a second run plans the same applications and finds them all. Dates are relative to
the run: what happened "three days ago" did so when the demo was first loaded.

No e-mail is sent for this history: seed_demo holds back every task the services queue (see its `handle`).
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from math import exp
from statistics import NormalDist

from django.db import connection, transaction
from django.utils import timezone

from frivillig.core import cast as cast_module
from frivillig.core import demo_data, demo_opportunities
from frivillig.core.models import AuditLog
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership

from . import services
from .models import Application, ApplicationEvent, Engagement, new_token
from .workdays import add_working_days

Status = Application.Status
Kind = ApplicationEvent.Kind
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
SEED = "frivillig-demo-applications"
# Reminders the job sent long ago are on the rows; those due in the last two weeks are left for the job to send,
# so `send_application_reminders` has something to do in a fresh demo.
REMINDERS_LEFT_FOR_THE_JOB = timedelta(days=14)
REMINDER_HOUR = 8

# --- how organisations answer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pace:
    """How an organisation answers: median hours to a first answer, and the share of applications it answers."""

    median_hours: float
    answer_rate: float


PACES = {
    "within hours": Pace(median_hours=3, answer_rate=0.98),
    "same day": Pace(median_hours=9, answer_rate=0.95),
    "next day": Pace(median_hours=30, answer_rate=0.92),
    "within a week": Pace(median_hours=4 * 24, answer_rate=0.85),
    "slowly": Pace(median_hours=9 * 24, answer_rate=0.7),
}
# The cast's organisations and a few others are fixed; the rest follow their slug.
PACE_OF = {
    "besoegsvennerne-frederiksberg": "within hours",
    "plejecenter-akaciegaarden": "next day",
    "lektiecafe-solbjerg": "slowly",
    "frivillighedsteamet": "same day",
    "natcafeen-frederiksberg": "within hours",
    "amatoerteatret-bagscenen": "slowly",
    "gaafodbold-60-plus": "within a week",
}
# How spread the answer times are around the median (the sigma of a log-normal distribution).
SPREAD = 0.9


def pace_for(slug: str) -> Pace:
    names = list(PACES)
    return PACES[PACE_OF.get(slug) or names[sum(slug.encode()) % len(names)]]


# --- who applies, and what they write --------------------------------------------------------------------------

FIRST_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Susanne", "Lene", "Maria", "Camilla", "Louise", "Julie", "Emma", "Ida",
    "Sofie", "Laura", "Clara", "Karen", "Inge", "Birthe", "Signe", "Astrid", "Nanna", "Maja", "Peter", "Jens",
    "Lars", "Michael", "Henrik", "Søren", "Thomas", "Niels", "Jesper", "Anders", "Rasmus", "Mikkel", "Frederik",
    "Mathias", "Oliver", "Lucas", "William", "Emil", "Jonas", "Ole", "Bent", "Torben", "Asger", "Malthe",
]
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frandsen", "Bach", "Vestergaard", "Bruun",
    "Winther", "Østergaard", "Bang", "Juhl", "Kjeldsen", "Overgaard", "Lassen", "Svendsen", "Thygesen",
]
# Newcomers who write in English and want their e-mails in English.
INTERNATIONAL_NAMES = [
    "Sarah Mitchell", "James Connolly", "Priya Nair", "Lukas Becker", "Chloé Martin", "Ana Costa", "Tomasz Nowak",
    "Giulia Romano", "Daniel Kim", "Olivia Brown", "Mateo García", "Hannah Schmidt", "Aisha Khan", "Ethan Walker",
]
# What applicants write, by age: young (under 26), adults, seniors (65 and over); and what anyone might write.
MESSAGES = {
    "young": [
        "Jeg går i gymnasiet og vil gerne prøve noget frivilligt ved siden af skolen. Jeg har tid efter kl. 15 og i "
        "weekenderne.",
        "Jeg læser på KU og har god tid om eftermiddagen. Jeg har tidligere været frivillig i en lektiecafé i Valby.",
        "Hej! Jeg er lige startet på studiet og vil gerne lave noget meningsfuldt ved siden af. Jeg er vant til at "
        "arbejde med børn fra mit fritidsjob.",
    ],
    "adult": [
        "Jeg arbejder på fuld tid, men har tid et par aftener om ugen og i weekenden. Jeg vil gerne bruge den på "
        "noget, der gør en forskel.",
        "Min mor boede de sidste år på plejehjem, og jeg så, hvor meget besøg betød for hende. Nu vil jeg gerne give "
        "noget tilbage.",
        "Jeg er flyttet til Frederiksberg for nylig og vil gerne lære nogle naboer at kende. Hvornår kan jeg komme "
        "forbi og høre mere?",
        "Jeg er uddannet pædagog og god til at skabe ro og tryghed. Jeg kan hverdage efter kl. 16.",
    ],
    "senior": [
        "Hej! Jeg er lige gået på pension efter mange år som sygeplejerske og vil gerne bruge noget af min tid på "
        "andre. Jeg kan de fleste hverdage.",
        "Jeg er pensioneret skolelærer og har god tid. Jeg har tidligere været besøgsven i Valby og kender "
        "Frederiksberg godt.",
        "Siden min mand døde, har jeg haft brug for at komme ud blandt andre. Jeg er god til at lytte og har altid "
        "kaffe på kanden.",
    ],
    "any": [
        "Jeg har set jeres opslag og synes, det lyder rigtig spændende. Jeg glæder mig til at høre fra jer.",
        "Jeg har ikke prøvet at være frivillig før, men vil gerne lære. Vi kan gerne mødes til en snak først.",
        "",
    ],
    "en": [
        "Hi! I moved to Frederiksberg last year and would love to get involved in the community. My Danish is still "
        "basic, but I'm learning.",
        "I'm an exchange student at CBS and have free afternoons. I volunteered at a youth club back home.",
        "Hello, I saw your post and it sounds like a great way to meet people. I'm available most weekends.",
        "I work in IT and would like to do something practical and social in my spare time. Happy to come by for a "
        "chat first.",
        "",
    ],
}
# What members write with a status change, in the applicant's language. "" is a change without a message.
ANSWERS = {
    ("da", Status.IN_DIALOGUE): [
        "Tak for din ansøgning! Vil du komme forbi til en uforpligtende snak i næste uge? Skriv gerne, hvilke dage "
        "der passer dig.",
        "Hvor dejligt, at du vil være med. Jeg ringer til dig i morgen, så vi kan tale om, hvad du har lyst til.",
        "Tak for din henvendelse. Vi holder introduktionsmøde den første tirsdag i måneden kl. 17 – kan du komme?",
        "",
    ],
    ("da", Status.ACCEPTED): [
        "Velkommen til! Vi glæder os til at se dig. Du får en mail med det praktiske inden din første dag.",
        "Det var en fornøjelse at møde dig. Du er meget velkommen – vi starter op i næste uge.",
        "",
    ],
    ("da", Status.DECLINED): [
        "Tak for din interesse. Vi har desværre fået de frivillige, vi har brug for lige nu, men søg gerne igen til "
        "foråret.",
        "Tak for snakken. Vi tror desværre ikke, at rollen passer til det, du søger, men kig gerne på vores andre "
        "opslag.",
    ],
    ("en", Status.IN_DIALOGUE): [
        "Thank you for applying! Would you like to come by for an informal chat next week? Let us know which days "
        "suit you.",
        "Lovely to hear from you. We speak Danish in the group, but several of us are happy to help in English. "
        "Shall we talk on the phone?",
        "",
    ],
    ("en", Status.ACCEPTED): [
        "Welcome aboard! We look forward to seeing you. You will get an e-mail with the practical details before "
        "your first day.",
        "",
    ],
    ("en", Status.DECLINED): [
        "Thank you for your interest. We have found the volunteers we need for now, but please apply again in the "
        "spring.",
    ],
}
NOTES = [
    "Ringet op – vender tilbage efter ferien.",
    "Har erfaring fra en lignende forening. God snak i telefonen.",
    "Aftalt intromøde torsdag kl. 16.",
    "Kan kun i lige uger – passer fint med vagtplanen.",
    "Sendt velkomstmaterialet og nøgleaftalen.",
]


def email_local_part(name: str) -> str:
    """"Søren Østergaard" → "soeren.oestergaard": Danish letters spelt out, accents dropped."""
    text = name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join(part for part in text.replace("-", " ").split())


@dataclass(frozen=True)
class Applicant:
    name: str
    email: str
    birth_year: int
    language: str = "da"
    user_key: str = ""  # a demo user's key; "" for a guest
    phone: str = ""


# --- the crowd: planning (what never changes) ------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One application of the crowd: who, to which opportunity, and when between its publication and now."""

    opportunity: Opportunity
    applicant: Applicant
    message: str
    fraction: float  # 0 = when the opportunity was published, 1 = now
    seed: str


def _members_by_spec() -> dict[str, set[str]]:
    """Who belongs to which organisation in the demo's own data (not the database, which people change)."""
    members = {spec["slug"]: {spec["admin"], *spec["editors"]} for spec in demo_data.ORGANISATIONS}
    return members


def _birth_year_of(key: str, year: int) -> int:
    spec_year = demo_data.PROFILES.get(key, {}).get("birth_year")
    return spec_year or year - 22 - sum(key.encode()) % 50


def _message(rng: random.Random, applicant: Applicant, year: int) -> str:
    if applicant.language == "en":
        return rng.choice(MESSAGES["en"])
    age = year - applicant.birth_year
    band = "young" if age < 26 else "senior" if age >= 65 else "adult"
    return rng.choice(MESSAGES[band] + MESSAGES["any"])


def plan_for(opportunity: Opportunity, members: dict[str, set[str]], year: int) -> list[Planned]:
    """The crowd's applications to one opportunity. Every draw is made for every application, whatever is chosen,
    so the plan depends only on the opportunity's organisation and title."""
    slug = opportunity.organisation.slug
    rng = random.Random(f"{SEED}|{slug}|{opportunity.title}")
    standing = opportunity.time_commitment in (Opportunity.TimeCommitment.REGULAR, Opportunity.TimeCommitment.FLEXIBLE)
    count = rng.randint(1, 7) if standing else rng.randint(0, 4)
    english_share = 0.5 if opportunity.language == "en" else 0.07
    minimum_age = max(opportunity.minimum_age or 0, 15)
    planned, emails = [], set()
    for index in range(count):
        kind, user_key = rng.random(), rng.choice(list(demo_data.PEOPLE))
        first, last, international = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), rng.choice(INTERNATIONAL_NAMES)
        age, phone, fraction = rng.randint(minimum_age, 78), rng.randrange(20_00_00_00, 99_99_99_99), rng.random()
        user_year = _birth_year_of(user_key, year)
        if kind < 0.25 and user_key not in members.get(slug, ()) and year - user_year >= minimum_age:
            language = "en" if user_key in demo_data.ENGLISH_SPEAKERS else "da"
            applicant = Applicant(demo_data.PEOPLE[user_key], cast_module.email_for(user_key), user_year, language,
                                  user_key=user_key)
        elif kind > 1 - english_share:
            email = f"{email_local_part(international)}{(year - age) % 100:02d}@example.org"
            applicant = Applicant(international, email, year - age, "en")
        else:
            name = f"{first} {last}"
            email = f"{email_local_part(name)}{(year - age) % 100:02d}@example.org"
            applicant = Applicant(name, email, year - age, phone=f"{phone:08d}" if phone % 2 else "")
        message = _message(rng, applicant, year)
        if applicant.email not in emails:
            emails.add(applicant.email)
            seed = f"{slug}|{opportunity.title}|{index}"
            planned.append(Planned(opportunity, applicant, message, fraction, seed=seed))
    return planned


# --- the crowd: what happened (relative to now) -----------------------------------------------------------------


@dataclass
class Happening:
    """One event in an application's history: a status change or an internal note."""

    at: datetime
    to_status: str = ""
    by: str = ""  # "member", "applicant" or "" (the system: confirming an e-mail address)
    text: str = ""

    @property
    def is_note(self) -> bool:
        return not self.to_status


@dataclass
class History:
    created_at: datetime
    submitted_at: datetime | None
    happenings: list[Happening] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = [happening.to_status for happening in self.happenings if not happening.is_note]
        return statuses[-1] if statuses else Status.UNCONFIRMED

    @property
    def first_response_at(self) -> datetime | None:
        return next((h.at for h in self.happenings if h.by == "member" and not h.is_note), None)

    @property
    def status_changed_at(self) -> datetime | None:
        changes = [happening.at for happening in self.happenings if not happening.is_note]
        return changes[-1] if changes else None


def _answer_delay(rng: random.Random, pace: Pace) -> timedelta:
    normal = NormalDist().inv_cdf(min(max(rng.random(), 0.001), 0.999))
    return timedelta(hours=pace.median_hours * exp(SPREAD * normal))


def history_of(item: Planned, pace: Pace, now: datetime) -> History:
    """What happened to a planned application by `now`, given the organisation's pace."""
    rng = random.Random(f"{SEED}|{item.seed}")
    published = item.opportunity.published_at
    submitted = published + HOUR + (now - published - 2 * HOUR) * item.fraction
    is_guest = not item.applicant.user_key
    created = max(published, submitted - timedelta(minutes=2 + rng.random() * 360)) if is_guest else submitted
    if is_guest and now - submitted < timedelta(days=6) and rng.random() < 0.15:
        return History(created_at=created, submitted_at=None)  # never confirmed (deleted after 7 days)
    history = History(created_at=created, submitted_at=submitted)
    history.happenings.append(Happening(at=submitted, to_status=Status.NEW))
    language = item.applicant.language
    first = submitted + _answer_delay(rng, pace) if rng.random() < pace.answer_rate else None
    if rng.random() < 0.05:  # withdrawn before any answer came
        at = submitted + (min(first, now) - submitted if first else 10 * DAY) * rng.random()
        if at < now:
            history.happenings.append(Happening(at=at, to_status=Status.WITHDRAWN, by="applicant"))
            return history
    if first is None or first >= now:
        if now - submitted > 30 * DAY and rng.random() < 0.35:  # tired of waiting
            at = submitted + timedelta(days=14 + rng.random() * 16)
            history.happenings.append(Happening(at=at, to_status=Status.WITHDRAWN, by="applicant"))
        return history
    roll = rng.random()
    status = Status.IN_DIALOGUE if roll < 0.65 else Status.ACCEPTED if roll < 0.8 else Status.DECLINED
    history.happenings.append(Happening(first, status, "member", rng.choice(ANSWERS[(language, status)])))
    if status != Status.IN_DIALOGUE:
        return history
    if rng.random() < 0.4:
        note_at = first + DAY * (1 + rng.random() * 2)
        if note_at < now:
            history.happenings.append(Happening(at=note_at, text=rng.choice(NOTES), by="member"))
    then = first + timedelta(days=2 + rng.random() * 18)
    roll = rng.random()
    if then >= now or roll >= 0.85:
        return history  # still in dialogue
    if roll < 0.1:
        history.happenings.append(Happening(at=then, to_status=Status.WITHDRAWN, by="applicant"))
        return history
    status = Status.ACCEPTED if roll < 0.55 else Status.DECLINED
    history.happenings.append(Happening(then, status, "member", rng.choice(ANSWERS[(language, status)])))
    return history


def reminder_sent_at(history: History, now: datetime) -> datetime | None:
    """When the daily reminder job (08:00) would have reminded the members, if it has and long enough ago."""
    if history.submitted_at is None:
        return None
    day = add_working_days(timezone.localdate(history.submitted_at), services.REMINDER_AFTER_WORKING_DAYS)
    at = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=REMINDER_HOUR))
    waited_until = min([now, *(h.at for h in history.happenings if h.to_status not in ("", Status.NEW))])
    if at >= waited_until or at > now - REMINDERS_LEFT_FOR_THE_JOB:
        return None
    return at


# --- the crowd: writing ------------------------------------------------------------------------------------------


@dataclass
class Written:
    application: Application
    history: History
    actor: object  # the member who answered, or None


def _crowd_rows(plan: list[Planned], users: dict, members: dict, now: datetime) -> list[Written]:
    written = []
    for item in plan:
        opportunity = item.opportunity
        history = history_of(item, pace_for(opportunity.organisation.slug), now)
        applicant = item.applicant
        application = Application(
            opportunity=opportunity, organisation=opportunity.organisation, user=users.get(applicant.user_key),
            name=applicant.name, email=applicant.email, phone=applicant.phone, birth_year=applicant.birth_year,
            message=item.message, language=applicant.language, status=history.status, token=new_token(),
            email_confirmed_at=history.submitted_at, submitted_at=history.submitted_at,
            first_response_at=history.first_response_at, status_changed_at=history.status_changed_at,
            reminder_sent_at=reminder_sent_at(history, now),
        )
        application.created_at = history.created_at
        application.updated_at = max([history.created_at, *(h.at for h in history.happenings)])
        organisation_members = members.get(opportunity.organisation_id) or [None]
        actor = random.Random(f"{SEED}|actor|{item.seed}").choice(organisation_members)
        written.append(Written(application, history, actor))
    return written


def _events_for(row: Written) -> list[ApplicationEvent]:
    events, previous = [], Status.UNCONFIRMED
    applicant_user = row.application.user
    for happening in row.history.happenings:
        actor = {"member": row.actor, "applicant": applicant_user}.get(happening.by)
        if happening.is_note:
            events.append(ApplicationEvent(application=row.application, kind=Kind.NOTE, actor=actor,
                                           text=happening.text, created_at=happening.at))
            continue
        events.append(ApplicationEvent(
            application=row.application, kind=Kind.STATUS, actor=actor, from_status=previous,
            to_status=happening.to_status, text=happening.text, created_at=happening.at,
        ))
        previous = happening.to_status
    return events


def _audit_for(row: Written) -> list[AuditLog]:
    """What `application_set_status` audits: each member's status change, with whether it carried a message."""
    application = row.application
    return [
        AuditLog(
            actor=row.actor, action="application.status", target_type=Application._meta.label_lower,
            target_id=str(application.pk), target_repr=str(application)[:200],
            details={"status": happening.to_status, "with_message": bool(happening.text)}, created_at=happening.at,
        )
        for happening in row.history.happenings
        if happening.by == "member" and not happening.is_note
    ]


def _engagement_for(row: Written) -> Engagement | None:
    """As `application_set_status` makes it: from the opportunity's start if that was still ahead, else that day."""
    application = row.application
    if application.status != Status.ACCEPTED:
        return None
    accepted_at = row.history.status_changed_at
    day = timezone.localdate(accepted_at)
    start = application.opportunity.start_date
    engagement = Engagement(
        application=application, volunteer=application.user, organisation=application.organisation,
        opportunity=application.opportunity, start_date=start if start and start > day else day,
    )
    engagement.created_at = engagement.updated_at = accepted_at
    return engagement


def _stamp(model, rows: list, names=("created_at", "updated_at")) -> None:
    """Insert `rows`, then put back the dates auto_now(_add) overwrote. One executemany: bulk_update's CASE over
    hundreds of rows took seconds."""
    wanted = [tuple(getattr(row, name) for name in names) for row in rows]
    created = model.objects.bulk_create(rows)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(model._meta.get_field(name).column)} = %s" for name in names)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {columns} WHERE id = %s",  # noqa: S608 - names from the model, values as parameters
            [(*(adapt(value) for value in values), row.pk) for row, values in zip(created, wanted, strict=True)],
        )
    for row, values in zip(created, wanted, strict=True):
        for name, value in zip(names, values, strict=True):
            setattr(row, name, value)


def crowd_create(plan: list[Planned], users: dict, now: datetime) -> list[Application]:
    members: dict[int, list] = {}
    for membership in Membership.objects.select_related("user").order_by("user__email"):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    written = _crowd_rows(plan, users, members, now)
    _stamp(Application, [row.application for row in written])
    ApplicationEvent.objects.bulk_create([event for row in written for event in _events_for(row)], batch_size=500)
    _stamp(AuditLog, [entry for row in written for entry in _audit_for(row)], names=("created_at",))
    _stamp(Engagement, [engagement for row in written if (engagement := _engagement_for(row))])
    return [row.application for row in written]


# --- the cast's stories ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing that happened, `days_ago` days before the run: apply, confirm, consent, answer, note, withdraw."""

    action: str
    days_ago: float
    by: str = ""  # the member (a cast key) who answered or wrote the note
    status: str = ""
    text: str = ""


@dataclass(frozen=True)
class Story:
    applicant: str | Applicant  # a cast user's key, or a guest
    organisation: str
    opportunity: str  # its title
    steps: tuple[Step, ...]
    message: str = ""
    guardian_email: str = ""


def _guest(name: str, birth_year_age: int, language: str = "da", phone: str = "") -> Applicant:
    year = timezone.localdate().year
    return Applicant(name, f"{email_local_part(name)}@example.org", year - birth_year_age, language, phone=phone)


def stories() -> list[Story]:
    """The cast's applications (see the module docstring). Titles are the demo's (`demo_opportunities`)."""
    a, u = "besoegsvennerne-frederiksberg", "plejecenter-akaciegaarden"
    return [
        # ane, on Min side: accepted (with an engagement), in dialogue, new, declined and withdrawn.
        Story("ane", u, "Besøgsven for beboere i aflastningsafdelingen", message=(
            "Jeg har været besøgsven for min farmor og vil gerne give andre ældre lidt selskab, mens de er hos jer. "
            "Jeg kan mandag og onsdag eftermiddag."), steps=(
            Step("apply", 75),
            Step("answer", 74.2, "gitte", Status.IN_DIALOGUE,
                 "Tak, Ane! Har du tid til en snak og en rundvisning på torsdag kl. 14?"),
            Step("note", 71, "gitte", text="God snak og rundvisning. Tavshedserklæring underskrevet."),
            Step("answer", 68, "gitte", Status.ACCEPTED,
                 "Velkommen som besøgsven i aflastningsafdelingen! Vi ses mandag kl. 14 i fællesstuen."),
        )),
        Story("ane", a, "Gåtursven i Frederiksberg Have", message=(
            "Jeg går selv tur i Frederiksberg Have næsten hver dag og vil gerne have selskab af en, der ikke tør gå "
            "alene."), steps=(
            Step("apply", 6),
            Step("answer", 5.85, "erik", Status.IN_DIALOGUE,
                 "Hej Ane, hvor dejligt! Kan du komme til vores månedsmøde i Kulturhuset på tirsdag kl. 17?"),
            Step("note", 5.8, "bo", text="Ane er allerede besøgsven på Akaciegården – god erfaring."),
        )),
        Story("ane", "naturgruppen-landbohoejskolens-have", "Naturvejleder for børnefamilier", message=(
            "Jeg har taget et kursus i naturformidling og vil gerne vise børn rundt i haven en søndag om måneden."),
            steps=(Step("apply", 2),)),
        Story("ane", "frederiksberg-lokalhistoriske-forening", "Arkivfrivillig: registrering af gamle fotos",
              message="Jeg er meget interesseret i Frederiksbergs historie og er vant til at arbejde struktureret.",
              steps=(
                  Step("apply", 64),
                  Step("answer", 58, "karen.knudsen", Status.DECLINED,
                       "Tak for din interesse! Vi har fået de frivillige, vi har brug for i arkivet i år, men vi "
                       "håber, du vil søge igen til foråret."),
              )),
        Story("ane", "frederiksberg-folkekor", "Sangleder på plejecentrene på Frederiksberg",
              message="Jeg har sunget i kor i ti år og vil gerne synge med beboerne.",
              steps=(Step("apply", 44), Step("withdraw", 41))),
        # A's inbox: new (one has waited past the reminder), in dialogue in English, accepted, an unconfirmed guest.
        Story(_guest("Karina Vestergaard", 58, phone="28 44 19 02"), a, "Telefonven for en ældre", message=(
            "Jeg er førtidspensionist og har god tid til at ringe. Jeg kender selv til at sidde meget alene."),
            steps=(Step("apply", 11.2), Step("confirm", 11.1))),
        Story(_guest("Peter Holm Sørensen", 41), a, "Besøgsven for en ensom ældre i Frederiksberg C", message=(
            "Jeg arbejder hjemme og kan sagtens tage et besøg om ugen i dagtimerne."),
            steps=(Step("apply", 1.1), Step("confirm", 1))),
        Story(_guest("Sarah Mitchell", 33, "en"), a, "Gåtursven i Frederiksberg Have", message=(
            "Hi! I walk in Frederiksberg Have every morning and would love company. My Danish is basic, but "
            "improving."), steps=(
            Step("apply", 9), Step("confirm", 8.9),
            Step("answer", 8.7, "bo", Status.IN_DIALOGUE,
                 "Hi Sarah, thank you! Several of our elderly friends speak English. Can you call me on Thursday?"),
        )),
        Story(_guest("Birthe Lauritsen", 67), a, "Besøgsven for en ensom ældre på Frederiksberg Nord", message=(
            "Jeg bor selv på Nord og vil gerne besøge en af mine naboer."), steps=(
            Step("apply", 35), Step("confirm", 34.9),
            Step("answer", 34.8, "erik", Status.IN_DIALOGUE, "Tak, Birthe! Jeg ringer til dig i morgen formiddag."),
            Step("answer", 30, "bo", Status.ACCEPTED, "Velkommen i Besøgsvennerne! Vi har fundet en ven til dig."),
        )),
        Story(_guest("Mads Winther", 29), a, "Besøgsven for en ensom ældre på Frederiksberg Nord",
              message="Jeg vil gerne høre mere.", steps=(Step("apply", 2.5),)),
        # U's inbox: new and overdue, in dialogue with a note, a consented minor; a minor waiting for a guardian.
        Story(_guest("Lise Kragh", 62), u, "Instruktør i siddedans", message=(
            "Jeg har undervist i linedance i mange år og vil gerne danse med beboerne."),
            steps=(Step("apply", 12.3), Step("confirm", 12.2))),
        Story(_guest("Hans Jørgen Friis", 71, phone="40 12 88 31"), u, "Cykelpilot på rickshaw", message=(
            "Jeg cykler hver dag og har altid drømt om at køre rickshaw."), steps=(
            Step("apply", 20), Step("confirm", 19.9),
            Step("answer", 17, "gitte", Status.IN_DIALOGUE, "Tak, Hans Jørgen. Har du kørt med passagerer før?"),
            Step("note", 16, "gitte", text="Prøvetur aftalt. Skal have cykelhjelm med."),
        )),
        Story(_guest("Alma Kjeldsen", 14), u, "Kok til fællesspisning onsdag",
              guardian_email="kjeldsen.familie@example.org",
              message="Jeg elsker at lave mad og vil gerne hjælpe om onsdagen efter skole.",
              steps=(Step("apply", 5), Step("confirm", 4.9), Step("consent", 4))),
        Story(_guest("Oliver Mikkelsen", 13), u, "Kok til fællesspisning onsdag",
              guardian_email="mikkelsen.hjem@example.org", message="Jeg vil gerne hjælpe i køkkenet.",
              steps=(Step("apply", 3), Step("confirm", 2.9))),
    ]


def _applicant_of(story: Story, users: dict) -> tuple[Applicant, object]:
    if isinstance(story.applicant, Applicant):
        return story.applicant, None
    user = users[story.applicant]
    profile_year = demo_data.PROFILES.get(story.applicant, {}).get("birth_year", 1990)
    return Applicant(user.name, user.email, profile_year, user_key=story.applicant), user


def _times(story: Story, opportunity: Opportunity, now: datetime) -> list[datetime]:
    """The steps' moments: `days_ago` before now, moved later (in order) if the opportunity is younger."""
    moments = [now - timedelta(days=step.days_ago) for step in story.steps]
    earliest = opportunity.published_at + HOUR
    shift = max(timedelta(0), earliest - moments[0])
    latest = now - timedelta(minutes=len(moments))
    return [min(moment + shift, latest + timedelta(minutes=index)) for index, moment in enumerate(moments)]


TIMESTAMPS = ["created_at", "updated_at", "email_confirmed_at", "guardian_consented_at", "submitted_at",
              "first_response_at", "status_changed_at"]


def _backdate(application: Application, since: datetime, when: datetime) -> None:
    """Move everything one service call wrote (stamped at or after `since`) to `when`."""
    row = Application.objects.filter(pk=application.pk).values(*TIMESTAMPS).get()
    moved = {name: when for name, value in row.items() if value is not None and value >= since}
    Application.objects.filter(pk=application.pk).update(**moved)
    ApplicationEvent.objects.filter(application=application, created_at__gte=since).update(created_at=when)
    Engagement.objects.filter(application=application, created_at__gte=since).update(created_at=when, updated_at=when)
    AuditLog.objects.filter(
        target_type=Application._meta.label_lower, target_id=str(application.pk), created_at__gte=since
    ).update(created_at=when)


def _step(step: Step, application: Application | None, story: Story, context: dict, when: datetime):
    users = context["users"]
    if step.action == "apply":
        applicant, user = _applicant_of(story, users)
        data = {"name": applicant.name, "email": applicant.email, "phone": applicant.phone,
                "birth_year": applicant.birth_year, "message": story.message, "guardian_email": story.guardian_email}
        return services.application_create(opportunity=context["opportunity"], data=data, user=user,
                                           language=applicant.language)
    if step.action == "confirm":
        services.application_confirm_email(application=application)
    elif step.action == "consent":
        services.application_guardian_answer(application=application, consent=True)
    elif step.action == "answer":
        start = timezone.localdate(when) + timedelta(days=7) if step.status == Status.ACCEPTED else None
        services.application_set_status(application=application, status=step.status, actor=users[step.by],
                                        message=step.text, start_date=start)
    elif step.action == "note":
        services.application_add_note(application=application, actor=users[step.by], text=step.text)
    elif step.action == "withdraw":
        services.application_withdraw(application=application, actor=application.user)
    application.refresh_from_db()
    return application


def story_create(story: Story, opportunity: Opportunity, users: dict, now: datetime) -> Application:
    """Play the story through the services, moving each step's rows back to its moment."""
    application = None
    context = {"users": users, "opportunity": opportunity}
    for step, when in zip(story.steps, _times(story, opportunity, now), strict=True):
        since = timezone.now()
        application = _step(step, application, story, context, when)
        _backdate(application, since, when)
    application.refresh_from_db()
    return application


# --- the seed_demo step ------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    total: int = 0
    new: int = 0
    skipped_stories: list[str] = field(default_factory=list)


def _story_opportunities() -> dict[tuple[str, str], Opportunity]:
    keys = {(story.organisation, story.opportunity) for story in stories()}
    found = Opportunity.objects.filter(organisation__slug__in={slug for slug, _title in keys}).select_related(
        "organisation"
    )
    return {(o.organisation.slug, o.title): o for o in found if (o.organisation.slug, o.title) in keys}


def _story_email(story: Story, users: dict) -> str:
    return story.applicant.email if isinstance(story.applicant, Applicant) else users[story.applicant].email


@transaction.atomic
def create_demo_applications(users: dict, now: datetime | None = None) -> Outcome:
    """The cast's stories and the crowd (see the module docstring); only what is missing is created."""
    now = now or timezone.now()
    outcome = Outcome()
    existing = set(Application.objects.values_list("opportunity_id", "email"))
    opportunities = _story_opportunities()
    for story in stories():
        opportunity = opportunities.get((story.organisation, story.opportunity))
        if opportunity is None or services.can_apply_problem(opportunity):
            outcome.skipped_stories.append(story.opportunity)
            continue
        outcome.total += 1
        if (opportunity.pk, _story_email(story, users)) in existing:
            continue
        application = story_create(story, opportunity, users, now)
        existing.add((opportunity.pk, application.email))
        outcome.new += 1
    plan = crowd_plan(timezone.localdate(now).year)
    missing = [item for item in plan if (item.opportunity.pk, item.applicant.email) not in existing]
    outcome.total += len(plan)
    outcome.new += len(crowd_create(missing, users, now)) if missing else 0
    return outcome


def crowd_plan(year: int) -> list[Planned]:
    """The crowd's applications to the demo's own published opportunities (not ones people added), in order."""
    members = _members_by_spec()
    opportunities = (
        Opportunity.objects.published().filter(published_at__isnull=False)
        .select_related("organisation").order_by("organisation__slug", "title")
    )
    names = {opportunity.organisation.slug: opportunity.organisation.name for opportunity in opportunities}
    demo = {(spec["organisation"], spec["fields"]["title"])
            for spec in demo_opportunities.opportunity_specs(names, timezone.localdate())}
    return [
        item
        for opportunity in opportunities
        if (opportunity.organisation.slug, opportunity.title) in demo
        for item in plan_for(opportunity, members, year)
    ]
