import pytest

from frivillig.core.colours import contrast_ratio, darken, relative_luminance
from frivillig.core.forms import SiteConfigurationForm
from frivillig.core.models import SiteConfiguration

from .utils import site_configuration_data


def test_black_on_white_is_21_to_1():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)


def test_same_colour_is_1_to_1():
    assert contrast_ratio("#0b5a3e", "#0b5a3e") == pytest.approx(1.0)


def test_grey_767676_on_white_just_passes_aa():
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_contrast_is_symmetric_and_case_insensitive():
    assert contrast_ratio("#FFCC00", "#ffffff") == pytest.approx(contrast_ratio("#ffffff", "#ffcc00"))


def test_relative_luminance_extremes():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)


def test_darken_gives_a_darker_valid_colour():
    darker = darken("#0b5a3e")
    assert darker.startswith("#") and len(darker) == 7
    assert relative_luminance(darker) < relative_luminance("#0b5a3e")


def form_for(colour: str) -> SiteConfigurationForm:
    return SiteConfigurationForm(site_configuration_data(primary_colour=colour), instance=SiteConfiguration.get())


@pytest.mark.django_db
def test_form_refuses_a_colour_below_4_5_to_1_on_the_field():
    form = form_for("#ffcc00")
    assert not form.is_valid()
    assert list(form.errors) == ["primary_colour"]
    assert form.errors.as_data()["primary_colour"][0].code == "low_contrast"


@pytest.mark.django_db
def test_form_accepts_the_default_green_and_normalises_case():
    form = form_for("#0B5A3E")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["primary_colour"] == "#0b5a3e"


@pytest.mark.django_db
@pytest.mark.parametrize("colour", ["0b5a3e", "#0b5a3", "#0b5a3e0", "#gggggg", "green", "", "#0b5a3e; color: red"])
def test_form_refuses_what_is_not_a_hex_colour(colour):
    form = form_for(colour)
    assert not form.is_valid()
    assert "primary_colour" in form.errors


@pytest.mark.django_db
def test_form_refuses_a_zero_hourly_value():
    form = SiteConfigurationForm(site_configuration_data(hourly_value="0"), instance=SiteConfiguration.get())
    assert not form.is_valid()
    assert "hourly_value" in form.errors
