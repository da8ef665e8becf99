"""iCalendar (RFC 5545) files of shifts and events, with the `icalendar` library.

Every file carries a VTIMEZONE for Europe/Copenhagen, and each VEVENT gives its start and end in local time with
TZID=Europe/Copenhagen, so a shift at 18:00 stays at 18:00 across summer time in every calendar. A shift's UID
never changes and its SEQUENCE goes up with every change of time, place or status (services.shift_update,
shift_cancel), so calendars update the entry they have; a cancelled shift stays in the feeds with
STATUS:CANCELLED, so subscribed calendars remove it.
"""

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event, Timezone

from frivillig.core.models import SiteConfiguration

from .models import Shift

PRODID = "-//Frivillig//Vagter og arrangementer//DA"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def shift_uid(shift: Shift) -> str:
    return f"{shift.uid}@{_host()}"


def _description(shift: Shift, url: str) -> str:
    parts = [shift.organisation.name]
    if shift.note:
        parts.append(shift.note)
    parts.append(url)
    return "\n\n".join(parts)


def _vevent(shift: Shift, stamp) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    url = settings.SITE_URL + shift.get_absolute_url()
    event = Event()
    event.add("uid", shift_uid(shift))
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(shift.starts_at, zone))
    event.add("dtend", timezone.localtime(shift.ends_at, zone))
    event.add("summary", shift.title)
    if shift.place:
        event.add("location", shift.place)
    event.add("description", _description(shift, url))
    event.add("url", url)
    event.add("sequence", shift.sequence)
    event.add("status", "CANCELLED" if shift.is_cancelled else "CONFIRMED")
    event.add("last-modified", shift.updated_at)
    return event


def _timezone(shifts: list[Shift]) -> Timezone:
    """Europe/Copenhagen's rules for the years the shifts span (and the next), not for all of 1970–2038."""
    years = [timezone.localtime(shift.starts_at).year for shift in shifts] or [timezone.localdate().year]
    return Timezone.from_tzid(settings.TIME_ZONE, first_date=date(min(years) - 1, 1, 1),
                              last_date=date(max(years) + 2, 1, 1))


def calendar_bytes(shifts: Iterable[Shift], *, name: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per shift (which need `opportunity`/`event` and `organisation` loaded)."""
    shifts = list(shifts)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_timezone(shifts))
    stamp = timezone.now()
    for shift in shifts:
        calendar.add_component(_vevent(shift, stamp))
    return calendar.to_ical()


def ics_response(content: bytes, *, filename: str, download: bool = True) -> HttpResponse:
    """An .ics answer: a download for one shift, inline for a feed that calendar programs subscribe to."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


def shift_filename(shift: Shift) -> str:
    local = timezone.localtime(shift.starts_at)
    return f"{slugify(shift.title)[:40] or 'vagt'}-{local:%Y-%m-%d}.ics"


def portal_calendar_name(suffix: str) -> str:
    return f"{SiteConfiguration.get().portal_name} – {suffix}"
