from django.forms.renderers import TemplatesSetting


class DKFDSFormRenderer(TemplatesSetting):
    """Render every Django form with DKFDS markup (labels, hints, error messages tied by aria-describedby)."""

    form_template_name = "includes/forms/form.html"
    field_template_name = "includes/forms/field.html"
