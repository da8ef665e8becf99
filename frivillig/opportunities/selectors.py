"""Read-only queries about opportunities, for this app's pages and for pages in other apps (the home page)."""

from django.db.models import Count, Q, Subquery
from django.http import Http404

from .models import Opportunity

# Cards show neither the description nor the role card; leave the long columns in the database.
CARD_DEFERRED = ("description", "search_text", "search_vector", "role_volunteer_tasks", "role_staff_tasks")


def _cards(queryset):
    return queryset.select_related("organisation", "area").defer(*CARD_DEFERRED)


def opportunities_newest(*, limit: int = 6) -> list[Opportunity]:
    """The newest published opportunities, for the home page's cards (one query)."""
    return list(_cards(Opportunity.objects.published()).order_by("-published_at", "-id")[:limit])


def opportunity_public(pk: int) -> Opportunity:
    """A published opportunity of an active organisation, with what its page shows; else 404."""
    opportunity = (
        Opportunity.objects.published()
        .select_related("organisation", "area", "role_confirmed_by")
        .prefetch_related("categories", "target_groups", "policy_areas", "languages")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def opportunities_similar(opportunity: Opportunity, *, limit: int = 4) -> list[Opportunity]:
    """Published opportunities sharing a category with `opportunity`, most shared categories first (one query).

    The best `limit` are picked from the category link table alone (narrow rows: thousands of posts may share a
    category), and only those are loaded as cards. Uses the opportunity's prefetched categories, so it adds no
    query for them.
    """
    category_ids = [category.pk for category in opportunity.categories.all()]
    if not category_ids:
        return []
    links = Opportunity.categories.through.objects
    best = (
        links.filter(
            category_id__in=category_ids,
            opportunity__status=Opportunity.Status.PUBLISHED,
            opportunity__organisation__dissolved_at__isnull=True,
        )
        .exclude(opportunity_id=opportunity.pk)
        .values("opportunity_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-opportunity__published_at", "-opportunity_id")
        .values("opportunity_id")[:limit]
    )
    similar = (
        Opportunity.objects.filter(pk__in=Subquery(best))
        .annotate(shared_categories=Count("categories", filter=Q(categories__in=category_ids)))
        .order_by("-shared_categories", "-published_at", "-id")
    )
    return list(_cards(similar))
