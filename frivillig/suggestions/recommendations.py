""""Forslag til dig": opportunities suggested to a signed-in person from their profile, each with its reasons.

A suggestion is a published opportunity that is still open (neither its application deadline nor its end date
has passed), that the person has not applied to (in any status, withdrawn too: they know it already), and whose
minimum age they reach (when they gave a birth year). It must match the profile in at least one way, and each way
is a reason the page gives in words:

- a category among their interests (weight 3), one reason per matching interest;
- in one of their areas of the city (2); with areas chosen, an opportunity that can be done online also counts (1);
- at a time they can help (1): the opportunity's days (weekdays/weekends) and times of day (daytime/evenings)
  meet theirs, where a side that names none in a pair does not rule it out, and at least one is shared;
- it suits young people and they are 13–17, or it suits seniors and they are 65 or older (1).

The score is summed in the database, which returns the best `limit` (best first, then newest), so the cost does
not grow with the number of opportunities; the reasons are then worded for those few. Queries: the profile with
its interests and areas (3, none when the caller passes the profile it has loaded), the suggestions (1) and their
categories (1).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.accounts.models import VolunteerProfile
from frivillig.accounts.selectors import profile_for_user
from frivillig.applications.models import Application
from frivillig.opportunities.models import Opportunity

MAX_SUGGESTIONS = 20
YOUTH_AGES = range(13, 18)
SENIOR_AGE = 65
WEIGHTS = {"interest": 3, "area": 2, "online": 1, "when": 1, "suits": 1}
# The pairs of when-flags: an opportunity's `when_<key>` meets a profile's `available_<key>`.
DAYS = ("weekdays", "weekends")
TIMES = ("daytime", "evenings")
WHEN_LABELS = {
    "weekdays": gettext_lazy("weekdays"),
    "weekends": gettext_lazy("weekends"),
    "daytime": gettext_lazy("daytime"),
    "evenings": gettext_lazy("evenings"),
}


@dataclass(frozen=True)
class Suggestion:
    opportunity: Opportunity
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Suggestions:
    """The suggestions, best first, and whether the profile gives nothing to suggest from."""

    items: list[Suggestion]
    profile_is_empty: bool


def profile_is_empty(profile: VolunteerProfile) -> bool:
    """True if the person has told nothing that suggestions use (interests and areas must be prefetched)."""
    return not (
        profile.interests.all()
        or profile.areas.all()
        or profile.birth_year
        or any(getattr(profile, f"available_{key}") for key in (*DAYS, *TIMES))
    )


def age_in(profile: VolunteerProfile, year: int) -> int | None:
    """The age the person reaches in `year` (as applying counts it), or None without a birth year."""
    return year - profile.birth_year if profile.birth_year else None


def suggestions_for(user, *, profile: VolunteerProfile | None = None, limit: int = MAX_SUGGESTIONS,
                    today=None) -> Suggestions:
    """The person's suggestions (see the module docstring). Pass `profile` if it is loaded with its interests and
    areas prefetched (Min side has it), to save its queries."""
    profile = profile or profile_for_user(user)
    if profile_is_empty(profile):
        return Suggestions(items=[], profile_is_empty=True)
    today = today or timezone.localdate()
    matcher = _Matcher(profile, age_in(profile, today.year))
    score = matcher.score()
    if score is None:
        return Suggestions(items=[], profile_is_empty=False)
    opportunities = (
        _candidates(user, matcher.age, today)
        .annotate(score=score)
        .filter(score__gt=0)
        .select_related("organisation", "area")
        .defer("description", "search_text", "search_vector", "role_volunteer_tasks", "role_staff_tasks")
        .prefetch_related("categories")
        .order_by("-score", "-published_at", "-id")[:limit]
    )
    items = [Suggestion(opportunity, tuple(matcher.reasons(opportunity))) for opportunity in opportunities]
    return Suggestions(items=items, profile_is_empty=False)


def _candidates(user, age: int | None, today):
    applied = Application.objects.filter(opportunity=OuterRef("pk"), user=user)
    candidates = (
        Opportunity.objects.published()
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(Exists(applied))
    )
    if age is not None:
        candidates = candidates.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age))
    return candidates


def _any(*conditions: Q) -> Q:
    return reduce(or_, conditions)


class _Matcher:
    """One profile's ways of matching an opportunity: as a score in SQL, and as reasons in words."""

    def __init__(self, profile: VolunteerProfile, age: int | None):
        self.age = age
        self.interests = {category.pk: category for category in profile.interests.all()}
        self.areas = {area.pk for area in profile.areas.all()}
        self.days = {key for key in DAYS if getattr(profile, f"available_{key}")}
        self.times = {key for key in TIMES if getattr(profile, f"available_{key}")}
        self.youth = age in YOUTH_AGES if age is not None else False
        self.senior = age >= SENIOR_AGE if age is not None else False

    # --- in SQL ---

    def conditions(self) -> dict[str, Q | Exists]:
        """Each way of matching this profile can offer, as a condition on an opportunity."""
        through = Opportunity.categories.through
        conditions = {}
        if self.interests:
            conditions["interest"] = Exists(
                through.objects.filter(opportunity_id=OuterRef("pk"), category_id__in=list(self.interests))
            )
        if self.areas:
            conditions["area"] = Q(area_id__in=self.areas)
            conditions["online"] = Q(is_online=True)
        if self.days or self.times:
            conditions["when"] = self._when_condition()
        if self.youth:
            conditions["suits_youth"] = Q(suits_youth=True)
        if self.senior:
            conditions["suits_seniors"] = Q(suits_seniors=True)
        return conditions

    def _when_condition(self) -> Q:
        shared = _any(*(Q(**{f"when_{key}": True}) for key in self.days | self.times))
        for pair, mine in ((DAYS, self.days), (TIMES, self.times)):
            if mine:  # the opportunity names none of the pair, or one of mine
                names_any = _any(*(Q(**{f"when_{key}": True}) for key in pair))
                shared &= ~names_any | _any(*(Q(**{f"when_{key}": True}) for key in mine))
        return shared

    def score(self):
        """The sum of the weights of the ways an opportunity matches, or None if the profile offers none."""
        conditions = self.conditions()
        if not conditions:
            return None
        parts = [
            Case(When(condition, then=Value(WEIGHTS[name.partition("_")[0]])), default=Value(0),
                 output_field=IntegerField())
            for name, condition in conditions.items()
        ]
        return reduce(lambda total, part: total + part, parts)

    # --- in words ---

    def reasons(self, opportunity: Opportunity) -> list[str]:
        """Why `opportunity` is suggested, as sentences in the active language, strongest first."""
        reasons = [
            _("Matches your interest in %(category)s") % {"category": category.name}
            for category in opportunity.categories.all()
            if category.pk in self.interests
        ]
        if opportunity.area_id in self.areas:
            reasons.append(_("In your area: %(area)s") % {"area": opportunity.area.name})
        if self.areas and opportunity.is_online:
            reasons.append(_("Can be done online"))
        shared = self._shared_times(opportunity)
        if shared:
            times = ", ".join(str(WHEN_LABELS[key]) for key in shared)
            reasons.append(_("Fits when you can help: %(times)s") % {"times": times})
        if self.youth and opportunity.suits_youth:
            reasons.append(_("Suits young people"))
        if self.senior and opportunity.suits_seniors:
            reasons.append(_("Suits seniors"))
        return reasons

    def _shared_times(self, opportunity: Opportunity) -> list[str]:
        """The days and times the opportunity and the person share, if nothing in a pair rules it out."""
        shared = []
        for pair, mine in ((DAYS, self.days), (TIMES, self.times)):
            theirs = {key for key in pair if getattr(opportunity, f"when_{key}")}
            if mine and theirs and not mine & theirs:
                return []
            shared += [key for key in pair if key in mine & theirs]
        return shared
