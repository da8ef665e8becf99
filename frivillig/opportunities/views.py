"""Public opportunity pages: the search (with filters, facets and a map) and an opportunity's own page.

The management pages are in manage_views.py. Both public pages are read-only: no login, no writes.
"""

from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from frivillig.core.htmx import is_partial_request
from frivillig.organisations import access as organisation_access

from . import selectors
from .jsonld import opportunity_jsonld
from .search import (
    GROUP_LABELS,
    SORT_LABELS,
    SearchCache,
    SearchParams,
    page_key,
    results_key,
    search_opportunities,
)

SEARCH_PAGE_SIZE = 20
SEARCH_BODY = "opportunities/includes/search_body.html"
# The filter form's sections: (legend group, the groups shown in it). A section's groups share its fieldset.
FILTER_SECTIONS = (
    ("categories", ("categories",)),
    ("areas", ("areas", "online")),
    ("time_commitment", ("time_commitment",)),
    ("suits", ("suits",)),
    ("target_groups", ("target_groups",)),
    ("policy_areas", ("policy_areas",)),
    ("languages", ("no_danish", "languages")),
    ("wheelchair", ("wheelchair",)),
    ("child_certificate", ("child_certificate",)),
)


def _filter_sections(facets: dict) -> list[dict]:
    """The facets grouped for the form: a legend, the options (with their parameter) and whether one is ticked."""
    sections = []
    for legend_group, groups in FILTER_SECTIONS:
        options = [(group, option) for group in groups for option in facets.get(group, [])]
        sections.append({
            "id": legend_group.replace("_", "-"),
            "legend": GROUP_LABELS[legend_group],
            "options": options,
            "selected": any(option.selected for _group, option in options),
        })
    return sections


def search(request: HttpRequest) -> HttpResponse:
    """The search page, or for an htmx partial request its results alone.

    The form and results are rendered without the request (nothing personal in them) and kept in the search
    cache, keyed by the search, the page, the language and whether it is partial; the page around them (the
    signed-in user, the CSP nonce) is rendered for each request. A body is kept the second time its search is
    served from the cache, so one-off searches do not fill the cache (and a first search stays within its
    query budget).
    """
    params = SearchParams.from_querydict(request.GET)
    partial = is_partial_request(request)
    key = page_key(params, language=get_language(), partial=partial)
    search_cache = SearchCache.fetch(key, results_key(params))
    body = search_cache.get_html(key)
    if body is None:
        # The cards show no categories, so they are not fetched.
        result = search_opportunities(params, page_size=SEARCH_PAGE_SIZE, with_map=True, with_categories=False,
                                      search_cache=search_cache)
        template = SEARCH_BODY + "#results" if partial else SEARCH_BODY
        body = render_to_string(template, _search_context(params, result, partial))
        if result.cached:
            search_cache.set_html(key, body)
    if partial:
        return HttpResponse(body)
    context = {"body": mark_safe(body), "feed_query": _feed_query(params)}  # noqa: S308 - our own rendering
    return render(request, "opportunities/search.html", context)


def _feed_query(params: SearchParams) -> str:
    return replace(params, sort="").urlencode()


def _search_context(params: SearchParams, result, partial: bool) -> dict:
    query = params.urlencode()
    return {
        "params": params,
        "result": result,
        "page": result.page,
        "sections": _filter_sections(result.facets),
        "sort_choices": list(SORT_LABELS.items()),
        "sort": params.effective_sort,
        "query_prefix": f"{query}&" if query else "",
        "feed_query": _feed_query(params),
        "filters_only_query": replace(params, q="", sort="").urlencode(),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "partial": partial,
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_public(pk)
    context = {
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "membership": organisation_access.membership_for(request.user, opportunity.organisation),
        "categories": opportunity.categories.all(),
        "target_groups": opportunity.target_groups.all(),
        "policy_areas": opportunity.policy_areas.all(),
        "languages": opportunity.languages.all(),
        "similar": selectors.opportunities_similar(opportunity),
        "jsonld": opportunity_jsonld(opportunity, absolute_url=request.build_absolute_uri),
    }
    return render(request, "opportunities/detail.html", context)
