"""The cast's opportunities, for the standing tests (URL permissions, accessibility) and the browser journeys.

Made the way members make them, through `frivillig.opportunities.services` (which index each one for search with
`search.index_opportunity`): A, Besøgsvennerne (bo admin, erik editor), has a published visiting-friend role, a
published role that needs a børneattest and a draft; U, the care home (gitte admin), has a published role with
a complete role card that gitte confirmed, and a draft whose role card is still empty. B (carl) has none, so its
list shows the empty state.

Both published roles about older people have a point on the map, and both match the search "ældre"; only U's is
in the category "Kultur og kunst", which is how the journey narrows the search down to it.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup
from frivillig.opportunities import services
from frivillig.opportunities.models import Opportunity

# The text the journey searches for and the category it narrows to.
SEARCH_TEXT = "ældre"
NARROW_CATEGORY = "kultur"


@dataclass(frozen=True)
class Opportunities:
    published_a: Opportunity  # A: visiting an older person, with a point
    child_certificate_a: Opportunity  # A: published, needs a børneattest, with a minimum age
    draft_a: Opportunity  # A: a draft only A's members see
    published_u: Opportunity  # U: reading aloud at the care home, role card confirmed by gitte, with a point
    draft_u: Opportunity  # U: a draft whose role card is empty, so it cannot be published yet


def _vocabulary(model, *slugs: str) -> list:
    return list(model.objects.filter(slug__in=slugs))


def _data(**fields) -> dict:
    """The form's cleaned data for a post, with defaults for what every one of them has."""
    data = {
        "language": "da",
        "time_commitment": Opportunity.TimeCommitment.REGULAR,
        "city": "Frederiksberg",
        "postcode": "2000",
    }
    data.update(fields)
    for name, model in (("categories", Category), ("target_groups", TargetGroup), ("policy_areas", PolicyArea),
                        ("languages", SpokenLanguage)):
        data[name] = _vocabulary(model, *data.get(name, ()))
    if "area" in data:
        data["area"] = Area.objects.get(slug=data["area"])
    return data


def _published(*, organisation, actor, confirm_role_card=False, **fields) -> Opportunity:
    opportunity = services.opportunity_create(
        organisation=organisation, data=_data(**fields), actor=actor, confirm_role_card=confirm_role_card
    )
    services.opportunity_publish(opportunity=opportunity, actor=actor)
    opportunity.refresh_from_db()
    return opportunity


def build_opportunities(cast) -> Opportunities:
    """Create the cast's opportunities (see the module's docstring). Not idempotent: call it once per database."""
    bo, gitte = cast.users["bo"], cast.users["gitte"]
    today = timezone.localdate()
    published_a = _published(
        organisation=cast["A"],
        actor=bo,
        title="Besøgsven for en ensom ældre",
        summary="Drik kaffe, gå en tur eller spil kort med en ældre på Frederiksberg en gang om ugen.",
        description="Du besøger **den samme ældre** hver uge.\n\n- en kop kaffe\n- en gåtur i haven",
        categories=["besoegsven", "aeldre"],
        target_groups=["aeldre", "ensomme"],
        policy_areas=["aeldre"],
        area="nord",
        street_address="Bibliotekstorvet 1",
        latitude=Decimal("55.681200"),
        longitude=Decimal("12.531500"),
        hours_per_week=Decimal("2"),
        suits_seniors=True,
        wheelchair_accessible=True,
        application_deadline=today + timedelta(days=60),
        contact_name="Bo Kristensen",
        contact_email="kontakt@besoegsvennerne.example.org",
    )
    child_certificate_a = _published(
        organisation=cast["A"],
        actor=bo,
        title="Legeven for børn i familier med en syg forælder",
        summary="Leg og lav lektier med et barn, mens forælderen er til behandling.",
        description="Du er fast legeven for et barn mellem 6 og 12 år, hver anden uge.",
        categories=["boern-unge"],
        target_groups=["boern", "familier"],
        policy_areas=["boern-og-unge"],
        area="frederiksberg-c",
        minimum_age=18,
        requires_child_certificate=True,
        time_commitment=Opportunity.TimeCommitment.SHORT_TERM,
    )
    draft_a = services.opportunity_create(
        organisation=cast["A"],
        actor=bo,
        data=_data(
            title="Gåtur med en ældre nabo (kladde)",
            summary="Gå en tur med en ældre nabo.",
            description="Vi skriver mere snart.",
            categories=["besoegsven"],
        ),
    )
    published_u = _published(
        organisation=cast["U"],
        actor=gitte,
        confirm_role_card=True,
        title="Højtlæser på plejecentret",
        summary="Læs avis og noveller højt for ældre beboere på Akaciegården.",
        description="Vi læser højt i dagligstuen **tirsdag eftermiddag**. Kaffen er klar.",
        categories=["aeldre", "kultur"],
        target_groups=["aeldre"],
        policy_areas=["aeldre", "kultur-og-fritid"],
        languages=["dansk", "engelsk"],
        area="vest",
        street_address="Langelandsvej 33",
        latitude=Decimal("55.680100"),
        longitude=Decimal("12.512400"),
        hours_per_week=Decimal("1.5"),
        wheelchair_accessible=True,
        role_volunteer_tasks="Læser højt og snakker med beboerne om det, I har læst.",
        role_staff_tasks="Personalet står for pleje, medicin og forflytning.",
        role_staff_contact="Hanne Jensen, aktivitetsmedarbejder",
        insurance_covered=True,
        contact_name="Hanne Jensen",
        contact_phone="38 21 00 00",
    )
    draft_u = services.opportunity_create(
        organisation=cast["U"],
        actor=gitte,
        data=_data(
            title="Havehjælper i sansehaven",
            summary="Luk op for sansehaven og gå en tur med beboerne.",
            description="Om foråret og sommeren, når vejret er til det.",
            categories=["aeldre", "natur-miljoe"],
        ),
    )
    return Opportunities(
        published_a=published_a,
        child_certificate_a=child_certificate_a,
        draft_a=draft_a,
        published_u=published_u,
        draft_u=draft_u,
    )
