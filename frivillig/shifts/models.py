"""Shifts and events: time-bound places people sign up for, with a capacity and a waitlist.

A shift belongs to an opportunity (a one-off or recurring task) or to an event (a network meeting, a course,
Frivillig Fredag…), whose registration is its one shift: events reuse the sign-up logic. The capacity rule lives
in services.py: never more confirmed sign-ups than places, also under concurrent requests (the shift row is
locked on PostgreSQL; on SQLite the immediate transaction serialises the writes).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import TimeStampedModel
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Organisation


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(TimeStampedModel):
    """Something people come to: a network meeting, a course, a grant information meeting, Frivillig Fredag, an
    association's open day. Registration (with a capacity) is its shift, `registration`."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network meeting")
        COURSE = "course", _("Course")
        GRANT_INFO = "grant_info", _("Grant information meeting")
        FRIVILLIG_FREDAG = "frivillig_fredag", _("Frivillig Fredag")
        OPEN_DAY = "open_day", _("Open day")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), help_text=_("Markdown: **bold**, lists, links."))
    language = models.CharField(
        _("language of the text"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shifts:event_detail", kwargs={"pk": self.pk})


class ShiftSeries(TimeStampedModel):
    """A weekly pattern that created shifts for a date range; each shift can then be changed on its own."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shift_series")
    weekdays = models.CharField(max_length=13)  # ISO weekdays, e.g. "1,3" for Monday and Wednesday
    start_time = models.TimeField()
    end_time = models.TimeField()
    first_date = models.DateField()
    last_date = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("shift series")
        verbose_name_plural = _("shift series")

    def __str__(self) -> str:
        return f"{self.opportunity} {self.weekdays} {self.start_time}"


class ShiftQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now(), cancelled_at__isnull=True)

    def with_counts(self):
        """Annotate `confirmed_count` and `waitlist_count` (one query for a whole list)."""
        return self.annotate(
            confirmed_count=models.Count("signups", filter=Q(signups__status__in=SignUp.HOLDING_STATUSES)),
            waitlist_count=models.Count("signups", filter=Q(signups__status=SignUp.Status.WAITLISTED)),
        )


class Shift(TimeStampedModel):
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="shifts"
    )
    event = models.OneToOneField(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="registration")
    series = models.ForeignKey(ShiftSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="shifts")
    # The organisation behind the opportunity or event, kept on the row for access and lists.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # iCalendar SEQUENCE: goes up whenever the time, place or status changes, so calendars update the entry.
    sequence = models.PositiveIntegerField(default=0)
    uid = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["organisation", "starts_at"], name="shift_org_starts")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"),
            models.CheckConstraint(
                condition=Q(opportunity__isnull=False, event__isnull=True)
                | Q(opportunity__isnull=True, event__isnull=False),
                name="shift_of_opportunity_or_event",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shift_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        if self.event_id:
            return reverse("shifts:event_detail", kwargs={"pk": self.event_id})
        return reverse("shifts:shift_detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return self.event.title if self.event_id else self.opportunity.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def places_left(self) -> int:
        """Needs `confirmed_count` (ShiftQuerySet.with_counts) or counts with a query."""
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.signups.filter(status__in=SignUp.HOLDING_STATUSES).count()
        return max(0, self.capacity - confirmed)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


class SignUpQuerySet(models.QuerySet):
    def holding(self):
        """Sign-ups that take a place: confirmed, and guests' places held until they confirm."""
        return self.filter(status__in=SignUp.HOLDING_STATUSES)

    def waiting(self):
        return self.filter(status=SignUp.Status.WAITLISTED).order_by("waitlisted_at", "id")


class SignUp(TimeStampedModel):
    class Status(models.TextChoices):
        HELD = "held", _("Held until the e-mail is confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("Lapsed (not confirmed in time)")

    class Attendance(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    HOLDING_STATUSES = (Status.HELD, Status.CONFIRMED)
    ACTIVE_STATUSES = (Status.HELD, Status.CONFIRMED, Status.WAITLISTED)

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))  # lower case
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language for e-mails"), max_length=2, choices=Language.choices, default="da")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    hold_expires_at = models.DateTimeField(null=True, blank=True)  # a guest's held place lapses at this time
    waitlisted_at = models.DateTimeField(null=True, blank=True)  # the waitlist's order
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["shift", "status"], name="signup_shift_status"),
            models.Index(fields=["email"], name="signup_email"),
        ]
        constraints = [
            # One active sign-up per person and shift; after cancelling, a person may sign up again.
            models.UniqueConstraint(
                fields=["shift", "email"],
                condition=Q(status__in=["held", "confirmed", "waitlisted"]),
                name="signup_once_per_shift",
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(hold_expires_at__isnull=False), name="signup_held_has_expiry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.shift}"

    def get_absolute_url(self) -> str:
        """The self-service page every sign-up e-mail links to: see or cancel, no account needed."""
        return reverse("shifts:signup", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class CalendarFeed(models.Model):
    """A person's secret iCal address for all their shifts and events; revoking makes a new one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"
