"""The iCal output, parsed back with icalendar: one shift's .ics, the personal feed (revoke and renew) and the
events feed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from frivillig.shifts import services
from frivillig.shifts.models import CalendarFeed
from tests.opportunity_fixtures import build_opportunities
from tests.signup_fixtures import event_with_registration, feed_of, guest_signup, shift_for, user_signup


@pytest.fixture
def opportunities(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_one_shift_as_an_ics_file(client, opportunities, settings):
    settings.SITE_URL = "https://frivillig.example.dk"
    shift = shift_for(opportunities.published_a, days=3, hour=18, place="Fælleshuset", note="Tag gummistøvler med.")
    signup = guest_signup(shift)
    response = client.get(reverse("shifts:signup_ics", kwargs={"token": signup.token}))
    assert response["Content-Disposition"].startswith('attachment; filename="') and ".ics" in response[
        "Content-Disposition"]
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{shift.uid}@frivillig.example.dk"
    assert event["SUMMARY"] == opportunities.published_a.title
    assert event["LOCATION"] == "Fælleshuset"
    assert "Tag gummistøvler med." in event["DESCRIPTION"]
    assert f"https://frivillig.example.dk/vagter/{shift.pk}/" in event["DESCRIPTION"]
    assert str(event["URL"]) == f"https://frivillig.example.dk/vagter/{shift.pk}/"
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("DTSTART") == shift.starts_at and event.decoded("DTEND") == shift.ends_at
    assert event.decoded("DTSTART").hour == 18, "local time"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert b"DTSTART;TZID=Europe/Copenhagen:" in response.content


def test_sequence_goes_up_after_a_change_and_a_cancelled_shift_says_so(client, opportunities):
    shift = shift_for(opportunities.published_a)
    signup = guest_signup(shift)
    url = reverse("shifts:signup_ics", kwargs={"token": signup.token})
    services.shift_update(shift=shift, data={"starts_at": shift.starts_at + timedelta(hours=1),
                                             "ends_at": shift.ends_at + timedelta(hours=1)}, actor=None)
    [event] = parse(client.get(url)).walk("VEVENT")
    assert event["SEQUENCE"] == 1 and event.decoded("DTSTART").hour == 19
    services.shift_update(shift=shift, data={"note": "Kun en note"}, actor=None)
    [event] = parse(client.get(url)).walk("VEVENT")
    assert event["SEQUENCE"] == 1, "a note is not a change calendars need"
    services.shift_cancel(shift=shift, actor=None, reason="Aflyst")
    [event] = parse(client.get(url)).walk("VEVENT")
    assert event["SEQUENCE"] == 2 and event["STATUS"] == "CANCELLED"


def test_the_personal_feed_holds_the_persons_active_signups(client, client_for, cast, opportunities):
    ane = cast.users["ane"]
    coming = shift_for(opportunities.published_a, days=2)
    cancelled_by_org = shift_for(opportunities.published_u, days=4)
    left = shift_for(opportunities.published_a, days=6)
    event = event_with_registration(cast["A"])
    for shift in (coming, cancelled_by_org, left, event.registration):
        user_signup(shift, ane)
    services.shift_cancel(shift=cancelled_by_org, actor=None)
    services.signup_cancel(signup=left.signups.get(user=ane))
    user_signup(shift_for(opportunities.published_a, days=3), cast.users["bo"])  # someone else's
    feed = feed_of(ane)
    calendar = parse(client.get(reverse("shifts:personal_feed", kwargs={"token": feed.token})))
    events = {str(item["UID"]).split("@")[0]: item for item in calendar.walk("VEVENT")}
    assert set(events) == {coming.uid, cancelled_by_org.uid, event.registration.uid}
    assert events[cancelled_by_org.uid]["STATUS"] == "CANCELLED"
    assert events[event.registration.uid]["SUMMARY"] == "Netværksmøde"


def test_renewing_the_feed_makes_the_old_address_404(client, client_for, cast):
    ane = client_for("ane")
    page = ane.get(reverse("shifts:my_shifts")).content.decode()
    feed = CalendarFeed.objects.get(user=cast.users["ane"])
    old_url = reverse("shifts:personal_feed", kwargs={"token": feed.token})
    assert "http://testserver" + old_url in page
    assert ane.get(reverse("shifts:calendar_renew")).status_code == 405
    response = ane.post(reverse("shifts:calendar_renew"))
    assert response["Location"] == reverse("shifts:my_shifts")
    feed.refresh_from_db()
    new_url = reverse("shifts:personal_feed", kwargs={"token": feed.token})
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    assert client.get(reverse("shifts:personal_feed", kwargs={"token": "findes-ikke"})).status_code == 404


def test_the_events_feed_has_coming_published_events(client, cast):
    shown = event_with_registration(cast["A"], title="Frivillig Fredag", kind="frivillig_fredag")
    event_with_registration(cast["A"], title="Skjult", is_published=False)
    event_with_registration(cast["A"], title="Forbi", days=-10)
    cancelled = event_with_registration(cast["U"], title="Aflyst kursus", kind="course")
    services.shift_cancel(shift=cancelled.registration, actor=None)
    calendar = parse(client.get(reverse("shifts:events_feed")))
    summaries = {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}
    assert set(summaries) == {"Frivillig Fredag", "Aflyst kursus"}
    assert summaries["Aflyst kursus"]["STATUS"] == "CANCELLED"
    assert shown.registration.uid in str(summaries["Frivillig Fredag"]["UID"])
