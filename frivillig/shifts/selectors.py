"""Reads about sign-ups that pages show: a person's place on the waitlist."""

from django.db.models import Q

from .models import SignUp


def waitlist_position(signup: SignUp) -> int | None:
    """1 for the first person waiting, and so on (the order promotion follows); None when not waiting."""
    if signup.status != SignUp.Status.WAITLISTED:
        return None
    ahead = SignUp.objects.filter(shift_id=signup.shift_id, status=SignUp.Status.WAITLISTED).filter(
        Q(waitlisted_at__lt=signup.waitlisted_at) | Q(waitlisted_at=signup.waitlisted_at, id__lt=signup.id)
    )
    return ahead.count() + 1
