from django import forms, template
from django.utils.safestring import mark_safe

register = template.Library()

INPUT_CLASSES = {
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.Textarea: "form-input",
    forms.ClearableFileInput: "form-file-input",
    forms.FileInput: "form-file-input",
}


@register.simple_tag
def dkfds_widget(bound_field) -> str:
    """The field's widget with DKFDS classes and aria-describedby for its hint and error."""
    widget = bound_field.field.widget
    css = next((c for t, c in INPUT_CLASSES.items() if isinstance(widget, t)), "form-input")
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class", ""), css]))}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return mark_safe(bound_field.as_widget(attrs=attrs))  # noqa: S308 - Django renders and escapes the widget


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(bound_field) -> bool:
    return isinstance(bound_field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.filter
def markdown(text: str) -> str:
    """Render user Markdown safely: `{{ opportunity.description|markdown }}`."""
    from frivillig.core.markdown import render_markdown

    return render_markdown(text)
