"""The posting form: which fields appear for whom, and the messages for input it refuses."""

from decimal import Decimal

import pytest
from django.utils import translation

from frivillig.core.models import Area, Category
from frivillig.opportunities.forms import OpportunityForm, UnpublishForm
from frivillig.opportunities.models import Opportunity

ROLE_CARD_FIELDS = {"role_volunteer_tasks", "role_staff_tasks", "role_staff_contact", "insurance_covered"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def post_data(**changes) -> dict:
    data = {
        "title": "Lektiehjælper i 7.–9. klasse",
        "summary": "Hjælp elever med matematik og dansk en eftermiddag om ugen.",
        "description": "Vi mødes på Solbjerg Bibliotek.",
        "language": "da",
        "categories": [str(Category.objects.get(slug="lektiehjaelp").pk)],
        "time_commitment": "regular",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_for(cast, key="A", can_confirm=False, **changes) -> OpportunityForm:
    return OpportunityForm(
        post_data(**changes), instance=Opportunity(organisation=cast[key]), can_confirm=can_confirm
    )


def errors(form, field) -> list[str]:
    assert not form.is_valid()
    return form.errors[field]


def test_minimal_data_is_valid(cast):
    form = form_for(cast)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["categories"][0].slug == "lektiehjaelp"


def test_a_category_is_required(cast):
    assert errors(form_for(cast, categories=[]), "categories")


def test_end_before_start(cast):
    form = form_for(cast, start_date="2026-09-01", end_date="2026-08-31")
    assert errors(form, "end_date") == ["The end date must be on or after the start date."]


def test_deadline_after_end(cast):
    form = form_for(cast, end_date="2026-08-31", application_deadline="2026-09-01")
    assert errors(form, "application_deadline") == ["The application deadline must be on or before the end date."]


def test_dates_in_danish_order_are_understood(cast):
    form = form_for(cast, start_date="01.09.2026", end_date="30-06-2027")
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["end_date"]) == "2027-06-30"


def test_date_inputs_are_date_pickers(cast):
    html = str(form_for(cast)["start_date"])
    assert 'type="date"' in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"latitude": "55.68"}, "longitude"), ({"longitude": "12.53"}, "latitude")],
)
def test_a_point_needs_both_coordinates(cast, changes, field):
    assert errors(form_for(cast, **changes), field) == ["Give both latitude and longitude, or neither."]


def test_a_point_must_be_in_denmark(cast):
    form = form_for(cast, latitude="48.85", longitude="2.35")
    assert not form.is_valid()
    assert form.errors["latitude"] == ["The latitude must be in Denmark, between 54.5 and 57.8."]
    assert form.errors["longitude"] == ["The longitude must be in Denmark, between 8.0 and 15.2."]


def test_coordinates_take_a_comma_and_are_rounded(cast):
    form = form_for(cast, latitude="55,678612345", longitude=" 12.5315 ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] == Decimal("55.678612")
    assert form.cleaned_data["longitude"] == Decimal("12.531500")


def test_hours_per_week_take_a_comma(cast):
    form = form_for(cast, hours_per_week="2,5")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hours_per_week"] == Decimal("2.5")


@pytest.mark.parametrize("age", ["9", "100"])
def test_minimum_age_between_10_and_99(cast, age):
    assert errors(form_for(cast, minimum_age=age), "minimum_age") == ["The minimum age must be between 10 and 99."]


def test_postcode_is_four_digits(cast):
    assert errors(form_for(cast, postcode="20000"), "postcode") == ["A Danish postcode is 4 digits, e.g. 2000."]


def test_phone_number(cast):
    assert errors(form_for(cast, contact_phone="ring mig"), "contact_phone")


def test_areas_come_from_the_vocabulary(cast):
    area = Area.objects.get(slug="syd")
    form = form_for(cast, area=str(area.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["area"] == area


def test_an_association_sees_no_role_card(cast):
    form = form_for(cast, key="A", can_confirm=True)
    assert not ROLE_CARD_FIELDS & set(form.fields)
    assert "role_confirm" not in form.fields
    assert not form.has_role_card


def test_a_unit_editor_sees_the_card_but_not_the_confirmation(cast):
    form = form_for(cast, key="U", can_confirm=False)
    assert ROLE_CARD_FIELDS <= set(form.fields)
    assert "role_confirm" not in form.fields


def test_a_unit_admin_may_confirm(cast):
    form = form_for(
        cast,
        key="U",
        can_confirm=True,
        role_volunteer_tasks="Læser højt.",
        role_staff_tasks="Pleje og medicin.",
        role_staff_contact="Hanne Jensen",
        role_confirm="on",
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["role_confirm"] is True


def test_an_incomplete_card_cannot_be_confirmed(cast):
    form = form_for(cast, key="U", can_confirm=True, role_volunteer_tasks="Læser højt.", role_confirm="on")
    assert errors(form, "role_confirm") == [
        "Fill in what the volunteer does, what paid staff do and the named staff contact before you confirm."
    ]


def test_the_form_leaves_the_instance_alone(cast):
    """The services compare the instance with cleaned_data to see whether the role card changed."""
    opportunity = Opportunity(organisation=cast["U"], role_staff_tasks="Gammel tekst")
    form = OpportunityForm(post_data(role_staff_tasks="Ny tekst"), instance=opportunity)
    assert form.is_valid(), form.errors
    assert opportunity.role_staff_tasks == "Gammel tekst"


def test_unpublish_needs_a_reason():
    form = UnpublishForm({"reason": ""})
    assert not form.is_valid()
    assert form.errors["reason"] == [
        "Write why the opportunity is unpublished. The organisation's admins receive it."
    ]
