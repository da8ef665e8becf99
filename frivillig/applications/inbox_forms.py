"""Forms of the organisation's side: the inbox filter, a status change and an internal note.

The views pass `cleaned_data` to the services, which hold the rules (which status may follow which).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.opportunities.forms import DATE_INPUT_FORMATS

from .models import Application, ApplicationEvent

Status = Application.Status
# What the inbox can show: submitted applications only, so never the statuses before submission.
INBOX_STATUSES = (Status.NEW, Status.IN_DIALOGUE, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
MESSAGE_MAX_LENGTH = ApplicationEvent._meta.get_field("text").max_length

# How a member reads each status they can choose: what it means for the applicant.
STATUS_CHOICE_LABELS = {
    Status.IN_DIALOGUE: _("In dialogue – you are talking with the applicant"),
    Status.ACCEPTED: _("Accepted – the applicant becomes a volunteer with you"),
    Status.DECLINED: _("Declined"),
}


class InboxFilterForm(forms.Form):
    """The inbox's GET filters, for showing them. The view checks the values (unknown ones are left out rather
    than shown as errors, so an old link still shows the inbox) and binds the form to the valid ones.

    Without `opportunities` (the inbox of one opportunity) there is no opportunity filter.
    """

    status = forms.ChoiceField(label=_("Status"), required=False)
    opportunity = forms.ChoiceField(label=_("Opportunity"), required=False)

    def __init__(self, data=None, *, status_counts: dict, opportunities: list[tuple[int, str, int]] | None):
        super().__init__(data)
        total = sum(status_counts.values())
        self.fields["status"].choices = [("", _("All statuses (%(count)s)") % {"count": total})] + [
            (status.value, f"{status.label} ({status_counts.get(status.value, 0)})") for status in INBOX_STATUSES
        ]
        if opportunities is None:
            del self.fields["opportunity"]
        else:
            self.fields["opportunity"].choices = [("", _("All opportunities"))] + [
                (str(pk), f"{title} ({count})") for pk, title, count in opportunities
            ]


class StatusForm(forms.Form):
    """Move an application on: the statuses it may go to now, an optional message, a start date when accepting."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "We e-mail the new status to the applicant, with your message if you write one. They also see it on "
            "the page about their application. Write it in the applicant's language."
        ),
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Only used when you accept. Leave it empty to use the opportunity's start date, or today if it has "
            "started."
        ),
    )

    def __init__(self, data=None, *, allowed: list[str]):
        super().__init__(data)
        self.fields["status"].choices = [(status, STATUS_CHOICE_LABELS[status]) for status in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != Status.ACCEPTED:
            cleaned["start_date"] = None
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only your organisation's members see notes. The applicant does not."),
        error_messages={"required": _("Write the note before you save it.")},
    )
