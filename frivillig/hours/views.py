"""Hours: the volunteer's hours and certificates, the organisation's approvals, attendance and thank-yous, and the
public verification of a certificate.

Engagements, entries, shifts and certificates are reached only through `access.py` (an organisation's through
`organisations.access.member_access`), so anyone else gets 404; the writes go through `services.py`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.ratelimit import limit
from frivillig.organisations.access import member_access
from frivillig.shifts.models import SignUp

from . import access, selectors, services
from .forms import AttendanceForm, CertificateForm, DecideForm, HoursLogForm, ThankForm, VerifyForm, normalise_code
from .models import HoursEntry
from .pdf import certificate_context
from .pdf import certificate_pdf as render_pdf

# The organisation's page lists at most this many decided entries (the newest); the totals count them all.
DECIDED_SHOWN = 50
NOINDEX = "noindex, nofollow"


def _add_service_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- the volunteer's hours ------------------------------------------------------------------------------------


def _my_hours_page(request: HttpRequest, *, bound=None, status=200) -> HttpResponse:
    """Each engagement with its log form (the `bound` one with the person's input), the hours and the totals."""
    engagements = list(access.engagements_of_user(request.user))
    for engagement in engagements:
        engagement.form = bound if bound is not None and bound.prefix == f"e{engagement.pk}" else HoursLogForm(
            engagement=engagement
        )
    totals = selectors.totals_by_status_for_volunteer(request.user)
    context = {
        "engagements": engagements,
        "entries": list(access.entries_of_user(request.user)),
        "totals": totals,
        "approved_total": totals.get(HoursEntry.Status.APPROVED, 0),
    }
    return render(request, "hours/my_hours.html", context, status=status)


@login_required
@never_cache
def my_hours(request: HttpRequest) -> HttpResponse:
    """GET: the person's engagements, hours and totals. POST: log hours on one of their engagements."""
    if request.method != "POST":
        return _my_hours_page(request)
    engagement = access.engagement_of_user(request.user, request.POST.get("engagement", ""))
    form = HoursLogForm(request.POST, engagement=engagement)
    if form.is_valid():
        try:
            entry = services.hours_log(
                volunteer=request.user, engagement=engagement, date=form.cleaned_data["date"],
                hours=form.cleaned_data["hours"], note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _(
                "Your %(hours)s hours on %(date)s are logged. %(organisation)s will approve them."
            ) % {"hours": formats.number_format(entry.hours), "date": formats.date_format(entry.date),
                 "organisation": engagement.organisation.name})
            return redirect("hours:my_hours")
    messages.error(request, _("The hours were not logged. Please correct the errors below."))
    return _my_hours_page(request, bound=form)


# --- the organisation's hours -----------------------------------------------------------------------------------


def _organisation_page(request: HttpRequest, organisation, *, form=None) -> HttpResponse:
    """Pending entries to decide, the totals and the newest decided entries: five queries, whatever the data."""
    entries = access.entries_of(organisation)
    pending = list(entries.filter(status=HoursEntry.Status.PENDING).order_by("date", "id"))
    decided = list(entries.exclude(status=HoursEntry.Status.PENDING).order_by("-decided_at", "-id")[:DECIDED_SHOWN])
    context = {
        "organisation": organisation,
        "pending": pending,
        "decided": decided,
        "decided_shown": DECIDED_SHOWN,
        "form": form or DecideForm(pending_ids=[entry.pk for entry in pending]),
        "by_volunteer": selectors.totals_by_volunteer(organisation),
        "by_opportunity": selectors.totals_by_opportunity(organisation),
        "engagements": list(
            organisation.engagements.select_related("volunteer", "opportunity", "application").order_by(
                "-start_date", "-id"
            )
        ),
    }
    context["total"] = sum((row["hours"] for row in context["by_opportunity"]), 0)
    return render(request, "hours/organisation_hours.html", context)


@login_required
@never_cache
def organisation_hours(request: HttpRequest, slug: str) -> HttpResponse:
    return _organisation_page(request, member_access(request.user, slug).organisation)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve or reject the ticked pending entries, or one by its own button."""
    organisation = member_access(request.user, slug).organisation
    pending_ids = list(access.entries_of(organisation).filter(status=HoursEntry.Status.PENDING).values_list(
        "pk", flat=True))
    form = DecideForm(request.POST, pending_ids=pending_ids)
    if not form.is_valid():
        messages.error(request, _("Nothing was approved or rejected. Please correct the errors below."))
        return _organisation_page(request, organisation, form=form)
    entries = access.pending_entries_in(organisation, form.cleaned_data["entries"])
    approve = form.cleaned_data["approve"]
    decided = services.hours_decide(
        entries=entries, actor=request.user, approve=approve, reason=form.cleaned_data["reason"]
    )
    count = len(decided)
    if not count:
        messages.info(request, _("Those hours had already been decided, so nothing changed."))
    elif approve:
        messages.success(request, ngettext("%(count)s entry approved.", "%(count)s entries approved.", count)
                         % {"count": count})
    else:
        messages.success(request, ngettext("%(count)s entry rejected.", "%(count)s entries rejected.", count)
                         % {"count": count})
    return redirect("hours:organisation_hours", slug=organisation.slug)


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record who came to a shift (from the shift's management page), then go back there."""
    shift = access.shift_for_member(request.user, slug, pk)
    back = reverse("shifts:manage_shift", kwargs={"slug": slug, "pk": shift.pk})
    problem = services.attendance_problem(shift)
    if problem:
        messages.error(request, problem)
        return redirect(back)
    signups = list(shift.signups.filter(status=SignUp.Status.CONFIRMED).select_related("user").order_by("name", "id"))
    form = AttendanceForm(request.POST, signups=signups)
    if not form.is_valid():
        messages.error(request, _("Choose “Attended” or “Did not come” for each person."))
        return redirect(back)
    marks = form.marks()
    if not marks:
        messages.error(request, _("Choose “Attended” or “Did not come” for at least one person."))
        return redirect(back)
    with transaction.atomic():
        for signup, attended in marks:
            signup.shift = shift
            services.attendance_record(signup=signup, attended=attended, actor=request.user)
    guests = sum(1 for signup, attended in marks if attended and signup.user_id is None)
    text = ngettext("Attendance is recorded for %(count)s person.", "Attendance is recorded for %(count)s people.",
                    len(marks)) % {"count": len(marks)}
    if shift.event_id is None:
        text += " " + _("Those who came get the shift's hours, approved.")
    if guests and shift.event_id is None:
        text += " " + ngettext(
            "%(count)s guest has no account, so no hours were added for them.",
            "%(count)s guests have no account, so no hours were added for them.", guests,
        ) % {"count": guests}
    messages.success(request, text)
    return redirect(back)


def _thank_page(request, engagement, form=None) -> HttpResponse:
    context = {
        "organisation": engagement.organisation,
        "engagement": engagement,
        "form": form or ThankForm(),
        "approved": selectors.total_for_engagement(engagement),
    }
    return render(request, "hours/thank.html", context)


@login_required
@never_cache
def thank(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the form for a personal thank-you to an engagement's volunteer. POST: send it."""
    engagement = access.engagement_for_member(request.user, slug, pk)
    if request.method != "POST":
        return _thank_page(request, engagement)
    if engagement.volunteer is None:
        messages.error(request, _("The volunteer has no account yet, so we cannot send a thank-you."))
        return redirect("hours:thank", slug=slug, pk=engagement.pk)
    form = ThankForm(request.POST)
    if form.is_valid():
        try:
            services.thank_send(organisation=engagement.organisation, volunteer=engagement.volunteer,
                                actor=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Your thank-you has been sent to %(name)s.")
                             % {"name": engagement.volunteer.get_full_name()})
            return redirect("hours:organisation_hours", slug=slug)
    messages.error(request, _("The thank-you was not sent. Please correct the errors below."))
    return _thank_page(request, engagement, form)


# --- the certificate ------------------------------------------------------------------------------------------


def _certificate_page(request: HttpRequest, form=None) -> HttpResponse:
    items = selectors.certificate_items(request.user)
    context = {
        "items": items,
        "total": sum((item["hours"] for item in items), 0),
        "form": form or CertificateForm(initial={"language": request.LANGUAGE_CODE}),
        "certificates": list(access.certificates_of_user(request.user)),
    }
    return render(request, "hours/certificate.html", context)


@login_required
@never_cache
def certificate(request: HttpRequest) -> HttpResponse:
    """GET: what a certificate will say, and the ones issued before. POST: issue one, then download it."""
    if request.method != "POST":
        return _certificate_page(request)
    form = CertificateForm(request.POST)
    if form.is_valid():
        try:
            issued = services.certificate_issue(volunteer=request.user, language=form.cleaned_data["language"])
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Your certificate %(code)s is ready.") % {"code": issued.code})
            return redirect("hours:certificate_pdf", code=issued.code)
    messages.error(request, _("No certificate was made. Please correct the errors below."))
    return _certificate_page(request, form)


@login_required
@never_cache
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """One of the person's own certificates as a PDF (404 for anyone else's, and for a revoked one)."""
    issued = access.certificate_of_user(request.user, code)
    if issued.is_revoked:
        raise Http404
    response = HttpResponse(render_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="frivilligbevis-{issued.code}.pdf"'
    response["X-Robots-Tag"] = NOINDEX
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, code: str) -> HttpResponse:
    """Withdraw one of the person's own certificates: its verification page then says it is no longer valid."""
    issued = access.certificate_of_user(request.user, code)
    if services.certificate_revoke(certificate=issued, actor=request.user):
        messages.success(request, _("Certificate %(code)s is withdrawn. Its page now says it is no longer valid.")
                         % {"code": issued.code})
    return redirect("hours:certificate")


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = NOINDEX
    return response


def verify_form(request: HttpRequest) -> HttpResponse:
    """Enter a certificate's code to see what it says. A GET form: checking changes nothing."""
    form = VerifyForm(request.GET) if "code" in request.GET else VerifyForm()
    if form.is_bound and form.is_valid():
        return redirect("hours:verify", code=form.cleaned_data["code"])
    return _noindex(render(request, "hours/verify_form.html", {"form": form}))


@limit("certificate_verify", methods=("GET", "POST"), anonymous_only=False)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of a certificate: genuine or not, and exactly what it says. Unknown codes get a 404 page."""
    normal = normalise_code(code)
    if normal and normal != code:
        return redirect("hours:verify", code=normal)
    issued = access.certificate_by_code(code) if normal else None
    if issued is None:
        return _noindex(render(request, "hours/verify.html", {"code": code, "form": VerifyForm()}, status=404))
    context = certificate_context(issued)
    return _noindex(render(request, "hours/verify.html", {**context, "code": code}))
