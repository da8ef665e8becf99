"""The organisation's side of applications: the inbox (across the organisation and per opportunity), one
application with its history, status changes, internal notes and the CSV export.

Organisations, opportunities and applications are reached only through the `access.py` helpers, so anyone but
the organisation's members gets 404; the writes go through `services.py`. The applicant's contact details are
shown on these pages and in the export, and nowhere else.
"""

import csv
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.opportunities.access import opportunity_for_member, opportunity_in
from frivillig.organisations.access import member_access

from . import access, services
from .inbox_forms import INBOX_STATUSES, InboxFilterForm, NoteForm, StatusForm
from .models import Application, Engagement
from .workdays import working_days_between

Status = Application.Status
INBOX_PAGE_SIZE = 50
# Cells a spreadsheet would read as a formula (CSV injection); such cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _add_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _detail_url(application: Application) -> str:
    return reverse("applications:inbox_detail", kwargs={"slug": application.organisation.slug, "pk": application.pk})


# --- the inbox ---------------------------------------------------------------------------------------------


def _opportunity_options(applications) -> list[tuple[int, str, int]]:
    """(pk, title, number of applications) for each opportunity with applications, by title: one query."""
    rows = (
        applications.order_by()
        .values("opportunity_id", "opportunity__title")
        .annotate(n=Count("id"))
        .order_by("opportunity__title", "opportunity_id")
    )
    return [(row["opportunity_id"], row["opportunity__title"], row["n"]) for row in rows]


def _status_counts(applications) -> dict[str, int]:
    rows = applications.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def _filters(request: HttpRequest, options: list | None) -> dict:
    """The valid filters from the query string. Unknown values are left out, so an old link still shows the
    inbox (the filter form then shows what is really applied)."""
    status = request.GET.get("status", "")
    if status not in INBOX_STATUSES:
        status = ""
    opportunity = request.GET.get("opportunity", "")
    if options is None or opportunity not in {str(pk) for pk, _title, _count in options}:
        opportunity = ""
    return {"status": status, "opportunity": opportunity}


def _query(**params) -> str:
    params = {key: value for key, value in params.items() if value}
    return f"?{urlencode(params)}" if params else ""


def _status_links(path: str, filters: dict, counts: dict) -> list[dict]:
    """The status filter as links, each with its count, keeping the opportunity filter."""
    links = [{"label": None, "value": "", "count": sum(counts.values())}]
    links += [{"label": status.label, "value": status.value, "count": counts.get(status.value, 0)}
              for status in INBOX_STATUSES]
    for link in links:
        link["url"] = path + _query(opportunity=filters["opportunity"], status=link["value"])
        link["current"] = link["value"] == filters["status"]
    return links


def _mark_waiting(applications, now=None) -> None:
    """For each application still waiting for a first answer: how long it has waited, and whether it has waited
    long enough for the members to be reminded of it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for application in applications:
        application.waiting_days = None
        if application.status == Status.NEW and application.first_response_at is None:
            application.waiting_days = days = (now - application.submitted_at).days
            # Two weeks always hold 5 working days, whatever the holidays; only shorter waits need counting.
            submitted = timezone.localdate(application.submitted_at)
            application.overdue = days >= 14 or (
                working_days_between(submitted, today) >= services.REMINDER_AFTER_WORKING_DAYS
            )


def _inbox_page(request: HttpRequest, organisation, opportunity=None) -> HttpResponse:
    """The inbox across the organisation, or of one `opportunity`: newest first, filtered, counted, paginated.

    Three queries whatever the number of applications: the opportunities with their counts (not for one
    opportunity's inbox), the counts by status and the page. The paginator's total comes from the counts.
    """
    applications = access.applications_of(organisation)
    options = None
    if opportunity is not None:
        applications = applications.filter(opportunity=opportunity)
    else:
        options = _opportunity_options(applications)
    filters = _filters(request, options)
    if filters["opportunity"]:
        applications = applications.filter(opportunity_id=int(filters["opportunity"]))
    counts = _status_counts(applications)
    if filters["status"]:
        applications = applications.filter(status=filters["status"])
    paginator = Paginator(applications, INBOX_PAGE_SIZE)
    paginator.count = counts.get(filters["status"], 0) if filters["status"] else sum(counts.values())  # no COUNT
    page = paginator.get_page(request.GET.get("side"))
    _mark_waiting(page.object_list)
    export_filters = {**filters, "opportunity": opportunity.pk if opportunity else filters["opportunity"]}
    context = {
        "organisation": organisation,
        "opportunity": opportunity,
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "has_applications": bool(options) if opportunity is None else bool(counts),
        "form": InboxFilterForm(filters, status_counts=counts, opportunities=options),
        "status_links": _status_links(request.path, filters, counts),
        "query_prefix": _query(**filters).lstrip("?") + "&" if any(filters.values()) else "",
        "export_url": reverse("applications:export", kwargs={"slug": organisation.slug}) + _query(**export_filters),
        "reminder_days": services.REMINDER_AFTER_WORKING_DAYS,
    }
    return render(request, "applications/inbox/list.html", context)


@login_required
@never_cache
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    """All the organisation's submitted applications, for its members."""
    return _inbox_page(request, member_access(request.user, slug).organisation)


@login_required
@never_cache
def opportunity_inbox(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The applications to one of the organisation's opportunities."""
    opportunity = opportunity_for_member(request.user, slug, pk)
    return _inbox_page(request, opportunity.organisation, opportunity=opportunity)


# --- one application ---------------------------------------------------------------------------------------


def _detail_page(request: HttpRequest, application: Application, *, status_form=None, note_form=None):
    allowed = services.allowed_statuses(application)
    if allowed and status_form is None:
        status_form = StatusForm(allowed=allowed)
    engagement = None
    if application.status == Status.ACCEPTED:
        engagement = Engagement.objects.filter(application=application).first()
    context = {
        "application": application,
        "organisation": application.organisation,
        "opportunity": application.opportunity,
        "events": application.events.select_related("actor"),
        "engagement": engagement,
        "status_form": status_form if allowed else None,
        "note_form": note_form or NoteForm(),
        "age": application.age_in(),
    }
    return render(request, "applications/inbox/detail.html", context)


@login_required
@never_cache
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An application with the applicant's contact details, its history and the forms to answer it."""
    return _detail_page(request, access.application_for_member(request.user, slug, pk))


def _status_message(application: Application, engagement: Engagement | None) -> str:
    if engagement is not None:
        return _(
            "The application is accepted, and %(name)s is a volunteer with you from %(date)s. We have e-mailed "
            "them the news."
        ) % {"name": application.name, "date": formats.date_format(engagement.start_date, "DATE_FORMAT")}
    return _("The status is now “%(status)s”. We have e-mailed %(name)s about it.") % {
        "status": application.get_status_display(),
        "name": application.name,
    }


@login_required
@require_POST
def set_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    application = access.application_for_member(request.user, slug, pk)
    allowed = services.allowed_statuses(application)
    if not allowed:
        messages.error(request, _("This application is closed, so its status can no longer be changed."))
        return redirect(_detail_url(application))
    form = StatusForm(request.POST, allowed=allowed)
    if form.is_valid():
        try:
            engagement = services.application_set_status(
                application=application,
                status=form.cleaned_data["status"],
                actor=request.user,
                message=form.cleaned_data["message"],
                start_date=form.cleaned_data["start_date"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _status_message(application, engagement))
            return redirect(_detail_url(application))
    messages.error(request, _("The status was not changed. Please correct the errors below."))
    return _detail_page(request, application, status_form=form)


@login_required
@require_POST
def add_note(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    application = access.application_for_member(request.user, slug, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.application_add_note(application=application, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The note has been saved. Only your organisation's members can see it."))
            return redirect(_detail_url(application))
    messages.error(request, _("The note was not saved. Please correct the errors below."))
    return _detail_page(request, application, note_form=form)


# --- the CSV export ----------------------------------------------------------------------------------------


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _export_headers() -> list[str]:
    return [
        _("Name"), _("E-mail"), _("Phone"), _("Birth year"), _("Opportunity"), _("Status"), _("Submitted"),
        _("First answer"), _("Message"),
    ]


def _export_row(application: Application) -> list[str]:
    return [
        application.name, application.email, application.phone, application.birth_year,
        application.opportunity.title, application.get_status_display(), _when(application.submitted_at),
        _when(application.first_response_at), application.message,
    ]


def _export_opportunity(request: HttpRequest, organisation):
    """The opportunity to export, if one is asked for. An unknown one is 404: an export never quietly widens."""
    value = request.GET.get("opportunity", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return opportunity_in(organisation, int(value))


@login_required
@never_cache
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The inbox as CSV, with the inbox's filters. UTF-8 with a byte order mark, so Excel reads æ, ø and å; the
    separator is the one a spreadsheet in the user's language expects. Every export is audited."""
    organisation = member_access(request.user, slug).organisation
    opportunity = _export_opportunity(request, organisation)
    status = request.GET.get("status", "")
    if status and status not in INBOX_STATUSES:
        raise Http404
    applications = access.applications_of(organisation)
    if opportunity is not None:
        applications = applications.filter(opportunity=opportunity)
    if status:
        applications = applications.filter(status=status)
    rows = [_export_row(application) for application in applications]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if translation.get_language() == "da" else ",")
    writer.writerow(_export_headers())
    writer.writerows([_cell(value) for value in row] for row in rows)
    services.applications_export_audit(
        organisation=organisation, actor=request.user, count=len(rows), opportunity=opportunity
    )
    name = f"ansoegninger-{organisation.slug}{f'-{opportunity.pk}' if opportunity else ''}-{timezone.localdate()}"
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
