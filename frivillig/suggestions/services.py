"""Writes about saved searches, and the e-mail digests of their new matches.

Every function takes keyword-only arguments and runs in one transaction; a rule that says no raises
ValidationError with a message a person can act on. Who may call what is checked by the views through
`access.py`. Digests are rendered in the saved search's language and queued after the transaction commits
(core/mail.py).

A digest lists the opportunities that match the search, were published after the search was saved (so saving it
does not send old posts) and that no earlier digest of it has listed (SavedSearchSent, unique per search and
opportunity). So a digest never repeats an opportunity.
"""

import logging
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.accounts.models import User
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration
from frivillig.opportunities.search import SearchParams, load_vocabulary, matching_opportunities

from .models import MAX_SAVED_SEARCHES, SavedSearch, SavedSearchSent

logger = logging.getLogger(__name__)

# A digest lists at most this many opportunities, then says how many more there are and links to the search.
DIGEST_LIMIT = 20
DIGEST_TEMPLATE = "email/suggestions/digest"


def normalised_query(params: SearchParams) -> str:
    """The search as it is saved: its URL parameters without the page or the sort, in one canonical order."""
    return replace(params, sort="", page=1).urlencode()


def preferred_language(user: User) -> str:
    """The language the person reads e-mails in: their profile's, else the site's."""
    profile = getattr(user, "profile", None)
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


# --- keeping saved searches -------------------------------------------------------------------------------


@transaction.atomic
def saved_search_create(
    *, user: User, params: SearchParams, name: str, frequency: str, language: str | None = None, now=None
) -> SavedSearch:
    """Save a search for `user`. Its first digest comes one interval (a day or a week) from today.

    Refused when the person already keeps MAX_SAVED_SEARCHES searches, or has saved the same search before.
    """
    now = now or timezone.now()
    User.objects.select_for_update().filter(pk=user.pk).first()  # one person's saves, one at a time (the limit)
    query = normalised_query(params)
    existing = SavedSearch.objects.filter(user=user)
    if existing.count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            ngettext(
                "You can keep %(counter)s saved search. Delete one you no longer need, then save this one.",
                "You can keep %(counter)s saved searches. Delete one you no longer need, then save this one.",
                MAX_SAVED_SEARCHES,
            ) % {"counter": MAX_SAVED_SEARCHES},
            code="limit",
        )
    if existing.filter(query=query).exists():
        raise ValidationError(_("You have already saved this search."), code="duplicate")
    saved_search = SavedSearch(
        user=user, name=" ".join(name.split()), query=query, frequency=frequency,
        language=language or preferred_language(user), created_at=now,
    )
    saved_search.next_due_at = saved_search.due_after(now)
    saved_search.full_clean(exclude=["user", "token"], validate_unique=False)
    saved_search.save()
    return saved_search


@transaction.atomic
def saved_search_update(
    *, saved_search: SavedSearch, frequency: str | None = None, is_active: bool | None = None, now=None
) -> SavedSearch:
    """Change how often the digest comes, or turn its e-mails off or on (as unsubscribe/resubscribe do).

    A new frequency counts from today: switching from weekly to daily brings the next digest tomorrow.
    """
    now = now or timezone.now()
    if frequency and frequency != saved_search.frequency:
        saved_search.frequency = frequency
        saved_search.full_clean(exclude=["user", "token"], validate_unique=False)
        saved_search.next_due_at = saved_search.due_after(now)
        saved_search.save(update_fields=["frequency", "next_due_at"])
    if is_active is False:
        saved_search_unsubscribe(saved_search=saved_search)
    elif is_active:
        saved_search_resubscribe(saved_search=saved_search, now=now)
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


@transaction.atomic
def saved_search_unsubscribe(*, saved_search: SavedSearch) -> SavedSearch:
    """Stop the search's e-mails (the one-click link in every digest). The search itself is kept."""
    if saved_search.is_active:
        saved_search.is_active = False
        saved_search.save(update_fields=["is_active"])
    return saved_search


@transaction.atomic
def saved_search_resubscribe(*, saved_search: SavedSearch, now=None) -> SavedSearch:
    """Start the search's e-mails again; the next digest is due one interval from today.

    Nothing is lost by stopping for a while: the next digest lists the new matches that are still open, those
    published while the e-mails were off included (at most DIGEST_LIMIT, the rest counted), so an undo right
    after unsubscribing changes nothing.
    """
    if not saved_search.is_active:
        saved_search.is_active = True
        saved_search.next_due_at = saved_search.due_after(now or timezone.now())
        saved_search.save(update_fields=["is_active", "next_due_at"])
    return saved_search


# --- digests ----------------------------------------------------------------------------------------------


def new_matches(saved_search: SavedSearch, *, vocabulary: dict | None = None, today=None):
    """The opportunities a digest of `saved_search` would list now, unordered: published, matching the search,
    published after it was saved, still open for applications and never listed by it before."""
    today = today or timezone.localdate()
    listed_before = SavedSearchSent.objects.filter(saved_search=saved_search, opportunity=OuterRef("pk"))
    return (
        matching_opportunities(saved_search.params, vocabulary=vocabulary)
        .filter(published_at__gt=saved_search.created_at)
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(Exists(listed_before))
    )


def digest_send_due(*, now=None) -> int:
    """Send the digest of every active saved search that is due; return how many e-mails were sent.

    Each search is handled in its own transaction, locked and checked again inside it, so two runs at once do
    not both send it, and a search that fails is logged and does not stop the others. A due search with no new
    matches sends nothing. Either way its next digest is due a day or a week later (SavedSearch.due_after).

    Only the opportunities a digest lists (at most DIGEST_LIMIT, newest first) are recorded as sent. Any more
    are counted in the e-mail ("and N more", with a link to the search) and stay new: a later digest lists them
    unless they have closed by then. Nothing is marked as seen that the person was not shown, and nothing
    listed is ever listed again.

    The queries do not depend on the number of matches: per due search, the lock, the matches (and their count
    when there are more than fit), the rows recorded and the search's update.
    """
    now = now or timezone.now()
    vocabulary = load_vocabulary()
    due = SavedSearch.objects.filter(is_active=True, next_due_at__lte=now, user__is_active=True)
    sent = 0
    for pk in due.order_by("next_due_at", "pk").values_list("pk", flat=True):
        try:
            sent += _send_digest(pk, now=now, vocabulary=vocabulary)
        except Exception:  # noqa: BLE001 - one broken search must not stop everyone else's digest
            logger.exception("The digest of saved search %s failed", pk)
    return sent


@transaction.atomic
def _send_digest(pk: int, *, now, vocabulary: dict) -> int:
    saved_search = (
        SavedSearch.objects.select_for_update()
        .select_related("user")
        .filter(pk=pk, is_active=True, next_due_at__lte=now)
        .first()
    )
    if saved_search is None:  # another run has just sent it, or it was stopped meanwhile
        return 0
    matches = new_matches(saved_search, vocabulary=vocabulary, today=timezone.localdate(now))
    listed = list(
        matches.select_related("organisation")
        .only("id", "title", "summary", "language", "published_at", "organisation__name")
        .order_by("-published_at", "-id")[: DIGEST_LIMIT + 1]
    )
    total = matches.count() if len(listed) > DIGEST_LIMIT else len(listed)
    listed = listed[:DIGEST_LIMIT]
    if listed:
        SavedSearchSent.objects.bulk_create(
            [SavedSearchSent(saved_search=saved_search, opportunity=opportunity, sent_at=now) for opportunity in listed]
        )
        _mail_digest(saved_search, listed, more=total - len(listed))
        saved_search.last_sent_at = now
    saved_search.next_due_at = saved_search.due_after(now)
    saved_search.save(update_fields=["last_sent_at", "next_due_at"])
    return 1 if listed else 0


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _mail_digest(saved_search: SavedSearch, opportunities: list, *, more: int) -> None:
    unsubscribe_link = _link(saved_search.unsubscribe_url())
    context = {
        "saved_search": saved_search,
        "user": saved_search.user,
        "opportunities": [
            {"title": opportunity.title, "organisation": opportunity.organisation.name,
             "summary": opportunity.summary, "link": _link(opportunity.get_absolute_url())}
            for opportunity in opportunities
        ],
        "total": len(opportunities) + more,
        "more": more,
        "search_link": _link(saved_search.search_url()),
        "manage_link": _link(reverse("suggestions:saved_searches")),
        "unsubscribe_link": unsubscribe_link,
        "site_config": SiteConfiguration.get(),
    }
    # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs to the same one-click link.
    headers = {"List-Unsubscribe": f"<{unsubscribe_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    send_templated_email(
        to=saved_search.user.email, template=DIGEST_TEMPLATE, context=context, language=saved_search.language,
        headers=headers,
    )
