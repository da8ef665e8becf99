"""The forms an applicant fills in: applying, and a guardian's yes or no. The views pass `cleaned_data` to the
services, which hold the rules (minimum age, guardian consent, applying once)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import phone_validator

from .models import GUARDIAN_CONSENT_BELOW_AGE, Application

MIN_BIRTH_YEAR = 1900
EMAIL_INVALID = _("Enter an e-mail address like navn@example.org.")
BIRTH_YEAR_INVALID = _("Enter the year you were born as four digits, for example 1990.")


def birth_year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Birth year"),
        help_text=_("Some roles have a minimum age. Four digits, for example 1990."),
        min_value=MIN_BIRTH_YEAR,
        max_value=2100,  # a year in the future is refused by the service (checked when the form is used)
        error_messages={
            "required": _("Enter the year you were born, for example 1990."),
            **{code: BIRTH_YEAR_INVALID for code in ("invalid", "min_value", "max_value")},
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year", "class": "input-char-4"}),
    )


class ApplyForm(forms.Form):
    """Name, contact details, birth year and a message. A signed-in person's e-mail address is the account's
    (shown, not a field); a guest gives one. The guardian's address is needed only under 15 (the service says
    so when it is missing)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={"required": _("Enter your e-mail address."), "invalid": EMAIL_INVALID},
        help_text=_("We send you a link to confirm it. The organisation answers you by e-mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        help_text=_("If you would like the organisation to be able to call you."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "input-width-m"}),
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        max_length=4000,
        required=False,
        help_text=_("Tell a little about yourself and why you would like to help. A few lines are enough."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    guardian_email = forms.EmailField(
        label=_("Your parent's or guardian's e-mail address"),
        max_length=254,
        required=False,
        error_messages={"invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The field is made here so that the highest year allowed is this year, not the year the server started.
        self.fields["birth_year"] = birth_year_field()
        self.order_fields(["name", "email", "phone", "birth_year", "guardian_email", "message"])
        self.fields["guardian_email"].help_text = _(
            "Only if you are under %(age)s: a parent or guardian must say yes before the organisation sees your "
            "application. We send them a link."
        ) % {"age": GUARDIAN_CONSENT_BELOW_AGE}
        if user is not None:
            del self.fields["email"]

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


def apply_initial(user) -> dict:
    """What the account and profile already tell: the form starts from it."""
    profile = getattr(user, "profile", None)
    initial = {"name": user.name}
    if profile is not None:
        initial |= {"phone": profile.phone, "birth_year": profile.birth_year}
    return initial


def email_language(user, request_language: str) -> str:
    """The language of the applicant's e-mails: the profile's choice, or for a guest the page's language."""
    profile = getattr(user, "profile", None) if user is not None else None
    language = profile.preferred_language if profile is not None else request_language
    return language if language in Application.Language.values else Application.Language.DANISH


class GuardianAnswerForm(forms.Form):
    """The guardian's yes or no: two submit buttons named `consent`."""

    consent = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )

    @property
    def consents(self) -> bool:
        return self.cleaned_data["consent"] == "yes"
