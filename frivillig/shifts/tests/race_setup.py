"""A shift and people to race for it, for the capacity tests and the concurrency benchmark."""

from datetime import timedelta

from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Organisation
from frivillig.shifts.models import Shift


def build_race(*, capacity: int, people: int, prefix: str = "kaploeb") -> tuple[Shift, list[User]]:
    organisation = Organisation.objects.create(name=f"Kapløbsforeningen {prefix}", slug=f"kaploebsforeningen-{prefix}")
    opportunity = Opportunity.objects.create(
        organisation=organisation,
        title="Uddeling af julekurve i Lindevangsparken",
        summary="Hjælp med at dele julekurve ud.",
        description="Vi mødes ved indgangen fra Peter Bangs Vej.",
        status=Opportunity.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    start = timezone.now() + timedelta(days=3)
    shift = Shift.objects.create(
        opportunity=opportunity, organisation=organisation, starts_at=start, ends_at=start + timedelta(hours=3),
        capacity=capacity, place="Lindevangsparken",
    )
    users = User.objects.bulk_create(
        [User(email=f"{prefix}-{number:03d}@example.org", name=f"Deltager {number}") for number in range(people)]
    )
    return shift, users
