"""The public read API, version 1: opportunities and organisations as JSON, described by OpenAPI.

Read-only and public, so every answer carries `Access-Control-Allow-Origin: *` and needs no authentication.
Every response an operation can give is declared (200, 404, 422), so the OpenAPI document is honest; the
human documentation page (`api_docs`) is rendered from that document.
"""

from functools import wraps
from typing import Annotated

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import RedirectView
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError

from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import SearchParams, search_opportunities
from frivillig.organisations.models import Organisation
from frivillig.organisations.selectors import organisation_directory

from .schemas import (
    ErrorOut,
    LanguageParam,
    OpportunityDetailOut,
    OpportunityFilters,
    OpportunityPage,
    OrganisationFilters,
    OrganisationPage,
    PageParams,
    ValidationErrorOut,
)

VERSION = "1"
LIST_FILTERS = (
    "categories", "target_groups", "policy_areas", "areas", "time_commitment", "suits", "languages", "child_certificate"
)
FLAG_FILTERS = ("no_danish", "wheelchair", "online")
SUITS_FIELDS = {
    "youth": "suits_youth",
    "seniors": "suits_seniors",
    "families": "suits_families",
    "groups": "suits_groups",
}
LIST_RESPONSES = {404: ErrorOut, 422: ValidationErrorOut}
# The names of the view arguments that group query parameters (see PublicAPI.validation_error_from_error_contexts).
PARAMETER_GROUPS = {"filters", "paging", "params"}


def allow_any_origin(view):
    """A public, read-only resource: any web page may read it (CORS)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


class PublicAPI(NinjaAPI):
    """NinjaAPI with CORS on every answer and the API's root sending people to the documentation page."""

    def create_response(self, request, data, *, status=None, temporal_response=None) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def validation_error_from_error_contexts(self, error_contexts):
        """Say where a bad list item is as ninja does for other parameters: ["query", "suits", 0], without the
        name of the view's argument that groups the parameters (ninja leaves it in for list items)."""
        error = super().validation_error_from_error_contexts(error_contexts)
        for issue in error.errors:
            location = list(issue["loc"])
            if len(location) > 3 and location[1] in PARAMETER_GROUPS:
                issue["loc"] = [location[0], *location[2:]]
        return error

    def _get_urls(self):
        root = path("", RedirectView.as_view(pattern_name="api_docs"), name="api-root")
        return [root if getattr(entry, "name", None) == "api-root" else entry for entry in super()._get_urls()]


api = PublicAPI(
    urls_namespace="api",
    title="Frivillig API",
    version=VERSION,
    description="Public, read-only data from the volunteering portal: opportunities (frivilligjob) and "
    "the organisations that post them. No authentication; JSON; CORS open to any origin.",
    docs_url=None,  # Swagger UI fails axe and needs CDN scripts: our own page (api_docs) documents the API.
    docs_decorator=allow_any_origin,
    servers=[{"url": settings.SITE_URL}],
)


# --- helpers -----------------------------------------------------------------------------------------------


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def term(entry) -> dict | None:
    return {"slug": entry.slug, "name": entry.name} if entry is not None else None


def terms(entries) -> list[dict]:
    return [term(entry) for entry in entries.all()]


def page_link(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return absolute(f"{request.path}?{query.urlencode()}")


def page_envelope(request: HttpRequest, page: Page, items: list[dict]) -> dict:
    """The pagination fields every list answer shares: count, page, pages, next and previous URLs."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": page_link(request, page.previous_page_number()) if page.has_previous() else None,
        "items": items,
    }


def page_missing(number: int, pages: int) -> HttpError:
    message = _("Page %(number)s does not exist; there are %(pages)s.") % {"number": number, "pages": pages}
    return HttpError(404, message)


def in_language(lang: str, response: HttpResponse):
    """Vocabulary names follow `lang`; the answer says which language it is in."""
    response["Content-Language"] = lang
    return translation.override(lang)


# --- opportunities -----------------------------------------------------------------------------------------


def organisation_ref(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
        "verified": organisation.shows_verified_mark,
    }


def opportunity_item(opportunity: Opportunity) -> dict:
    return {
        "id": opportunity.pk,
        "title": opportunity.title,
        "summary": opportunity.summary,
        "organisation": organisation_ref(opportunity.organisation),
        "url": absolute(opportunity.get_absolute_url()),
        "categories": terms(opportunity.categories),
        "area": term(opportunity.area),
        "time_commitment": opportunity.time_commitment,
        "is_online": opportunity.is_online,
        "no_danish_required": opportunity.no_danish_required,
        "requires_child_certificate": opportunity.requires_child_certificate,
        "minimum_age": opportunity.minimum_age,
        "application_deadline": opportunity.application_deadline,
        "published_at": opportunity.published_at,
        "language": opportunity.language,
    }


def opportunity_detail(opportunity: Opportunity) -> dict:
    has_address = bool(opportunity.street_address or opportunity.postcode)
    return opportunity_item(opportunity) | {
        "description": opportunity.description,
        "target_groups": terms(opportunity.target_groups),
        "policy_areas": terms(opportunity.policy_areas),
        "languages": terms(opportunity.languages),
        "suits": [value for value, field in SUITS_FIELDS.items() if getattr(opportunity, field)],
        "wheelchair_accessible": opportunity.wheelchair_accessible,
        "accessibility_note": opportunity.accessibility_note,
        "hours_per_week": opportunity.hours_per_week,
        "start_date": opportunity.start_date,
        "end_date": opportunity.end_date,
        "volunteers_wanted": opportunity.volunteers_wanted,
        "address": {
            "street_address": opportunity.street_address,
            "postcode": opportunity.postcode,
            "city": opportunity.city,
        }
        if has_address
        else None,
        "point": {"latitude": opportunity.latitude, "longitude": opportunity.longitude}
        if opportunity.has_point
        else None,
        "role_card": role_card(opportunity) if opportunity.needs_role_card and opportunity.has_role_card else None,
    }


def role_card(opportunity: Opportunity) -> dict:
    return {
        "volunteer_tasks": opportunity.role_volunteer_tasks,
        "staff_tasks": opportunity.role_staff_tasks,
        "staff_contact": opportunity.role_staff_contact,
        "confirmed_at": opportunity.role_confirmed_at,
        "insurance_covered": opportunity.insurance_covered,
    }


def search_querydict(filters: OpportunityFilters, page: int) -> QueryDict:
    """The validated parameters in the shape the search page reads, so both search exactly alike."""
    data = QueryDict(mutable=True)
    data["q"] = filters.q
    for name in LIST_FILTERS:
        data.setlist(name, getattr(filters, name))
    for name in FLAG_FILTERS:
        if getattr(filters, name):
            data[name] = "1"
    data["sort"] = filters.sort
    data["page"] = str(page)
    return data


@api.get(
    "/opportunities",
    response={200: OpportunityPage, **LIST_RESPONSES},
    url_name="opportunity_list",
    operation_id="opportunity_list",
    summary="Search published opportunities",
    description="The portal's search: free text and the same filters as the search page, paginated. "
    "A page past the last answers 404; a malformed parameter (e.g. `page=abc`) answers 422.",
    tags=["opportunities"],
)
def opportunity_list(
    request: HttpRequest, response: HttpResponse, filters: Query[OpportunityFilters], paging: Query[PageParams]
):
    params = SearchParams.from_querydict(search_querydict(filters, paging.page))
    page = search_opportunities(params, page_size=paging.page_size, with_facets=False).page
    with in_language(paging.lang, response):
        if page.number != paging.page:
            raise page_missing(paging.page, page.paginator.num_pages)
        return page_envelope(request, page, [opportunity_item(opportunity) for opportunity in page.object_list])


@api.get(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityDetailOut, **LIST_RESPONSES},
    url_name="opportunity_detail",
    operation_id="opportunity_detail",
    summary="One published opportunity",
    description="Everything the opportunity's public page shows. 404 if it is unknown or not published.",
    tags=["opportunities"],
)
def opportunity_get(
    request: HttpRequest,
    response: HttpResponse,
    opportunity_id: Annotated[int, Path(description="The opportunity's id, as in its `url`.")],
    params: Query[LanguageParam],
):
    opportunity = (
        Opportunity.objects.published()
        .select_related("organisation", "area")
        .prefetch_related("categories", "target_groups", "policy_areas", "languages")
        .filter(pk=opportunity_id)
        .first()
    )
    with in_language(params.lang, response):
        if opportunity is None:
            raise HttpError(404, _("There is no published opportunity with id %(id)s.") % {"id": opportunity_id})
        return opportunity_detail(opportunity)


# --- organisations -----------------------------------------------------------------------------------------


def organisation_item(organisation: Organisation) -> dict:
    return organisation_ref(organisation) | {
        "kind": organisation.kind,
        "areas": terms(organisation.areas),
        "categories": terms(organisation.categories),
    }


@api.get(
    "/organisations",
    response={200: OrganisationPage, **LIST_RESPONSES},
    url_name="organisation_list",
    operation_id="organisation_list",
    summary="List active organisations",
    description="Associations, informal groups and municipal units on the portal, by name. "
    "A page past the last answers 404; a malformed parameter answers 422.",
    tags=["organisations"],
)
def organisation_list(
    request: HttpRequest, response: HttpResponse, filters: Query[OrganisationFilters], paging: Query[PageParams]
):
    organisations = organisation_directory(
        q=filters.q, kind=filters.kind or "", area=filters.area, category=filters.category
    ).prefetch_related("categories")
    paginator = Paginator(organisations, paging.page_size)
    try:
        page = paginator.page(paging.page)
    except EmptyPage:
        raise page_missing(paging.page, paginator.num_pages) from None
    with in_language(paging.lang, response):
        return page_envelope(request, page, [organisation_item(organisation) for organisation in page.object_list])
