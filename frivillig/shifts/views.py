"""The volunteer's and the public's side of shifts and events: a shift's page and signing up, the self-service
page every sign-up e-mail links to, "Mine vagter" with the personal calendar feed, and the public calendar of
events with its iCal feed.

The self-service pages need no account: the secret token in the e-mailed link is the key (access.py). They are
never cached and carry `noindex`. Every change is a POST; GET never changes a sign-up, so a mail scanner that
follows the links confirms or cancels nothing.
"""

import calendar as month_calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.ratelimit import limit

from . import access, ical, services
from .forms import SignUpForm, email_language
from .models import CalendarFeed, Event, Shift, SignUp, new_token
from .selectors import waitlist_position

Status = SignUp.Status
# A guest who has just signed up sees "check your e-mail" once; the session remembers where the link went.
SENT_SESSION_KEY = "shifts_sent"
# The personal feed holds what is to come and what happened in the last months, not years of history.
FEED_HISTORY = timedelta(days=180)


# --- a shift's page and signing up ------------------------------------------------------------------------


def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A shift of a published opportunity: time, place, note, places left and the sign-up form."""
    shift = access.shift_public(pk)
    if shift.event_id:
        return redirect(shift.get_absolute_url())
    return _detail(request, shift, form=None)


def _detail(request: HttpRequest, shift: Shift, form: SignUpForm | None, status: int = 200) -> HttpResponse:
    """The shift's page, or the event's page for an event's registration, with the sign-up box."""
    user = request.user if request.user.is_authenticated else None
    context = {"shift": shift, "signup_box": _signup_box(request, shift, form, user)}
    if shift.event_id:
        event = shift.event
        context |= {"event": event, "organisation": event.organisation}
        return render(request, "shifts/event_detail.html", context, status=status)
    context |= {"opportunity": shift.opportunity, "organisation": shift.organisation}
    return render(request, "shifts/shift_detail.html", context, status=status)


def _signup_box(request: HttpRequest, shift: Shift, form: SignUpForm | None, user) -> dict:
    """What the sign-up box shows: "check your e-mail" after a guest signed up, the person's own sign-up, why no
    one can sign up, or the form."""
    sent = _pop_sent(request, shift.pk)
    if sent:
        return {"sent": sent}
    existing = services.active_signup(shift, user.email) if user else None
    if existing is not None:
        return {"existing": existing, "position": waitlist_position(existing)}
    problem = services.signup_problem(shift)
    if problem:
        return {"problem": problem}
    return {"form": form or SignUpForm(user=user), "shift": shift}


@require_POST
@limit("shift_signup", key_field="email")
def signup_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign up: the signed-in person to their sign-up's page, a guest to "check your e-mail". A full shift puts
    them on the waitlist; the service's refusals (signing up twice, a closed shift) are shown on the form."""
    shift = access.shift_public(pk)
    user = request.user if request.user.is_authenticated else None
    form = SignUpForm(request.POST, user=user)
    if not form.is_valid():
        return _detail(request, shift, form)
    try:
        signup = services.signup_create(
            shift=shift, user=user, data=form.cleaned_data, language=email_language(user, get_language())
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _detail(request, shift, form)
    if user is None:
        # The self-service link is only in the e-mail, so only the owner of the address reaches the sign-up.
        request.session[SENT_SESSION_KEY] = {
            "shift": shift.pk, "email": signup.email, "status": signup.status,
            "position": waitlist_position(signup),
            "until": signup.hold_expires_at.isoformat() if signup.hold_expires_at else "",
        }
        return redirect(shift.get_absolute_url())
    if signup.status == Status.WAITLISTED:
        messages.info(request, _("The shift is full, so you are on the waitlist. We e-mail you if a place opens."))
    else:
        messages.success(request, _("You are signed up. We have sent you an e-mail with the details."))
    return redirect(signup.get_absolute_url())


def _pop_sent(request: HttpRequest, shift_pk: int) -> dict | None:
    """What a guest's sign-up just became and where its e-mail went, once; None otherwise."""
    sent = request.session.get(SENT_SESSION_KEY)
    if request.method != "GET" or not sent or sent.get("shift") != shift_pk:
        return None
    del request.session[SENT_SESSION_KEY]
    return sent | {"until": parse_datetime(sent.get("until") or "")}


# --- the self-service link ---------------------------------------------------------------------------------


@never_cache
def signup(request: HttpRequest, token: str) -> HttpResponse:
    """The sign-up's own page: what, when, where, where it stands, cancel, and the .ics."""
    signup = access.signup_by_token(token)
    context = {
        "signup": signup,
        "shift": signup.shift,
        "position": waitlist_position(signup),
        "is_own": request.user.is_authenticated and signup.user_id == request.user.pk,
        "needs_confirming": _needs_confirming(signup),
    }
    return render(request, "shifts/signup.html", context)


def _needs_confirming(signup: SignUp) -> bool:
    return signup.status == Status.HELD or (signup.status == Status.WAITLISTED and signup.email_confirmed_at is None)


@never_cache
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners open links); the button's POST confirms the guest's e-mail address."""
    signup = access.signup_by_token(token)
    if not _needs_confirming(signup):
        if signup.email_confirmed_at:
            messages.info(request, _("Your e-mail address is already confirmed."))
        return redirect(signup.get_absolute_url())
    if request.method == "POST":
        status = services.signup_confirm_email(signup=signup)
        if status == Status.CONFIRMED:
            messages.success(request, _("Thank you. Your e-mail address is confirmed, and the place is yours."))
        elif status == Status.WAITLISTED:
            messages.success(request, _("Thank you. Your e-mail address is confirmed. If a place opens, it is yours "
                                        "at once, and we e-mail you."))
        else:
            messages.warning(request, _("Sorry, the time to confirm ran out, so the place has gone to the next "
                                        "person."))
        return redirect(signup.get_absolute_url())
    return render(request, "shifts/signup_confirm.html", {"signup": signup, "shift": signup.shift})


@require_POST
def signup_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel from the self-service page (or Mine vagter); the first person waiting moves up."""
    signup = access.signup_by_token(token)
    if services.signup_cancel(signup=signup):
        messages.success(request, _("Your sign-up has been cancelled. Thank you for letting us know."))
    else:
        messages.info(request, _("This sign-up is no longer active, so there is nothing to cancel."))
    return redirect(signup.get_absolute_url())


def signup_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The sign-up's shift as one .ics file to add to a calendar."""
    signup = access.signup_by_token(token)
    shift = signup.shift
    return ical.ics_response(ical.calendar_bytes([shift]), filename=ical.shift_filename(shift))


# --- Mine vagter and the personal feed ---------------------------------------------------------------------


@login_required
def my_shifts(request: HttpRequest) -> HttpResponse:
    """The person's coming and past sign-ups, and their personal calendar address (made on the first visit)."""
    now = timezone.now()
    signups = list(access.signups_of_user(request.user))
    upcoming = [item for item in signups if item.shift.ends_at >= now and item.is_active]
    past = [item for item in reversed(signups) if item not in upcoming]
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed_path = reverse("shifts:personal_feed", kwargs={"token": feed.token})
    context = {
        "upcoming": upcoming,
        "past": past,
        "feed_url": request.build_absolute_uri(feed_path),
        "webcal_url": "webcal://" + request.get_host() + feed_path,
    }
    return render(request, "shifts/my_shifts.html", context)


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """A new secret calendar address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.token = new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    messages.success(request, _("Your calendar has a new address. The old one no longer works: add the new one "
                                "to your calendar."))
    return redirect("shifts:my_shifts")


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """All the person's shifts and events, for calendar programs to subscribe to; found by its secret token."""
    feed = access.feed_by_token(token)
    since = timezone.now() - FEED_HISTORY
    shifts = [item.shift for item in access.active_signups_of_user(feed.user).filter(shift__ends_at__gte=since)]
    name = ical.portal_calendar_name(_("My shifts"))
    return ical.ics_response(ical.calendar_bytes(shifts, name=name), filename="vagter.ics", download=False)


# --- events ------------------------------------------------------------------------------------------------

MONTH = "maaned"
VIEW = "visning"
KIND = "type"


def calendar(request: HttpRequest) -> HttpResponse:
    """The public calendar of events: a month (?maaned=YYYY-MM) or the list of coming events (?visning=liste),
    optionally of one kind (?type=course)."""
    kind = request.GET.get(KIND, "")
    kind = kind if kind in Event.Kind.values else ""
    events = access.public_events()
    if kind:
        events = events.filter(event__kind=kind)
    context = {"kind": kind, "kinds": Event.Kind.choices, "list_view": request.GET.get(VIEW) == "liste"}
    if context["list_view"]:
        context["events"] = list(events.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True))
        return render(request, "shifts/calendar.html", context)
    first = _month(request.GET.get(MONTH, ""))
    zone = ZoneInfo(settings.TIME_ZONE)
    days_in_month = month_calendar.monthrange(first.year, first.month)[1]
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(days=days_in_month), time.min, tzinfo=zone)
    month_events = list(events.filter(starts_at__gte=start, starts_at__lt=end))
    context |= {
        "month": first,
        "days": _by_day(month_events),
        "previous_month": (first - timedelta(days=1)).replace(day=1),
        "next_month": first + timedelta(days=days_in_month),
    }
    return render(request, "shifts/calendar.html", context)


def _month(value: str) -> date:
    """The first day of the month ?maaned=YYYY-MM names, or of this month for anything else."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else timezone.localdate().replace(day=1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def _by_day(shifts: list[Shift]) -> list[tuple[date, list[Shift]]]:
    days: dict[date, list[Shift]] = {}
    for shift in shifts:
        days.setdefault(timezone.localdate(shift.starts_at), []).append(shift)
    return list(days.items())


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: what, who, when, where, places left and registration (the sign-up of its one shift)."""
    event = access.event_public(pk)
    shift = access.event_registration(event)
    if shift is None:
        return render(request, "shifts/event_detail.html", {"event": event, "organisation": event.organisation})
    return _detail(request, shift, form=None)


def events_feed(request: HttpRequest) -> HttpResponse:
    """Coming published events as iCal, cancelled ones included so subscribed calendars remove them."""
    shifts = access.public_events().filter(starts_at__gte=timezone.now())
    name = ical.portal_calendar_name(_("Events"))
    return ical.ics_response(ical.calendar_bytes(shifts, name=name), filename="arrangementer.ics", download=False)
