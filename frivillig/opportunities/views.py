"""Public opportunity pages: the search (with filters, facets and a map) and an opportunity's own page.

The management pages are in manage_views.py. Both public pages are read-only: no login, no writes.
"""

from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frivillig.core.htmx import is_partial_request
from frivillig.organisations import access as organisation_access

from . import selectors
from .jsonld import opportunity_jsonld
from .search import GROUP_LABELS, SORT_LABELS, SearchParams, search_opportunities

SEARCH_PAGE_SIZE = 20
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
    params = SearchParams.from_querydict(request.GET)
    result = search_opportunities(params, page_size=SEARCH_PAGE_SIZE, with_map=True)
    query = params.urlencode()
    partial = is_partial_request(request)
    context = {
        "params": params,
        "result": result,
        "page": result.page,
        "sections": _filter_sections(result.facets),
        "sort_choices": [(value, label) for value, label in SORT_LABELS.items()],
        "sort": params.effective_sort,
        "query_prefix": f"{query}&" if query else "",
        "feed_query": replace(params, sort="").urlencode(),
        "filters_only_query": replace(params, q="", sort="").urlencode(),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "partial": partial,
    }
    template = "opportunities/search.html#results" if partial else "opportunities/search.html"
    return render(request, template, context)


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
