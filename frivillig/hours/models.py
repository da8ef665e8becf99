"""Hours and the volunteer certificate (frivilligbevis).

A volunteer logs hours on an engagement (or attendance on a shift creates them, approved); the organisation
approves or rejects them. Approved hours count in the totals, trigger the thank-you e-mails at the configured
thresholds, and make up the certificate: a PDF with a verification URL and code, whose public page shows exactly
what the certificate says (its content is kept as issued).
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frivillig.applications.models import Engagement
from frivillig.core.models import TimeStampedModel
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Organisation
from frivillig.shifts.models import SignUp


class HoursEntryQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)


class HoursEntry(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hours")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="hours")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="hours")
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.CASCADE, related_name="hours"
    )
    signup = models.OneToOneField(SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="hours")
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="hours_org_status"),
            models.Index(fields=["volunteer", "status"], name="hours_volunteer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=Decimal("0.5")) & Q(hours__lte=Decimal("24")), name="hours_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date} {self.hours}"


class ThankYou(models.Model):
    """A thank-you e-mail sent to a volunteer: at an hours threshold (once each), or personally by an organisation."""

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thank_yous")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    threshold = models.PositiveIntegerField(null=True, blank=True)  # hours, for the automatic ones
    message = models.TextField(blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thank-you")
        verbose_name_plural = _("thank-yous")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "threshold"], condition=Q(threshold__isnull=False), name="thank_you_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.threshold or 'personal'}"


def new_code() -> str:
    """12 characters from an alphabet without look-alikes (0/O, 1/I/L), grouped as XXXX-XXXX-XXXX."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """An issued volunteer certificate. `content` is what it said when issued; the verification page shows that."""

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(max_length=14, unique=True, default=new_code, editable=False)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.DANISH)
    content = models.JSONField(default=dict)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("hours:verify", kwargs={"code": self.code})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
