"""Opportunity search: free text that understands Danish, filters, facet counts and sorting.

The search page, the RSS feed and the API all search through `SearchParams` and `search_opportunities`.

Free text, on PostgreSQL: every word the person types must match the weighted tsvector, either as a prefix of
its Danish stem (`to_tsquery('danish', 'word':*)`, so "lektier" → `lekti:*` finds "lektiehjælp"), or through a
word of the titles and summaries that is pg_trgm-similar to it (so the typo "besøgsvenn" finds "besøgsven").
The similar words come from a small dictionary table (migration 0003) rather than a trigram scan of every row,
so the whole match is one GIN index scan. Results rank by ts_rank_cd (title A > summary B > description C >
organisation D) of the words as typed, plus the same for the exact words (so "besøgsven" ranks above
"besøgsvenner").
The text is never unaccented: that would turn æ/ø/å into ae/o/a and defeat the Danish stemmer.

Free text, on SQLite: every word must occur in `search_text`, the case-folded copy of the text (SQLite's LIKE
folds only ASCII, so the column is folded in Python: ÆLDRE finds ældre). Relevance there is simply newest first.

Filters: within a group the values are alternatives (any category ticked), groups narrow each other. Facet
counts come from ONE aggregate query, and each group is counted with its own selection removed (the result set
with every other group's filter): a count says how many results the page would show if the person also ticked
that value, which is what a checkbox with OR semantics promises. The query materialises the text-matched rows
once (a CTE) with one match flag per filter group, and each group's counts read it with the other groups' flags.
The same query also ranks the ids of the first results, so the text is matched once per search; the counts,
the total and those ids are kept in the search cache (search/cache.py) until published content changes, so
the next page of the same search is one primary-key fetch. Searches without free text count over most rows, so
their counts and total are cached (for a minute at most), while their list stays live.

The package: params and results, the query and the facets here; search/cache.py the shared cache;
search/indexing.py the search columns.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, partial, reduce
from operator import or_
from typing import NamedTuple

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    Value,
)
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup

from ..models import Opportunity
from .cache import FACET_CACHE_SECONDS, MAX_CACHED_IDS, SearchCache, results_key

SEARCH_CONFIG = "danish"
SORTS = ("relevance", "newest", "deadline")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_VALUES = 30
MAX_PAGE_SIZE = 100
# Typos (PostgreSQL): words of at least MIN_TRIGRAM_WORD letters are also matched through up to TYPO_WORDS
# dictionary words whose trigram similarity to them is at least TYPO_SIMILARITY.
SEARCH_WORDS_TABLE = "opportunities_search_word"
MIN_TRIGRAM_WORD = 4
TYPO_SIMILARITY = 0.5
TYPO_WORDS = 5
# ts_rank_cd weights for D, C, B, A: organisation name, description and skills, summary, title.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
TRUE_VALUES = frozenset({"1", "true", "on", "yes"})
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
# Letters and digits only: a word is then safe to quote as a tsquery lexeme, and "lektie-hjælp" is two words.
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's danish.stop (the Snowball list the danish configuration uses). A stop word has no lexeme, and
# `search_vector @@ ''` matches nothing, so stop words are left out of the PostgreSQL search.
DANISH_STOP_WORDS = frozenset(
    "ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse dog du efter "
    "eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis hvor i ikke ind jeg "
    "jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når og også om op os over på "
    "selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil ville vor være været".split()
)

SUITS = {
    "youth": ("suits_youth", _("Young people (13–17)")),
    "seniors": ("suits_seniors", _("Seniors")),
    "families": ("suits_families", _("Families")),
    "groups": ("suits_groups", _("Groups and companies")),
}
CHILD_CERTIFICATE = {
    "required": _("Børneattest required"),
    "not_required": _("No børneattest required"),
}
VOCABULARIES = {
    "categories": Category,
    "target_groups": TargetGroup,
    "policy_areas": PolicyArea,
    "areas": Area,
    "languages": SpokenLanguage,
}
M2M_GROUPS = ("categories", "target_groups", "policy_areas", "languages")
FLAG_GROUPS = {
    "no_danish": ("no_danish_required", _("No Danish required")),
    "wheelchair": ("wheelchair_accessible", _("Wheelchair accessible")),
    "online": ("is_online", _("Can be done online")),
}
# The order of the groups on the page and in `SearchResult.facets`.
GROUPS = ("categories", "areas", "online", "time_commitment", "suits", "target_groups", "policy_areas",
          "languages", "no_danish", "wheelchair", "child_certificate")
GROUP_LABELS = {
    "categories": _("Category"),
    "areas": _("Area of the city"),
    "online": _("Online"),
    "time_commitment": _("Time commitment"),
    "suits": _("Suits"),
    "target_groups": _("Who you help"),
    "policy_areas": _("Policy area"),
    "languages": _("Language"),
    "no_danish": _("Danish"),
    "wheelchair": _("Accessibility"),
    "child_certificate": _("Børneattest"),
}
SORT_LABELS = {"relevance": _("Best match"), "newest": _("Newest"), "deadline": _("Application deadline")}


# --- parameters ---------------------------------------------------------------------------------------------


def _raw(data, key: str) -> list[str]:
    """All values of `key` from a QueryDict or a plain dict."""
    if hasattr(data, "getlist"):
        return [str(value) for value in data.getlist(key)]
    value = data.get(key)
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [] if value is None else [str(value)]


def _values(data, key: str) -> list[str]:
    """All values of `key`; "a,b" counts as two values."""
    return [part.strip() for item in _raw(data, key) for part in item.split(",") if part.strip()]


def _choices(data, key: str, allowed) -> tuple[str, ...]:
    """The allowed values of `key`, without duplicates, in the order given; anything else is ignored."""
    chosen = []
    for value in _values(data, key):
        if value in allowed and value not in chosen:
            chosen.append(value)
    return tuple(chosen[:MAX_VALUES])


def _slugs(data, key: str) -> tuple[str, ...]:
    chosen = []
    for value in _values(data, key):
        if SLUG.match(value) and value not in chosen:
            chosen.append(value)
    return tuple(chosen[:MAX_VALUES])


def _flag(data, key: str) -> bool:
    values = _values(data, key)
    return bool(values) and values[-1].lower() in TRUE_VALUES


def _page_number(data) -> int:
    for key in ("side", "page"):
        values = _values(data, key)
        if values and values[-1].isdigit():
            return max(1, min(int(values[-1]), 100_000))
    return 1


@dataclass(frozen=True)
class SearchParams:
    """A validated search. Bad values are dropped, never an error: a shared or hand-edited URL always works.

    Lists hold slugs (categories, target_groups, policy_areas, areas, languages) or fixed values: time_commitment
    in Opportunity.TimeCommitment, suits in {youth, seniors, families, groups}, child_certificate in
    {required, not_required}. Within a list the values are alternatives. The flags no_danish, wheelchair and
    online keep only roles that have the property. sort is relevance, newest or deadline ("" picks relevance
    with free text, else newest). Unknown slugs are dropped when the search runs.
    """

    q: str = ""
    categories: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    policy_areas: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    time_commitment: tuple[str, ...] = ()
    suits: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    no_danish: bool = False
    wheelchair: bool = False
    child_certificate: tuple[str, ...] = ()
    online: bool = False
    sort: str = ""
    page: int = 1

    @classmethod
    def from_querydict(cls, data) -> "SearchParams":
        """Read a request's GET (or any dict); the page number is `side` (the pages' name) or `page` (the API's)."""
        q = (_raw(data, "q") or [""])[-1][:MAX_QUERY_LENGTH]
        sort = _values(data, "sort")
        return cls(
            q=" ".join(q.split()),
            categories=_slugs(data, "categories"),
            target_groups=_slugs(data, "target_groups"),
            policy_areas=_slugs(data, "policy_areas"),
            areas=_slugs(data, "areas"),
            time_commitment=_choices(data, "time_commitment", Opportunity.TimeCommitment.values),
            suits=_choices(data, "suits", SUITS),
            languages=_slugs(data, "languages"),
            no_danish=_flag(data, "no_danish"),
            wheelchair=_flag(data, "wheelchair"),
            child_certificate=_choices(data, "child_certificate", CHILD_CERTIFICATE),
            online=_flag(data, "online"),
            sort=sort[-1] if sort and sort[-1] in SORTS else "",
            page=_page_number(data),
        )

    @property
    def words(self) -> list[str]:
        """The case-folded words of the free text, at most MAX_WORDS, without repeats."""
        words = []
        for word in WORD.findall(self.q.casefold()):
            if word not in words:
                words.append(word)
        return words[:MAX_WORDS]

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" or not self.sort:
            return "relevance" if self.words else "newest"
        return self.sort

    @property
    def is_filtered(self) -> bool:
        """True if any filter (not the free text or the sort) is set."""
        return any(getattr(self, group) for group in GROUPS)

    def selected(self, group: str) -> tuple[str, ...]:
        """The group's selected values as query values ("1" for a flag that is set)."""
        value = getattr(self, group)
        if isinstance(value, bool):
            return ("1",) if value else ()
        return value

    def without(self, group: str, value: str | None = None) -> "SearchParams":
        """The same search without one value of a group (or the whole group), back on page 1."""
        current = getattr(self, group)
        if isinstance(current, bool) or value is None:
            cleared = False if isinstance(current, bool) else ()
            return replace(self, **{group: cleared, "page": 1})
        return replace(self, **{group: tuple(v for v in current if v != value), "page": 1})

    def querydict(self, *, with_page: bool = False) -> QueryDict:
        """The search as URL parameters, empty ones left out (the page only if asked and not 1)."""
        data = QueryDict(mutable=True)
        if self.q:
            data["q"] = self.q
        for group in GROUPS:
            values = self.selected(group)
            if values:
                data.setlist(group, list(values))
        if self.sort:
            data["sort"] = self.sort
        if with_page and self.page > 1:
            data["side"] = str(self.page)
        return data

    def urlencode(self, *, with_page: bool = False) -> str:
        return self.querydict(with_page=with_page).urlencode()


# --- results ------------------------------------------------------------------------------------------------


class FacetOption(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class VocabularyEntry:
    id: int
    slug: str
    name_da: str
    name_en: str

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_da


@dataclass(frozen=True)
class SelectedFilter:
    """A filter in use, with the query string that removes it (for "remove this filter" links)."""

    group: str
    group_label: str
    label: str
    remove_query: str


@dataclass
class SearchResult:
    params: SearchParams
    page: Page
    total: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    map_points: list[dict] = field(default_factory=list)
    # True if the counts and total (and with free text the ranking) came from the search cache.
    cached: bool = False

    @cached_property
    def selected_filters(self) -> list[SelectedFilter]:
        chosen = []
        for group, options in self.facets.items():
            for option in options:
                if option.selected:
                    remove = self.params.without(group, option.value).urlencode()
                    chosen.append(SelectedFilter(group, str(GROUP_LABELS[group]), option.label, remove))
        return chosen


class KnownCountPaginator(Paginator):
    """A paginator whose total is already known (from the facet query or its cache), which saves a COUNT query.

    A page always holds up to per_page rows, even if a cached total has fallen a little behind.
    """

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


def search_opportunities(
    params: SearchParams,
    *,
    page_size: int = 20,
    with_facets: bool = True,
    with_map: bool = False,
    with_categories: bool = True,
    search_cache: SearchCache | None = None,
) -> SearchResult:
    """Search published opportunities: a page of results, the total and (by default) the facet counts.

    The page's opportunities come with organisation and area joined and categories prefetched; with_map, the
    page's points for the map come too (the map shows what the list shows); without with_categories, the
    categories are not prefetched (one query less, for a page that does not show them). With facets, the
    results are read from and kept in the search cache (see search/cache.py; pass `search_cache` if the caller
    has already read it). The query count does not depend on the data. With free text: vocabularies (1); the
    cache (1, none with a cache outside the database); when it misses, facets, total and the ranked ids in one
    query (1) and storing them; the page's rows by primary key (1) and their categories (1); a page past the
    end gives the last page with one more, a page past the cached ids fetches its ids (1). Without free text
    the list is live and only the counts are cached: vocabularies, the cache, the page and its categories, and
    when the cache misses the facet query and storing it. Without facets: vocabularies, a count, the page and
    its categories.
    """
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    vocabulary = load_vocabulary()
    resolved = _resolve(params, vocabulary)
    base = _text_matches(Opportunity.objects.published(), params)
    conditions = _group_conditions(resolved)
    results = _ordered(base.filter(*conditions.values()), params)
    listing = partial(_listing, with_categories=with_categories)
    cached = False
    if with_facets:
        search_cache = search_cache or SearchCache.fetch(results_key(params))
        page, counts, cached = _page_with_facets(base, results, conditions, params, page_size, search_cache, listing)
        facets = _facet_options(vocabulary, resolved, counts)
    else:
        page, facets = Paginator(listing(results), page_size).get_page(params.page), {}
    result = SearchResult(params=params, page=page, total=page.paginator.count, facets=facets, cached=cached)
    if with_map:
        result.map_points = map_points(page.object_list)
    return result


def matching_opportunities(params: SearchParams, *, vocabulary: dict | None = None):
    """Every published opportunity that matches the search's text and filters: an unordered queryset.

    For callers that narrow the matches further rather than page through them (a saved search's digest asks
    for the ones that are new to it). Pass `vocabulary` (load_vocabulary()) when matching many searches, so it
    is read once. The sort and the page of `params` play no part.
    """
    resolved = _resolve(params, vocabulary if vocabulary is not None else load_vocabulary())
    conditions = _group_conditions(resolved)
    return _text_matches(Opportunity.objects.published(), params).filter(*conditions.values())


def _listing(queryset, *, with_categories: bool = True):
    """What a result card needs, without the long columns."""
    queryset = queryset.select_related("organisation", "area").defer(
        "description", "search_text", "search_vector", "role_volunteer_tasks", "role_staff_tasks"
    )
    return queryset.prefetch_related("categories") if with_categories else queryset


def _page_with_facets(base, results, conditions, params: SearchParams, page_size: int, search_cache: SearchCache,
                      listing=_listing):
    """The page, the facet counts, and whether they came from the cache.

    With free text, the facet query (on a miss) also ranks the first MAX_CACHED_IDS results; a page among them
    is its rows by primary key. Without free text, see _page_with_cached_counts.
    """
    if not params.words:
        return _page_with_cached_counts(base, results, conditions, params, page_size, search_cache, listing)
    key = results_key(params)
    entry = search_cache.get(key)
    cached = entry is not None
    if not cached:
        counts, total, ids = _facet_counts(base, conditions, params, offset=0, limit=MAX_CACHED_IDS)
        entry = {"counts": counts, "total": total, "ids": ids}
        search_cache.set(key, entry)
    number, ids = params.page, entry["ids"]
    paginator = KnownCountPaginator(listing(results), page_size, count=entry["total"])
    if number > paginator.num_pages:  # Past the end (an old link): the last page, as Paginator.get_page does.
        return paginator.get_page(number), entry["counts"], cached
    bottom = (number - 1) * page_size
    if bottom + page_size <= len(ids) or len(ids) < MAX_CACHED_IDS:
        page_ids = ids[bottom : bottom + page_size]
    else:  # Beyond the cached ranking (page 100 and on): this page's ids, in the same order.
        page_ids = list(results.values_list("pk", flat=True)[bottom : bottom + page_size])
    rows = {opportunity.pk: opportunity for opportunity in listing(Opportunity.objects.filter(pk__in=page_ids))}
    return Page([rows[pk] for pk in page_ids if pk in rows], number, paginator), entry["counts"], cached


def _page_with_cached_counts(base, results, conditions, params: SearchParams, page_size: int,
                             search_cache: SearchCache, listing=_listing):
    """Without free text: the facet counts and total from the cache (FACET_CACHE_SECONDS old at most), the page
    by the ORM.

    These searches (the search page as it opens, a filter or two) count over most of the opportunities, which at
    national scale takes a few hundred milliseconds (a COUNT alone takes tens), while the newest page is one
    indexed query. So the list itself is live.
    """
    key = results_key(params)
    entry = search_cache.get(key)
    cached = entry is not None
    if not cached:
        counts, total, _ids = _facet_counts(base, conditions, params, offset=0, limit=0)
        entry = {"counts": counts, "total": total, "ids": None}
        search_cache.set(key, entry, FACET_CACHE_SECONDS)
    page = KnownCountPaginator(listing(results), page_size, count=entry["total"]).get_page(params.page)
    return page, entry["counts"], cached


# --- vocabularies and filters -------------------------------------------------------------------------------


def load_vocabulary() -> dict[str, list[VocabularyEntry]]:
    """Every filter vocabulary in one query (a UNION ALL), each in its configured order."""
    parts = [
        model.objects.order_by()
        .annotate(group=Value(group))
        .values_list("group", "id", "slug", "name_da", "name_en", "position")
        for group, model in VOCABULARIES.items()
    ]
    vocabulary = {group: [] for group in VOCABULARIES}
    rows = parts[0].union(*parts[1:], all=True)
    for group, pk, slug, name_da, name_en, _position in sorted(rows, key=lambda row: (row[0], row[5], row[3])):
        vocabulary[group].append(VocabularyEntry(pk, slug, name_da, name_en))
    return vocabulary


def _resolve(params: SearchParams, vocabulary) -> dict[str, tuple]:
    """Each group's usable selection: vocabulary slugs become ids (unknown slugs are dropped)."""
    resolved = {}
    for group in GROUPS:
        selected = params.selected(group)
        if group in VOCABULARIES:
            selected = tuple(entry.id for entry in vocabulary[group] if entry.slug in selected)
        resolved[group] = selected
    return resolved


def _m2m(group: str):
    """(through model, the opportunity column, the vocabulary column) of a many-to-many filter group."""
    m2m = Opportunity._meta.get_field(group)
    return m2m.remote_field.through, m2m.m2m_column_name(), m2m.m2m_reverse_name()


def _group_condition(group: str, selected: tuple):
    """The condition for one group's selection, or None if it does not narrow the results."""
    if not selected:
        return None
    if group in M2M_GROUPS:
        through, own, other = _m2m(group)
        return Exists(through.objects.filter(**{own: OuterRef("pk"), f"{other}__in": selected}))
    if group == "areas":
        return Q(area_id__in=selected)
    if group == "time_commitment":
        return Q(time_commitment__in=selected)
    if group == "suits":
        return reduce(or_, (Q(**{SUITS[value][0]: True}) for value in selected))
    if group == "child_certificate":
        if len(selected) == len(CHILD_CERTIFICATE):
            return None
        return Q(requires_child_certificate=selected[0] == "required")
    return Q(**{FLAG_GROUPS[group][0]: True})


def _group_conditions(resolved: dict[str, tuple]) -> dict:
    conditions = {group: _group_condition(group, selected) for group, selected in resolved.items()}
    return {group: condition for group, condition in conditions.items() if condition is not None}


# --- free text ----------------------------------------------------------------------------------------------


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class _WordQuery(Expression):
    """The tsquery for one typed word (letters and digits only): its Danish stem as a prefix, or'ed with the
    dictionary's words that are trigram-similar to it. The similar words are looked up once per query."""

    output_field = SearchQueryField()

    def __init__(self, word: str, *, exact: bool = False):
        super().__init__()
        self.word = word
        self.exact = exact

    def as_sql(self, compiler, connection):
        stem = f"to_tsquery('{SEARCH_CONFIG}', %s)"
        if self.exact:  # The stem itself, for ranking exact words above longer words and typos.
            return stem, [f"'{self.word}'"]
        prefix = f"'{self.word}':*"
        if len(self.word) < MIN_TRIGRAM_WORD:
            return stem, [prefix]
        # Constants and placeholders only: the word is a parameter.
        similar = (
            f"SELECT to_tsquery('{SEARCH_CONFIG}', string_agg(quote_literal(s.word), ' | ')) FROM ("  # noqa: S608
            f"SELECT word FROM {SEARCH_WORDS_TABLE} WHERE word %% %s AND similarity(word, %s) >= %s "
            f"ORDER BY similarity(word, %s) DESC LIMIT {TYPO_WORDS}) AS s"
        )
        # No similar word makes the subquery NULL, and then the stem alone is the query.
        sql = f"COALESCE({stem} || ({similar}), {stem})"  # noqa: S608 - constants; the word is a parameter
        return sql, [prefix, self.word, self.word, TYPO_SIMILARITY, self.word, prefix]


def _word_queries(params: SearchParams, *, exact: bool = False) -> list[_WordQuery]:
    """One query per word that can match: stop words and single letters have no lexeme of their own."""
    return [_WordQuery(word, exact=exact) for word in params.words if word not in DANISH_STOP_WORDS and len(word) > 1]


# A scalar subquery makes PostgreSQL build the tsquery once per query (an InitPlan), not once per row: to_tsquery
# is only stable, so it is not folded, and ranking a few thousand rows would otherwise stem the words each time.
def _all_words(queries: list[_WordQuery]) -> Func:
    return Func(*queries, template="(SELECT %(expressions)s)", arg_joiner=" && ", output_field=SearchQueryField())


def _any_word(queries: list[_WordQuery]) -> Func:
    return Func(*queries, template="(SELECT %(expressions)s)", arg_joiner=" || ", output_field=SearchQueryField())


def _text_matches(queryset, params: SearchParams):
    """Only the opportunities that match every word of the free text (see the module docstring)."""
    if not params.words:
        return queryset
    if not _is_postgresql():
        for word in params.words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset
    queries = _word_queries(params)
    if not queries:
        return queryset
    match = Func(F("search_vector"), _all_words(queries), template="%(expressions)s", arg_joiner=" @@ ",
                 output_field=BooleanField())
    return queryset.filter(match)


def _rank(params: SearchParams):
    """The relevance of a row on PostgreSQL, or None where there is none (SQLite, no words, another sort)."""
    queries = _word_queries(params) if _is_postgresql() else []
    if params.effective_sort != "relevance" or not queries:
        return None
    # Matches of the words as typed (prefixes and typos), plus a bonus for the exact words. (Trigram similarity to
    # the title would rank too, but costs ten times as much per row.)
    any_word = SearchRank(F("search_vector"), _any_word(queries), weights=RANK_WEIGHTS, cover_density=True)
    exact = SearchRank(F("search_vector"), _any_word(_word_queries(params, exact=True)), weights=RANK_WEIGHTS,
                       cover_density=True)
    return any_word + exact


# The orders of the sorts, for the ORM and (as SQL over the facet query's base rows) for choosing the page.
ORDERS = {
    "relevance": (("-rank", "rank", "DESC"), ("-published_at", "published_at", "DESC"), ("-id", "id", "DESC")),
    "newest": (("-published_at", "published_at", "DESC"), ("-id", "id", "DESC")),
    "deadline": (
        (F("application_deadline").asc(nulls_last=True), "application_deadline", "ASC NULLS LAST"),
        ("-published_at", "published_at", "DESC"),
        ("-id", "id", "DESC"),
    ),
}


def _order(params: SearchParams) -> tuple:
    sort = params.effective_sort
    return ORDERS["newest" if sort == "relevance" and _rank(params) is None else sort]


def _ordered(queryset, params: SearchParams):
    rank = _rank(params)
    if rank is not None:
        queryset = queryset.annotate(rank=rank)
    return queryset.order_by(*(orm for orm, _column, _direction in _order(params)))


# --- facets -------------------------------------------------------------------------------------------------

# The columns of the materialised base rows that the facet branches group or count by, and that sort the page.
FACET_COLUMNS = ("id", "area_id", "time_commitment", "requires_child_certificate",
                 *(column for column, _label in SUITS.values()),
                 *(column for column, _label in FLAG_GROUPS.values()),
                 "published_at", "application_deadline")


def _branch(group: str, value_sql: str, *, where: str, join: str = "", group_by: str = "") -> str:
    """One UNION ALL branch of the facet query: rows of (group, value, count) over the base rows.

    Only this module's constants and identifiers quoted by the connection go into the text; every value a person
    sent is a parameter of the base rows' query.
    """
    sql = f"SELECT '{group}', {value_sql}, COUNT(*) FROM base {join} WHERE {where}"  # noqa: S608 - see docstring
    return f"{sql} GROUP BY {group_by}" if group_by else sql


def _facet_counts(base, conditions: dict, params: SearchParams, *, offset: int, limit: int):
    """All facet counts, the total and the ids of one page of results in one query.

    See the module docstring for what is counted. The page's ids are the rows that match every group, in the
    sort's order, `limit` of them from `offset`. Returns (counts by group and value, total, ids in order).
    """
    flags = {f"m_{group}": ExpressionWrapper(Q(condition), output_field=BooleanField())
             for group, condition in conditions.items()}
    rows = base.order_by().annotate(**flags).values(*FACET_COLUMNS, *flags)
    base_sql, base_params = rows.query.get_compiler(using=rows.db).as_sql()
    qn = connection.ops.quote_name

    def where(*extra: str, group: str | None = None) -> str:
        """The other groups' match flags (the group's own selection is left out), and `extra`."""
        parts = [qn(f"m_{name}") for name in conditions if name != group] + list(extra)
        return " AND ".join(parts) or "1 = 1"

    branches = [_branch("total", "''", where=where())]
    for group in M2M_GROUPS:
        through, own, other = _m2m(group)
        join = f"JOIN {qn(through._meta.db_table)} t ON t.{qn(own)} = base.{qn('id')}"
        branches.append(_branch(group, f"CAST(t.{qn(other)} AS TEXT)", join=join, where=where(group=group),
                                group_by=f"t.{qn(other)}"))
    area = qn("area_id")
    branches.append(_branch("areas", f"CAST({area} AS TEXT)", where=where(f"{area} IS NOT NULL", group="areas"),
                            group_by=area))
    time = qn("time_commitment")
    branches.append(_branch("time_commitment", time, where=where(group="time_commitment"), group_by=time))
    for value, (column, _label) in SUITS.items():
        branches.append(_branch("suits", f"'{value}'", where=where(qn(column), group="suits")))
    for group, (column, _label) in FLAG_GROUPS.items():
        branches.append(_branch(group, "'1'", where=where(qn(column), group=group)))
    certificate = qn("requires_child_certificate")
    branches.append(_branch(
        "child_certificate", f"CASE WHEN {certificate} THEN 'required' ELSE 'not_required' END",
        where=where(group="child_certificate"), group_by=certificate,
    ))
    page_params = []
    if limit:
        page_sql, page_params = _page_branch(params, where(), offset=offset, limit=limit)
        branches.append(page_sql)
    sql = f"WITH base AS ({base_sql}) " + " UNION ALL ".join(branches)
    params = [*base_params, *page_params]  # The page branch is the last, so its parameters come last.
    counts: dict[str, dict[str, int]] = {group: {} for group in GROUPS}
    total, page = 0, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for group, value, count in cursor.fetchall():
            if group == "total":
                total = count
            elif group == "page":
                page.append((count, int(value)))
            else:
                counts[group][value] = count
    return counts, total, [pk for _position, pk in sorted(page)]


def _page_branch(params: SearchParams, where: str, *, offset: int, limit: int) -> tuple[str, list]:
    """The facet query's last branch: ('page', id, position) for one page of the rows that match every group.

    Relevance is computed here, for those rows only, from their table rows (a primary-key join): ranking every
    text match in the base rows would cost more than the rest of the query. ROW_NUMBER keeps the order through
    the UNION.
    """
    qn = connection.ops.quote_name
    table = qn(Opportunity._meta.db_table)
    order = ", ".join(f"{qn(column)} {direction}" for _orm, column, direction in _order(params))
    columns, join, rank_params = "base.*", "", []
    rank = _rank(params)
    if rank is not None:
        ranked = Opportunity.objects.annotate(rank=rank).query
        rank_sql, rank_params = ranked.get_compiler(connection=connection).compile(ranked.annotations["rank"])
        columns = f"base.*, {rank_sql} AS {qn('rank')}"
        join = f"JOIN {table} ON {table}.{qn('id')} = base.{qn('id')}"
    rows = (f"SELECT {columns} FROM base {join} WHERE {where} "  # noqa: S608 - quoted names, compiled SQL, ints
            f"ORDER BY {order} LIMIT {limit:d} OFFSET {offset:d}")
    sql = (f"SELECT 'page', CAST({qn('id')} AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) "  # noqa: S608
           f"FROM ({rows}) AS page_rows")
    return sql, list(rank_params)


def _facet_options(vocabulary, resolved: dict[str, tuple], counts) -> dict[str, list[FacetOption]]:
    """Each group's options in display order: value, label, count and whether it is selected."""
    facets = {}
    for group in GROUPS:
        selected, group_counts = resolved[group], counts[group]
        if group in VOCABULARIES:
            options = [FacetOption(entry.slug, entry.name, group_counts.get(str(entry.id), 0), entry.id in selected)
                       for entry in vocabulary[group]]
        else:
            options = [FacetOption(value, str(label), group_counts.get(value, 0), value in selected)
                       for value, label in _fixed_choices(group)]
        facets[group] = options
    return facets


def _fixed_choices(group: str) -> list[tuple[str, str]]:
    if group == "time_commitment":
        return list(Opportunity.TimeCommitment.choices)
    if group == "suits":
        return [(value, label) for value, (_column, label) in SUITS.items()]
    if group == "child_certificate":
        return list(CHILD_CERTIFICATE.items())
    return [("1", FLAG_GROUPS[group][1])]


# --- map ----------------------------------------------------------------------------------------------------


def map_points(opportunities) -> list[dict]:
    """The map's markers: the opportunities (of the page shown) that have a point. No query of its own."""
    return [
        {"id": opportunity.pk, "title": opportunity.title, "organisation": opportunity.organisation.name,
         "lat": float(opportunity.latitude), "lng": float(opportunity.longitude),
         "url": opportunity.get_absolute_url()}
        for opportunity in opportunities
        if opportunity.has_point
    ]
