"""Danish relevance on PostgreSQL: stems, compounds, typos and ranking (skipped on SQLite).

Run with DATABASE_URL=postgres://… (see the README); CI runs the suite on PostgreSQL.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from frivillig.opportunities.search import SearchParams, search_opportunities
from frivillig.opportunities.tests import search_factories as make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish full-text search needs PostgreSQL"),
]


def titles(query: str) -> list[str]:
    result = search_opportunities(SearchParams.from_querydict(QueryDict(query)))
    return [opportunity.title for opportunity in result.page.object_list]


def test_a_plural_finds_the_compound_by_its_stem():
    """"lektier" → lekti:* finds "lektiehjælp": Danish compounds are not split, so stems match as prefixes."""
    make.opportunity("Lektiehjælp i Solbjerg", summary="Hjælp børn med matematik og dansk.")
    make.opportunity("Fodboldtræner", summary="Træn et U10-hold.")
    assert titles("q=lektier") == ["Lektiehjælp i Solbjerg"]


def test_inflections_find_each_other():
    make.opportunity("Besøgsvenner søges", summary="Besøg en ældre borger hver uge.")
    assert titles("q=besøgsven") == ["Besøgsvenner søges"]
    assert titles("q=ældres") == ["Besøgsvenner søges"]
    assert titles("q=borgere") == ["Besøgsvenner søges"]


def test_a_misspelling_finds_the_word_by_trigram_similarity():
    make.opportunity("Besøgsven for ensomme ældre", summary="En kop kaffe og en snak.")
    make.opportunity("Sprogcafé", summary="Tal dansk med nye borgere.")
    assert titles("q=besøgsvenn") == ["Besøgsven for ensomme ældre"]
    assert titles("q=sprogcaffe") == ["Sprogcafé"]


def test_every_word_must_match_by_stem_or_similarity():
    make.opportunity("Besøgsven for ensomme ældre", summary="En kop kaffe og en snak.")
    make.opportunity("Besøgsven på hospitalet", summary="Tag en snak med patienter.")
    assert titles("q=besøgsvenn ensomme") == ["Besøgsven for ensomme ældre"]
    assert titles("q=besøgsvenn ensomme hospitalet") == []


def test_stop_words_do_not_empty_the_result():
    make.opportunity("Nattevandring i weekenden")
    assert titles("q=nattevandring og i") == ["Nattevandring i weekenden"]


def test_letters_are_not_unaccented():
    """æ/ø/å stay letters of their own: "laese" is not "læse"."""
    make.opportunity("Læsehest", summary="Læs højt for børn.")
    assert titles("q=læs") == ["Læsehest"]
    assert titles("q=laese") == []


def test_title_matches_rank_above_summary_above_description():
    make.opportunity("Fællesspisning", summary="Lav mad sammen.", description="Også til dig der kan lide idræt.",
                     published_days_ago=0)
    make.opportunity("Sommerlejr", summary="Idræt og leg for børn.", description="En uge ved vandet.",
                     published_days_ago=1)
    make.opportunity("Idrætstræner", summary="Træn børn.", description="Om tirsdagen.", published_days_ago=2)
    assert titles("q=idræt") == ["Idrætstræner", "Sommerlejr", "Fællesspisning"]
    # Newest first is still there for those who ask for it.
    assert titles("q=idræt&sort=newest") == ["Fællesspisning", "Sommerlejr", "Idrætstræner"]


def test_an_exact_title_outranks_a_typo_match():
    make.opportunity("Besøgsven", summary="Besøg en ældre.", published_days_ago=1)
    make.opportunity("Besøgsvenner til plejecentret", summary="Hyggeligt samvær.", published_days_ago=0)
    assert titles("q=besøgsven")[0] == "Besøgsven"


def test_organisation_name_is_found_but_ranks_last():
    organisation = make.organisation("roedovre-roklub", name="Rødovre Roklub")
    make.opportunity("Kaffebrygger", organisation_=organisation, published_days_ago=0)
    make.opportunity("Roklub søger træner", published_days_ago=1)
    assert titles("q=roklub") == ["Roklub søger træner", "Kaffebrygger"]
