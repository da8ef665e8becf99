"""Writes about hours: logging, approving and rejecting, attendance, thank-yous and certificates.

Every function takes keyword-only arguments, runs in one transaction and raises ValidationError with a message a
person can act on when a rule says no. E-mails are rendered in the recipient's language and queued after the
transaction commits (core/mail.py). Who may call what is checked by the views through `access.py`; the services
check again what the data itself must satisfy (whose engagement, which organisation's entries).
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.applications.models import Engagement
from frivillig.core.audit import audit
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration
from frivillig.organisations.models import Membership, Organisation
from frivillig.shifts.models import SignUp

from . import selectors
from .models import Certificate, HoursEntry, ThankYou

Status = HoursEntry.Status
MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("24")
ONE_DECIMAL = Decimal("0.1")
CERTIFICATE_FORMAT = 1  # the shape of Certificate.content; bump if it changes


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE


def _mail(user, template: str, **context) -> None:
    send_templated_email(
        to=user.email,
        template=f"email/hours/{template}",
        context={"volunteer": user, "site_config": SiteConfiguration.get(), **context},
        language=_language_of(user),
    )


# --- logging ----------------------------------------------------------------------------------------------


def clean_hours(value) -> Decimal:
    """0.5 to 24 hours, in steps of at most one decimal (2.5, not 2.25)."""
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("Enter the hours as a number, for example 2.5.")}) from None
    if not hours.is_finite() or hours < MIN_HOURS or hours > MAX_HOURS:
        raise ValidationError({"hours": _("Enter from 0.5 to 24 hours.")})
    if hours != hours.quantize(ONE_DECIMAL):
        raise ValidationError({"hours": _("Use at most one decimal, for example 2.5.")})
    return hours.quantize(ONE_DECIMAL)


@transaction.atomic
def hours_log(*, volunteer, engagement: Engagement, date, hours, note: str = "", today=None) -> HoursEntry:
    """Log hours on the volunteer's own engagement, waiting for the organisation's approval."""
    if engagement.volunteer_id is None or engagement.volunteer_id != volunteer.pk:
        raise ValidationError(_("You can only log hours on your own engagements."), code="not_yours")
    today = today or timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    entry = HoursEntry(
        volunteer=volunteer,
        organisation_id=engagement.organisation_id,
        opportunity_id=engagement.opportunity_id,
        engagement=engagement,
        date=date,
        hours=clean_hours(hours),
        note=(note or "").strip(),
    )
    entry.full_clean()
    entry.save()
    return entry


# --- approving ----------------------------------------------------------------------------------------------


def _member_organisation_ids(actor) -> set[int]:
    return set(Membership.objects.filter(user=actor).values_list("organisation_id", flat=True))


@transaction.atomic
def hours_decide(*, entries, actor, approve: bool, reason: str = "", now=None) -> list[HoursEntry]:
    """Approve or reject one or many entries. Only pending entries of the actor's organisations are decided;
    the rest are left as they were. Returns the decided entries. Approvals may send threshold thank-yous."""
    now = now or timezone.now()
    ids = [entry.pk for entry in entries]
    decided = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("volunteer__profile")
        .filter(pk__in=ids, status=Status.PENDING, organisation_id__in=_member_organisation_ids(actor))
        .order_by("pk")
    )
    if not decided:
        return []
    status = Status.APPROVED if approve else Status.REJECTED
    HoursEntry.objects.filter(pk__in=[entry.pk for entry in decided]).update(
        status=status, decided_by=actor, decided_at=now, reject_reason="" if approve else reason.strip()[:300],
        updated_at=now,
    )
    for organisation_id in sorted({entry.organisation_id for entry in decided}):
        ours = [entry.pk for entry in decided if entry.organisation_id == organisation_id]
        audit(actor=actor, action="hours.approve" if approve else "hours.reject",
              target=Organisation.objects.get(pk=organisation_id), entries=ours, count=len(ours))
    for entry in decided:
        entry.status = status
    if approve:
        for volunteer in {entry.volunteer_id: entry.volunteer for entry in decided}.values():
            thresholds_check(volunteer=volunteer)
    return decided


# --- attendance -----------------------------------------------------------------------------------------------


def shift_hours(shift) -> Decimal:
    """A shift's length in hours, to one decimal, within what one entry may hold (0.5 to 24)."""
    seconds = Decimal((shift.ends_at - shift.starts_at) / timedelta(seconds=1))
    hours = (seconds / 3600).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return min(MAX_HOURS, max(MIN_HOURS, hours))


def attendance_problem(shift, now=None) -> str:
    """Why attendance cannot be recorded for `shift` now, or ""."""
    if shift.is_cancelled:
        return _("The shift was cancelled, so there is no attendance to record.")
    if shift.starts_at > (now or timezone.now()):
        return _("You can record attendance once the shift has started.")
    return ""


@transaction.atomic
def attendance_record(*, signup: SignUp, attended: bool, actor, now=None) -> HoursEntry | None:
    """Mark a confirmed sign-up as attended or no-show. Marking again changes the mark.

    On an opportunity's shift, attendance by someone with an account gives them approved hours of the shift's
    length (a no-show removes them again). Guests without an account, and events, get the mark only.
    Returns the hours entry, if there is one.
    """
    shift = signup.shift
    problem = attendance_problem(shift, now)
    if problem:
        raise ValidationError(problem, code="not_now")
    if signup.status != SignUp.Status.CONFIRMED:
        raise ValidationError(_("Only confirmed sign-ups can be marked."), code="not_confirmed")
    signup.attendance = SignUp.Attendance.ATTENDED if attended else SignUp.Attendance.NO_SHOW
    signup.save(update_fields=["attendance", "updated_at"])
    audit(actor=actor, action="shift.attendance", target=signup, attendance=signup.attendance,
          organisation=shift.organisation.slug)
    if not attended or signup.user_id is None or shift.opportunity_id is None:
        HoursEntry.objects.filter(signup=signup).delete()
        return None
    entry, _created = HoursEntry.objects.update_or_create(
        signup=signup,
        defaults={
            "volunteer_id": signup.user_id,
            "organisation_id": shift.organisation_id,
            "opportunity_id": shift.opportunity_id,
            "engagement": Engagement.objects.filter(volunteer_id=signup.user_id, opportunity_id=shift.opportunity_id)
            .order_by("-start_date").first(),
            "date": timezone.localdate(shift.starts_at),
            "hours": shift_hours(shift),
            "status": Status.APPROVED,
            "decided_by": actor,
            "decided_at": now or timezone.now(),
            "reject_reason": "",
        },
    )
    thresholds_check(volunteer=entry.volunteer)
    return entry


# --- thank-yous ---------------------------------------------------------------------------------------------


def thresholds_check(*, volunteer) -> int | None:
    """Thank the volunteer for each configured threshold their approved hours have reached, once each.

    Reaching several at once (e.g. after a bulk approval) sends one e-mail, for the highest; all are recorded.
    The unique constraint on ThankYou makes this safe against two approvals at the same time. Returns the
    threshold thanked for, if any.
    """
    thresholds = SiteConfiguration.get().thank_you_threshold_list
    if not thresholds:
        return None
    total = HoursEntry.objects.approved().filter(volunteer=volunteer).aggregate(total=Sum("hours"))["total"] or 0
    reached = [threshold for threshold in thresholds if threshold <= total]
    thanked = set(
        ThankYou.objects.filter(volunteer=volunteer, threshold__in=reached).values_list("threshold", flat=True)
    )
    new = []
    for threshold in reached:
        if threshold in thanked:
            continue
        try:
            with transaction.atomic():
                ThankYou.objects.create(volunteer=volunteer, threshold=threshold)
        except IntegrityError:
            continue  # another approval thanked for it just now
        new.append(threshold)
    if not new:
        return None
    _mail(volunteer, "threshold", threshold=max(new), total=total, link=_link(reverse("hours:certificate")))
    return max(new)


@transaction.atomic
def thank_send(*, organisation: Organisation, volunteer, actor, message: str) -> ThankYou:
    """A personal thank-you from the organisation, e-mailed to the volunteer and recorded."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write your thank-you before you send it.")})
    thank_you = ThankYou.objects.create(volunteer=volunteer, organisation=organisation, message=message, sent_by=actor)
    audit(actor=actor, action="hours.thank", target=organisation, volunteer=volunteer.pk)
    _mail(volunteer, "thank_you", organisation=organisation, message=message, sender=actor,
          link=_link(reverse("hours:my_hours")))
    return thank_you


# --- certificates ---------------------------------------------------------------------------------------------


def _one_decimal(value) -> str:
    """"7" and "7.0" alike as "7.0": SQLite and PostgreSQL sum decimals to different scales."""
    return str(Decimal(value).quantize(ONE_DECIMAL))


def certificate_content(*, volunteer, language: str, today=None) -> dict:
    """What a certificate issued now says: kept as issued, and all the verification page shows."""
    items = selectors.certificate_items(volunteer)
    config = SiteConfiguration.get()
    return {
        "format": CERTIFICATE_FORMAT,
        "volunteer": volunteer.get_full_name(),
        "language": language,
        "issued": (today or timezone.localdate()).isoformat(),
        "issuer": config.portal_name,
        "municipality": config.municipality_name,
        "items": [
            {
                "organisation": item["organisation"],
                "role": item["role"],
                "role_language": item["role_language"],
                "first": item["first"].isoformat(),
                "last": item["last"].isoformat(),
                "hours": _one_decimal(item["hours"]),
            }
            for item in items
        ],
        "total": _one_decimal(sum((item["hours"] for item in items), Decimal("0"))),
    }


@transaction.atomic
def certificate_issue(*, volunteer, language: str, today=None) -> Certificate:
    """Issue a certificate of the volunteer's approved hours in `language` ("da" or "en")."""
    if language not in Certificate.Language.values:
        raise ValidationError({"language": _("Choose Danish or English.")})
    content = certificate_content(volunteer=volunteer, language=language, today=today)
    if not content["items"]:
        raise ValidationError(_("You have no approved hours yet, so there is nothing to put on a certificate."),
                              code="empty")
    for _attempt in range(5):  # a code is 12 characters from 31: a collision is next to impossible
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(volunteer=volunteer, language=language, content=content)
            break
        except IntegrityError:
            continue
    else:
        raise RuntimeError("no free certificate code")
    audit(actor=volunteer, action="certificate.issue", target=certificate)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, now=None) -> bool:
    """Withdraw a certificate: its verification page then says it is no longer valid. False if it already was."""
    if certificate.revoked_at is not None:
        return False
    certificate.revoked_at = now or timezone.now()
    certificate.save(update_fields=["revoked_at"])
    audit(actor=actor, action="certificate.revoke", target=certificate)
    return True
