"""The demo's opportunities: enough, varied, valid, idempotent and findable."""

import dataclasses
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from frivillig.core import demo_opportunities
from frivillig.core.tests.seeding import seeded_demo
from frivillig.opportunities.models import Opportunity
from frivillig.opportunities.search import SearchParams, search_opportunities
from frivillig.organisations.models import Membership

pytestmark = pytest.mark.django_db

# Frederiksberg, roughly.
LATITUDES = (Decimal("55.670"), Decimal("55.695"))
LONGITUDES = (Decimal("12.495"), Decimal("12.550"))
KINDS = {
    "lektiehjælp": "lektiehjælp",
    "besøgsven": "besøgsven",
    "spisefællesskab": "fællesspisning",
    "sprogcafé": "sprogcaféen",
    "idrætstræner": "fodboldtræner",
    "bibliotekshjælper": "bibliotekshjælper",
    "affaldsindsamling": "affaldsindsamling",
    "festivalfrivillig": "festivalfrivillig",
    "nattevandring": "nattevandrer",
    "telefonrådgivning": "telefonrådgiver",
}


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker) as output:
        yield output


@pytest.fixture
def published(seeded):
    return list(
        Opportunity.objects.published().select_related("organisation", "role_confirmed_by").prefetch_related(
            "categories", "target_groups", "policy_areas", "languages"
        )
    )


class TestTheDemoOpportunities:
    """Checks of one seeded demo (frivillig/core/tests/seeding.py); each test's changes are rolled back."""

    def test_at_least_150_published_and_a_second_run_adds_none(self, seeded, published):
        assert len(published) >= 150
        assert "Frivilligjob:" in seeded
        again = StringIO()
        call_command("seed_demo", stdout=again)
        assert "(0 nye" in again.getvalue().split("Frivilligjob:")[1].splitlines()[0]
        assert Opportunity.objects.count() == len(published)


    def test_a_removed_opportunity_comes_back_but_an_edited_one_is_left_alone(self, published):
        first, second = published[0], published[1]
        first.delete()
        Opportunity.objects.filter(pk=second.pk).update(summary="Ændret af organisationen.")
        call_command("seed_demo", stdout=StringIO())
        assert Opportunity.objects.filter(organisation=first.organisation, title=first.title).count() == 1
        assert Opportunity.objects.get(pk=second.pk).summary == "Ændret af organisationen."


    def test_they_are_spread_over_organisations_areas_and_kinds(self, published):
        organisations = Counter(opportunity.organisation.slug for opportunity in published)
        assert len(organisations) >= 28
        assert max(organisations.values()) <= 15
        assert {opportunity.area.slug for opportunity in published if opportunity.area} >= {
            "frederiksberg-c", "nord", "syd", "oest", "vest", "hele-kommunen"
        }
        titles = " ".join(opportunity.title.casefold() for opportunity in published)
        for kind, word in KINDS.items():
            assert word in titles, kind


    def test_every_one_is_valid_and_described(self, published):
        today = timezone.localdate()
        for opportunity in published:
            opportunity.full_clean()
            assert "{" not in opportunity.title + opportunity.summary + opportunity.description, opportunity
            assert opportunity.categories.all(), opportunity
            assert opportunity.target_groups.all(), opportunity
            assert opportunity.policy_areas.all(), opportunity
            assert opportunity.application_deadline > today, opportunity
            assert opportunity.published_at < timezone.now()
            assert opportunity.search_text, opportunity


    def test_municipal_units_have_a_role_card_confirmed_by_their_admin(self, published):
        units = [opportunity for opportunity in published if opportunity.organisation.is_municipal_unit]
        assert len(units) >= 30
        for opportunity in units:
            assert opportunity.has_role_card, opportunity
            assert opportunity.insurance_covered
            assert Membership.objects.filter(
                organisation=opportunity.organisation, user=opportunity.role_confirmed_by, role="admin"
            ).exists(), opportunity
        associations = [opportunity for opportunity in published if not opportunity.organisation.is_municipal_unit]
        assert not any(opportunity.role_confirmed_at for opportunity in associations)


    def test_the_variety_people_filter_by(self, published):
        count = Counter()
        for opportunity in published:
            count["certificate"] += opportunity.requires_child_certificate
            count["no danish"] += opportunity.no_danish_required
            count["english"] += opportunity.language == "en"
            count["online"] += opportunity.is_online
            count["short"] += opportunity.time_commitment in ("one_off", "short_term")
            count["youth"] += opportunity.suits_youth
            count["wheelchair"] += opportunity.wheelchair_accessible
            count["other language"] += any(language.slug != "dansk" for language in opportunity.languages.all())
        for key in count:
            assert count[key] >= 5, (key, count[key])


    def test_most_have_a_point_on_frederiksberg_and_online_ones_none(self, published):
        with_point = [opportunity for opportunity in published if opportunity.has_point]
        assert len(with_point) >= 0.8 * len(published)
        for opportunity in with_point:
            assert LATITUDES[0] <= opportunity.latitude <= LATITUDES[1], opportunity
            assert LONGITUDES[0] <= opportunity.longitude <= LONGITUDES[1], opportunity
            assert opportunity.street_address and opportunity.postcode
        assert not any(opportunity.has_point for opportunity in published if opportunity.is_online)


    def test_one_off_roles_have_a_day_and_a_deadline_before_it(self, published):
        one_off = [opportunity for opportunity in published if opportunity.time_commitment == "one_off"]
        assert one_off
        for opportunity in one_off:
            assert opportunity.start_date == opportunity.end_date
            assert opportunity.application_deadline < opportunity.start_date


    def test_most_say_when_the_work_happens(self, published):
        assert len([opportunity for opportunity in published if opportunity.when_labels]) >= 0.7 * len(published)
        for name in demo_opportunities.WHEN:
            assert any(getattr(opportunity, f"when_{name}") for opportunity in published), name

    def test_the_times_are_filled_in_where_none_are_ticked(self, published):
        names = [f"when_{name}" for name in demo_opportunities.WHEN]
        blank = next(opportunity for opportunity in published if opportunity.when_labels)
        ticked = {name: getattr(blank, name) for name in names}
        Opportunity.objects.filter(pk=blank.pk).update(**dict.fromkeys(names, False))
        call_command("seed_demo", stdout=StringIO())
        blank.refresh_from_db()
        assert {name: getattr(blank, name) for name in names} == ticked

    def test_the_search_finds_them(self, seeded):
        for query in ("lektiehjælp", "besøgsven", "sprogcafé", "nattevandrer"):
            result = search_opportunities(SearchParams.from_querydict({"q": query}), with_facets=False)
            assert result.total >= 2, query


def test_a_variants_day_and_time_decide_when():
    role = demo_opportunities.Role(title="", summary="", description="", hosts=[], categories=[],
                                   when=("weekdays", "daytime"))
    saturday = demo_opportunities.when_fields(role, {"dag": "lørdag", "tid": "11–13"})
    assert saturday == {"when_weekdays": False, "when_weekends": True, "when_daytime": True, "when_evenings": False}
    evening = demo_opportunities.when_fields(role, {"day": "Tuesday", "tid": "17–19"})
    assert evening == {"when_weekdays": True, "when_weekends": False, "when_daytime": False, "when_evenings": True}
    assert not any(demo_opportunities.when_fields(dataclasses.replace(role, when=()), {}).values())


def test_each_host_of_a_role_reads_as_its_own():
    names = {slug: slug.replace("-", " ").title() for slug in demo_opportunities.PLACES}
    specs = demo_opportunities.opportunity_specs(names, timezone.localdate())
    keys = [(spec["organisation"], spec["fields"]["title"]) for spec in specs]
    assert len(keys) == len(set(keys))
    for role in demo_opportunities.ROLES:
        assert all(host in demo_opportunities.PLACES for host in role.hosts), role.title
