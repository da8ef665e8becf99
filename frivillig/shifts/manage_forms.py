"""The organisation's forms for shifts and events. Dates and times are entered in local time (Europe/Copenhagen)
and combined with `services.local_datetime`, so 18:00 stays 18:00 across summer time. The views pass
`cleaned_data` (or `shift_data()`/`event_data()`) to the services."""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Event, Shift

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
MAX_PLACES = 10000
WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def _date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


def _places_field(help_text) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Places"), help_text=help_text, min_value=1, max_value=MAX_PLACES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _place_field() -> forms.CharField:
    return forms.CharField(
        label=_("Place"), required=False, max_length=200,
        help_text=_("An address or where to meet, if it is not the usual place."),
    )


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the people who sign up, e.g. what to bring."),
    )


class ShiftForm(forms.Form):
    """One shift: a date, a start and an end time on that day, places, place and note."""

    date = _date_field(_("Date"))
    start_time = _time_field(_("Starts at"))
    end_time = _time_field(_("Ends at"))
    capacity = _places_field(_("How many people you need."))
    place = _place_field()
    note = _note_field()

    @classmethod
    def initial_for(cls, shift: Shift) -> dict:
        starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
        return {
            "date": starts.date(), "start_time": starts.time(), "end_time": ends.time(),
            "capacity": shift.capacity, "place": shift.place, "note": shift.note,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The shift must end after it starts, on the same day."))
        return data

    def shift_data(self) -> dict:
        """The cleaned data as the services take it: aware `starts_at` and `ends_at` in local time."""
        data = self.cleaned_data
        return {
            "starts_at": services.local_datetime(data["date"], data["start_time"]),
            "ends_at": services.local_datetime(data["date"], data["end_time"]),
            "capacity": data["capacity"],
            "place": data["place"].strip(),
            "note": data["note"].strip(),
        }


def _pattern_limit() -> str:
    return _("At most %(max)s shifts are made at a time.") % {"max": services.MAX_SHIFTS_PER_PATTERN}


_pattern_limit_help = lazy(_pattern_limit, str)


class WeeklyPatternForm(forms.Form):
    """A shift on each chosen weekday from the first to the last date, at the same local times."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    start_time = _time_field(_("Starts at"))
    end_time = _time_field(_("Ends at"))
    first_date = _date_field(_("First date"))
    last_date = _date_field(_("Last date"), help_text=_pattern_limit_help())
    capacity = _places_field(help_text=_("How many people you need on each shift."))
    place = _place_field()
    note = _note_field()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The shift must end after it starts, on the same day."))
        first, last = data.get("first_date"), data.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("The last date must be on or after the first date."))
        if first and first < timezone.localdate():
            self.add_error("first_date", _("The first date cannot be in the past."))
        return data


class ShiftMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by e-mail to everyone with a place on the shift."),
        error_messages={"required": _("Write the message before you send it.")},
    )


class ShiftCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Included in the e-mail to everyone signed up."),
    )


class EventForm(forms.Form):
    """An event and its registration: when, where and how many places."""

    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=Event.Kind.choices)
    description = forms.CharField(
        label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=Event.Language.choices, initial=Event.Language.DANISH
    )
    is_published = forms.BooleanField(
        label=_("Published: shown in the calendar and open for registration"), required=False, initial=True
    )
    start_date = _date_field(_("Start date"))
    start_time = _time_field(_("Starts at"))
    end_date = _date_field(_("End date"), help_text=_("The same as the start date for an event on one day."))
    end_time = _time_field(_("Ends at"))
    capacity = _places_field(help_text=_("How many people can register."))
    place = _place_field()

    @classmethod
    def initial_for(cls, event: Event, registration: Shift | None) -> dict:
        initial = {
            "title": event.title, "kind": event.kind, "description": event.description,
            "language": event.language, "is_published": event.is_published,
        }
        if registration is not None:
            starts, ends = timezone.localtime(registration.starts_at), timezone.localtime(registration.ends_at)
            initial |= {
                "start_date": starts.date(), "start_time": starts.time(), "end_date": ends.date(),
                "end_time": ends.time(), "capacity": registration.capacity, "place": registration.place,
            }
        return initial

    def clean(self):
        data = super().clean()
        parts = [data.get(name) for name in ("start_date", "start_time", "end_date", "end_time")]
        if all(part is not None for part in parts):
            starts_at = services.local_datetime(parts[0], parts[1])
            ends_at = services.local_datetime(parts[2], parts[3])
            if ends_at <= starts_at:
                self.add_error("end_time", _("The event must end after it starts."))
            data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data

    def event_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(), "kind": data["kind"], "description": data["description"].strip(),
            "language": data["language"], "is_published": data["is_published"], "starts_at": data["starts_at"],
            "ends_at": data["ends_at"], "capacity": data["capacity"], "place": data["place"].strip(),
        }
