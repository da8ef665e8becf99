"""The organisation's side of shifts, through the pages: the list and adding one, who is coming, changing,
cancelling and writing to a shift, and that no one else gets near them."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.shifts import services
from frivillig.shifts.models import Shift, SignUp
from tests.opportunity_fixtures import build_opportunities
from tests.shift_fixtures import GUEST_CANCELLED, GUEST_CONFIRMED, GUEST_HELD, GUEST_WAITING, build_shifts

Status = SignUp.Status


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages in English, so assertions do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def shifts(cast):
    cast.opportunities = build_opportunities(cast)
    cast.shifts = build_shifts(cast)
    return cast.shifts


def url(name, shift_or_opportunity, slug=None):
    organisation = shift_or_opportunity.organisation
    return reverse(f"shifts:{name}", kwargs={"slug": slug or organisation.slug, "pk": shift_or_opportunity.pk})


def day_after(days: int):
    return timezone.localdate() + timedelta(days=days)


def shift_form(**changes) -> dict:
    data = {"date": day_after(10).isoformat(), "start_time": "18:00", "end_time": "20:00", "capacity": "4",
            "place": "Kirkesalen", "note": "Tag gode sko på."}
    return data | changes


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


# --- an opportunity's shifts -------------------------------------------------------------------------------


def test_the_list_shows_upcoming_then_past_with_counts(client_for, shifts):
    page = client_for("erik").get(url("opportunity_shifts", shifts.tomorrow.opportunity)).content.decode()
    upcoming, past = page.split('id="past-heading"')
    for shift in (shifts.tomorrow, shifts.full):
        assert url("manage_shift", shift) in upcoming
    assert url("manage_shift", shifts.past) in past
    assert upcoming.index(url("manage_shift", shifts.tomorrow)) < upcoming.index(url("manage_shift", shifts.full))
    assert "1 of 2" in upcoming  # tomorrow: ane
    assert "2 of 2" in upcoming  # full: a confirmed and a held guest
    assert "Full" in upcoming
    assert url("weekly_pattern", shifts.tomorrow.opportunity) in page
    assert url("manage_shift", shifts.event_shift) not in page  # the event's registration is not the post's


def test_a_cancelled_shift_is_marked(client_for, shifts):
    services.shift_cancel(shift=shifts.full, actor=None)
    page = client_for("bo").get(url("opportunity_shifts", shifts.full.opportunity)).content.decode()
    assert "Cancelled" in page


def test_adding_a_shift_in_local_time(client_for, shifts):
    opportunity = shifts.tomorrow.opportunity
    response = client_for("erik").post(url("opportunity_shifts", opportunity), shift_form())
    assert response.status_code == 302
    assert response["Location"] == url("opportunity_shifts", opportunity)
    shift = Shift.objects.get(place="Kirkesalen")
    assert (shift.opportunity, shift.organisation, shift.capacity, shift.note) == (
        opportunity, opportunity.organisation, 4, "Tag gode sko på.")
    assert timezone.localtime(shift.starts_at).time() == time(18)
    assert timezone.localtime(shift.ends_at).time() == time(20)
    assert timezone.localtime(shift.starts_at).date() == day_after(10)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "17:00"}, "end_time"),
        ({"capacity": "0"}, "capacity"),
        ({"date": "i morgen"}, "date"),
        ({"start_time": ""}, "start_time"),
    ],
)
def test_a_bad_shift_is_shown_again_with_the_error_and_the_input(client_for, shifts, changes, field):
    opportunity = shifts.tomorrow.opportunity
    before = Shift.objects.count()
    response = client_for("bo").post(url("opportunity_shifts", opportunity), shift_form(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Kirkesalen"' in response.content.decode()
    assert Shift.objects.count() == before


def test_the_list_query_count_does_not_grow(client_for, shifts, django_assert_num_queries):
    client = client_for("bo")
    opportunity = shifts.tomorrow.opportunity
    address = url("opportunity_shifts", opportunity)
    client.get(address)  # warm up: the site configuration's cache
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for days in range(20, 30):
        shift = services.shift_create(
            opportunity=opportunity, actor=None,
            data={"starts_at": services.local_datetime(day_after(days), time(9)),
                  "ends_at": services.local_datetime(day_after(days), time(11)), "capacity": 3},
        )
        services.signup_create(shift=shift, data={"name": "Ny", "email": f"ny{days}@example.org"})
    with django_assert_num_queries(len(few)):
        client.get(address)


# --- who is coming -----------------------------------------------------------------------------------------


def test_who_is_coming(client_for, shifts):
    response = client_for("erik").get(url("manage_shift", shifts.full))
    page = response.content.decode()
    signups = response.context["signups"]
    assert [signup.email for signup in signups["confirmed"]] == [GUEST_CONFIRMED[1]]
    assert [signup.email for signup in signups["held"]] == [GUEST_HELD[1]]
    assert [signup.email for signup in signups["waitlisted"]] == [GUEST_WAITING[1]]
    assert [signup.email for signup in signups["gone"]] == [GUEST_CANCELLED[1]]
    for _name, email in (GUEST_CONFIRMED, GUEST_HELD, GUEST_WAITING):
        assert f'href="mailto:{email}"' in page
    assert 'href="tel:20304050"' in page
    assert GUEST_CANCELLED[0] in page.split('<details class="details">')[1]  # folded away
    assert "Held until" in page
    assert response.context["show_attendance"] is False


def test_the_waitlist_is_in_order(client_for, shifts):
    services.signup_create(shift=shifts.full, data={"name": "Sidst", "email": "sidst@example.org"})
    waiting = client_for("bo").get(url("manage_shift", shifts.full)).context["signups"]["waitlisted"]
    assert [signup.email for signup in waiting] == [GUEST_WAITING[1], "sidst@example.org"]


def test_attendance_has_its_place_once_the_shift_has_started(client_for, shifts):
    response = client_for("bo").get(url("manage_shift", shifts.past))
    assert response.context["show_attendance"] is True
    assert [signup.user for signup in response.context["attendance_signups"]] == [shifts.ane_past.user]
    assert "hours/includes/attendance_form.html" in [template.name for template in response.templates]


# --- changing ----------------------------------------------------------------------------------------------


def test_capacity_cannot_go_below_the_places_taken(client_for, shifts):
    shift = shifts.full  # two places taken: one confirmed, one held
    response = client_for("bo").post(url("shift_edit", shift), shift_form(
        **{"date": timezone.localtime(shift.starts_at).date().isoformat(), "start_time": "14:00",
           "end_time": "16:00", "capacity": "1", "place": "", "note": ""}))
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_a_new_time_is_told_to_everyone_and_the_sequence_goes_up(client_for, shifts, immediate_tasks, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    shift = shifts.full
    sequence = shift.sequence
    form = client_for("erik").get(url("shift_edit", shift)).context["form"]
    data = {name: form[name].value() for name in form.fields} | {"start_time": "15:00", "end_time": "17:00"}
    data = {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in data.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("erik").post(url("shift_edit", shift), data)
    assert response.status_code == 302
    assert response["Location"] == url("manage_shift", shift)
    shift.refresh_from_db()
    assert shift.sequence == sequence + 1
    assert timezone.localtime(shift.starts_at).time() == time(15)
    # everyone signed up or waiting; not the one who cancelled
    assert recipients(mailoutbox) == sorted([GUEST_CONFIRMED[1], GUEST_HELD[1], GUEST_WAITING[1]])


def test_a_new_note_alone_is_not_e_mailed(client_for, shifts, immediate_tasks, mailoutbox,
                                           django_capture_on_commit_callbacks):
    shift = shifts.tomorrow
    local = timezone.localtime(shift.starts_at)
    data = shift_form(date=local.date().isoformat(), start_time="10:00", end_time="12:00", capacity="2",
                      place=shift.place, note="Ny note")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("bo").post(url("shift_edit", shift), data)
    shift.refresh_from_db()
    assert (shift.note, shift.sequence) == ("Ny note", 0)
    assert mailoutbox == []


def test_more_places_move_the_waitlist_up(client_for, shifts):
    shift = shifts.full
    local = timezone.localtime(shift.starts_at)
    client_for("bo").post(url("shift_edit", shift), shift_form(
        date=local.date().isoformat(), start_time="14:00", end_time="16:00", capacity="3", place="", note=""))
    assert SignUp.objects.get(shift=shift, email=GUEST_WAITING[1]).status == Status.HELD


# --- cancelling and writing --------------------------------------------------------------------------------


def test_cancelling_asks_first_then_tells_everyone(client_for, shifts, immediate_tasks, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    shift = shifts.full
    client = client_for("bo")
    page = client.get(url("shift_cancel", shift))
    assert page.status_code == 200
    assert Shift.objects.get(pk=shift.pk).cancelled_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("shift_cancel", shift), {"reason": "Stormvarsel."})
    assert response["Location"] == url("manage_shift", shift)
    shift.refresh_from_db()
    assert shift.is_cancelled and shift.cancel_reason == "Stormvarsel."
    assert recipients(mailoutbox) == sorted([GUEST_CONFIRMED[1], GUEST_HELD[1], GUEST_WAITING[1]])
    assert "Stormvarsel." in mailoutbox[0].body
    # A cancelled shift cannot be changed or cancelled again.
    assert client.get(url("shift_edit", shift))["Location"] == url("manage_shift", shift)
    assert client.post(url("shift_cancel", shift))["Location"] == url("manage_shift", shift)


def test_a_message_goes_to_those_with_a_place_only(client_for, shifts, immediate_tasks, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    shift = shifts.full
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("erik").post(url("shift_message", shift), {"message": "Husk madpakke."})
    assert response["Location"] == url("manage_shift", shift)
    assert recipients(mailoutbox) == sorted([GUEST_CONFIRMED[1], GUEST_HELD[1]])  # not the waitlist
    assert "Husk madpakke." in mailoutbox[0].body
    page = client_for("erik").get(response["Location"]).content.decode()
    assert "The message has been sent to 2 people." in page


def test_an_empty_message_is_shown_again_with_the_error(client_for, shifts, mailoutbox):
    response = client_for("erik").post(url("shift_message", shifts.full), {"message": "  "})
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert mailoutbox == []


# --- access ------------------------------------------------------------------------------------------------

PAGES = ("manage_shift", "shift_edit", "shift_cancel", "shift_message")


@pytest.mark.parametrize("slug_of", ["B", "A"], ids=["under-B", "under-A"])
def test_another_organisations_member_gets_404_on_everything(client_for, cast, shifts, slug_of):
    """carl (admin of B) puts A's shifts and opportunity into the addresses, under B's slug and under A's."""
    client = client_for("carl")
    slug = cast[slug_of].slug
    before = list(Shift.objects.values_list("pk", "capacity", "cancelled_at", "sequence"))
    answers = {}
    for shift in (shifts.tomorrow, shifts.full, shifts.event_shift, shifts.past):
        for name in PAGES:
            address = url(name, shift, slug=slug)
            answers[f"GET {address}"] = client.get(address).status_code
            answers[f"POST {address}"] = client.post(address, shift_form(message="Hej", reason="Nej")).status_code
    opportunity = shifts.tomorrow.opportunity
    for name in ("opportunity_shifts", "weekly_pattern"):
        address = url(name, opportunity, slug=slug)
        answers[f"GET {address}"] = client.get(address).status_code
        answers[f"POST {address}"] = client.post(address, shift_form()).status_code
    assert {request: status for request, status in answers.items() if status != 404} == {}
    assert list(Shift.objects.values_list("pk", "capacity", "cancelled_at", "sequence")) == before


def test_visitors_are_sent_to_sign_in(client, shifts):
    response = client.get(url("manage_shift", shifts.full))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_opportunity_pages_link_to_the_shifts(client_for, shifts):
    opportunity = shifts.tomorrow.opportunity
    address = url("opportunity_shifts", opportunity)
    client = client_for("erik")
    assert address in client.get(opportunity.get_absolute_url()).content.decode()
    assert address in client.get(reverse("opportunities:manage_list", kwargs={"slug": opportunity.organisation.slug})
                                 ).content.decode()
    assert address not in client_for("carl").get(opportunity.get_absolute_url()).content.decode()
