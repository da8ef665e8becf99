"""Organisations (associations, informal groups, municipal units), their members and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import Area, Category, TimeStampedModel

from .validators import validate_cvr

INVITATION_VALID_DAYS = 14


def normalise_search_text(text: str) -> str:
    """Case-fold for search. SQLite's LIKE folds only ASCII, so æ/ø/å need a folded column to match Æ/Ø/Å."""
    return " ".join(text.casefold().split())


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(dissolved_at__isnull=True)

    def public(self):
        return self.active()

    def search(self, query: str):
        """Every word of `query` must occur in the name or the description, in any case."""
        for word in normalise_search_text(query).split():
            self = self.filter(search_text__contains=word)
        return self

    def shows_verified_mark(self):
        return self.filter(Q(is_verified=True) | Q(kind=Organisation.Kind.MUNICIPAL_UNIT))

    def verifiable(self):
        """Associations and informal groups: the kinds a coordinator verifies."""
        return self.exclude(kind=Organisation.Kind.MUNICIPAL_UNIT)


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        INFORMAL_GROUP = "informal_group", _("Informal group")
        MUNICIPAL_UNIT = "municipal_unit", _("Municipal unit")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas of the city"), blank=True, related_name="organisations")
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="organisations"
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_volunteer_team = models.BooleanField(_("is the municipal volunteer team"), default=False, editable=False)
    terms_accepted_at = models.DateTimeField(_("data terms accepted at"), null=True, blank=True)
    terms_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dissolved_at = models.DateTimeField(_("dissolved at"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_volunteer_team"], condition=Q(is_volunteer_team=True), name="one_volunteer_team"
            ),
            models.CheckConstraint(
                condition=Q(is_volunteer_team=False) | Q(kind="municipal_unit"),
                name="volunteer_team_is_municipal_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A derived column, kept in step with the fields it is made from.
        self.search_text = normalise_search_text(f"{self.name} {self.description}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_municipal_unit(self) -> bool:
        return self.kind == self.Kind.MUNICIPAL_UNIT

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_at is not None

    @property
    def shows_verified_mark(self) -> bool:
        return self.is_verified or self.is_municipal_unit

    @property
    def is_verifiable(self) -> bool:
        return not self.is_municipal_unit

    @property
    def address_lines(self) -> list[str]:
        postal = " ".join(filter(None, [self.postcode, self.city]))
        return [line for line in (self.street_address, postal) if line]


class MembershipQuerySet(models.QuerySet):
    def admins(self):
        return self.filter(role=Membership.Role.ADMIN)


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        EDITOR = "editor", _("Editor")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TimeStampedModel):
    """An e-mailed invitation to join an organisation; the invitee accepts through the link."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def get_absolute_url(self) -> str:
        return reverse("organisations:invitation", kwargs={"token": self.token})
