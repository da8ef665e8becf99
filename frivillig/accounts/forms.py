"""What a person can tell us about themselves on "Min side"."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.models import Area, Category

from .models import VolunteerProfile, phone_validator

MIN_BIRTH_YEAR = 1900

AVAILABILITY_CHOICES = [
    ("weekdays", _("Weekdays")),
    ("weekends", _("Weekends")),
    ("daytime", _("Daytime")),
    ("evenings", _("Evenings")),
]

NOTIFICATION_CHOICES = [
    ("new_opportunities", _("New opportunities that match my interests")),
    ("reminders", _("Reminders before my shifts")),
    ("news", _("News from the volunteer team")),
]


class ProfileForm(forms.Form):
    """The profile as one form: the name lives on User, the rest on VolunteerProfile."""

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Shown to the organisations you apply to or sign up with."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        required=False,
        help_text=_("Some roles have a minimum age. Four digits, for example 1985."),
        error_messages={"invalid": _("Enter the year you were born as four digits, for example 1985.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year", "class": "input-char-4"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "input-width-m"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=VolunteerProfile.Language.choices,
        widget=forms.RadioSelect,
        help_text=_("The language of the portal and of the e-mails we send you."),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("What are you interested in?"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Where in the city would you like to help?"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When can you help?"),
        choices=AVAILABILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notifications = forms.MultipleChoiceField(
        label=_("E-mail me about"),
        choices=NOTIFICATION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if year is not None and not MIN_BIRTH_YEAR <= year <= this_year:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s.") % {"first": MIN_BIRTH_YEAR, "last": this_year}
            )
        return year

    def clean_phone(self) -> str:
        return " ".join(self.cleaned_data["phone"].split())


def profile_initial(profile: VolunteerProfile) -> dict:
    """The form's starting values from a saved profile (with interests and areas prefetched)."""
    return {
        "name": profile.user.name,
        "birth_year": profile.birth_year,
        "phone": profile.phone,
        "preferred_language": profile.preferred_language,
        "interests": list(profile.interests.all()),
        "areas": list(profile.areas.all()),
        "availability": [key for key, _label in AVAILABILITY_CHOICES if getattr(profile, f"available_{key}")],
        "notifications": [key for key, _label in NOTIFICATION_CHOICES if getattr(profile, f"notify_{key}")],
    }
