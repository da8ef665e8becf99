"""Demo hours for `manage.py seed_demo`, so totals, thank-yous and certificates have content.

- **Attendance** on the past shifts that frivillig/shifts/demo.py signed people up for in this run
  (`Outcome.attendance`): recorded through `services.attendance_record` by the organisation's admin, the day after
  the shift. Someone with an account who came gets approved hours of the shift's length; a no-show gets none.
- **Logged hours** on the demo's accepted engagements of people with an account: about weekly from the start
  date, at most `MAX_WEEKS` entries, through `services.hours_log`. The organisation's admin approved those more
  than two weeks old (`services.hours_decide`, in a Monday batch; now and then one is rejected); the
  newer ones wait for approval. ane logs every visit at Akaciegården, so she has more than 12 approved hours.

Everything happens in time order, each row moved back to its moment, so the threshold thank-yous come when the
hours reached them. Idempotent: a logged entry is found by (engagement, date); attendance is recorded only for
sign-ups the shifts demo has just made. Dates follow each engagement's start date, so a run on a later day adds
only the weeks that have passed since. No e-mail is sent: seed_demo holds back every task the services queue.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from frivillig.applications.models import Engagement
from frivillig.core.models import AuditLog
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership
from frivillig.shifts.demo import Attendance
from frivillig.shifts.services import local_datetime

from . import services
from .models import HoursEntry, ThankYou

SEED = "frivillig-demo-hours"
MAX_WEEKS = 8
APPROVED_AFTER = timedelta(days=14)  # entries older than this were approved (or rejected); newer ones wait
SKIP_SHARE = 0.25  # weeks a volunteer did not come
REJECT_SHARE = 0.04
ACTIVE_SHARE = 0.6  # engagements with logged hours; the rest have none yet
ANE = "ane@example.org"
STEP = Decimal("0.5")
NOTES = ["", "", "", "Som aftalt", "Inkl. forberedelse", "Lidt længere end planlagt i dag", "Ekstra gang, da en "
         "anden var syg"]
ANE_NOTES = ["Kortspil og kaffe i fællesstuen", "Højtlæsning for to beboere", "Gåtur i Lindevangsparken med en "
             "beboer", "Hjalp med at pynte op til jul", ""]
FIRST_NOTE = "Første gang – introduktion med en erfaren frivillig"
REJECT_REASON = "Timerne står allerede på vagten samme dag, så de er talt med."


@dataclass
class Outcome:
    new_entries: int = 0
    attendance: int = 0


@dataclass(frozen=True)
class Planned:
    engagement: Engagement
    day: date
    hours: Decimal
    note: str
    decision: str  # "approve", "reject" or "" (still pending)


def _round(hours: float) -> Decimal:
    value = (Decimal(str(hours)) / STEP).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * STEP
    return min(Decimal("12"), max(STEP, value))


def plan_for(engagement: Engagement, today: date) -> list[Planned]:
    """The hours one engagement's volunteer logged: every draw is made each week, so the plan depends only on the
    engagement (organisation, opportunity, e-mail, start date) and the day."""
    opportunity = engagement.opportunity
    email = engagement.volunteer.email
    rng = random.Random(f"{SEED}|{engagement.organisation.slug}|{opportunity.title}|{email}")
    is_ane = email == ANE
    if rng.random() >= ACTIVE_SHARE and not is_ane:
        return []
    weekly = float(opportunity.hours_per_week or 2)
    planned = []
    for week in range(MAX_WEEKS):
        skip, factor, offset, note, reject = (
            rng.random(), rng.choice([0.75, 1, 1, 1, 1.25, 1.5]), rng.randint(0, 2), rng.choice(NOTES), rng.random()
        )
        ane_note = rng.choice(ANE_NOTES)
        day = engagement.start_date + timedelta(days=7 * week + offset)
        if day >= today:
            break
        if skip < SKIP_SHARE and not is_ane:
            continue
        if is_ane:
            note, factor, reject = ane_note, 1, 1
        elif week == 0:
            note = FIRST_NOTE
        old = day <= today - APPROVED_AFTER
        decision = ("reject" if reject < REJECT_SHARE else "approve") if old else ""
        planned.append(Planned(engagement, day, _round(weekly * factor), note, decision))
    return planned


def _engagements():
    return (
        Engagement.objects.filter(volunteer__isnull=False, end_date__isnull=True)
        .exclude(opportunity__time_commitment=Opportunity.TimeCommitment.ONE_OFF)
        .select_related("volunteer__profile", "organisation", "opportunity")
        .order_by("organisation__slug", "opportunity__title", "volunteer__email")
    )


def decided_at(day: date) -> datetime:
    """Organisations go through the week's hours on Monday morning: the first Monday at least two days after."""
    after = day + timedelta(days=2)
    return local_datetime(after + timedelta(days=(7 - after.weekday()) % 7), time(10))


@dataclass
class HoursSeeder:
    now: datetime
    outcome: Outcome = field(default_factory=Outcome)

    def __post_init__(self):
        self.today = timezone.localdate(self.now)
        self.admins = {}
        for membership in Membership.objects.admins().select_related("user").order_by("user__email"):
            self.admins.setdefault(membership.organisation_id, membership.user)

    def logged(self) -> list[tuple[datetime, str, object]]:
        """Log the missing entries (each as of the evening after); returns the decisions to make, with when."""
        logged = HoursEntry.objects.filter(engagement__isnull=False, signup__isnull=True)
        existing = set(logged.values_list("engagement_id", "date"))
        decisions = []
        for engagement in _engagements():
            if engagement.organisation_id not in self.admins:
                continue
            for item in plan_for(engagement, self.today):
                if (engagement.pk, item.day) in existing:
                    continue
                entry = services.hours_log(volunteer=engagement.volunteer, engagement=engagement, date=item.day,
                                           hours=item.hours, note=item.note, today=self.today)
                logged_at = min(self.now, local_datetime(item.day + timedelta(days=1), time(19, 30)))
                HoursEntry.objects.filter(pk=entry.pk).update(created_at=logged_at, updated_at=logged_at)
                self.outcome.new_entries += 1
                if item.decision:
                    decisions.append((min(self.now, decided_at(item.day)), item.decision, entry))
        return decisions

    def decide(self, decisions: list[tuple[datetime, str, object]]) -> list[tuple[datetime, object]]:
        """Group the decisions into the organisations' batches (one per organisation, day and verdict)."""
        batches: dict[tuple, list] = {}
        for when, decision, entry in decisions:
            batches.setdefault((when, entry.organisation_id, decision), []).append(entry)
        return [
            (when, lambda when=when, organisation=organisation, decision=decision, entries=entries: self.batch(
                when, organisation, decision, entries))
            for (when, organisation, decision), entries in batches.items()
        ]

    def batch(self, when: datetime, organisation_id: int, decision: str, entries: list) -> None:
        since = timezone.now()
        services.hours_decide(entries=entries, actor=self.admins[organisation_id], approve=decision == "approve",
                              reason=REJECT_REASON if decision == "reject" else "", now=when)
        self.moved_back(since, when)

    def attend(self, item: Attendance) -> None:
        since = timezone.now()
        entry = services.attendance_record(signup=item.signup, attended=item.attended, actor=item.actor, now=item.at)
        if entry is not None:
            HoursEntry.objects.filter(pk=entry.pk).update(created_at=item.at, updated_at=item.at)
        self.moved_back(since, item.at)
        self.outcome.attendance += 1

    @staticmethod
    def moved_back(since: datetime, when: datetime) -> None:
        """The audit entries and thank-yous a service call just wrote, moved back to its moment."""
        AuditLog.objects.filter(created_at__gte=since).update(created_at=when)
        ThankYou.objects.filter(sent_at__gte=since).update(sent_at=when)

    def run(self, attendance: list[Attendance]) -> Outcome:
        steps = self.decide(self.logged())
        steps += [(item.at, lambda item=item: self.attend(item)) for item in attendance]
        for _when, step in sorted(steps, key=lambda pair: pair[0]):
            step()
        return self.outcome


@transaction.atomic
def create_demo_hours(attendance: list[Attendance] = (), now: datetime | None = None) -> Outcome:
    """Attendance on the shifts demo's past sign-ups, and logged hours on the engagements; see the docstring."""
    return HoursSeeder(now=now or timezone.now()).run(list(attendance))
