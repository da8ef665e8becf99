"""The public calendar of events (month and list views), an event's page with registration, the shifts on an
opportunity's page, Mine vagter and Min side, with their query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.shifts import services
from frivillig.shifts.models import SignUp
from tests.opportunity_fixtures import build_opportunities
from tests.signup_fixtures import event_with_registration, full_shift, guest_signup, shift_for, user_signup


@pytest.fixture
def opportunities(cast):
    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def english(client):
    client.cookies["django_language"] = "en"
    return client


def month_param(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%Y-%m")


def test_the_month_view_lists_the_months_events_by_day(client, cast):
    event = event_with_registration(cast["A"], days=40, title="Kursus i førstehjælp", kind="course")
    event_with_registration(cast["A"], days=40, title="Skjult møde", is_published=False)
    event_with_registration(cast["A"], days=120, title="Senere møde")
    month = month_param(40)
    page = client.get(reverse("shifts:calendar"), {"maaned": month}).content.decode()
    assert "Kursus i førstehjælp" in page and event.get_absolute_url() in page
    assert "Skjult møde" not in page and "Senere møde" not in page
    day = timezone.localtime(event.registration.starts_at).date()
    assert f'datetime="{day:%Y-%m-%d}"' in page
    first = day.replace(day=1)
    previous = (first - timedelta(days=1)).strftime("%Y-%m")
    assert f"?maaned={previous}" in page


def test_the_month_view_filters_by_kind_and_survives_bad_input(client, cast):
    event_with_registration(cast["A"], days=40, title="Kursus i førstehjælp", kind="course")
    event_with_registration(cast["A"], days=40, title="Netværk for foreninger")
    page = client.get(reverse("shifts:calendar"), {"maaned": month_param(40), "type": "course"}).content.decode()
    assert "Kursus i førstehjælp" in page and "Netværk for foreninger" not in page
    for bad in ({"maaned": "2026-13"}, {"maaned": "xx"}, {"type": "ukendt"}, {"maaned": "1700-01"}):
        assert client.get(reverse("shifts:calendar"), bad).status_code == 200


def test_the_list_view_has_coming_events_in_order(client, cast):
    event_with_registration(cast["A"], days=30, title="Andet møde")
    event_with_registration(cast["A"], days=3, title="Første møde")
    event_with_registration(cast["A"], days=-3, title="Forbi møde")
    page = client.get(reverse("shifts:calendar"), {"visning": "liste"}).content.decode()
    assert page.index("Første møde") < page.index("Andet møde")
    assert "Forbi møde" not in page


def test_calendar_views_have_a_constant_query_count(client, cast, django_assert_max_num_queries):
    event_with_registration(cast["A"], days=2)
    counts = []
    for _round in range(2):
        with django_assert_max_num_queries(20) as captured:
            client.get(reverse("shifts:calendar"), {"visning": "liste"})
            client.get(reverse("shifts:calendar"), {"maaned": month_param(2)})
        counts.append(len(captured))
        for number in range(5):
            event_with_registration(cast["U"], days=2 + number, title=f"Møde {number}")
    assert counts[0] == counts[1]


def test_an_event_takes_registrations_through_the_shift_signup(client, cast, mailoutbox,
                                                                django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    event = event_with_registration(cast["A"], capacity=1)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>deler erfaringer</strong>" in page and 'lang="da"' in page
    action = reverse("shifts:signup_create", kwargs={"pk": event.registration.pk})
    assert action in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"name": "Ida", "email": "ida@example.org"})
    assert response["Location"] == event.get_absolute_url()
    assert SignUp.objects.get(email="ida@example.org").status == SignUp.Status.HELD
    assert len(mailoutbox) == 1
    # The shift address of an event's registration leads to the event.
    response = client.get(reverse("shifts:shift_detail", kwargs={"pk": event.registration.pk}))
    assert response["Location"] == event.get_absolute_url()


def test_unpublished_and_unknown_events_are_404(client, cast):
    hidden = event_with_registration(cast["A"], is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("shifts:event_detail", kwargs={"pk": 999999})).status_code == 404
    assert client.post(reverse("shifts:signup_create", kwargs={"pk": hidden.registration.pk}),
                       {"name": "X", "email": "x@example.org"}).status_code == 404


def test_the_opportunity_page_lists_coming_shifts_with_places_left(client, opportunities,
                                                                    django_assert_max_num_queries):
    opportunity = opportunities.published_a
    url = reverse("opportunities:detail", kwargs={"pk": opportunity.pk})
    assert 'id="shifts-heading"' not in client.get(url).content.decode(), "nothing when there are no shifts"
    open_shift = shift_for(opportunity, days=2, capacity=3)
    guest_signup(open_shift)
    full = full_shift(opportunity, capacity=1, days=3)
    cancelled = shift_for(opportunity, days=4)
    services.shift_cancel(shift=cancelled, actor=None)
    page = english(client).get(url).content.decode()
    assert reverse("shifts:shift_detail", kwargs={"pk": open_shift.pk}) in page
    assert "2 places left" in page and "Full – join the waitlist" in page
    assert reverse("shifts:shift_detail", kwargs={"pk": full.pk}) in page
    assert reverse("shifts:shift_detail", kwargs={"pk": cancelled.pk}) not in page
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for number in range(5):
        shift_for(opportunity, days=5 + number)
    with django_assert_max_num_queries(30) as many:
        client.get(url)
    assert len(few) == len(many)


def test_my_shifts_and_min_side(client_for, cast, opportunities, django_assert_max_num_queries):
    ane = cast.users["ane"]
    client = english(client_for("ane"))
    page = client.get(reverse("accounts:min_side")).content.decode()
    assert 'id="my-shifts-heading"' not in page, "left out for someone who never signed up"
    coming = user_signup(shift_for(opportunities.published_a, days=2), ane)
    event = event_with_registration(cast["A"], days=5)
    user_signup(event.registration, ane)
    past_shift = shift_for(opportunities.published_u, days=1)
    past = user_signup(past_shift, ane)
    type(past_shift).objects.filter(pk=past_shift.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2))
    page = client.get(reverse("shifts:my_shifts")).content.decode()
    upcoming_part, _sep, past_part = page.partition('id="past-heading"')
    assert coming.get_absolute_url() in upcoming_part and event.title in upcoming_part
    assert past.get_absolute_url() in past_part
    assert "webcal://" in page
    min_side = client.get(reverse("accounts:min_side")).content.decode()
    assert coming.get_absolute_url() in min_side and reverse("shifts:my_shifts") in min_side
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("shifts:my_shifts"))
    for number in range(4):
        user_signup(shift_for(opportunities.published_a, days=10 + number), ane)
    with django_assert_max_num_queries(30) as many:
        client.get(reverse("shifts:my_shifts"))
    assert len(few) == len(many)
