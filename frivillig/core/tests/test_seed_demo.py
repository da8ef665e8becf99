import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.urls import reverse

from frivillig.accounts.models import User, VolunteerProfile
from frivillig.applications.models import Application, ApplicationEvent, Engagement, ResponseFigures
from frivillig.core import demo_data
from frivillig.core.cast import CAST_PASSWORD, PEOPLE, email_for
from frivillig.core.management.commands.seed_demo import cvr_numbers
from frivillig.core.models import AuditLog
from frivillig.core.tests.seeding import seed, seeded_demo
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Invitation, Membership, Organisation
from frivillig.organisations.validators import is_valid_cvr
from frivillig.suggestions.models import SavedSearch

pytestmark = pytest.mark.django_db

MODELS = [
    User, EmailAddress, VolunteerProfile, Organisation, Membership, Invitation, AuditLog, Opportunity, Application,
    ApplicationEvent, Engagement, ResponseFigures, SavedSearch,
]


def counts() -> dict:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["organisation links"] = sum(o.areas.count() + o.categories.count() for o in Organisation.objects.all())
    return counts


def history() -> set:
    """What the applications' history says: a second run must not add to it or move it."""
    return set(Application.objects.values_list("pk", "status", "submitted_at", "first_response_at", "updated_at"))


def test_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())
    assert not Organisation.objects.filter(slug="frederiksberg-besoegstjeneste").exists()
    assert not User.objects.filter(email="ane@example.org").exists()


def test_cvr_numbers_are_deterministic_valid_and_avoid_the_excluded():
    first = cvr_numbers(exclude={"35215711"})
    numbers = [next(first) for _ in range(30)]
    again = cvr_numbers(exclude={"35215711"})
    assert numbers == [next(again) for _ in range(30)]
    assert all(is_valid_cvr(number) for number in numbers)
    assert len(set(numbers)) == 30
    assert "35215711" not in numbers


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker) as output:
        yield output


@pytest.mark.usefixtures("seeded_once")
class TestTheDemo:
    """Checks of one seeded demo (see frivillig/core/tests/seeding.py); each test's changes are rolled back.

    Running the seed again on top of it is how idempotence is checked: a fresh seed per test would cost seconds
    each."""

    def test_another_run_gives_the_same_rows(self, seeded_once):
        first, first_history = counts(), history()
        second_output = seed()
        assert counts() == first
        assert history() == first_history
        assert first["Application"] >= 400
        assert "Organisationer:" in seeded_once
        assert "(0 nye)" in second_output
        assert "Ansøgninger:" in second_output
        assert "(0 nye)" in second_output.split("Ansøgninger:")[1].splitlines()[0]

    def test_what_people_change_in_the_demo_survives_another_run(self):
        Membership.objects.filter(organisation__slug="boldklubben-falkonerne", role="editor").delete()
        ane = VolunteerProfile.objects.get(user__email="ane@example.org")
        ane.birth_year = 1980
        ane.save()
        seed()
        assert not Membership.objects.filter(organisation__slug="boldklubben-falkonerne", role="editor").exists()
        ane.refresh_from_db()
        assert ane.birth_year == 1980

    def test_progress_and_sign_in_help_are_printed(self, seeded_once):
        steps = ("Rollebesætning:", "Demobrugere:", "Organisationer:", "Medlemskaber:", "Invitationer:", "Ansøgninger:",
                 "Svartider:", "Gemte søgninger:", "Opgaver holdt tilbage:")
        for step in steps:
            assert step in seeded_once
        for key in PEOPLE:
            assert email_for(key) in seeded_once
        assert CAST_PASSWORD in seeded_once
        assert "DORTE_TOTP_SECRET" in seeded_once

    def test_quiet_when_asked(self):
        out = StringIO()
        call_command("seed_demo", stdout=out, verbosity=0)
        assert out.getvalue() == ""


    def test_at_least_25_organisations_of_every_kind(self):
        organisations = Organisation.objects.all()
        assert organisations.count() >= 25
        kinds = {kind: organisations.filter(kind=kind).count() for kind in Organisation.Kind.values}
        assert kinds["association"] >= 10
        assert kinds["informal_group"] >= 3
        assert kinds["municipal_unit"] >= 6
        assert organisations.filter(is_volunteer_team=True).count() == 1


    def test_organisations_are_valid_and_complete(self):
        for organisation in Organisation.objects.prefetch_related("areas", "categories"):
            if organisation.kind == Organisation.Kind.ASSOCIATION:
                assert is_valid_cvr(organisation.cvr), f"{organisation.slug}: CVR {organisation.cvr} fails modulus 11"
            else:
                assert organisation.cvr == "", organisation
            organisation.full_clean()
            assert organisation.areas.all(), organisation
            assert organisation.categories.all(), organisation
            assert organisation.contact_email.endswith("example.org"), organisation
        cvrs = [cvr for cvr in Organisation.objects.values_list("cvr", flat=True) if cvr]
        assert len(cvrs) == len(set(cvrs))


    def test_descriptions_are_two_to_four_sentences_some_in_english(self):
        for spec in demo_data.ORGANISATIONS:
            sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", spec["description"])
            assert 2 <= len(sentences) <= 4, spec["slug"]
        english = Organisation.objects.filter(description_language="en")
        assert english.count() >= 2


    def test_some_verified_some_not_with_the_verification_audited(self):
        verifiable = Organisation.objects.exclude(kind=Organisation.Kind.MUNICIPAL_UNIT)
        assert verifiable.filter(is_verified=True).exists()
        assert verifiable.filter(is_verified=False).exists()
        dorte = User.objects.get(email="dorte@example.org")
        for organisation in verifiable.filter(is_verified=True).exclude(slug="besoegsvennerne-frederiksberg"):
            assert organisation.verified_by == dorte
            assert AuditLog.objects.filter(action="organisation.verify", actor=dorte, target_id=str(organisation.pk))


    def test_every_organisation_has_an_admin_and_some_have_editors(self):
        for organisation in Organisation.objects.all():
            assert organisation.memberships.filter(role="admin").exists(), organisation
        assert Membership.objects.filter(role="editor").count() >= 10


    def test_a_couple_of_open_invitations(self):
        assert Invitation.objects.open().count() >= 2


    def test_demo_users_can_sign_in_with_a_verified_address(self):
        for key in ["mette.jensen", "emma.wilson", "ane", "dorte"]:
            user = authenticate(email=email_for(key), password=CAST_PASSWORD)
            assert user is not None, key
            assert EmailAddress.objects.get(user=user).verified
        assert User.objects.get(email="emma.wilson@example.org").profile.preferred_language == "en"


    def test_volunteer_profiles_are_filled_in(self):
        ane = VolunteerProfile.objects.get(user__email="ane@example.org")
        assert ane.birth_year
        assert ane.interests.exists()
        assert ane.areas.exists()
        assert ane.availability_labels
        assert VolunteerProfile.objects.filter(birth_year__isnull=False).count() >= 5


    def test_the_home_page_shows_the_demo(self, client):
        response = client.get(reverse("core:home"))
        assert response.status_code == 200
        newest = Organisation.objects.exclude(is_volunteer_team=True).order_by("-created_at").first()
        assert newest.name in response.content.decode()
