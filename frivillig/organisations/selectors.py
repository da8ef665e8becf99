"""Read-only queries about organisations, for pages in other apps."""

from django.db.models import Count, Q

from .models import Organisation


def organisations_recent(*, limit: int = 6):
    return list(Organisation.objects.public().exclude(is_volunteer_team=True).order_by("-created_at")[:limit])


def organisation_counts() -> dict[str, int]:
    return Organisation.objects.public().aggregate(
        total=Count("id"),
        associations=Count("id", filter=Q(kind=Organisation.Kind.ASSOCIATION)),
        municipal_units=Count("id", filter=Q(kind=Organisation.Kind.MUNICIPAL_UNIT)),
        informal_groups=Count("id", filter=Q(kind=Organisation.Kind.INFORMAL_GROUP)),
    )
