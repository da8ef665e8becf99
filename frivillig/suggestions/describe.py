"""A saved search in words: what it filters, for the pages that list and save searches, and a default name."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import GROUP_LABELS, GROUPS, SearchParams
from frivillig.opportunities.search.query import CHILD_CERTIFICATE, FLAG_GROUPS, SUITS, VOCABULARIES

NAME_LENGTH = 100


@dataclass(frozen=True)
class Criterion:
    """One thing a search asks for: a label ("Area of the city") and the values chosen in it."""

    label: str
    values: tuple[str, ...]


def _value_labels(group: str, values: tuple, vocabulary: dict) -> tuple[str, ...]:
    """The names of a group's chosen values in the active language; slugs no longer in use are left out."""
    if group in VOCABULARIES:
        names = {entry.slug: entry.name for entry in vocabulary[group]}
        return tuple(names[value] for value in values if value in names)
    if group == "time_commitment":
        return tuple(str(Opportunity.TimeCommitment(value).label) for value in values)
    if group == "suits":
        return tuple(str(SUITS[value][1]) for value in values)
    if group == "child_certificate":
        return tuple(str(CHILD_CERTIFICATE[value]) for value in values)
    return (str(FLAG_GROUPS[group][1]),) if values else ()


def describe_search(params: SearchParams, vocabulary: dict) -> list[Criterion]:
    """What the search asks for, group by group in the search page's order; empty for "everything".

    `vocabulary` is load_vocabulary()'s answer, read once for any number of searches.
    """
    criteria = []
    if params.q:
        criteria.append(Criterion(_("Search text"), (params.q,)))
    for group in GROUPS:
        values = _value_labels(group, params.selected(group), vocabulary)
        if values:
            criteria.append(Criterion(str(GROUP_LABELS[group]), values))
    return criteria


def default_name(params: SearchParams, vocabulary: dict) -> str:
    """A name for a new saved search: its search text and chosen values, or "All volunteer opportunities"."""
    terms = [value for criterion in describe_search(params, vocabulary) for value in criterion.values]
    if not terms:
        return _("All volunteer opportunities")
    return Truncator(", ".join(terms)).chars(NAME_LENGTH)
