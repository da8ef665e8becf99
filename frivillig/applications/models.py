"""Applications to opportunities, what happens to them, and the engagements they lead to.

An application is made by a signed-in person or by a guest. The organisation sees it only once it is
*submitted*: a guest must first confirm their e-mail address, and an applicant under 15 needs a guardian's
consent. Until then `submitted_at` is empty and the organisation's inbox does not show it.
"""

import math
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import phone_validator
from frivillig.core.models import TimeStampedModel
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Organisation

# Below this age (in the year of applying) a guardian must consent before the organisation sees the application.
GUARDIAN_CONSENT_BELOW_AGE = 15


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        """What organisations see: confirmed by e-mail and, for under-15s, consented to by a guardian."""
        return self.filter(submitted_at__isnull=False)

    def open(self):
        return self.filter(status__in=Application.OPEN_STATUSES)

    def active(self):
        """Applications that block a new one to the same opportunity: all but withdrawn ones."""
        return self.exclude(status=Application.Status.WITHDRAWN)


class Application(TimeStampedModel):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for a guardian's consent")
        NEW = "new", _("New")
        IN_DIALOGUE = "in_dialogue", _("In dialogue")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    # Before submission / in the organisation's hands / finished.
    PENDING_STATUSES = (Status.UNCONFIRMED, Status.AWAITING_CONSENT)
    OPEN_STATUSES = (Status.NEW, Status.IN_DIALOGUE)
    CLOSED_STATUSES = (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
    # What a member may set: the pipeline's next steps. Withdrawing is the applicant's own.
    ANSWER_STATUSES = (Status.IN_DIALOGUE, Status.ACCEPTED, Status.DECLINED)

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="applications")
    # The opportunity's organisation, kept on the row so the organisation's inbox is one indexed query.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))  # stored in lower case
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    message = models.TextField(_("message to the organisation"), max_length=4000, blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    guardian_email = models.EmailField(_("guardian's e-mail address"), blank=True)
    guardian_token = models.CharField(max_length=64, blank=True, editable=False)
    guardian_consented_at = models.DateTimeField(_("guardian consented"), null=True, blank=True)

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-submitted_at"], name="application_org_inbox"),
            models.Index(fields=["opportunity", "-submitted_at"], name="application_opp_inbox"),
            models.Index(fields=["status", "submitted_at"], name="application_status_submitted"),
            models.Index(fields=["email"], name="application_email"),
        ]
        constraints = [
            # Applying twice is refused; after withdrawing, a person may apply again.
            models.UniqueConstraint(
                fields=["opportunity", "email"],
                condition=~Q(status="withdrawn"),
                name="application_once_per_opportunity",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | ~Q(status__in=["unconfirmed", "awaiting_consent"]),
                name="application_pending_not_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.opportunity}"

    def get_absolute_url(self) -> str:
        """The applicant's own page: the link in every e-mail, no account needed."""
        return reverse("applications:mine", kwargs={"token": self.token})

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def can_withdraw(self) -> bool:
        return self.status not in self.CLOSED_STATUSES

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    def age_in(self, year: int | None = None) -> int:
        """The age the applicant turns in `year` (this year by default): what the birth year tells."""
        return (year or timezone.localdate().year) - self.birth_year


class ApplicationEvent(models.Model):
    """The application's history: status changes (with an optional message to the applicant) and internal notes.

    Internal notes are for the organisation's members only; the applicant's page shows only status changes and
    the messages written to them.
    """

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        NOTE = "note", _("Internal note")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Application.Status.choices, blank=True)
    text = models.TextField(_("text"), max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind} {self.to_status}"

    @property
    def is_note(self) -> bool:
        return self.kind == self.Kind.NOTE


class Engagement(TimeStampedModel):
    """A volunteer's role with an organisation, created when an application is accepted.

    Later features (shifts, hours, the certificate) build on it. A guest's engagement has no user until the guest
    creates an account with the same verified e-mail address.
    """

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="engagement")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="engagements"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="engagements")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="engagements")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="engagement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.name} · {self.opportunity}"


class ResponseFigures(models.Model):
    """An organisation's answer figures over the last 12 months, pre-computed.

    Recomputed for one organisation when one of its applications is submitted or first answered (after the
    transaction commits, as a task), and for all organisations by the nightly `refresh_response_figures`
    command, as the 12-month window moves. Pages read this one row, so the figures never slow them.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="response_figures")
    applications = models.PositiveIntegerField(default=0)  # submitted in the window and due an answer
    answered = models.PositiveIntegerField(default=0)
    median_response_hours = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("response figures")
        verbose_name_plural = _("response figures")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.answered}/{self.applications}"

    # Fewer applications than this say too little (and could point at a person): the figures are not shown.
    MINIMUM_APPLICATIONS = 3

    @property
    def is_shown(self) -> bool:
        return self.applications >= self.MINIMUM_APPLICATIONS and self.median_response_hours is not None

    @property
    def answer_rate_percent(self) -> int:
        return round(100 * self.answered / self.applications) if self.applications else 0

    @property
    def median_response_days(self) -> int:
        """Whole days, rounded up; at least 1."""
        hours = self.median_response_hours or 0
        return max(1, math.ceil(hours / 24))
