"""Writes about opportunities: creating, editing, publishing, pausing, closing, copying, unpublishing, expiry.

Every function takes keyword-only arguments, runs in one transaction and raises ValidationError with a message a
person can act on when a rule says no. Who may call what is checked by the views through `access.py`; the rules
that protect the data are checked here as well: only an admin of a municipal unit confirms its role card, only
coordinators unpublish, and a municipal unit's opportunity is never published without a complete role card.

Posts publish at once (post-moderation): there is no approval step.
"""

import importlib.util

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frivillig.core.access import require_coordinator
from frivillig.core.audit import audit
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration
from frivillig.organisations.models import Membership, Organisation

from .models import Opportunity

Status = Opportunity.Status

# The fields an organisation writes (the form's fields, minus the many-to-many ones and the role card).
FIELDS = [
    "title",
    "summary",
    "description",
    "language",
    "skills",
    "time_commitment",
    "hours_per_week",
    "when_weekdays",
    "when_weekends",
    "when_daytime",
    "when_evenings",
    "is_online",
    "street_address",
    "postcode",
    "city",
    "area",
    "latitude",
    "longitude",
    "wheelchair_accessible",
    "accessibility_note",
    "no_danish_required",
    "suits_youth",
    "suits_seniors",
    "suits_families",
    "suits_groups",
    "minimum_age",
    "requires_child_certificate",
    "start_date",
    "end_date",
    "application_deadline",
    "volunteers_wanted",
    "contact_name",
    "contact_email",
    "contact_phone",
]
M2M_FIELDS = ["categories", "target_groups", "policy_areas", "languages"]
# The role card (municipal units only). Changing its text withdraws the manager's confirmation.
ROLE_CARD_TEXT_FIELDS = ["role_volunteer_tasks", "role_staff_tasks", "role_staff_contact"]
ROLE_CARD_FIELDS = [*ROLE_CARD_TEXT_FIELDS, "insurance_covered"]
CONFIRMATION_FIELDS = ["role_confirmed_by", "role_confirmed_at"]

# Which status each action starts from. `publish` from paused resumes; from closed or expired it reopens.
PUBLISH_FROM = {Status.DRAFT, Status.PAUSED, Status.CLOSED, Status.EXPIRED}
PAUSE_FROM = {Status.PUBLISHED}
CLOSE_FROM = {Status.PUBLISHED, Status.PAUSED}
UNPUBLISH_FROM = {Status.PUBLISHED}


def available_actions(opportunity: Opportunity) -> set[str]:
    """The status actions a member can take on `opportunity` now (editing and copying are always possible)."""
    actions = {"edit", "duplicate", "preview"}
    for action, statuses in (("publish", PUBLISH_FROM), ("pause", PAUSE_FROM), ("close", CLOSE_FROM)):
        if opportunity.status in statuses:
            actions.add(action)
    return actions


# --- helpers ----------------------------------------------------------------------------------------------


def _index(opportunity: Opportunity) -> None:
    """Let the search module refresh the search columns after the text may have changed (create, edit, copy).

    Status changes do not touch the text, so they do not re-index. Guarded, so the services work before the
    search module provides the hook.
    """
    if importlib.util.find_spec("frivillig.opportunities.search") is None:
        return
    from . import search

    index = getattr(search, "index_opportunity", None)
    if index is not None:
        index(opportunity)


def _search_changed() -> None:
    """A status change adds or removes a post from the search: retire the cached searches once it commits."""
    from .search import search_changed

    search_changed()


def _lock(opportunity: Opportunity) -> None:
    """Re-read the row under a lock, so two members' clicks on publish/pause/close serialise."""
    opportunity.refresh_from_db(from_queryset=Opportunity.objects.select_for_update())


def _is_admin(user, organisation: Organisation) -> bool:
    return Membership.objects.admins().filter(organisation=organisation, user=user).exists()


def _apply_fields(opportunity: Opportunity, data: dict) -> list[str]:
    """Copy the fields present in `data` (the role card only for municipal units); return those that changed."""
    names = FIELDS + (ROLE_CARD_FIELDS if opportunity.needs_role_card else [])
    changed = []
    for name in names:
        if name in data and getattr(opportunity, name) != data[name]:
            setattr(opportunity, name, data[name])
            changed.append(name)
    return changed


def _apply_m2m(opportunity: Opportunity, data: dict) -> list[str]:
    changed = []
    for name in M2M_FIELDS:
        if name in data:
            manager = getattr(opportunity, name)
            new = {item.pk for item in data[name]}
            if new != set(manager.values_list("pk", flat=True)):
                manager.set(data[name])
                changed.append(name)
    return changed


def role_card_missing(opportunity: Opportunity) -> list[str]:
    """What the role card still lacks, one sentence each; empty when it is complete (or not needed)."""
    if not opportunity.needs_role_card:
        return []
    missing = []
    if not opportunity.role_volunteer_tasks.strip():
        missing.append(_("Describe what the volunteer does."))
    if not opportunity.role_staff_tasks.strip():
        missing.append(_("Describe what paid staff do."))
    if not opportunity.role_staff_contact.strip():
        missing.append(_("Name the staff contact."))
    if opportunity.role_confirmed_at is None:
        missing.append(
            _("An admin of the unit must confirm, as manager, that the role does not replace paid work.")
        )
    return missing


def publish_problems(opportunity: Opportunity, today=None) -> list[str]:
    """Why `opportunity` cannot be published now, one sentence each; empty when it can."""
    today = today or timezone.localdate()
    problems = role_card_missing(opportunity)
    if opportunity.end_date and opportunity.end_date < today:
        problems.append(_("The end date has passed. Change it before you publish."))
    if opportunity.application_deadline and opportunity.application_deadline < today:
        problems.append(_("The application deadline has passed. Change it before you publish."))
    if opportunity.pk and not opportunity.categories.exists():
        problems.append(_("Choose at least one category."))
    return problems


def _confirm_role_card(opportunity: Opportunity, actor) -> None:
    """Record that an admin of the municipal unit confirms the role does not replace paid work."""
    if not opportunity.needs_role_card:
        raise ValidationError(_("Only a municipal unit's opportunity has a role card to confirm."))
    if not _is_admin(actor, opportunity.organisation):
        raise PermissionDenied
    if not all(getattr(opportunity, name).strip() for name in ROLE_CARD_TEXT_FIELDS):
        raise ValidationError(
            {
                "role_confirm": _(
                    "Fill in what the volunteer does, what paid staff do and the named staff contact before you "
                    "confirm."
                )
            }
        )
    opportunity.role_confirmed_by = actor
    opportunity.role_confirmed_at = timezone.now()


def _clear_confirmation(opportunity: Opportunity) -> None:
    opportunity.role_confirmed_by = None
    opportunity.role_confirmed_at = None


# --- creating and editing -----------------------------------------------------------------------------------


@transaction.atomic
def opportunity_create(
    *, organisation: Organisation, data: dict, actor, confirm_role_card: bool = False
) -> Opportunity:
    """Create a draft for `organisation`. A unit admin may confirm the role card in the same step."""
    if organisation.is_dissolved:
        raise ValidationError(_("The organisation has been dissolved."))
    opportunity = Opportunity(organisation=organisation, created_by=actor, status=Status.DRAFT)
    _apply_fields(opportunity, data)
    if confirm_role_card:
        _confirm_role_card(opportunity, actor)
    opportunity.full_clean()
    opportunity.save()
    _apply_m2m(opportunity, data)
    _index(opportunity)
    audit(actor=actor, action="opportunity.create", target=opportunity, organisation=organisation.slug)
    if confirm_role_card:
        audit(actor=actor, action="opportunity.role_confirm", target=opportunity)
    return opportunity


@transaction.atomic
def opportunity_update(
    *, opportunity: Opportunity, data: dict, actor, confirm_role_card: bool = False
) -> list[str]:
    """Save the fields in `data`; return the names of those that changed.

    Changing the role card's text withdraws the manager's confirmation: it must be confirmed again. A published
    municipal opportunity is then paused until an admin of the unit has confirmed the new card, unless the admin
    confirms it in this very save.
    """
    card_before = [getattr(opportunity, name) for name in ROLE_CARD_TEXT_FIELDS]
    changed = _apply_fields(opportunity, data)
    card_changed = card_before != [getattr(opportunity, name) for name in ROLE_CARD_TEXT_FIELDS]
    cleared = False
    if opportunity.needs_role_card and card_changed and opportunity.role_confirmed_at is not None:
        _clear_confirmation(opportunity)
        changed += CONFIRMATION_FIELDS
        cleared = True
    if confirm_role_card:
        _confirm_role_card(opportunity, actor)
        changed += [name for name in CONFIRMATION_FIELDS if name not in changed]
    paused = cleared and not confirm_role_card and opportunity.status == Status.PUBLISHED
    if paused:
        opportunity.status = Status.PAUSED
        changed.append("status")
    opportunity.full_clean()
    if changed:
        opportunity.save(update_fields=[*changed, "updated_at"])
    changed += _apply_m2m(opportunity, data)
    if changed:
        _index(opportunity)
        details = {"fields": changed, "confirmation_withdrawn": cleared, "paused": paused}
        audit(actor=actor, action="opportunity.update", target=opportunity, **details)
    if confirm_role_card:
        audit(actor=actor, action="opportunity.role_confirm", target=opportunity)
    return changed


# --- status ------------------------------------------------------------------------------------------------


@transaction.atomic
def opportunity_publish(*, opportunity: Opportunity, actor) -> None:
    """Publish at once: drafts, paused (resume), closed or expired posts (reopen).

    A municipal unit's opportunity needs a complete, confirmed role card; dates must not have passed.
    """
    _lock(opportunity)
    if opportunity.status not in PUBLISH_FROM:
        raise ValidationError(_("The opportunity is already published."), code="status")
    problems = publish_problems(opportunity)
    if problems:
        raise ValidationError(problems, code="publish")
    opportunity.full_clean()
    if opportunity.status != Status.PAUSED or opportunity.published_at is None:
        opportunity.published_at = timezone.now()
    after_unpublish = opportunity.unpublished_by_id is not None
    opportunity.status = Status.PUBLISHED
    opportunity.unpublished_reason = ""
    opportunity.unpublished_by = None
    opportunity.save(update_fields=["status", "published_at", "unpublished_reason", "unpublished_by", "updated_at"])
    audit(actor=actor, action="opportunity.publish", target=opportunity, after_unpublish=after_unpublish)
    _search_changed()


@transaction.atomic
def opportunity_pause(*, opportunity: Opportunity, actor) -> None:
    """Take a published opportunity off the portal for a while; publishing it again resumes it."""
    _lock(opportunity)
    if opportunity.status not in PAUSE_FROM:
        raise ValidationError(_("Only a published opportunity can be paused."), code="status")
    opportunity.status = Status.PAUSED
    opportunity.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action="opportunity.pause", target=opportunity)
    _search_changed()


@transaction.atomic
def opportunity_close(*, opportunity: Opportunity, actor) -> None:
    """Close a published or paused opportunity for good: no more volunteers are wanted."""
    _lock(opportunity)
    if opportunity.status not in CLOSE_FROM:
        raise ValidationError(_("Only a published or paused opportunity can be closed."), code="status")
    opportunity.status = Status.CLOSED
    opportunity.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action="opportunity.close", target=opportunity)
    _search_changed()


def _copy_title(title: str, language: str) -> str:
    """`title` with "(copy)" in the post's own language, shortened so it fits the field."""
    with translation.override(language):
        template = _("%(title)s (copy)")
    room = Opportunity._meta.get_field("title").max_length - len(template % {"title": ""})
    return template % {"title": title[:room].rstrip()}


@transaction.atomic
def opportunity_duplicate(*, opportunity: Opportunity, actor) -> Opportunity:
    """Copy an opportunity as a new draft of the same organisation.

    Everything the organisation wrote is copied, the role card's text included, but not the manager's
    confirmation: an admin of the unit confirms the copy on its own.
    """
    copy = Opportunity(organisation=opportunity.organisation, created_by=actor, status=Status.DRAFT)
    for name in FIELDS + ROLE_CARD_FIELDS:
        setattr(copy, name, getattr(opportunity, name))
    copy.title = _copy_title(opportunity.title, opportunity.language)
    copy.full_clean()
    copy.save()
    for name in M2M_FIELDS:
        getattr(copy, name).set(getattr(opportunity, name).all())
    _index(copy)
    audit(actor=actor, action="opportunity.duplicate", target=copy, source=opportunity.pk)
    return copy


# --- moderation and expiry ---------------------------------------------------------------------------------


def _admin_recipients(organisation: Organisation) -> list[tuple[str, str]]:
    """(e-mail, language) for each admin; the organisation's contact address if it has no admin yet."""
    admins = Membership.objects.admins().filter(organisation=organisation).select_related("user__profile")
    recipients = []
    for membership in admins:
        profile = getattr(membership.user, "profile", None)
        recipients.append((membership.user.email, profile.preferred_language if profile else settings.LANGUAGE_CODE))
    if not recipients and organisation.contact_email:
        recipients.append((organisation.contact_email, settings.LANGUAGE_CODE))
    return recipients


def _tell_admins_unpublished(opportunity: Opportunity, reason: str) -> None:
    organisation = opportunity.organisation
    edit_path = reverse("opportunities:edit", kwargs={"slug": organisation.slug, "pk": opportunity.pk})
    context = {
        "opportunity": opportunity,
        "organisation": organisation,
        "reason": reason,
        "link": settings.SITE_URL + edit_path,
        "site_config": SiteConfiguration.get(),
    }
    for email, language in _admin_recipients(organisation):
        send_templated_email(
            to=email, template="email/opportunities/unpublished", context=context, language=language
        )


@transaction.atomic
def opportunity_unpublish(*, opportunity: Opportunity, coordinator, reason: str) -> None:
    """A coordinator takes a published post off the portal, with a reason the organisation's admins are sent.

    The post becomes paused and keeps the reason and who unpublished it; the organisation can fix the post and
    publish it again. Every unpublish is audited.
    """
    require_coordinator(coordinator)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Write why the opportunity is unpublished. The organisation's admins receive it.")}
        )
    _lock(opportunity)
    if opportunity.status not in UNPUBLISH_FROM:
        raise ValidationError(_("Only a published opportunity can be unpublished."), code="status")
    opportunity.status = Status.PAUSED
    opportunity.unpublished_reason = reason
    opportunity.unpublished_by = coordinator
    opportunity.full_clean()
    opportunity.save(update_fields=["status", "unpublished_reason", "unpublished_by", "updated_at"])
    audit(
        actor=coordinator,
        action="opportunity.unpublish",
        target=opportunity,
        reason=reason,
        organisation=opportunity.organisation.slug,
    )
    _tell_admins_unpublished(opportunity, reason)
    _search_changed()


@transaction.atomic
def opportunities_expire(*, today=None) -> int:
    """Expire published and paused opportunities whose end date or application deadline has passed.

    A date is passed the day after it: a post with deadline today can still be applied to today.
    Returns how many expired.
    """
    expired = Opportunity.objects.due_to_expire(today).update(status=Status.EXPIRED, updated_at=timezone.now())
    if expired:
        _search_changed()
    return expired
