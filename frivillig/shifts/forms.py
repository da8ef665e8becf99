"""The volunteer's form: signing up for a shift or an event. A signed-in person signs up with the account (one
button, no fields); a guest gives a name, an e-mail address and, if they like, a phone number. The rules
(capacity, the waitlist, signing up once) are in services.signup_create."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import phone_validator

from .models import SignUp

EMAIL_INVALID = _("Enter an e-mail address like navn@example.org.")


class SignUpForm(forms.Form):
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
        help_text=_("We send you a link to confirm it, and to see or cancel your sign-up."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        help_text=_("If the organisation may call you, for example if plans change."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "input-width-m"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            for name in ("name", "email", "phone"):
                del self.fields[name]

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


def email_language(user, request_language: str) -> str:
    """The language of the sign-up's e-mails: the profile's choice, or for a guest the page's language."""
    profile = getattr(user, "profile", None) if user is not None else None
    language = profile.preferred_language if profile is not None else request_language
    return language if language in SignUp.Language.values else SignUp.Language.DANISH
