"""The search: parameters, free text on either database, filters, facet counts, sorting, pagination, indexing.

These run on SQLite and on PostgreSQL (DATABASE_URL); the Danish stemming and typo tests are in
test_search_postgres.py.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.utils import timezone, translation

from frivillig.core.models import Category
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import (
    GROUPS,
    MAX_QUERY_LENGTH,
    SearchParams,
    index_opportunity,
    reindex_all,
    search_opportunities,
)
from frivillig.opportunities.tests import search_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Labels in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def no_cache(settings):
    """Searches here count afresh each time: the facet counts of text-free searches are otherwise cached."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def search(query: str = "", **kwargs):
    return search_opportunities(SearchParams.from_querydict(QueryDict(query)), **kwargs)


def titles(result) -> list[str]:
    return [opportunity.title for opportunity in result.page.object_list]


def facet(result, group: str) -> dict[str, int]:
    return {option.value: option.count for option in result.facets[group]}


# --- parameters ---------------------------------------------------------------------------------------------


def test_params_read_every_filter():
    params = SearchParams.from_querydict(QueryDict(
        "q=  lektiehjælp   for børn &categories=lektiehjaelp&categories=idraet&target_groups=boern"
        "&policy_areas=integration&areas=nord&time_commitment=regular&suits=youth&suits=families"
        "&languages=engelsk&no_danish=1&wheelchair=on&child_certificate=not_required&online=true"
        "&sort=deadline&side=3"
    ))
    assert params == SearchParams(
        q="lektiehjælp for børn", categories=("lektiehjaelp", "idraet"), target_groups=("boern",),
        policy_areas=("integration",), areas=("nord",), time_commitment=("regular",), suits=("youth", "families"),
        languages=("engelsk",), no_danish=True, wheelchair=True, child_certificate=("not_required",), online=True,
        sort="deadline", page=3,
    )
    assert params.is_filtered


def test_params_ignore_bad_values_instead_of_failing():
    params = SearchParams.from_querydict(QueryDict(
        "categories=<script>&categories=idraet&categories=idraet&time_commitment=forever&suits=pets"
        "&child_certificate=maybe&no_danish=nej&sort=random&side=-2&online="
    ))
    assert params == SearchParams(categories=("idraet",))
    assert SearchParams.from_querydict(QueryDict("side=abc")).page == 1
    assert SearchParams.from_querydict(QueryDict("q=" + "x" * 500)).q == "x" * MAX_QUERY_LENGTH


def test_params_accept_a_plain_dict_with_comma_lists_and_page():
    params = SearchParams.from_querydict({"categories": "idraet,kultur", "suits": ["youth"], "page": "2"})
    assert params.categories == ("idraet", "kultur")
    assert params.suits == ("youth",)
    assert params.page == 2


def test_params_round_trip_through_the_query_string():
    params = SearchParams(q="lektier", categories=("idraet",), wheelchair=True, sort="newest", page=4)
    assert SearchParams.from_querydict(params.querydict(with_page=True)) == params
    assert "side" not in params.urlencode()


def test_without_removes_one_value_and_goes_back_to_page_one():
    params = SearchParams(categories=("idraet", "kultur"), wheelchair=True, page=3)
    assert params.without("categories", "idraet") == SearchParams(categories=("kultur",), wheelchair=True)
    assert params.without("wheelchair", "1") == SearchParams(categories=("idraet", "kultur"))


def test_words_are_case_folded_letters_and_digits():
    assert SearchParams(q="ÆLDRE, lektie-hjælp 4.–10. klasse ældre").words == [
        "ældre", "lektie", "hjælp", "4", "10", "klasse"
    ]


def test_sort_defaults_to_relevance_with_text_and_newest_without():
    assert SearchParams(q="ældre").effective_sort == "relevance"
    assert SearchParams().effective_sort == "newest"
    assert SearchParams(sort="relevance").effective_sort == "newest"
    assert SearchParams(q="ældre", sort="deadline").effective_sort == "deadline"


# --- free text (both databases) -----------------------------------------------------------------------------


def test_every_word_must_match():
    make.opportunity("Lektiehjælp for børn", description="Hjælp med matematik.")
    make.opportunity("Lektiehjælp for voksne", description="Dansk og engelsk.")
    assert set(titles(search("q=lektiehjælp"))) == {"Lektiehjælp for voksne", "Lektiehjælp for børn"}
    assert titles(search("q=lektiehjælp matematik")) == ["Lektiehjælp for børn"]
    assert titles(search("q=lektiehjælp matematik engelsk")) == []


def test_text_is_case_insensitive_for_danish_letters():
    make.opportunity("Besøgsven for ældre", description="Kaffe og en gåtur i Søndermarken.")
    assert titles(search("q=ÆLDRE")) == ["Besøgsven for ældre"]
    assert titles(search("q=BESØGSVEN SØNDERMARKEN")) == ["Besøgsven for ældre"]
    assert titles(search("q=GÅTUR")) == ["Besøgsven for ældre"]


def test_text_finds_the_start_of_a_compound():
    make.opportunity("Lektiehjælp i Solbjerg")
    assert titles(search("q=lektie")) == ["Lektiehjælp i Solbjerg"]


def test_text_searches_summary_description_skills_and_organisation():
    organisation = make.organisation("roklubben-fjorden", name="Roklubben Fjorden")
    make.opportunity("Instruktør", summary="Lær unge at ro", description="Om sommeren på søerne",
                     skills="Førstehjælp", organisation_=organisation)
    for word in ("unge", "sommeren", "førstehjælp", "roklubben"):
        assert titles(search(f"q={word}")) == ["Instruktør"], word


def test_only_published_opportunities_of_active_organisations_are_found():
    make.opportunity("Udgivet")
    make.opportunity("Kladde", status=Opportunity.Status.DRAFT)
    make.opportunity("Sat på pause", status=Opportunity.Status.PAUSED)
    dissolved = make.organisation("nedlagt", dissolved_at=timezone.now())
    make.opportunity("Nedlagt forening", organisation_=dissolved)
    assert titles(search()) == ["Udgivet"]
    assert search().total == 1


def test_text_with_symbols_only_finds_everything():
    make.opportunity("Noget")
    assert search("q=%27%3A*%26%7C!").total == 1


# --- filters and facets -------------------------------------------------------------------------------------


@pytest.fixture
def three(db):
    """A: lektiehjælp in Nord; B: lektiehjælp in Syd, online; C: idræt in Nord, wheelchair, youth."""
    return {
        "A": make.opportunity("A", categories=["lektiehjaelp"], area="nord", time_commitment="regular",
                              requires_child_certificate=True, languages=["engelsk"]),
        "B": make.opportunity("B", categories=["lektiehjaelp", "boern-unge"], area="syd", is_online=True,
                              time_commitment="one_off", no_danish_required=True, target_groups=["boern"]),
        "C": make.opportunity("C", categories=["idraet"], area="nord", wheelchair_accessible=True, suits_youth=True,
                              time_commitment="regular", policy_areas=["sundhed"], suits_families=True),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("categories=lektiehjaelp", {"A", "B"}),
        ("categories=lektiehjaelp&categories=idraet", {"A", "B", "C"}),
        ("areas=nord", {"A", "C"}),
        ("categories=lektiehjaelp&areas=nord", {"A"}),
        ("time_commitment=one_off", {"B"}),
        ("suits=youth", {"C"}),
        ("suits=youth&suits=seniors", {"C"}),
        ("languages=engelsk", {"A"}),
        ("no_danish=1", {"B"}),
        ("wheelchair=1", {"C"}),
        ("online=1", {"B"}),
        ("child_certificate=required", {"A"}),
        ("child_certificate=not_required", {"B", "C"}),
        ("child_certificate=required&child_certificate=not_required", {"A", "B", "C"}),
        ("target_groups=boern", {"B"}),
        ("policy_areas=sundhed", {"C"}),
        ("categories=unknown-slug", {"A", "B", "C"}),
    ],
)
def test_filters(three, query, expected):
    result = search(query)
    assert set(titles(result)) == expected
    assert result.total == len(expected)


def test_facets_cover_every_group_with_labels_counts_and_selection(three):
    result = search("categories=lektiehjaelp")
    assert list(result.facets) == list(GROUPS)
    lektie = next(option for option in result.facets["categories"] if option.value == "lektiehjaelp")
    assert (lektie.label, lektie.count, lektie.selected) == ("Homework help and reading", 2, True)
    assert len(result.facets["categories"]) == Category.objects.count()  # zero counts are listed too
    assert facet(result, "suits") == {"youth": 0, "seniors": 0, "families": 0, "groups": 0}
    assert facet(result, "child_certificate") == {"required": 1, "not_required": 1}
    assert facet(result, "time_commitment")["one_off"] == 1


def test_each_group_is_counted_without_its_own_selection(three):
    result = search("categories=lektiehjaelp&areas=nord")
    assert result.total == 1
    # Categories are counted with the area filter only: ticking idræt too would add C.
    assert facet(result, "categories")["lektiehjaelp"] == 1
    assert facet(result, "categories")["idraet"] == 1
    # Areas are counted with the category filter only: ticking Syd too would add B.
    assert facet(result, "areas")["nord"] == 1
    assert facet(result, "areas")["syd"] == 1
    # Other groups are counted within the current results (A).
    assert facet(result, "online") == {"1": 0}
    assert facet(result, "languages")["engelsk"] == 1


def test_facets_follow_the_free_text(three):
    make.opportunity("Fodboldtræner", categories=["idraet"], area="syd")
    result = search("q=fodboldtræner")
    assert result.total == 1
    assert facet(result, "categories")["idraet"] == 1
    assert facet(result, "categories")["lektiehjaelp"] == 0


def test_selected_filters_link_to_the_search_without_them(three):
    result = search("q=a&categories=lektiehjaelp&wheelchair=1")
    removals = {(chosen.group, chosen.label): chosen.remove_query for chosen in result.selected_filters}
    assert removals == {
        ("categories", "Homework help and reading"): "q=a&wheelchair=1",
        ("wheelchair", "Wheelchair accessible"): "q=a&categories=lektiehjaelp",
    }


def test_facets_can_be_left_out():
    make.opportunity("A")
    result = search(with_facets=False)
    assert result.facets == {}
    assert result.total == 1


# --- sorting and pagination ---------------------------------------------------------------------------------


def test_sort_newest_and_deadline():
    today = timezone.localdate()
    make.opportunity("Old, deadline soon", published_days_ago=5, application_deadline=today + datetime.timedelta(3))
    make.opportunity("New, no deadline", published_days_ago=0)
    make.opportunity("Middle, deadline later", published_days_ago=2,
                     application_deadline=today + datetime.timedelta(30))
    assert titles(search()) == ["New, no deadline", "Middle, deadline later", "Old, deadline soon"]
    assert titles(search("sort=newest")) == titles(search())
    assert titles(search("sort=deadline")) == ["Old, deadline soon", "Middle, deadline later", "New, no deadline"]


@pytest.mark.parametrize("query", ["", "sort=deadline", "q=lektie", "q=lektie&sort=newest", "side=2",
                                   "categories=idraet&side=2&sort=deadline"])
def test_the_facet_query_picks_the_same_page_as_the_plain_query(query):
    today = timezone.localdate()
    for number in range(26):
        make.opportunity(
            f"Lektiehjælp {number}" if number % 2 else f"Idræt {number}", published_days_ago=number % 7,
            categories=["idraet"] if number % 3 else ["kultur"],
            application_deadline=today + datetime.timedelta(days=number % 5) if number % 4 else None,
        )
    with_facets, plain = search(query), search(query, with_facets=False)
    assert [o.pk for o in with_facets.page.object_list] == [o.pk for o in plain.page.object_list]
    assert (with_facets.total, with_facets.page.number) == (plain.total, plain.page.number)


def test_pagination():
    for day in range(25):
        make.opportunity(f"Opslag {day:02}", published_days_ago=day)
    first = search()
    assert first.total == 25
    assert first.page.paginator.num_pages == 2
    assert len(first.page.object_list) == 20
    second = search("side=2")
    assert titles(second) == [f"Opslag {day:02}" for day in range(20, 25)]
    assert search("side=99").page.number == 2  # past the end: the last page
    assert len(search(page_size=10).page.object_list) == 10


# --- query counts -------------------------------------------------------------------------------------------


def _many(count: int):
    organisations = [make.organisation(f"forening-{number}") for number in range(3)]
    for number in range(count):
        make.opportunity(
            f"Lektiehjælp {number}", organisation_=organisations[number % 3], area="nord",
            categories=["lektiehjaelp", "boern-unge"], target_groups=["boern"], languages=["engelsk"],
            latitude=55.68 + number / 1000, longitude=12.53,
        )


def _count_queries(django_assert_max_num_queries, query: str) -> int:
    with django_assert_max_num_queries(10) as captured:
        result = search(query, with_map=True)
        shown = [(o.organisation.name, o.area.name, [c.name for c in o.categories.all()])
                 for o in result.page.object_list]
    assert shown
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["", "q=lektiehjælp&categories=lektiehjaelp&areas=nord", "side=2"])
def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries, query):
    _many(5)
    few = _count_queries(django_assert_max_num_queries, query)
    _many(40)
    many = _count_queries(django_assert_max_num_queries, query)
    assert few == many <= 10


def test_facets_of_text_free_searches_are_cached_briefly(settings, django_assert_max_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    make.opportunity("Træner i idræt", categories=["idraet"])
    assert search("categories=idraet").total == 1
    make.opportunity("Træner i svømning", categories=["idraet"])
    cached = search("categories=idraet")
    # The counts and the total may lag for FACET_CACHE_SECONDS, the list does not.
    assert (facet(cached, "categories")["idraet"], cached.total) == (1, 1)
    assert titles(cached) == ["Træner i svømning", "Træner i idræt"]
    text = search("categories=idraet&q=træner")  # Searches with text are never cached.
    assert (facet(text, "categories")["idraet"], text.total) == (2, 2)
    with django_assert_max_num_queries(3):  # vocabularies, the page, its categories
        search("categories=idraet")


# --- indexing -----------------------------------------------------------------------------------------------


def test_index_opportunity_refreshes_the_search_columns():
    opportunity = make.opportunity("Sprogcafé", description="Vi taler dansk.")
    opportunity.description = "Vi går nattevandring i weekenden."
    opportunity.save(update_fields=["description"])
    assert titles(search("q=nattevandring")) == []
    index_opportunity(opportunity)
    assert titles(search("q=nattevandring")) == ["Sprogcafé"]
    assert "vi går nattevandring" in Opportunity.objects.get(pk=opportunity.pk).search_text


def test_reindex_all_and_the_management_command():
    organisation = make.organisation("gamle-navn", name="Gamle Navn")
    make.opportunity("Affaldsindsamling", organisation_=organisation)
    Organisation = type(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(name="Grønne Hænder")
    assert titles(search("q=grønne")) == []
    assert reindex_all(batch_size=1) == 1
    assert titles(search("q=grønne")) == ["Affaldsindsamling"]
    output = StringIO()
    call_command("reindex_opportunities", stdout=output)
    assert "1" in output.getvalue()


def test_the_search_vector_is_filled_on_postgresql_only():
    opportunity = make.opportunity("Festivalfrivillig")
    vector = Opportunity.objects.values_list("search_vector", flat=True).get(pk=opportunity.pk)
    if connection.vendor == "postgresql":
        assert "'festivalfrivil':1A" in vector
    else:
        assert vector is None
