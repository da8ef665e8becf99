"""Writes about people: profiles and the coordinator role."""

from collections.abc import Iterable, Mapping

from django.db import transaction

from frivillig.core.audit import audit

from .models import User, VolunteerProfile

AVAILABILITY_KEYS = ("weekdays", "weekends", "daytime", "evenings")
NOTIFICATION_KEYS = ("new_opportunities", "reminders", "news")
PROFILE_FIELDS = ("birth_year", "phone", "preferred_language")


def profile_ensure(*, user: User, language: str | None = None) -> VolunteerProfile:
    """Every user has a profile; a new one starts in the language they signed up in."""
    defaults = {"preferred_language": language} if language in {"da", "en"} else {}
    profile, _created = VolunteerProfile.objects.get_or_create(user=user, defaults=defaults)
    return profile


@transaction.atomic
def profile_update(*, user: User, data: Mapping) -> VolunteerProfile:
    """Save what a person tells about themselves (the cleaned data of `ProfileForm`).

    The name is stored on the user; availability and notification choices arrive as lists of keys and are
    stored as one flag each.
    """
    profile = profile_ensure(user=user)
    user.name = User._meta.get_field("name").clean(data.get("name", ""), user)
    user.save(update_fields=["name"])

    for field in PROFILE_FIELDS:
        setattr(profile, field, data.get(field) or (None if field == "birth_year" else ""))
    _set_flags(profile, "available", AVAILABILITY_KEYS, data.get("availability", ()))
    _set_flags(profile, "notify", NOTIFICATION_KEYS, data.get("notifications", ()))
    profile.full_clean(exclude=["user", "interests", "areas"])
    profile.save()
    profile.interests.set(data.get("interests", ()))
    profile.areas.set(data.get("areas", ()))
    return profile


def _set_flags(profile: VolunteerProfile, prefix: str, keys: Iterable[str], chosen: Iterable[str]) -> None:
    chosen = set(chosen)
    for key in keys:
        setattr(profile, f"{prefix}_{key}", key in chosen)


@transaction.atomic
def coordinator_grant(*, user: User, source: str, actor: User | None = None) -> bool:
    """Make `user` an admin of the volunteer team (the definition of a coordinator).

    Returns whether anything changed; only a change is written to the audit log, so a staff member who
    signs in again through the staff provider does not fill the log.
    """
    from frivillig.organisations.models import Membership, Organisation

    team = Organisation.objects.get(is_volunteer_team=True)
    membership, created = Membership.objects.get_or_create(
        organisation=team, user=user, defaults={"role": Membership.Role.ADMIN}
    )
    changed = created or membership.role != Membership.Role.ADMIN
    if not created and changed:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role", "updated_at"])
    if changed:
        audit(actor=actor or user, action="coordinator.grant", target=team, user=user.email, source=source)
    user.__dict__.pop("is_coordinator", None)
    return changed
