"""Saving a search, and changing how often its digest comes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SavedSearch

OFF = "off"
EMAIL_CHOICES = [
    (SavedSearch.Frequency.DAILY, _("Daily")),
    (SavedSearch.Frequency.WEEKLY, _("Weekly")),
    (OFF, _("No e-mails")),
]


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("So you can tell your saved searches apart."),
        error_messages={"required": _("Give the search a name.")},
    )
    frequency = forms.ChoiceField(
        label=_("How often would you like an e-mail about new matches?"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        help_text=_("We only write when there is something new, and never about the same opportunity twice."),
        error_messages={"required": _("Choose how often you would like an e-mail.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=SavedSearch.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language of the e-mails.")},
    )


class EmailsForm(forms.Form):
    """How often a saved search's digest comes, or not at all (one form for the list page)."""

    emails = forms.ChoiceField(label=_("E-mails"), choices=EMAIL_CHOICES, widget=forms.RadioSelect)

    @staticmethod
    def initial_for(saved_search: SavedSearch) -> str:
        return saved_search.frequency if saved_search.is_active else OFF

    def changes(self) -> dict:
        """The service's arguments: a frequency and whether e-mails are on."""
        emails = self.cleaned_data["emails"]
        if emails == OFF:
            return {"is_active": False}
        return {"frequency": emails, "is_active": True}
