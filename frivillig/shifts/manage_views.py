"""The organisation's side of shifts and events: add shifts (one, or a weekly pattern), see who is coming, change,
cancel and write to a shift, and create and change events.

Every organisation, opportunity, shift and event is fetched through the access helpers (this app's and the
organisations' and opportunities'): an outsider gets 404. The writes go through `services.py`, which says no with
ValidationError, shown on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from frivillig.organisations.access import member_access

from . import access, services
from .manage_forms import EventForm, ShiftCancelForm, ShiftForm, ShiftMessageForm, WeeklyPatternForm
from .models import Shift, SignUp

Status = SignUp.Status
GET_POST = require_http_methods(["GET", "POST"])


def _add_service_error(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field if the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _shifts_url(opportunity) -> str:
    return reverse("shifts:opportunity_shifts", kwargs={"slug": opportunity.organisation.slug, "pk": opportunity.pk})


def _shift_url(shift: Shift) -> str:
    return reverse("shifts:manage_shift", kwargs={"slug": shift.organisation.slug, "pk": shift.pk})


def _events_url(organisation) -> str:
    return reverse("shifts:manage_events", kwargs={"slug": organisation.slug})


def _back_url(shift: Shift) -> str:
    """Where a shift's pages lead back to: its opportunity's shifts, or the organisation's events."""
    return _shifts_url(shift.opportunity) if shift.opportunity_id else _events_url(shift.organisation)


def _split(items, now) -> tuple[list, list]:
    """(upcoming, past): the next shift first, then the past ones with the latest first."""
    upcoming = [item for item in items if item.ends_at > now]
    past = [item for item in items if item.ends_at <= now]
    return upcoming, past[::-1]


# --- an opportunity's shifts -------------------------------------------------------------------------------


@login_required
@GET_POST
def opportunity_shifts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The opportunity's shifts, upcoming first, and a form to add one."""
    membership, opportunity = access.opportunity_with_shifts(request.user, slug, pk)
    form = ShiftForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                shift = services.shift_create(opportunity=opportunity, data=form.shift_data(), actor=request.user)
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(
                    request, _("The shift on %(date)s has been added.")
                    % {"date": _local_date(shift)},
                )
                return redirect(_shifts_url(opportunity))
        messages.error(request, _("The shift was not added. Please correct the errors below."))
    upcoming, past = _split(list(access.shifts_of_opportunity(opportunity)), timezone.now())
    context = {
        "organisation": opportunity.organisation,
        "membership": membership,
        "opportunity": opportunity,
        "upcoming": upcoming,
        "past": past,
        "form": form,
    }
    return render(request, "shifts/manage/opportunity_shifts.html", context)


def _local_date(shift: Shift) -> str:
    return date_format(timezone.localtime(shift.starts_at), "DATE_FORMAT")


@login_required
@GET_POST
def weekly_pattern(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Make the shifts of a weekly pattern at once: the chosen weekdays, at the same local times, over a range."""
    membership, opportunity = access.opportunity_with_shifts(request.user, slug, pk)
    form = WeeklyPatternForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                shifts = services.shifts_create_weekly(opportunity=opportunity, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(count)s shift has been added.", "%(count)s shifts have been added.", len(shifts))
                    % {"count": len(shifts)},
                )
                return redirect(_shifts_url(opportunity))
        messages.error(request, _("No shifts were added. Please correct the errors below."))
    context = {"organisation": opportunity.organisation, "membership": membership, "opportunity": opportunity,
               "form": form}
    return render(request, "shifts/manage/weekly_pattern.html", context)


# --- one shift ---------------------------------------------------------------------------------------------


def _signup_groups(shift: Shift) -> dict[str, list[SignUp]]:
    groups = {"confirmed": [], "held": [], "waitlisted": [], "gone": []}
    for signup in access.signups_of(shift):
        if signup.status in (Status.CANCELLED, Status.LAPSED):
            groups["gone"].append(signup)
        else:
            groups[signup.status].append(signup)
    groups["waitlisted"].sort(key=lambda signup: (signup.waitlisted_at or signup.created_at, signup.pk))
    return groups


def _shift_context(shift: Shift, membership, **extra) -> dict:
    return {
        "organisation": shift.organisation,
        "membership": membership,
        "shift": shift,
        "opportunity": shift.opportunity,
        "event": shift.event,
        "back_url": _back_url(shift),
        **extra,
    }


@login_required
def manage_shift(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who is coming: confirmed, held (until when), the waitlist in order; cancelled and lapsed folded away."""
    membership, shift = access.shift_access(request.user, slug, pk)
    groups = _signup_groups(shift)
    context = _shift_context(
        shift,
        membership,
        signups=groups,
        # The hours helper's attendance form: after the shift has started, for the people who had a place.
        show_attendance=shift.has_started and not shift.is_cancelled,
        attendance_signups=groups["confirmed"],
        message_form=ShiftMessageForm(),
    )
    return render(request, "shifts/manage/manage_shift.html", context)


@login_required
@GET_POST
def shift_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change the date, times, places, place or note. A new time or place is e-mailed to everyone signed up."""
    membership, shift = access.shift_access(request.user, slug, pk)
    if shift.is_cancelled:
        messages.error(request, _("The shift has been cancelled, so it can no longer be changed."))
        return redirect(_shift_url(shift))
    if shift.event_id:
        return redirect("shifts:event_edit", slug=shift.organisation.slug, pk=shift.event_id)
    form = ShiftForm(request.POST or None, initial=ShiftForm.initial_for(shift))
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.shift_update(shift=shift, data=form.shift_data(), actor=request.user)
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _changed_message(changed))
                return redirect(_shift_url(shift))
        messages.error(request, _("The changes were not saved. Please correct the errors below."))
    return render(request, "shifts/manage/shift_edit.html", _shift_context(shift, membership, form=form))


def _changed_message(changed: list[str]) -> str:
    if any(name in services.NOTIFIED_FIELDS for name in changed):
        return _("The changes have been saved, and everyone signed up has been e-mailed the new time or place.")
    if changed:
        return _("The changes have been saved.")
    return _("Nothing was changed.")


@login_required
@GET_POST
def shift_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask, then cancel the shift with an optional reason; everyone signed up is told by e-mail."""
    membership, shift = access.shift_access(request.user, slug, pk)
    if shift.is_cancelled:
        messages.info(request, _("The shift has already been cancelled."))
        return redirect(_shift_url(shift))
    form = ShiftCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.shift_cancel(shift=shift, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The shift has been cancelled, and everyone signed up has been told."))
        return redirect(_shift_url(shift))
    return render(request, "shifts/manage/shift_cancel.html", _shift_context(shift, membership, form=form))


@login_required
@GET_POST
def shift_message(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Write to everyone with a place on the shift (confirmed, and guests whose place is held)."""
    membership, shift = access.shift_access(request.user, slug, pk)
    form = ShiftMessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.shift_message(shift=shift, actor=request.user, message=form.cleaned_data["message"])
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                if count:
                    text = ngettext("The message has been sent to %(count)s person.",
                                    "The message has been sent to %(count)s people.", count) % {"count": count}
                    messages.success(request, text)
                else:
                    messages.info(request, _("No one has a place on the shift yet, so the message was not sent."))
                return redirect(_shift_url(shift))
        messages.error(request, _("The message was not sent. Please correct the errors below."))
    return render(request, "shifts/manage/shift_message.html", _shift_context(shift, membership, form=form))


# --- events ------------------------------------------------------------------------------------------------


@login_required
def manage_events(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's events, upcoming first, then the past ones, with how many have registered."""
    membership = member_access(request.user, slug)
    events = list(access.events_of(membership.organisation))
    now = timezone.now()
    for event in events:
        event.shift = getattr(event, "registration", None)  # None for an event made without one (the admin)
    past = [event for event in events if event.shift is not None and event.shift.ends_at <= now]
    upcoming = [event for event in events if event not in past]
    context = {
        "organisation": membership.organisation,
        "membership": membership,
        "upcoming": upcoming,
        "past": past[::-1],
    }
    return render(request, "shifts/manage/events.html", context)


@login_required
@GET_POST
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    membership = member_access(request.user, slug)
    organisation = membership.organisation
    form = EventForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                event = services.event_create(organisation=organisation, data=form.event_data(), actor=request.user)
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The event “%(title)s” has been created.") % {"title": event.title})
                return redirect(_events_url(organisation))
        messages.error(request, _("The event was not saved. Please correct the errors below."))
    context = {"organisation": organisation, "membership": membership, "form": form, "event": None}
    return render(request, "shifts/manage/event_form.html", context)


@login_required
@GET_POST
def event_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change an event. A new time, place or capacity goes through the registration, so people are told."""
    membership, event = access.event_access(request.user, slug, pk)
    registration = getattr(event, "registration", None)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event, registration))
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.event_update(event=event, data=form.event_data(), actor=request.user)
            except ValidationError as error:
                _add_service_error(form, error)
                event.refresh_from_db()
            else:
                messages.success(request, _changed_message(changed))
                return redirect(_events_url(event.organisation))
        messages.error(request, _("The changes were not saved. Please correct the errors below."))
    context = {
        "organisation": event.organisation,
        "membership": membership,
        "form": form,
        "event": event,
        "registration": registration,
    }
    return render(request, "shifts/manage/event_form.html", context)
