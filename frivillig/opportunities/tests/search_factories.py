"""Published opportunities for the search and public-page tests, indexed as the services index them."""

from decimal import Decimal

from django.utils import timezone

from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import index_opportunity
from frivillig.organisations.models import Organisation

M2M = {
    "categories": Category,
    "target_groups": TargetGroup,
    "policy_areas": PolicyArea,
    "languages": SpokenLanguage,
}


def organisation(slug: str = "testforeningen", **fields) -> Organisation:
    defaults = {"name": slug.replace("-", " ").title(), "kind": Organisation.Kind.ASSOCIATION}
    return Organisation.objects.get_or_create(slug=slug, defaults={**defaults, **fields})[0]


def opportunity(title: str, *, organisation_=None, published_days_ago: float = 0, area: str | None = None,
                **fields) -> Opportunity:
    """A published opportunity; m2m fields take slugs (`categories=["idraet"]`), `area` a slug."""
    m2m = {name: fields.pop(name) for name in list(fields) if name in M2M}
    fields.setdefault("summary", f"Om {title}")
    fields.setdefault("description", "Kom og vær med.")
    fields.setdefault("status", Opportunity.Status.PUBLISHED)
    if fields["status"] == Opportunity.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(days=published_days_ago))
    if "latitude" in fields:
        fields["latitude"] = Decimal(str(fields["latitude"]))
        fields["longitude"] = Decimal(str(fields["longitude"]))
    created = Opportunity.objects.create(
        organisation=organisation_ or organisation(),
        title=title,
        area=Area.objects.get(slug=area) if area else None,
        **fields,
    )
    for name, slugs in m2m.items():
        getattr(created, name).set(M2M[name].objects.filter(slug__in=slugs))
    index_opportunity(created)
    return created
