from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .colours import HEX_COLOUR, contrast_ratio
from .models import Area, Category, PolicyArea, SiteConfiguration
from .uploads import validate_image_upload

MIN_CONTRAST = 4.5


class SiteConfigurationForm(forms.ModelForm):
    class Meta:
        model = SiteConfiguration
        fields = [
            "municipality_name",
            "portal_name",
            "tagline_da",
            "tagline_en",
            "intro_da",
            "intro_en",
            "logo",
            "primary_colour",
            "contact_email",
            "contact_phone",
            "contact_address",
            "accessibility_statement_url",
            "data_controller_name",
            "data_controller_cvr",
            "data_controller_address",
            "dpo_name",
            "dpo_email",
            "dpo_phone",
            "hourly_value",
            "hourly_value_source",
            "thank_you_thresholds",
        ]
        # A plain file field: Django's ImageField would refuse an SVG or a program with its own vague message
        # before clean_logo (validate_image_upload) could say clearly what is allowed.
        field_classes = {"logo": forms.FileField}
        widgets = {
            "intro_da": forms.Textarea(attrs={"rows": 4}),
            "intro_en": forms.Textarea(attrs={"rows": 4}),
            "primary_colour": forms.TextInput(attrs={"type": "color", "class": "form-input-color"}),
        }
        help_texts = {
            "primary_colour": _("Used for the header, buttons and links. It needs a contrast of at least 4.5:1 "
                                "against white text."),
            "logo": _("PNG or JPEG, at most 1 MB. Shown in the header."),
        }

    def clean_primary_colour(self) -> str:
        colour = self.cleaned_data["primary_colour"].strip().lower()
        if not HEX_COLOUR.match(colour):
            raise forms.ValidationError(_("Enter a colour as # followed by six hexadecimal digits, e.g. #0b5a3e."))
        ratio = contrast_ratio(colour, "#ffffff")
        if ratio < MIN_CONTRAST:
            raise forms.ValidationError(
                _("The colour has a contrast of %(ratio)s:1 against white. It must be at least 4.5:1 "
                  "(WCAG 2.1 AA). Choose a darker colour."),
                params={"ratio": number_format(ratio, 2)},
                code="low_contrast",
            )
        return colour

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo, max_bytes=settings.LOGO_MAX_BYTES)
        return logo

    def clean_hourly_value(self):
        value = self.cleaned_data["hourly_value"]
        if value is not None and value <= 0:
            raise forms.ValidationError(_("The hourly value must be more than 0 kr."))
        return value


class VocabularyForm(forms.ModelForm):
    class Meta:
        fields = ["name_da", "name_en", "slug", "position"]


VOCABULARIES = {
    "areas": (Area, _("Areas of the city")),
    "policy_areas": (PolicyArea, _("Policy areas")),
    "categories": (Category, _("Categories")),
}


def vocabulary_formset(model):
    return forms.modelformset_factory(
        model, form=VocabularyForm, fields=VocabularyForm.Meta.fields, extra=1, can_delete=True
    )
