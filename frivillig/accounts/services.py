"""Writes about people: profiles and the coordinator role."""

from django.db import transaction

from frivillig.core.audit import audit

from .models import User, VolunteerProfile


def profile_ensure(*, user: User, language: str | None = None) -> VolunteerProfile:
    """Every user has a profile; a new one starts in the language they signed up in."""
    defaults = {"preferred_language": language} if language in {"da", "en"} else {}
    profile, _created = VolunteerProfile.objects.get_or_create(user=user, defaults=defaults)
    return profile


@transaction.atomic
def coordinator_grant(*, user: User, source: str, actor: User | None = None) -> None:
    """Make `user` an admin of the volunteer team (the definition of a coordinator)."""
    from frivillig.organisations.models import Membership, Organisation

    team = Organisation.objects.get(is_volunteer_team=True)
    membership, created = Membership.objects.get_or_create(
        organisation=team, user=user, defaults={"role": Membership.Role.ADMIN}
    )
    if not created and membership.role != Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role", "updated_at"])
    if created or membership.role == Membership.Role.ADMIN:
        audit(actor=actor or user, action="coordinator.grant", target=team, user=user.email, source=source)
    user.__dict__.pop("is_coordinator", None)
