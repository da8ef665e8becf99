"""Fixtures for the API tests: a handful of opportunities over the cast's organisations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import index_opportunity


def make_opportunity(organisation, *, categories=("socialt-arbejde",), area="nord", published_days_ago=1, **fields):
    """A published opportunity (unless `status` says otherwise), indexed for search as the services would."""
    values = {
        "title": "Frivillig",
        "summary": "En kort beskrivelse.",
        "description": "En længere beskrivelse med **Markdown**.",
        "status": Opportunity.Status.PUBLISHED,
        "area": Area.objects.get(slug=area) if area else None,
    }
    values.update(fields)
    if values["status"] == Opportunity.Status.PUBLISHED:
        values.setdefault("published_at", timezone.now() - timedelta(days=published_days_ago))
    opportunity = Opportunity.objects.create(organisation=organisation, **values)
    opportunity.categories.set(Category.objects.filter(slug__in=categories))
    index_opportunity(opportunity)
    return opportunity


@pytest.fixture
def opportunities(cast):
    """Six public opportunities and two that are not, over associations A (verified), B (not) and unit U."""
    a, b, u = cast["A"], cast["B"], cast["U"]
    today = timezone.localdate()
    homework = make_opportunity(
        b, title="Lektiehjælper i lektiecaféen", summary="Hjælp børn med lektierne.", categories=["lektiehjaelp"],
        area="frederiksberg-c", requires_child_certificate=True, minimum_age=18, published_days_ago=2,
        application_deadline=today + timedelta(days=30),
    )
    visitor = make_opportunity(
        a, title="Besøgsven for en ensom ældre", summary="Drik kaffe med en ældre en gang om ugen.",
        categories=["besoegsven", "aeldre"], area="nord", published_days_ago=3,
    )
    reader = make_opportunity(
        u, title="Højtlæser på plejecentret", summary="Læs avis højt for beboerne.", categories=["aeldre", "kultur"],
        area="nord", published_days_ago=4, role_volunteer_tasks="Læser højt og snakker.",
        role_staff_tasks="Pleje og omsorg.", role_staff_contact="Gitte Mortensen", role_confirmed_by=cast["gitte"],
        role_confirmed_at=timezone.now(), insurance_covered=True, latitude="55.688000", longitude="12.520000",
        street_address="Langelandsvej 33", postcode="2000", city="Frederiksberg", hours_per_week="2.5",
        suits_seniors=True,
    )
    reader.target_groups.set(TargetGroup.objects.filter(slug="aeldre"))
    reader.policy_areas.set(PolicyArea.objects.filter(slug="aeldre"))
    reader.languages.set(SpokenLanguage.objects.filter(slug__in=["dansk", "engelsk"]))
    language_cafe = make_opportunity(
        a, title="Conversation partner at the language café", summary="Talk with newcomers over coffee.",
        categories=["integration-sprog"], area="vest", language="en", no_danish_required=True, published_days_ago=5,
    )
    online = make_opportunity(
        b, title="Telefonrådgiver", summary="Tag telefonen for unge.", categories=["raadgivning"], area=None,
        is_online=True, published_days_ago=6, time_commitment=Opportunity.TimeCommitment.FLEXIBLE,
    )
    festival = make_opportunity(
        a, title="Festivalfrivillig en lørdag", summary="Hjælp til ved byfesten.", categories=["events"],
        area="syd", time_commitment=Opportunity.TimeCommitment.ONE_OFF, published_days_ago=7,
    )
    draft = make_opportunity(a, title="Kladde om lektiehjælp", status=Opportunity.Status.DRAFT)
    paused = make_opportunity(b, title="Sat på pause", status=Opportunity.Status.PAUSED)
    return {
        "homework": homework,
        "visitor": visitor,
        "reader": reader,
        "language_cafe": language_cafe,
        "online": online,
        "festival": festival,
        "draft": draft,
        "paused": paused,
    }
