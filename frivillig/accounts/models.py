"""Users sign in with their e-mail address; what they tell us about themselves is their profile."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import Area, Category


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def is_coordinator(self) -> bool:
        """Coordinators are the admins of the volunteer team's own municipal unit."""
        return self.memberships.filter(role="admin", organisation__is_volunteer_team=True).exists()

    @cached_property
    def has_totp(self) -> bool:
        return self.authenticator_set.filter(type="totp").exists()


phone_validator = RegexValidator(r"^\+?[0-9 ]{8,20}$", _("Enter a phone number of 8 to 20 digits."))


class VolunteerProfile(models.Model):
    """What a person chooses to tell: used for suggestions and notifications, never shown publicly."""

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    interests = models.ManyToManyField(Category, verbose_name=_("interests"), blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas of the city"), blank=True)
    available_weekdays = models.BooleanField(_("weekdays"), default=False)
    available_weekends = models.BooleanField(_("weekends"), default=False)
    available_daytime = models.BooleanField(_("daytime"), default=False)
    available_evenings = models.BooleanField(_("evenings"), default=False)
    notify_new_opportunities = models.BooleanField(
        _("e-mail me about new opportunities that match my interests"), default=False
    )
    notify_reminders = models.BooleanField(_("e-mail me reminders before my shifts"), default=True)
    notify_news = models.BooleanField(_("e-mail me news from the volunteer team"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True) | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="profile_birth_year_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def availability_labels(self) -> list[str]:
        pairs = [
            (self.available_weekdays, _("weekdays")),
            (self.available_weekends, _("weekends")),
            (self.available_daytime, _("daytime")),
            (self.available_evenings, _("evenings")),
        ]
        return [str(label) for flag, label in pairs if flag]

    @property
    def notification_labels(self) -> list[str]:
        """The e-mails the person has asked for, in words (the fields' labels)."""
        fields = ["notify_new_opportunities", "notify_reminders", "notify_news"]
        return [str(self._meta.get_field(name).verbose_name) for name in fields if getattr(self, name)]
