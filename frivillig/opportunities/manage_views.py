"""Organisations manage their opportunities; coordinators unpublish; anyone reads about the børneattest.

Every organisation and opportunity is fetched through `access.py` (this app's and the organisations'); the writes
go through `services.py`. Services say no with ValidationError, shown as a form error or a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.access import coordinator_required
from frivillig.organisations import access as organisation_access
from frivillig.organisations.models import Organisation

from . import access, services
from .forms import OpportunityForm, UnpublishForm
from .models import Opportunity

Status = Opportunity.Status
MANAGE_PAGE_SIZE = 25
# The list shows live posts first, then drafts, then the ones that are over.
STATUS_ORDER = [Status.PUBLISHED, Status.DRAFT, Status.PAUSED, Status.CLOSED, Status.EXPIRED]


def _add_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _manage_url(organisation: Organisation) -> str:
    return reverse("opportunities:manage_list", kwargs={"slug": organisation.slug})


def _preview_url(opportunity: Opportunity) -> str:
    return reverse("opportunities:preview", kwargs={"slug": opportunity.organisation.slug, "pk": opportunity.pk})


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # Only a path on this site: redirect() would take a bare word like "-1" for a URL name and fail to find it.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _query_prefix(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("side", None)
    return f"{query.urlencode()}&" if query else ""


# --- the organisation's list -------------------------------------------------------------------------------


def _status_counts(organisation: Organisation) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in list order, from one query."""
    rows = access.opportunities_of(organisation).order_by().values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    return [(status.value, status.label, counts.get(status.value, 0)) for status in STATUS_ORDER]


def _in_list_order(queryset):
    order = Case(
        *(When(status=status, then=Value(position)) for position, status in enumerate(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    return queryset.annotate(status_position=order).order_by("status_position", "-updated_at", "-id")


def _with_application_counts(queryset):
    """Each post's submitted applications and the new ones among them, in the page's own query. (The applications
    app builds on this one, so the reverse relation is named by its string; "new" is Application.Status.NEW.)"""
    submitted = Q(applications__submitted_at__isnull=False)
    return queryset.annotate(
        applications_submitted=Count("applications", filter=submitted),
        applications_new=Count("applications", filter=submitted & Q(applications__status="new")),
    )


@login_required
def manage_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's opportunities, live ones first, filterable by status, with their actions."""
    membership = organisation_access.member_access(request.user, slug)
    organisation = membership.organisation
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    opportunities = access.opportunities_of(organisation)
    if status:
        opportunities = opportunities.filter(status=status)
    page = Paginator(_with_application_counts(_in_list_order(opportunities)), MANAGE_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    for opportunity in page.object_list:
        opportunity.organisation = organisation
        opportunity.actions = services.available_actions(opportunity)
    counts = _status_counts(organisation)
    context = {
        "organisation": organisation,
        "membership": membership,
        "page": page,
        "status": status,
        "status_counts": counts,
        "total": sum(count for _status, _label, count in counts),
        "query_prefix": _query_prefix(request),
    }
    return render(request, "opportunities/manage/list.html", context)


# --- creating and editing ----------------------------------------------------------------------------------


def _form_page(request: HttpRequest, form: OpportunityForm, opportunity: Opportunity, membership) -> HttpResponse:
    context = {
        "form": form,
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "membership": membership,
    }
    return render(request, "opportunities/manage/form.html", context)


@login_required
def create(request: HttpRequest, slug: str) -> HttpResponse:
    membership = organisation_access.member_access(request.user, slug)
    opportunity = Opportunity(organisation=membership.organisation)
    form = OpportunityForm(request.POST or None, instance=opportunity, can_confirm=membership.is_admin)
    if request.method == "POST":
        if form.is_valid():
            try:
                opportunity = services.opportunity_create(
                    organisation=membership.organisation,
                    data=form.cleaned_data,
                    actor=request.user,
                    confirm_role_card=form.cleaned_data.get("role_confirm", False),
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The draft has been saved. Check the preview, then publish it."))
                return redirect(_preview_url(opportunity))
        messages.error(request, _("The opportunity was not saved. Please correct the errors below."))
    return _form_page(request, form, opportunity, membership)


def _edit_message(opportunity: Opportunity, status_before: str, confirmed_before: bool) -> tuple[int, str]:
    """What to tell the member after a save: a withdrawn confirmation matters more than "saved"."""
    if status_before == Status.PUBLISHED and opportunity.status == Status.PAUSED:
        return messages.WARNING, _(
            "The changes have been saved. The role card was changed, so the manager's confirmation has been "
            "withdrawn and the opportunity is paused. An admin of the unit must confirm the card before it can be "
            "published again."
        )
    if confirmed_before and opportunity.role_confirmed_at is None:
        return messages.WARNING, _(
            "The changes have been saved. The role card was changed, so an admin of the unit must confirm it again "
            "before the opportunity can be published."
        )
    return messages.SUCCESS, _("The changes have been saved.")


@login_required
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership, opportunity = access.opportunity_access(request.user, slug, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, can_confirm=membership.is_admin)
    if request.method == "POST":
        status_before, confirmed_before = opportunity.status, opportunity.role_confirmed_at is not None
        if form.is_valid():
            try:
                services.opportunity_update(
                    opportunity=opportunity,
                    data=form.cleaned_data,
                    actor=request.user,
                    confirm_role_card=form.cleaned_data.get("role_confirm", False),
                )
            except ValidationError as error:
                _add_service_error(form, error)
                opportunity.refresh_from_db()
            else:
                level, text = _edit_message(opportunity, status_before, confirmed_before)
                messages.add_message(request, level, text)
                return redirect(_preview_url(opportunity))
        messages.error(request, _("The changes were not saved. Please correct the errors below."))
    return _form_page(request, form, opportunity, membership)


@login_required
def preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The public page itself, for drafts too, under a banner with the status and the actions the post allows."""
    opportunity = access.opportunity_for_member(request.user, slug, pk)
    actions = services.available_actions(opportunity)
    context = {
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "actions": actions,
        "problems": services.publish_problems(opportunity) if "publish" in actions else [],
        "categories": opportunity.categories.all(),
        "target_groups": opportunity.target_groups.all(),
        "policy_areas": opportunity.policy_areas.all(),
        "languages": opportunity.languages.all(),
    }
    return render(request, "opportunities/manage/preview.html", context)


# --- status actions (POST) ---------------------------------------------------------------------------------


def _status_action(request: HttpRequest, slug: str, pk: int, action, success: str, failure: str) -> HttpResponse:
    """Run `action` for a member on an opportunity of their organisation; report in a message."""
    opportunity = access.opportunity_for_member(request.user, slug, pk)
    try:
        action(opportunity=opportunity, actor=request.user)
    except ValidationError as error:
        messages.error(request, failure % {"reasons": " ".join(error.messages)})
    else:
        messages.success(request, success % {"title": opportunity.title})
    return redirect(_safe_next(request, _manage_url(opportunity.organisation)))


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _status_action(
        request,
        slug,
        pk,
        services.opportunity_publish,
        _("“%(title)s” is published and can be found on the portal now."),
        _("The opportunity was not published. %(reasons)s"),
    )


@login_required
@require_POST
def pause(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _status_action(
        request,
        slug,
        pk,
        services.opportunity_pause,
        _("“%(title)s” is paused and no longer shown on the portal. Publish it again to resume."),
        _("The opportunity was not paused. %(reasons)s"),
    )


@login_required
@require_POST
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _status_action(
        request,
        slug,
        pk,
        services.opportunity_close,
        _("“%(title)s” is closed and no longer shown on the portal."),
        _("The opportunity was not closed. %(reasons)s"),
    )


@login_required
@require_POST
def duplicate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    opportunity = access.opportunity_for_member(request.user, slug, pk)
    copy = services.opportunity_duplicate(opportunity=opportunity, actor=request.user)
    messages.success(
        request, _("A copy has been saved as a draft: “%(title)s”. Change what is needed and publish it.")
        % {"title": copy.title},
    )
    return redirect("opportunities:edit", slug=copy.organisation.slug, pk=copy.pk)


# --- coordinators ------------------------------------------------------------------------------------------


@coordinator_required
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator takes a published post off the portal with a reason, which the organisation is sent."""
    opportunity = access.opportunity_for_coordinator(pk)
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_unpublish(
                opportunity=opportunity, coordinator=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” has been unpublished, and the organisation's admins have been told why.")
                % {"title": opportunity.title},
            )
            return redirect(opportunity.organisation)
    context = {"opportunity": opportunity, "organisation": opportunity.organisation, "form": form}
    return render(request, "opportunities/manage/unpublish.html", context)


# --- public ------------------------------------------------------------------------------------------------


def child_certificate(request: HttpRequest) -> HttpResponse:
    """Plain-language explanation of the børneattest, linked from every opportunity that needs one."""
    return render(request, "opportunities/child_certificate.html")
