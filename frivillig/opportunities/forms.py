"""The form organisations fill in to post an opportunity. The views pass `cleaned_data` to the services."""

import copy
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import phone_validator
from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup

from .models import Opportunity
from .services import FIELDS, M2M_FIELDS, ROLE_CARD_FIELDS, ROLE_CARD_TEXT_FIELDS

POSTCODE = re.compile(r"^\d{4}$")
# Denmark, roughly, Bornholm and Skagen included (Greenland and the Faroe Islands are not municipalities here).
LATITUDE_RANGE = (Decimal("54.5"), Decimal("57.8"))
LONGITUDE_RANGE = (Decimal("8.0"), Decimal("15.2"))
COORDINATE_PLACES = Decimal("0.000001")
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
VOCABULARIES = {
    "categories": Category,
    "target_groups": TargetGroup,
    "policy_areas": PolicyArea,
    "languages": SpokenLanguage,
    "area": Area,
}


class DecimalCommaField(forms.DecimalField):
    """A decimal number written with a comma (Danish) or a point: "2,5" and "2.5" are both 2.5."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class CoordinateField(DecimalCommaField):
    """A latitude or longitude as a map shows it; more than six decimals (about 10 cm) are rounded off."""

    def __init__(self, *, label, help_text=""):
        super().__init__(
            label=label,
            help_text=help_text,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        try:
            return number.quantize(COORDINATE_PLACES)
        except InvalidOperation as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, required=False, widget=_date_widget(), input_formats=DATE_INPUT_FORMATS
    )


class OpportunityForm(forms.ModelForm):
    """Every field of an opportunity. The role card appears only for municipal units, and the manager's
    confirmation only for the unit's admins (`can_confirm`); editors see the confirmation state as text."""

    hours_per_week = DecimalCommaField(
        label=_("Hours per week"),
        required=False,
        min_value=0,
        max_value=60,
        decimal_places=1,
        localize=True,
        help_text=_("About how many hours a week, e.g. 2 or 2,5. Leave it empty if it varies."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "min_value": _("Hours per week must be between 0 and 60."),
            "max_value": _("Hours per week must be between 0 and 60."),
            "max_decimal_places": _("Use at most one decimal, e.g. 2,5."),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("4 digits"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    latitude = CoordinateField(
        label=_("Latitude"),
        help_text=_(
            "Optional: the point shown on the map. Find the place on a map, copy the two numbers (e.g. 55.6786 "
            "and 12.5315) and put the first here and the second under longitude. Give both or neither."
        ),
    )
    longitude = CoordinateField(label=_("Longitude"), help_text=_("The second number, e.g. 12.5315."))
    minimum_age = forms.IntegerField(
        label=_("Minimum age"),
        required=False,
        min_value=10,
        max_value=99,
        help_text=_("Leave it empty if any age is welcome. Volunteers younger than this cannot apply."),
        error_messages={
            "min_value": _("The minimum age must be between 10 and 99."),
            "max_value": _("The minimum age must be between 10 and 99."),
        },
    )
    volunteers_wanted = forms.IntegerField(
        label=_("Volunteers wanted"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("How many volunteers you are looking for. Leave it empty if there is no limit."),
        error_messages={
            "min_value": _("Give a number from 1 to 1000, or leave it empty."),
            "max_value": _("Give a number from 1 to 1000, or leave it empty."),
        },
    )
    start_date = _date_field(_("Start date"), _("Leave it empty if the role has already started or starts any time."))
    end_date = _date_field(
        _("End date"), _("The opportunity expires by itself after this day. Leave it empty for an ongoing role.")
    )
    application_deadline = _date_field(
        _("Application deadline"),
        _("The opportunity expires by itself after this day. It must be on or before the end date."),
    )
    role_confirm = forms.BooleanField(
        label=_("I confirm, as manager, that this role does not replace paid work"),
        required=False,
        help_text=_(
            "Only an admin of the unit can confirm. The portal records who confirmed and when. If the role card's "
            "text is changed later, it must be confirmed again."
        ),
    )

    class Meta:
        model = Opportunity
        fields = [*FIELDS, *M2M_FIELDS, *ROLE_CARD_FIELDS]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "categories": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "policy_areas": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "time_commitment": forms.RadioSelect,
            "language": forms.RadioSelect,
            "street_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "role_volunteer_tasks": forms.Textarea(attrs={"rows": 4}),
            "role_staff_tasks": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "is_online": _("The role can be done online"),
            "role_volunteer_tasks": _("What the volunteer does"),
            "role_staff_tasks": _("What paid staff do"),
            "role_staff_contact": _("Named staff contact"),
            "insurance_covered": _("The municipality's volunteer insurance covers this role"),
        }
        help_texts = {
            "title": _("Short and concrete, e.g. “Reading aloud at the care home”."),
            "summary": _("One or two sentences shown in search results."),
            "description": _(
                "What the volunteer does, when and where, what you offer (training, a team, expenses) and what "
                "you hope for. Markdown works: **bold**, *italics*, lists with - at the start of a line, and "
                "links written [text](https://…)."
            ),
            "language": _("The language you wrote the text in."),
            "categories": _("Choose at least one."),
            "target_groups": _("Whom the volunteer helps."),
            "policy_areas": _("The municipality's policy areas the role belongs to."),
            "skills": _("Skills that help, if any, e.g. “patience, speaks Arabic”."),
            "is_online": _("Tick if the role can be done from home, by phone or online."),
            "street_address": _("Where the volunteer meets. Leave the address empty if it varies."),
            "area": _("The area of the city, so people can search near them."),
            "accessibility_note": _("E.g. “step-free access, lift to the 2nd floor, accessible toilet”."),
            "languages": _("Languages the role can be done in, besides Danish."),
            "no_danish_required": _("Tick if someone who does not speak Danish can do the role."),
            "requires_child_certificate": _(
                "Tick if volunteers aged 15 or older will have regular contact with children under 15. You request "
                "the certificate; the portal never stores it."
            ),
            "contact_name": _("The person volunteers can contact with questions."),
            "role_volunteer_tasks": _("The tasks volunteers do, and what they do not do. Needed before publishing."),
            "role_staff_tasks": _("The tasks that stay with paid staff. Needed before publishing."),
            "role_staff_contact": _(
                "The member of staff volunteers work with, with name and job title. Needed before publishing."
            ),
            "insurance_covered": _("Tick if the municipality's volunteer insurance covers volunteers in this role."),
        }

    def __init__(self, *args, can_confirm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in VOCABULARIES.items():
            self.fields[name].queryset = model.objects.all()
        self.fields["contact_phone"].validators.append(phone_validator)
        self.fields["area"].empty_label = _("Choose an area")
        if not self.instance.needs_role_card:
            for name in [*ROLE_CARD_FIELDS, "role_confirm"]:
                self.fields.pop(name)
        elif not can_confirm:
            self.fields.pop("role_confirm")

    @property
    def has_role_card(self) -> bool:
        return "role_volunteer_tasks" in self.fields

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not POSTCODE.match(postcode):
            raise forms.ValidationError(_("A Danish postcode is 4 digits, e.g. 2000."))
        return postcode

    def clean_latitude(self):
        return self._in_range("latitude", LATITUDE_RANGE, _("The latitude must be in Denmark, between %(low)s and "
                                                             "%(high)s."))

    def clean_longitude(self):
        return self._in_range("longitude", LONGITUDE_RANGE, _("The longitude must be in Denmark, between %(low)s "
                                                               "and %(high)s."))

    def _in_range(self, name: str, bounds: tuple[Decimal, Decimal], message) -> Decimal | None:
        value = self.cleaned_data.get(name)
        low, high = bounds
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(
                message, params={"low": number_format(low, 1), "high": number_format(high, 1)}, code="range"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        self._check_dates(cleaned)
        self._check_point(cleaned)
        self._check_confirmation(cleaned)
        return cleaned

    def _check_dates(self, cleaned: dict) -> None:
        start, end, deadline = cleaned.get("start_date"), cleaned.get("end_date"), cleaned.get("application_deadline")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if deadline and end and deadline > end:
            self.add_error("application_deadline", _("The application deadline must be on or before the end date."))

    def _check_point(self, cleaned: dict) -> None:
        if self.errors.get("latitude") or self.errors.get("longitude"):
            return
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        message = _("Give both latitude and longitude, or neither.")
        if latitude is not None and longitude is None:
            self.add_error("longitude", message)
        elif longitude is not None and latitude is None:
            self.add_error("latitude", message)

    def _check_confirmation(self, cleaned: dict) -> None:
        if not cleaned.get("role_confirm"):
            return
        if not all((cleaned.get(name) or "").strip() for name in ROLE_CARD_TEXT_FIELDS):
            self.add_error(
                "role_confirm",
                _("Fill in what the volunteer does, what paid staff do and the named staff contact before you "
                  "confirm."),
            )

    def _post_clean(self):
        # Run the model's validation on a copy: the services compare the untouched instance with `cleaned_data`
        # (a changed role card withdraws the confirmation), so the form must not write to it.
        original = self.instance
        self.instance = copy.copy(original)
        try:
            super()._post_clean()
        finally:
            self.instance = original


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the opportunity unpublished?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The organisation's admins receive this by e-mail. Say what must change before the opportunity can be "
            "published again."
        ),
        error_messages={"required": _("Write why the opportunity is unpublished. The organisation's admins receive "
                                      "it.")},
    )
