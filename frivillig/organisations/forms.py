import copy
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import phone_validator
from frivillig.core.models import Area, Category
from frivillig.core.uploads import validate_image_upload

from .models import Membership, Organisation
from .validators import validate_cvr

POSTCODE = re.compile(r"^\d{4}$")
CREATABLE_KIND_CHOICES = [
    (Organisation.Kind.ASSOCIATION, _("Association (forening) with a CVR number")),
    (Organisation.Kind.INFORMAL_GROUP, _("Informal group without a board or CVR number")),
]
PROFILE_FIELDS = [
    "name",
    "kind",
    "cvr",
    "description",
    "description_language",
    "logo",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "street_address",
    "postcode",
    "city",
    "areas",
    "categories",
]


class OrganisationForm(forms.ModelForm):
    """The profile of an association or informal group. The view passes `cleaned_data` to the services."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CREATABLE_KIND_CHOICES, widget=forms.RadioSelect)
    # Longer than the stored 8 and 4 digits, so "3521 5719" or "2000 " reach the clean_ methods and get a
    # helpful message instead of a length error.
    cvr = forms.CharField(
        label=_("CVR number"),
        required=False,
        max_length=12,
        help_text=_("8 digits. Required for associations; informal groups may leave it out."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("4 digits"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        # A plain file field: Django's ImageField would refuse an SVG or a program with its own vague message
        # before clean_logo (validate_image_upload) could say clearly what is allowed.
        field_classes = {"logo": forms.FileField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "areas": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }
        help_texts = {
            "description": _("What you do, for whom, and what volunteers help with."),
            "description_language": _("The language you wrote the description in."),
            "logo": _("PNG, JPEG or WebP, at most 1 MB."),
            "website": _("The full address, e.g. https://www.example.dk"),
            "areas": _("Where in the municipality you are active."),
            "categories": _("What kind of volunteering you offer."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["categories"].queryset = Category.objects.all()
        self.fields["contact_phone"].validators.append(phone_validator)
        if self.instance.pk and self.instance.is_municipal_unit:
            self.fields.pop("kind", None)

    def clean_cvr(self) -> str:
        cvr = re.sub(r"[\s-]", "", self.cleaned_data.get("cvr", ""))
        if cvr:
            validate_cvr(cvr)
        return cvr

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not POSTCODE.match(postcode):
            raise forms.ValidationError(_("A Danish postcode is 4 digits, e.g. 2000."))
        return postcode

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo, max_bytes=settings.LOGO_MAX_BYTES)
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Organisation.Kind.ASSOCIATION and not cleaned.get("cvr") and "cvr" not in self.errors:
            self.add_error("cvr", _("An association needs its CVR number. Informal groups may leave it out."))
        return cleaned

    def _post_clean(self):
        # Run the model's validation on a copy: the services compare the untouched instance with
        # `cleaned_data` to see what changed, so the form must not write to it.
        original = self.instance
        self.instance = copy.copy(original)
        try:
            super()._post_clean()
        finally:
            self.instance = original


class OrganisationCreateForm(OrganisationForm):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms for handling volunteers' data"),
        error_messages={"required": _("You must accept the terms for handling volunteers' data.")},
    )


class MunicipalUnitForm(OrganisationForm):
    """A coordinator creates a municipal unit and names its manager, who is invited as the first admin."""

    manager_email = forms.EmailField(
        label=_("The manager's e-mail address"),
        help_text=_("The manager is invited by e-mail to become the unit's first admin. You do not become a member."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    class Meta(OrganisationForm.Meta):
        fields = [field for field in PROFILE_FIELDS if field not in {"kind", "cvr", "logo"}]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("kind", None)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.EDITOR,
        widget=forms.RadioSelect,
        help_text=_("Editors manage the organisation's page and posts. Admins also manage members."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters (GET). Unknown values are ignored rather than shown as errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Words from the name or description"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    area = forms.ChoiceField(label=_("Area of the city"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    verified = forms.BooleanField(label=_("Only verified organisations"), required=False)

    def __init__(self, *args, areas, categories, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(Organisation.Kind.choices)
        self.fields["area"].choices = everything + [(area.slug, area.name) for area in areas]
        self.fields["category"].choices = everything + [(category.slug, category.name) for category in categories]

    def filters(self) -> dict:
        """The valid filters; an invalid one (say, a removed category in an old link) is dropped."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}
