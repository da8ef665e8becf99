"""Opportunity search: free text that understands Danish, filters, facet counts, sorting and a shared cache.

The search page, the RSS feed and the API all search through `SearchParams` and `search_opportunities`
(search/query.py, whose docstring explains the search). search/cache.py keeps searches in the shared cache
until published content changes; search/indexing.py keeps the search columns.
"""

from .cache import SearchCache, page_key, results_key, search_changed
from .indexing import (
    index_opportunity,
    normalise_search_text,
    rebuild_search_words,
    reindex_all,
    search_text_for,
    search_words,
)
from .query import (
    GROUP_LABELS,
    GROUPS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    SORT_LABELS,
    SORTS,
    FacetOption,
    SearchParams,
    SearchResult,
    load_vocabulary,
    map_points,
    matching_opportunities,
    search_opportunities,
)

__all__ = [
    "GROUPS",
    "GROUP_LABELS",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "SORTS",
    "SORT_LABELS",
    "FacetOption",
    "SearchCache",
    "SearchParams",
    "SearchResult",
    "index_opportunity",
    "load_vocabulary",
    "map_points",
    "matching_opportunities",
    "normalise_search_text",
    "page_key",
    "rebuild_search_words",
    "reindex_all",
    "results_key",
    "search_changed",
    "search_opportunities",
    "search_text_for",
    "search_words",
]
