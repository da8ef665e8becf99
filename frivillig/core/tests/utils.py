"""Helpers shared by the core tests."""

from django.forms.models import model_to_dict

from frivillig.core.forms import SiteConfigurationForm
from frivillig.core.models import SiteConfiguration


def site_configuration_data(**changes) -> dict:
    """The site configuration form's data as it stands, with `changes` applied (no logo)."""
    fields = [name for name in SiteConfigurationForm.Meta.fields if name != "logo"]
    data = model_to_dict(SiteConfiguration.get(), fields=fields)
    data.update(changes)
    return data
