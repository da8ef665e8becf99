"""Read-only queries about people, for "Min side"."""

from .models import User, VolunteerProfile


def profile_for_user(user: User) -> VolunteerProfile:
    """The person's profile with interests and areas loaded (created on first visit if missing)."""
    profiles = VolunteerProfile.objects.select_related("user").prefetch_related("interests", "areas")
    try:
        return profiles.get(user=user)
    except VolunteerProfile.DoesNotExist:
        from .services import profile_ensure

        profile_ensure(user=user)
        return profiles.get(user=user)


def memberships_for_user(user: User) -> list:
    """The person's memberships of active organisations, with the organisation loaded, by name.

    "Min side" shows them; the query belongs to the organisations app, imported here on use because
    organisations depends on accounts and not the other way round.
    """
    from frivillig.organisations.selectors import organisations_for_user

    return list(organisations_for_user(user))
