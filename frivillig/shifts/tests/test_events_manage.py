"""The organisation's events: the list, creating one (event and registration together) and changing it, which
tells the people registered; coordinators make events as Frivillighedsteamet."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.shifts import services
from frivillig.shifts.models import Event, Shift
from tests.opportunity_fixtures import build_opportunities
from tests.shift_fixtures import build_shifts


@pytest.fixture(autouse=True)
def english(client):
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


def url(name, organisation, event=None):
    kwargs = {"slug": organisation.slug} | ({"pk": event.pk} if event else {})
    return reverse(f"shifts:{name}", kwargs=kwargs)


def day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def event_form(**changes) -> dict:
    data = {"title": "Kursus i førstehjælp", "kind": "course", "description": "Lær det vigtigste på en aften.",
            "language": "da", "is_published": "on", "start_date": day(14), "start_time": "17:00",
            "end_date": day(14), "end_time": "21:00", "capacity": "12", "place": "Rådhuset, sal 2"}
    return data | changes


def test_the_list_and_its_empty_state(client_for, cast, shifts):
    page = client_for("erik").get(url("manage_events", cast["A"])).content.decode()
    assert "Netværksmøde for besøgsvenner" in page
    assert reverse("shifts:manage_shift", kwargs={"slug": cast["A"].slug, "pk": shifts.event_shift.pk}) in page
    assert url("event_edit", cast["A"], shifts.event) in page
    assert "1 of 20" in page
    empty = client_for("carl").get(url("manage_events", cast["B"]))
    assert empty.status_code == 200
    assert "No events yet" in empty.content.decode()


def test_a_past_event_is_listed_under_past(client_for, cast, shifts):
    Shift.objects.filter(pk=shifts.event_shift.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2))
    response = client_for("bo").get(url("manage_events", cast["A"]))
    assert [event.pk for event in response.context["past"]] == [shifts.event.pk]
    assert response.context["upcoming"] == []


def test_creating_an_event_makes_its_registration(client_for, cast):
    response = client_for("erik").post(url("event_create", cast["A"]), event_form())
    assert response.status_code == 302
    assert response["Location"] == url("manage_events", cast["A"])
    event = Event.objects.get(title="Kursus i førstehjælp")
    assert (event.organisation, event.kind, event.is_published, event.created_by) == (
        cast["A"], "course", True, cast.users["erik"])
    registration = event.registration
    assert (registration.organisation, registration.capacity, registration.place) == (cast["A"], 12, "Rådhuset, sal 2")
    assert timezone.localtime(registration.starts_at).time() == time(17)
    assert timezone.localtime(registration.ends_at).time() == time(21)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"end_time": "16:00"}, "end_time"),
        ({"end_date": day(13), "end_time": "23:00"}, "end_time"),
        ({"capacity": ""}, "capacity"),
        ({"kind": "fest"}, "kind"),
    ],
)
def test_a_bad_event_is_shown_again_and_nothing_is_saved(client_for, cast, changes, field):
    response = client_for("bo").post(url("event_create", cast["A"]), event_form(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Rådhuset, sal 2"' in response.content.decode()
    assert not Event.objects.filter(organisation=cast["A"]).exists()
    assert not Shift.objects.filter(event__isnull=False).exists()


def test_event_and_registration_are_made_together_or_not_at_all(cast):
    """The registration's check fails (no places), so the event is not kept either."""
    from django.core.exceptions import ValidationError

    starts = timezone.now() + timedelta(days=3)
    data = {"title": "T", "kind": "other", "description": "D", "language": "da", "is_published": True,
            "starts_at": starts, "ends_at": starts + timedelta(hours=1), "capacity": 0, "place": ""}
    with pytest.raises(ValidationError):
        services.event_create(organisation=cast["A"], data=data, actor=None)
    assert not Event.objects.exists()


def _edit_form(client, organisation, event, **changes) -> dict:
    form = client.get(url("event_edit", organisation, event)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in data.items()}
    data["is_published"] = "on" if data["is_published"] else ""
    return data | changes


def test_a_new_time_tells_those_registered_and_the_sequence_goes_up(client_for, cast, shifts, immediate_tasks,
                                                                    mailoutbox, django_capture_on_commit_callbacks):
    client = client_for("bo")
    data = _edit_form(client, cast["A"], shifts.event, start_time="18:30", title="Netværksmøde (nyt tidspunkt)")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("event_edit", cast["A"], shifts.event), data)
    assert response.status_code == 302
    shifts.event.refresh_from_db()
    registration = Shift.objects.get(event=shifts.event)
    assert shifts.event.title == "Netværksmøde (nyt tidspunkt)"
    assert timezone.localtime(registration.starts_at).time() == time(18, 30)
    assert registration.sequence == shifts.event_shift.sequence + 1
    assert [message.to for message in mailoutbox] == [[cast.users["ane"].email]]


def test_capacity_cannot_go_below_those_registered(client_for, cast, shifts):
    services.signup_create(shift=shifts.event_shift, data={"name": "To", "email": "to@example.org"})
    client = client_for("bo")
    response = client.post(url("event_edit", cast["A"], shifts.event),
                           _edit_form(client, cast["A"], shifts.event, capacity="1", title="Ændret"))
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    shifts.event.refresh_from_db()
    assert shifts.event.title == "Netværksmøde for besøgsvenner"  # the whole change is undone
    assert Shift.objects.get(event=shifts.event).capacity == 20


def test_coordinators_create_events_as_the_volunteer_team(client_for, cast):
    team = cast["team"]
    client = client_for("dorte")
    assert client.get(url("manage_events", team)).status_code == 200
    response = client.post(url("event_create", team), event_form(kind="frivillig_fredag", title="Frivillig Fredag"))
    assert response.status_code == 302
    assert Event.objects.get(title="Frivillig Fredag").organisation == team
    assert url("manage_events", team) in client.get(team.get_absolute_url()).content.decode()


def test_outsiders_get_404(client, client_for, cast, shifts):
    carl = client_for("carl")
    for name, event in (("manage_events", None), ("event_create", None), ("event_edit", shifts.event)):
        assert carl.get(url(name, cast["A"], event)).status_code == 404
    assert carl.get(url("event_edit", cast["B"], shifts.event)).status_code == 404
    assert carl.post(url("event_edit", cast["B"], shifts.event), event_form(title="Overtaget")).status_code == 404
    assert not Event.objects.filter(title="Overtaget").exists()
    client.logout()
    assert client.get(url("manage_events", cast["A"]))["Location"].startswith(reverse("account_login"))


def test_the_list_query_count_does_not_grow(client_for, cast, shifts, django_assert_num_queries):
    client = client_for("bo")
    address = url("manage_events", cast["A"])
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for number in range(8):
        starts = timezone.now() + timedelta(days=number + 2)
        event = services.event_create(
            organisation=cast["A"], actor=None,
            data={"title": f"Møde {number}", "kind": "network", "description": "D", "language": "da",
                  "is_published": True, "starts_at": starts, "ends_at": starts + timedelta(hours=2),
                  "capacity": 5, "place": ""})
        services.signup_create(shift=event.registration, data={"name": "N", "email": f"n{number}@example.org"})
    with django_assert_num_queries(len(few)):
        client.get(address)
