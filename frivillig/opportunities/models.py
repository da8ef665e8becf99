"""Opportunities (frivilligjob): what organisations post and people search for."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup, TimeStampedModel
from frivillig.organisations.models import Organisation


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, by an active organisation."""
        return self.filter(status=Opportunity.Status.PUBLISHED, organisation__dissolved_at__isnull=True)

    def due_to_expire(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=Opportunity.LIVE_STATUSES).filter(
            Q(end_date__lt=today) | Q(application_deadline__lt=today)
        )


class Opportunity(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class TimeCommitment(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        SHORT_TERM = "short_term", _("Short term")
        REGULAR = "regular", _("Regular")
        FLEXIBLE = "flexible", _("Flexible")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    LIVE_STATUSES = (Status.PUBLISHED, Status.PAUSED)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="opportunities")
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    description = models.TextField(_("description"), help_text=_("Markdown: **bold**, lists, links."))
    language = models.CharField(
        _("language of the text"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="opportunities")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="opportunities"
    )
    policy_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("policy areas"), blank=True, related_name="opportunities"
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    time_commitment = models.CharField(
        _("time commitment"), max_length=12, choices=TimeCommitment.choices, default=TimeCommitment.REGULAR
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    # When the work happens, matched against the times a volunteer can help ("Forslag til dig").
    # None ticked means it varies or is by agreement.
    when_weekdays = models.BooleanField(_("on weekdays"), default=False)
    when_weekends = models.BooleanField(_("at weekends"), default=False)
    when_daytime = models.BooleanField(_("in the daytime"), default=False)
    when_evenings = models.BooleanField(_("in the evening"), default=False)
    # Place: an address with a point, an area of the city, or online.
    is_online = models.BooleanField(_("can be done online"), default=False)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area of the city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility_note = models.CharField(_("accessibility"), max_length=300, blank=True)
    languages = models.ManyToManyField(
        SpokenLanguage, verbose_name=_("languages"), blank=True, related_name="opportunities"
    )
    no_danish_required = models.BooleanField(_("no Danish required"), default=False)
    suits_youth = models.BooleanField(_("suits young people (13–17)"), default=False)
    suits_seniors = models.BooleanField(_("suits seniors"), default=False)
    suits_families = models.BooleanField(_("suits families"), default=False)
    suits_groups = models.BooleanField(_("suits groups and companies"), default=False)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(99)]
    )
    requires_child_certificate = models.BooleanField(_("requires a child protection certificate"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    volunteers_wanted = models.PositiveSmallIntegerField(_("volunteers wanted"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)

    # Role card (municipal units): the visible division of work between volunteers and paid staff.
    role_volunteer_tasks = models.TextField(_("what the volunteer does"), blank=True)
    role_staff_tasks = models.TextField(_("what paid staff do"), blank=True)
    role_staff_contact = models.CharField(_("named staff contact"), max_length=150, blank=True)
    role_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    role_confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    insurance_covered = models.BooleanField(_("covered by the municipality's volunteer insurance"), default=False)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    unpublished_reason = models.TextField(_("reason for unpublishing"), blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Search: a case-folded text column (SQLite fallback) and, on PostgreSQL, a weighted tsvector.
    # Both are kept by search.index_opportunity(). Their GIN indexes (and the trigram indexes on title and
    # summary) exist only on PostgreSQL, so migration 0002 creates them with SQL rather than Meta.indexes.
    search_text = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="opportunity_status_published")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="opportunity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="opportunity_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opportunities:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.organisation.is_dissolved

    @property
    def needs_role_card(self) -> bool:
        return self.organisation.is_municipal_unit

    @property
    def has_role_card(self) -> bool:
        return bool(
            self.role_volunteer_tasks and self.role_staff_tasks and self.role_staff_contact and self.role_confirmed_at
        )

    @property
    def when_labels(self) -> list[str]:
        """When the work happens, in words (the fields' labels); empty when it varies."""
        names = ["when_weekdays", "when_weekends", "when_daytime", "when_evenings"]
        return [str(self._meta.get_field(name).verbose_name) for name in names if getattr(self, name)]

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None
