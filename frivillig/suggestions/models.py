"""Saved searches: a person's search, kept to send them an e-mail digest of its new matches.

"Forslag til dig" (recommendations.py) keeps nothing of its own: it reads the person's profile.
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import SearchParams

# A person may keep this many saved searches.
MAX_SAVED_SEARCHES = 20


def new_token() -> str:
    return secrets.token_urlsafe(24)


def start_of_day(now, days: int = 0):
    """Local midnight `days` after the day of `now`, as an aware datetime."""
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time.min))


class SavedSearch(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    # How many days a digest waits for the next.
    INTERVAL_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=100)
    # The search as URL parameters, normalised by SearchParams (no page, no sort): "" is every opportunity.
    query = models.CharField(_("search"), max_length=2000, blank=True)
    frequency = models.CharField(_("how often"), max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY)
    language = models.CharField(
        _("language of the e-mails"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    is_active = models.BooleanField(_("sends e-mails"), default=True)
    # A digest lists only opportunities published after this, so saving a search does not send old posts.
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_sent_at = models.DateTimeField(_("last e-mail"), null=True, blank=True)
    # The first digest run at or after this time looks for new matches. A new search is due at the next run.
    next_due_at = models.DateTimeField(_("next e-mail"), default=timezone.now)
    # The secret in the one-click unsubscribe link of every digest.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="saved_search_unique_per_user"),
        ]
        indexes = [models.Index(fields=["is_active", "next_due_at"], name="saved_search_due")]

    def __str__(self) -> str:
        return self.name

    @property
    def params(self) -> SearchParams:
        return SearchParams.from_querydict(QueryDict(self.query))

    def search_url(self) -> str:
        """The search page showing this search, newest first (what a digest's "see all" link opens)."""
        query = QueryDict(self.query, mutable=True)
        query["sort"] = "newest"
        return f"{reverse('opportunities:search')}?{query.urlencode()}"

    def unsubscribe_url(self) -> str:
        return reverse("suggestions:unsubscribe", kwargs={"token": self.token})

    def due_after(self, now):
        """When the digest after one run at `now` is due: the start of the day one interval later, so a daily
        cron job finds it due at the same hour whatever minute the last run finished."""
        return start_of_day(now, self.INTERVAL_DAYS[self.frequency])


class SavedSearchSent(models.Model):
    """An opportunity a saved search's digest has listed. A digest never lists it again."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("opportunity sent in a digest")
        verbose_name_plural = _("opportunities sent in digests")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "opportunity"], name="saved_search_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.opportunity_id}"
