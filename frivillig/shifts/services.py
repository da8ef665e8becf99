"""Writes about shifts and sign-ups: the capacity rule, the waitlist, guests' held places, changes and reminders.

**Never more sign-ups holding a place than the shift's capacity**, also under concurrent requests: every write
that takes, frees or counts places first locks the shift's row (`_locked_shift`: SELECT … FOR UPDATE on
PostgreSQL; on SQLite the connection's IMMEDIATE transactions serialise all writes, DESIGN.md §6), then counts.

A place is held by a confirmed sign-up, or by a guest's sign-up until the guest confirms the e-mail address: at
most 24 hours and never past the shift's start (`hold_expires_at`). A hold that runs out lapses, and the waitlist
moves up. Every e-mail is queued after the transaction commits, in its recipient's language, and carries the
self-service link of the sign-up.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.audit import audit
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration
from frivillig.opportunities.models import Opportunity

from .models import Event, Shift, ShiftSeries, SignUp

Status = SignUp.Status
HOLD_FOR = timedelta(hours=24)
REMINDER_BEFORE = timedelta(hours=24)
MAX_SHIFTS_PER_PATTERN = 250
# Changing these tells everyone signed up and raises the iCalendar SEQUENCE.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place")


# --- helpers ----------------------------------------------------------------------------------------------


def _locked_shift(shift: Shift) -> Shift:
    """Re-read the shift under a row lock: from here to the commit, no one else takes or frees its places."""
    return (
        Shift.objects.select_for_update(of=("self",))
        .select_related("opportunity", "event", "organisation")
        .get(pk=shift.pk)
    )


def _holding(shift: Shift) -> int:
    return SignUp.objects.filter(shift=shift, status__in=SignUp.HOLDING_STATUSES).count()


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _mail(signup: SignUp, template: str, **extra) -> None:
    context = {
        "signup": signup,
        "shift": signup.shift,
        "organisation": signup.shift.organisation,
        "link": _link(signup.get_absolute_url()),
        "ics_link": _link(reverse("shifts:signup_ics", kwargs={"token": signup.token})),
        "search_link": _link(reverse("opportunities:search")),
        "site_config": SiteConfiguration.get(),
        **extra,
    }
    send_templated_email(to=signup.email, template=f"email/shifts/{template}", context=context,
                         language=signup.language)


def _hold_until(shift: Shift, now) -> datetime:
    return min(now + HOLD_FOR, shift.starts_at)


def _lapse_expired(shift: Shift, now) -> int:
    """Holds on `shift` whose time ran out lapse (the caller holds the lock and promotes afterwards)."""
    expired = list(SignUp.objects.filter(shift=shift, status=Status.HELD, hold_expires_at__lte=now))
    for signup in expired:
        signup.status = Status.LAPSED
        signup.save(update_fields=["status", "updated_at"])
        signup.shift = shift
        _mail(signup, "lapsed")
    return len(expired)


def _promote(shift: Shift, now) -> list[SignUp]:
    """Move people up from the waitlist while there are free places (the caller holds the lock).

    Someone with an account, or a guest who has confirmed the address, is confirmed at once; a guest who has
    not gets the place held, as on signing up.
    """
    if shift.is_cancelled or shift.starts_at <= now:
        return []
    free = shift.capacity - _holding(shift)
    promoted = []
    for signup in SignUp.objects.filter(shift=shift, status=Status.WAITLISTED).order_by("waitlisted_at", "id")[
        : max(free, 0)
    ]:
        confirmed = signup.user_id is not None or signup.email_confirmed_at is not None
        signup.status = Status.CONFIRMED if confirmed else Status.HELD
        signup.hold_expires_at = None if confirmed else _hold_until(shift, now)
        signup.promoted_at = now
        signup.save(update_fields=["status", "hold_expires_at", "promoted_at", "updated_at"])
        signup.shift = shift
        _mail(signup, "promoted", confirm_link=_link(_confirm_path(signup)))
        promoted.append(signup)
    return promoted


def signup_problem(shift: Shift, now=None) -> str:
    """Why no one can sign up for `shift` now, or "" when they can."""
    now = now or timezone.now()
    if shift.is_cancelled:
        return _("This shift has been cancelled.")
    if shift.starts_at <= now:
        return _("This shift has already started.")
    if shift.opportunity_id and not shift.opportunity.is_public:
        return _("This opportunity is not open for sign-ups.")
    if shift.event_id and not shift.event.is_published:
        return _("This event is not open for registration.")
    return ""


def active_signup(shift: Shift, email: str) -> SignUp | None:
    return SignUp.objects.filter(shift=shift, email=email.strip().lower(), status__in=SignUp.ACTIVE_STATUSES).first()


# --- signing up -------------------------------------------------------------------------------------------


def signup_create(*, shift: Shift, user=None, data: dict | None = None, language: str = "da", now=None) -> SignUp:
    """Sign up for `shift`, as the signed-in `user` or as a guest (`data`: name, email, phone).

    There is a place: confirmed (with an account) or held until the guest confirms by e-mail. The shift is full:
    on the waitlist. Signing up twice is refused kindly.
    """
    try:
        with transaction.atomic():
            return _create(shift=shift, user=user, data=data or {}, language=language, now=now or timezone.now())
    except IntegrityError:
        email = user.email if user else (data or {}).get("email", "")
        if active_signup(shift, email) is None:
            raise
        raise _already_error() from None


def _already_error() -> ValidationError:
    return ValidationError(
        _("You are already signed up for this shift. The e-mail we sent you has a link to your sign-up."),
        code="duplicate",
    )


def _create(*, shift, user, data, language, now) -> SignUp:
    shift = _locked_shift(shift)
    problem = signup_problem(shift, now)
    if problem:
        raise ValidationError(problem, code="closed")
    _lapse_expired(shift, now)
    email = (user.email if user else data.get("email", "")).strip().lower()
    if active_signup(shift, email):
        raise _already_error()
    profile = getattr(user, "profile", None) if user else None
    signup = SignUp(
        shift=shift,
        user=user,
        name=(user.name if user and user.name else data.get("name", "")).strip() or email,
        email=email,
        phone=(data.get("phone") or (profile.phone if profile else "") or "").strip(),
        language=(profile.preferred_language if profile else language) or settings.LANGUAGE_CODE,
        email_confirmed_at=now if user else None,
    )
    if _holding(shift) < shift.capacity:
        if user:
            signup.status = Status.CONFIRMED
        else:
            signup.status = Status.HELD
            signup.hold_expires_at = _hold_until(shift, now)
    else:
        signup.status = Status.WAITLISTED
        signup.waitlisted_at = now
    signup.full_clean(validate_constraints=False)
    signup.save()
    signup.shift = shift
    template = {Status.CONFIRMED: "confirmed", Status.HELD: "confirm_email", Status.WAITLISTED: "waitlisted"}
    _mail(signup, template[signup.status], confirm_link=_link(_confirm_path(signup)))
    return signup


def _confirm_path(signup: SignUp) -> str:
    return reverse("shifts:signup_confirm", kwargs={"token": signup.token})


@transaction.atomic
def signup_confirm_email(*, signup: SignUp, now=None) -> str:
    """The guest opened the link and confirmed. Returns what became of the sign-up: its status.

    A held place is confirmed; a hold that has run out lapses (the place went to the waitlist), and a waitlisted
    guest stays on the waitlist, now confirmed, so a freed place is theirs at once.
    """
    now = now or timezone.now()
    shift = _locked_shift(signup.shift)
    signup.refresh_from_db()
    if signup.status == Status.HELD and signup.hold_expires_at <= now:
        _lapse_expired(shift, now)
        _promote(shift, now)
        signup.refresh_from_db()
        return signup.status
    if signup.email_confirmed_at is None:
        signup.email_confirmed_at = now
        signup.save(update_fields=["email_confirmed_at", "updated_at"])
    if signup.status == Status.HELD:
        signup.status = Status.CONFIRMED
        signup.hold_expires_at = None
        signup.save(update_fields=["status", "hold_expires_at", "updated_at"])
        signup.shift = shift
        _mail(signup, "confirmed")
    return signup.status


@transaction.atomic
def signup_cancel(*, signup: SignUp, now=None) -> bool:
    """The person cancels (from the self-service link or Mine vagter); the first on the waitlist moves up."""
    now = now or timezone.now()
    shift = _locked_shift(signup.shift)
    signup.refresh_from_db()
    if not signup.is_active:
        return False
    signup.status = Status.CANCELLED
    signup.cancelled_at = now
    signup.hold_expires_at = None
    signup.save(update_fields=["status", "cancelled_at", "hold_expires_at", "updated_at"])
    _lapse_expired(shift, now)
    _promote(shift, now)
    return True


def signups_lapse_holds(*, now=None) -> int:
    """Lapse every hold that has run out and promote from the waitlists. Part of the every-15-minutes job."""
    now = now or timezone.now()
    lapsed = 0
    shift_ids = set(
        SignUp.objects.filter(status=Status.HELD, hold_expires_at__lte=now).values_list("shift_id", flat=True)
    )
    for shift in Shift.objects.filter(pk__in=shift_ids):
        with transaction.atomic():
            locked = _locked_shift(shift)
            lapsed += _lapse_expired(locked, now)
            _promote(locked, now)
    return lapsed


@transaction.atomic
def signups_claim(*, user, email: str) -> int:
    """Join a guest's sign-ups to the account that has verified `email`; that also confirms their e-mail."""
    email = email.strip().lower()
    signups = list(SignUp.objects.filter(user__isnull=True, email=email))
    now = timezone.now()
    for signup in signups:
        signup.user = user
        signup.save(update_fields=["user", "updated_at"])
        if signup.status == Status.HELD or (signup.status == Status.WAITLISTED and not signup.email_confirmed_at):
            transaction.on_commit(lambda signup=signup: signup_confirm_email(signup=signup))
        elif signup.email_confirmed_at is None:
            SignUp.objects.filter(pk=signup.pk).update(email_confirmed_at=now)
    return len(signups)


# --- the organisation's side ------------------------------------------------------------------------------


def _validate_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The shift must end after it starts.")})


@transaction.atomic
def shift_create(*, opportunity: Opportunity | None = None, event: Event | None = None, data: dict, actor) -> Shift:
    """One shift for an opportunity (or the registration of an event): start, end, places, place and note."""
    _validate_times(data["starts_at"], data["ends_at"])
    organisation = opportunity.organisation if opportunity else event.organisation
    shift = Shift(
        opportunity=opportunity,
        event=event,
        organisation=organisation,
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        capacity=data["capacity"],
        place=data.get("place", ""),
        note=data.get("note", ""),
    )
    shift.full_clean()
    shift.save()
    audit(actor=actor, action="shift.create", target=shift, organisation=organisation.slug)
    return shift


def local_datetime(day: date, at: time) -> datetime:
    """`at` on `day` in the portal's time zone (Europe/Copenhagen): 18:00 stays 18:00 across summer time."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


def pattern_dates(*, weekdays: list[int], first_date: date, last_date: date) -> list[date]:
    """The dates from `first_date` to `last_date` that fall on the ISO `weekdays` (1 = Monday)."""
    days = []
    day = first_date
    while day <= last_date:
        if day.isoweekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


@transaction.atomic
def shifts_create_weekly(
    *, opportunity: Opportunity, weekdays: list[int], start_time: time, end_time: time, first_date: date,
    last_date: date, capacity: int, place: str = "", note: str = "", actor,
) -> list[Shift]:
    """A weekly pattern: one shift on each chosen weekday in the date range, at local times (across DST)."""
    if last_date < first_date:
        raise ValidationError({"last_date": _("The last date must be on or after the first date.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The shift must end after it starts.")})
    if not weekdays:
        raise ValidationError({"weekdays": _("Choose at least one weekday.")})
    days = pattern_dates(weekdays=weekdays, first_date=first_date, last_date=last_date)
    if not days:
        raise ValidationError({"weekdays": _("None of the chosen weekdays falls within the dates.")})
    if len(days) > MAX_SHIFTS_PER_PATTERN:
        raise ValidationError(
            {"last_date": _("That would make %(count)s shifts. Make at most %(max)s at a time.")
             % {"count": len(days), "max": MAX_SHIFTS_PER_PATTERN}}
        )
    series = ShiftSeries.objects.create(
        opportunity=opportunity, weekdays=",".join(str(day) for day in sorted(weekdays)), start_time=start_time,
        end_time=end_time, first_date=first_date, last_date=last_date, created_by=actor,
    )
    shifts = [
        Shift(
            opportunity=opportunity, organisation=opportunity.organisation, series=series,
            starts_at=local_datetime(day, start_time), ends_at=local_datetime(day, end_time),
            capacity=capacity, place=place, note=note,
        )
        for day in days
    ]
    for shift in shifts:
        shift.full_clean(exclude=["uid"])
    Shift.objects.bulk_create(shifts)
    audit(actor=actor, action="shift.create_weekly", target=opportunity, shifts=len(shifts))
    return shifts


@transaction.atomic
def shift_update(*, shift: Shift, data: dict, actor, now=None) -> list[str]:
    """Change a shift. Capacity never goes below the places already taken; more places promote from the waitlist.
    A new time or place is told to everyone signed up, and the iCalendar SEQUENCE goes up."""
    now = now or timezone.now()
    shift = _locked_shift(shift)
    if shift.is_cancelled:
        raise ValidationError(_("A cancelled shift cannot be changed."))
    _lapse_expired(shift, now)
    taken = _holding(shift)
    if "capacity" in data and data["capacity"] < taken:
        raise ValidationError(
            {"capacity": _("%(count)s places are taken, so there must be at least %(count)s places.")
             % {"count": taken}},
            code="below_taken",
        )
    _validate_times(data.get("starts_at", shift.starts_at), data.get("ends_at", shift.ends_at))
    changed = [name for name in ("starts_at", "ends_at", "capacity", "place", "note")
               if name in data and getattr(shift, name) != data[name]]
    for name in changed:
        setattr(shift, name, data[name])
    notify = [name for name in changed if name in NOTIFIED_FIELDS]
    if notify:
        shift.sequence += 1
    shift.full_clean()
    if changed:
        shift.save(update_fields=[*changed, "sequence", "updated_at"])
        audit(actor=actor, action="shift.update", target=shift, fields=changed)
    if notify:
        for signup in shift.signups.filter(status__in=SignUp.ACTIVE_STATUSES):
            signup.shift = shift
            _mail(signup, "changed", changed=notify)
    if "capacity" in changed:
        _promote(shift, now)
    return changed


@transaction.atomic
def shift_cancel(*, shift: Shift, actor, reason: str = "", now=None) -> None:
    """Cancel a shift: everyone signed up (and waiting) is told; calendars see it cancelled (SEQUENCE up)."""
    shift = _locked_shift(shift)
    if shift.is_cancelled:
        return
    shift.cancelled_at = now or timezone.now()
    shift.cancel_reason = (reason or "").strip()
    shift.sequence += 1
    shift.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
    audit(actor=actor, action="shift.cancel", target=shift, reason=shift.cancel_reason)
    for signup in shift.signups.filter(status__in=SignUp.ACTIVE_STATUSES):
        signup.shift = shift
        _mail(signup, "cancelled", reason=shift.cancel_reason)


def shift_message(*, shift: Shift, actor, message: str) -> int:
    """Write to everyone with a place on the shift (confirmed and held). Returns how many were written to."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write the message before you send it.")})
    signups = list(shift.signups.filter(status__in=SignUp.HOLDING_STATUSES))
    with transaction.atomic():
        for signup in signups:
            signup.shift = shift
            _mail(signup, "message", message=message, sender=actor)
        audit(actor=actor, action="shift.message", target=shift, recipients=len(signups))
    return len(signups)


# --- reminders --------------------------------------------------------------------------------------------


@transaction.atomic
def reminders_send(*, now=None) -> int:
    """Remind everyone confirmed for a shift starting within the next 24 hours, once (`reminder_sent_at`).

    Meant to run every 15 minutes. The rows are locked and re-checked, so two runs at once remind once; a person
    who turned reminders off in their profile is not reminded.
    """
    now = now or timezone.now()
    due = (
        SignUp.objects.select_for_update(of=("self",))
        .filter(
            status=Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            shift__cancelled_at__isnull=True,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + REMINDER_BEFORE,
        )
        .exclude(user__profile__notify_reminders=False)
        .select_related("shift__opportunity", "shift__event", "shift__organisation")
    )
    sent = 0
    for signup in due:
        _mail(signup, "reminder")
        signup.reminder_sent_at = now
        signup.save(update_fields=["reminder_sent_at", "updated_at"])
        sent += 1
    return sent


# --- events -----------------------------------------------------------------------------------------------

EVENT_FIELDS = ("title", "kind", "description", "language", "is_published")
REGISTRATION_FIELDS = ("starts_at", "ends_at", "capacity", "place")


@transaction.atomic
def event_create(*, organisation, data: dict, actor) -> Event:
    """An event and its registration (the shift people sign up for), in one go: both or neither."""
    event = Event(organisation=organisation, created_by=actor, **{name: data[name] for name in EVENT_FIELDS})
    event.full_clean()
    event.save()
    shift_create(event=event, data={name: data[name] for name in REGISTRATION_FIELDS if name in data}, actor=actor)
    audit(actor=actor, action="event.create", target=event, organisation=organisation.slug)
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict, actor, now=None) -> list[str]:
    """Change an event. A new time, place or capacity goes through `shift_update` on its registration, so everyone
    signed up is told and the capacity never drops below the places taken. Returns the changed fields' names."""
    changed = [name for name in EVENT_FIELDS if name in data and getattr(event, name) != data[name]]
    for name in changed:
        setattr(event, name, data[name])
    event.full_clean()
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
        audit(actor=actor, action="event.update", target=event, fields=changed)
    registration = Shift.objects.filter(event=event).first()
    if registration is not None and not registration.is_cancelled:
        changed += shift_update(
            shift=registration, data={name: data[name] for name in REGISTRATION_FIELDS if name in data},
            actor=actor, now=now,
        )
    return changed
