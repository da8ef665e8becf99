"""Forms for hours, attendance, thank-yous and certificates. The services hold the rules; the forms say what a
person typed wrong, in words they can act on."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.opportunities.forms import DATE_INPUT_FORMATS
from frivillig.shifts.models import SignUp

from . import services
from .models import Certificate, HoursEntry

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NOTE_MAX_LENGTH = HoursEntry._meta.get_field("note").max_length
REASON_MAX_LENGTH = HoursEntry._meta.get_field("reject_reason").max_length


class HoursLogForm(forms.Form):
    """One engagement's "log hours" form on the volunteer's hours page (prefixed by the engagement, so the page
    can hold one per engagement; the page's plain `engagement` field says which one was sent)."""

    date = forms.DateField(
        label=_("Date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date you volunteered."),
                        "invalid": _("Enter a date, for example 2025-05-17.")},
    )
    hours = forms.CharField(
        label=_("Hours"),
        max_length=5,
        help_text=_("From 0.5 to 24, for example 2.5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-input input-width-xs"}),
        error_messages={"required": _("Enter how many hours.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("What you did, if the organisation needs to know."),
    )

    def __init__(self, *args, engagement=None, **kwargs):
        kwargs.setdefault("prefix", f"e{engagement.pk}" if engagement else None)
        super().__init__(*args, **kwargs)
        if engagement is not None:
            self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date

    def clean_hours(self) -> Decimal:
        value = self.cleaned_data["hours"].strip().replace(",", ".")
        try:
            return services.clean_hours(value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["hours"]) from None


class DecideForm(forms.Form):
    """Approve or reject the ticked entries, or one entry by its own button (decision "approve:<pk>")."""

    entries = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    decision = forms.CharField()
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("The volunteer sees it next to the rejected hours."),
    )

    def __init__(self, *args, pending_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(pk, pk) for pk in pending_ids]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision", "")
        match = re.fullmatch(r"(approve|reject)(?::(\d+))?", decision)
        if not match:
            raise ValidationError(_("Choose approve or reject."))
        cleaned["approve"] = match.group(1) == "approve"
        if match.group(2):
            cleaned["entries"] = [int(match.group(2))]
        elif not cleaned.get("entries"):
            raise ValidationError(_("Tick the hours you want to approve or reject."), code="none_ticked")
        return cleaned


class AttendanceForm(forms.Form):
    """One radio group per confirmed sign-up: attended or did not come (left empty: not recorded yet)."""

    def __init__(self, *args, signups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.signups = list(signups)
        choices = [(SignUp.Attendance.ATTENDED, _("Attended")), (SignUp.Attendance.NO_SHOW, _("Did not come"))]
        for signup in self.signups:
            self.fields[f"signup_{signup.pk}"] = forms.ChoiceField(
                label=signup.name, choices=choices, required=False, widget=forms.RadioSelect,
                initial=signup.attendance or None,
            )

    def rows(self):
        """(sign-up, its bound field) for the template."""
        return [(signup, self[f"signup_{signup.pk}"]) for signup in self.signups]

    def marks(self) -> list[tuple[SignUp, bool]]:
        """(sign-up, attended) for each sign-up given a mark."""
        marks = []
        for signup in self.signups:
            value = self.cleaned_data.get(f"signup_{signup.pk}")
            if value:
                marks.append((signup, value == SignUp.Attendance.ATTENDED))
        return marks


class ThankForm(forms.Form):
    message = forms.CharField(
        label=_("Your thank-you"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("We e-mail it to the volunteer from the portal, with your organisation's name. Write it in "
                    "the volunteer's language."),
        error_messages={"required": _("Write your thank-you before you send it.")},
    )


class CertificateForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=Certificate.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Danish or English.")},
    )


def normalise_code(value: str) -> str:
    """"abcd efgh-jkmn" → "ABCD-EFGH-JKMN"; "" when it cannot be a certificate code."""
    raw = re.sub(r"[\s-]", "", value or "").upper()
    if len(raw) != 12 or any(character not in CODE_ALPHABET for character in raw):
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("12 letters and digits, for example ABCD-EFGH-JK23. It is printed on the certificate."),
        error_messages={"required": _("Enter the code from the certificate.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise ValidationError(
                _("A certificate code has 12 letters and digits, for example ABCD-EFGH-JK23. Check what you typed.")
            )
        return code
