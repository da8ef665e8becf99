"""The applicant's side of the services: applying, the rules that say no, confirming, consenting, withdrawing and
the deletion of applications never confirmed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from frivillig.applications import services
from frivillig.applications.models import Application
from tests.opportunity_fixtures import build_opportunities

Status = Application.Status
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def opps(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def guest(opportunity, *, email="gerda@example.org", birth_year=1980, guardian_email="", confirm=False):
    data = {"name": "Gerda", "email": email, "phone": "", "birth_year": birth_year, "message": "",
            "guardian_email": guardian_email}
    application = services.application_create(opportunity=opportunity, data=data, language="da")
    if confirm:
        services.application_confirm_email(application=application)
        application.refresh_from_db()
    return application


def codes(error: ValidationError) -> set:
    """The fields a refusal is about, or its code when it is about the whole application."""
    if hasattr(error, "error_dict"):
        return set(error.error_dict)
    return {item.code for item in error.error_list}


def test_applying_twice_is_refused_also_in_another_case(opps):
    guest(opps.published_a)
    with pytest.raises(ValidationError) as refused:
        guest(opps.published_a, email=" GERDA@example.org ")
    assert codes(refused.value) == {"duplicate"}
    assert services.existing_application(opps.published_a, "Gerda@Example.org") is not None


def test_applying_again_after_withdrawing_is_allowed(opps):
    first = guest(opps.published_a)
    services.application_withdraw(application=first)
    assert services.existing_application(opps.published_a, first.email) is None
    second = guest(opps.published_a)
    assert second.pk != first.pk


def test_the_minimum_age_is_checked_against_the_birth_year(opps):
    with pytest.raises(ValidationError) as refused:
        guest(opps.child_certificate_a, birth_year=YEAR - 17)
    assert codes(refused.value) == {"birth_year"}
    assert guest(opps.child_certificate_a, birth_year=YEAR - 18).status == Status.UNCONFIRMED


def test_under_15_needs_a_guardian(opps):
    with pytest.raises(ValidationError) as refused:
        guest(opps.published_a, birth_year=YEAR - 14)
    assert codes(refused.value) == {"guardian_email"}
    fifteen = guest(opps.published_a, email="femten@example.org", birth_year=YEAR - 15, confirm=True)
    assert fifteen.status == Status.NEW and not fifteen.guardian_token


def test_the_guardian_says_yes_or_no(opps):
    yes = guest(opps.published_u, birth_year=YEAR - 13, guardian_email="mor@example.org", confirm=True)
    no = guest(opps.published_u, email="bror@example.org", birth_year=YEAR - 13, guardian_email="mor@example.org",
               confirm=True)
    assert yes.status == no.status == Status.AWAITING_CONSENT
    assert services.application_guardian_answer(application=yes, consent=True)
    assert services.application_guardian_answer(application=no, consent=False)
    assert (yes.status, yes.is_submitted) == (Status.NEW, True)
    assert (no.status, no.is_submitted) == (Status.WITHDRAWN, False)
    assert not services.application_guardian_answer(application=yes, consent=False)  # answered already


def test_closed_opportunities_take_no_applications(opps):
    opportunity = opps.published_a
    opportunity.application_deadline = timezone.localdate() - timedelta(days=1)
    assert services.can_apply_problem(opportunity) == "The application deadline has passed."
    opportunity.application_deadline = timezone.localdate()
    assert services.can_apply_problem(opportunity) == ""
    opportunity.status = opportunity.Status.PAUSED
    assert services.can_apply_problem(opportunity)


def test_confirming_twice_does_nothing_the_second_time(opps):
    application = guest(opps.published_a)
    assert services.application_confirm_email(application=application)
    assert not services.application_confirm_email(application=application)


def test_unconfirmed_applications_are_deleted_after_7_days(opps):
    now = timezone.now()
    old = guest(opps.published_a, email="gammel@example.org")
    fresh = guest(opps.published_a, email="ny@example.org")
    confirmed_old = guest(opps.published_a, email="bekraeftet@example.org", confirm=True)
    waiting_guardian = guest(opps.published_u, email="ung@example.org", birth_year=YEAR - 13,
                             guardian_email="mor@example.org", confirm=True)
    Application.objects.filter(pk__in=[old.pk, confirmed_old.pk, waiting_guardian.pk]).update(
        created_at=now - timedelta(days=8))
    Application.objects.filter(pk=fresh.pk).update(created_at=now - timedelta(days=6))
    assert services.applications_delete_unconfirmed(now=now) == 1
    assert set(Application.objects.values_list("email", flat=True)) == {
        "ny@example.org", "bekraeftet@example.org", "ung@example.org"}
    # A guardian has 14 days.
    assert services.applications_delete_unconfirmed(now=now + timedelta(days=7)) == 2  # ny@ and ung@
    assert list(Application.objects.values_list("email", flat=True)) == ["bekraeftet@example.org"]
