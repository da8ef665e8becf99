"""Site configuration, shared vocabularies and the audit log."""

import functools
import hashlib
import time
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .colours import contrast_ratio

SITE_CONFIG_CACHE_KEY = "frivillig:site-config:v1"
_process_memo: dict = {}


@functools.cache
def _theme_template_source() -> str:
    """Read once per process: a deploy that changes the theme's template restarts the process."""
    from django.template.loader import get_template

    return get_template("core/theme.css").template.source


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def parse_thresholds(value: str) -> list[int]:
    """"10, 50,100" → [10, 50, 100] (sorted, without repeats); ValueError for anything else."""
    parts = [part.strip() for part in (value or "").split(",") if part.strip()]
    numbers = sorted({int(part) for part in parts})
    if any(number < 1 or number > 100000 for number in numbers):
        raise ValueError(value)
    return numbers


def validate_thresholds(value: str) -> None:
    try:
        parse_thresholds(value)
    except ValueError:
        raise ValidationError(
            _("Write whole numbers of hours from 1 to 100000, separated by commas, e.g. 10,50,100.")
        ) from None


class SiteConfiguration(models.Model):
    """The one row that makes Frivillig this municipality's portal. Defaults are Frederiksberg's."""

    municipality_name = models.CharField(_("municipality name"), max_length=100, default="Frederiksberg Kommune")
    portal_name = models.CharField(_("portal name"), max_length=100, default="Frivillig Frederiksberg")
    tagline_da = models.CharField(
        _("tagline (Danish)"),
        max_length=200,
        default="Find et frivilligt job, en vagt eller et fællesskab på Frederiksberg",
    )
    tagline_en = models.CharField(
        _("tagline (English)"), max_length=200, default="Find a volunteer role, a shift or a community in Frederiksberg"
    )
    intro_da = models.TextField(
        _("introduction (Danish)"),
        default="Frederiksberg har et rigt foreningsliv. Her finder du foreninger, grupper og kommunale steder, "
        "der gerne vil have din hjælp – og dem, der kan hjælpe dig i gang.",
    )
    intro_en = models.TextField(
        _("introduction (English)"),
        default="Frederiksberg has a rich community life. Here you find associations, groups and municipal "
        "places that would like your help – and people who can help you get started.",
    )
    logo = models.ImageField(_("logo"), upload_to="site/", blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#0b5a3e")
    contact_email = models.EmailField(_("contact e-mail"), default="frivillig@frederiksberg.dk")
    contact_phone = models.CharField(_("contact phone"), max_length=30, default="38 21 21 21")
    contact_address = models.CharField(
        _("contact address"), max_length=200, default="Frederiksberg Rådhus, Smallegade 1, 2000 Frederiksberg"
    )
    data_controller_name = models.CharField(_("data controller"), max_length=200, default="Frederiksberg Kommune")
    data_controller_cvr = models.CharField(_("data controller CVR"), max_length=8, default="11259979")
    data_controller_address = models.CharField(
        _("data controller address"), max_length=200, default="Smallegade 1, 2000 Frederiksberg"
    )
    dpo_name = models.CharField(_("data protection officer"), max_length=200, default="Databeskyttelsesrådgiveren")
    dpo_email = models.EmailField(_("DPO e-mail"), default="databeskyttelse@frederiksberg.dk")
    dpo_phone = models.CharField(_("DPO phone"), max_length=30, blank=True, default="38 21 21 21")
    accessibility_statement_url = models.URLField(
        _("accessibility statement URL"),
        default="https://www.was.digst.dk/frederiksberg-dk",
        help_text=_("Link to the statement made in the Agency for Digital Government's WAS tool."),
    )
    hourly_value = models.DecimalField(
        _("hourly value of volunteering (kr.)"), max_digits=8, decimal_places=2, default=Decimal("200.00")
    )
    hourly_value_source = models.CharField(
        _("source of the hourly value"), max_length=200, default="Ibsen, SDU 2013"
    )
    thank_you_thresholds = models.CharField(
        _("thank-you e-mails at (approved hours)"),
        max_length=100,
        default="10,50,100",
        validators=[validate_thresholds],
        help_text=_("Whole numbers of hours, separated by commas, e.g. 10,50,100."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site configuration")
        verbose_name_plural = _("site configuration")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="site_configuration_singleton")]

    def __str__(self) -> str:
        return self.portal_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_CONFIG_CACHE_KEY)
        _process_memo.clear()

    @classmethod
    def get(cls) -> "SiteConfiguration":
        """The configuration, read on every page: a few seconds' process memo over the shared cache.

        Every page needs it, so a per-process copy saves a cache round trip per request. Another process sees a
        change after at most SITE_CONFIG_PROCESS_SECONDS; the process that saved sees it at once.
        """
        seconds = settings.SITE_CONFIG_PROCESS_SECONDS
        if seconds and _process_memo.get("until", 0.0) > time.monotonic():
            return _process_memo["config"]
        config = cache.get(SITE_CONFIG_CACHE_KEY)
        if config is None:
            config, _created = cls.objects.get_or_create(pk=1)
            cache.set(SITE_CONFIG_CACHE_KEY, config, 300)
        if seconds:
            _process_memo.update(config=config, until=time.monotonic() + seconds)
        return config

    @property
    def thank_you_threshold_list(self) -> list[int]:
        return parse_thresholds(self.thank_you_thresholds)

    @property
    def tagline(self) -> str:
        return self.tagline_en if get_language() == "en" else self.tagline_da

    @property
    def intro(self) -> str:
        return self.intro_en if get_language() == "en" else self.intro_da

    @property
    def primary_contrast(self) -> float:
        return contrast_ratio(self.primary_colour, "#ffffff")

    @property
    def theme_version(self) -> str:
        """The theme stylesheet's cache key (`tema.css?v=`): it changes exactly when the stylesheet does.

        That is when the colour or the stylesheet's template changes. (A timestamp to the second missed two
        changes within one second and busted the cache on changes the stylesheet does not show.)
        """
        source = f"{_theme_template_source()}\n{self.primary_colour.lower()}"
        return hashlib.sha256(source.encode()).hexdigest()[:12]


class TranslatedNameModel(models.Model):
    """A vocabulary entry with a Danish and an English name; `name` follows the active language."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_da"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_da


class Category(TranslatedNameModel):
    class Meta(TranslatedNameModel.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Area(TranslatedNameModel):
    """An area of the city (bydel), configured by coordinators."""

    class Meta(TranslatedNameModel.Meta):
        verbose_name = _("area of the city")
        verbose_name_plural = _("areas of the city")


class PolicyArea(TranslatedNameModel):
    class Meta(TranslatedNameModel.Meta):
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")


class TargetGroup(TranslatedNameModel):
    """Who a role helps (children, older people, refugees …); a filter in the search."""

    class Meta(TranslatedNameModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class SpokenLanguage(TranslatedNameModel):
    """A language a role can be done in, beside Danish."""

    class Meta(TranslatedNameModel.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class AuditLog(models.Model):
    """Who did what, when: every coordinator and admin action that matters."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("target type"), max_length=80, blank=True)
    target_id = models.CharField(_("target id"), max_length=80, blank=True)
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"
