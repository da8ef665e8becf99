"""The rules of hours, through the services: logging, approving (one, many, only one's own organisation's),
attendance, thank-you thresholds, personal thank-yous and totals.

Fixture `hours` (tests/hours_fixtures.py): ane's engagement at A with 3 approved and 2.5 pending hours, a 3-hour
shift of A's role that started yesterday with ane and a guest confirmed, and a certificate.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frivillig.core.models import AuditLog, SiteConfiguration
from frivillig.hours import selectors, services
from frivillig.hours.models import HoursEntry, ThankYou
from frivillig.shifts import services as shift_services
from frivillig.shifts.models import SignUp

Status = HoursEntry.Status


def log(hours, cast, amount="2", days_ago=1, **kwargs):
    return services.hours_log(volunteer=cast.users["ane"], engagement=hours.engagement,
                              date=timezone.localdate() - timedelta(days=days_ago), hours=Decimal(amount), **kwargs)


# --- logging ----------------------------------------------------------------------------------------------


def test_a_volunteer_logs_hours_on_their_engagement_waiting_for_approval(hours, cast):
    entry = log(hours, cast, "1.5", note=" Lektiehjælp ")
    assert (entry.status, entry.hours, entry.note) == (Status.PENDING, Decimal("1.5"), "Lektiehjælp")
    assert (entry.organisation, entry.opportunity) == (hours.engagement.organisation, hours.engagement.opportunity)


@pytest.mark.parametrize("amount", ["0.4", "24.5", "0", "-1", "2.25", "NaN"])
def test_hours_must_be_half_an_hour_to_a_day_with_one_decimal(hours, cast, amount):
    with pytest.raises(ValidationError) as error:
        log(hours, cast, amount)
    assert "hours" in error.value.message_dict


@pytest.mark.parametrize("amount", ["0.5", "24", "7.3"])
def test_the_edges_of_the_hours_are_allowed(hours, cast, amount):
    assert log(hours, cast, amount).hours == Decimal(amount)


def test_hours_cannot_be_logged_in_the_future(hours, cast):
    with pytest.raises(ValidationError) as error:
        log(hours, cast, days_ago=-1)
    assert "date" in error.value.message_dict
    assert log(hours, cast, days_ago=0).date == timezone.localdate()


def test_hours_cannot_be_logged_on_someone_elses_engagement(hours, cast):
    with pytest.raises(ValidationError):
        services.hours_log(volunteer=cast.users["carl"], engagement=hours.engagement,
                           date=timezone.localdate(), hours=Decimal("2"))
    assert not HoursEntry.objects.filter(volunteer=cast.users["carl"]).exists()


# --- approving ------------------------------------------------------------------------------------------------


def test_a_member_approves_one_entry_and_it_is_audited(hours, cast):
    decided = services.hours_decide(entries=[hours.pending], actor=cast.users["erik"], approve=True)
    hours.pending.refresh_from_db()
    assert decided == [hours.pending]
    assert (hours.pending.status, hours.pending.decided_by) == (Status.APPROVED, cast.users["erik"])
    assert AuditLog.objects.filter(action="hours.approve", details__entries=[hours.pending.pk]).exists()


def test_a_member_rejects_many_with_a_reason(hours, cast):
    more = log(hours, cast, "1")
    decided = services.hours_decide(entries=[hours.pending, more], actor=cast.users["bo"], approve=False,
                                    reason="Ikke aftalt")
    assert len(decided) == 2
    assert set(HoursEntry.objects.filter(pk__in=[hours.pending.pk, more.pk]).values_list("status", "reject_reason")) \
        == {(Status.REJECTED, "Ikke aftalt")}


def test_only_pending_entries_of_the_actors_organisation_are_decided(hours, cast):
    assert services.hours_decide(entries=[hours.pending], actor=cast.users["carl"], approve=True) == []
    assert services.hours_decide(entries=[hours.approved], actor=cast.users["bo"], approve=False) == []
    hours.pending.refresh_from_db()
    hours.approved.refresh_from_db()
    assert (hours.pending.status, hours.approved.status) == (Status.PENDING, Status.APPROVED)


# --- attendance -----------------------------------------------------------------------------------------------


def test_attendance_creates_approved_hours_of_the_shifts_length(hours, cast):
    entry = services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])
    hours.signup.refresh_from_db()
    assert hours.signup.attendance == SignUp.Attendance.ATTENDED
    assert (entry.status, entry.hours, entry.volunteer, entry.engagement) == (
        Status.APPROVED, Decimal("3.0"), cast.users["ane"], hours.engagement)
    assert entry.date == timezone.localdate(hours.shift.starts_at)


def test_marking_again_updates_and_a_no_show_removes_the_hours(hours, cast):
    services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])
    services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])
    assert HoursEntry.objects.filter(signup=hours.signup).count() == 1
    assert services.attendance_record(signup=hours.signup, attended=False, actor=cast.users["bo"]) is None
    hours.signup.refresh_from_db()
    assert hours.signup.attendance == SignUp.Attendance.NO_SHOW
    assert not HoursEntry.objects.filter(signup=hours.signup).exists()


def test_a_guest_without_an_account_gets_attendance_but_no_hours(hours, cast):
    assert services.attendance_record(signup=hours.guest_signup, attended=True, actor=cast.users["bo"]) is None
    hours.guest_signup.refresh_from_db()
    assert hours.guest_signup.attendance == SignUp.Attendance.ATTENDED
    assert not HoursEntry.objects.filter(signup=hours.guest_signup).exists()


def test_attendance_waits_until_the_shift_has_started(hours, cast):
    starts_at = timezone.now() + timedelta(days=2)
    shift = shift_services.shift_create(
        opportunity=hours.engagement.opportunity, actor=cast.users["bo"],
        data={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2), "capacity": 2},
    )
    signup = shift_services.signup_create(shift=shift, user=cast.users["ane"])
    with pytest.raises(ValidationError):
        services.attendance_record(signup=signup, attended=True, actor=cast.users["bo"])


def test_an_events_attendance_gives_no_hours(hours, cast):
    event = shift_services.event_create(
        organisation=cast["A"], actor=cast.users["bo"],
        data={"title": "Netværksmøde", "description": "Kom og mød andre.", "kind": "network", "language": "da",
              "starts_at": timezone.now() + timedelta(days=1), "ends_at": timezone.now() + timedelta(days=1, hours=2),
              "capacity": 10, "place": "Rådhuset", "is_published": True},
    )
    shift = event.registration
    signup = shift_services.signup_create(shift=shift, user=cast.users["ane"])
    type(shift).objects.filter(pk=shift.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    signup.refresh_from_db()
    assert services.attendance_record(signup=signup, attended=True, actor=cast.users["bo"]) is None
    signup.refresh_from_db()
    assert signup.attendance == SignUp.Attendance.ATTENDED
    assert not HoursEntry.objects.filter(signup=signup).exists()


# --- thank-yous ---------------------------------------------------------------------------------------------------


def _approve(cast, hours, amount):
    entry = log(hours, cast, amount)
    services.hours_decide(entries=[entry], actor=cast.users["bo"], approve=True)


def test_the_thank_you_at_each_threshold_is_sent_once(hours, cast, immediate_tasks, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _approve(cast, hours, "6")  # 3 + 6 = 9: below 10
        assert mailoutbox == []
        _approve(cast, hours, "2")  # 11
        _approve(cast, hours, "2")  # 13: 10 thanked already
    assert [message.to for message in mailoutbox] == [["ane@example.org"]]
    assert "10" in mailoutbox[0].subject
    assert list(ThankYou.objects.filter(volunteer=cast.users["ane"]).values_list("threshold", flat=True)) == [10]


def test_thresholds_are_configurable_and_several_at_once_send_one_email(hours, cast, immediate_tasks, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    config = SiteConfiguration.get()
    config.thank_you_thresholds = "4,5,20"
    config.save()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(cast, hours, "3")  # 3 + 3 = 6: past 4 and 5
    assert len(mailoutbox) == 1
    assert sorted(ThankYou.objects.values_list("threshold", flat=True)) == [4, 5]


def test_the_thank_you_is_in_the_volunteers_language(hours, cast, immediate_tasks, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    profile = cast.users["ane"].profile
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(cast, hours, "8")
    assert mailoutbox[0].subject == "Thank you for 10 hours as a volunteer"


def test_attendance_counts_towards_the_thresholds(hours, cast, immediate_tasks, mailoutbox,
                                                  django_capture_on_commit_callbacks):
    _approve(cast, hours, "5")  # 8
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])  # 11
    assert ThankYou.objects.filter(volunteer=cast.users["ane"], threshold=10).exists()
    assert len(mailoutbox) == 1


def test_an_organisation_sends_a_personal_thank_you(hours, cast, immediate_tasks, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.thank_send(organisation=cast["A"], volunteer=cast.users["ane"], actor=cast.users["bo"],
                            message="Tusind tak for dine besøg hos Inger!")
    assert [message.to for message in mailoutbox] == [["ane@example.org"]]
    assert "Tusind tak for dine besøg hos Inger!" in mailoutbox[0].body
    thank_you = ThankYou.objects.get(threshold__isnull=True)
    assert (thank_you.organisation, thank_you.sent_by) == (cast["A"], cast.users["bo"])
    with pytest.raises(ValidationError):
        services.thank_send(organisation=cast["A"], volunteer=cast.users["ane"], actor=cast.users["bo"], message=" ")


# --- totals -----------------------------------------------------------------------------------------------------------


def test_totals_count_only_approved_hours(hours, cast, django_assert_num_queries):
    services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])
    with django_assert_num_queries(1):
        assert selectors.total_for_volunteer(cast.users["ane"]) == Decimal("6")
    assert selectors.total_for_organisation(cast["A"]) == Decimal("6")
    assert selectors.total_for_organisation(cast["B"]) == Decimal("0")
    assert selectors.totals_by_volunteer(cast["A"]) == [{"name": cast.users["ane"].get_full_name(),
                                                          "hours": Decimal("6"), "entries": 2}]
    by_opportunity = selectors.totals_by_opportunity(cast["A"])
    assert [(row["title"], row["hours"], row["volunteers"]) for row in by_opportunity] == [
        (hours.engagement.opportunity.title, Decimal("6"), 1)]


def test_certificate_content_lists_roles_periods_and_hours(hours, cast):
    _approve(cast, hours, "4")
    content = services.certificate_content(volunteer=cast.users["ane"], language="en")
    today = timezone.localdate()
    assert content["total"] == "7.0"
    assert content["items"] == [{
        "organisation": cast["A"].name, "role": hours.engagement.opportunity.title, "role_language": "da",
        "first": (today - timedelta(days=14)).isoformat(), "last": (today - timedelta(days=1)).isoformat(),
        "hours": "7.0",
    }]


def test_no_certificate_without_approved_hours(cast):
    with pytest.raises(ValidationError):
        services.certificate_issue(volunteer=cast.users["carl"], language="da")


def test_coordinators_set_the_thresholds_in_the_site_configuration(cast):
    from frivillig.core.forms import SiteConfigurationForm
    from frivillig.core.tests.utils import site_configuration_data

    config = SiteConfiguration.get()
    bad = SiteConfigurationForm(site_configuration_data(thank_you_thresholds="10, halvtreds"), instance=config)
    assert "thank_you_thresholds" in bad.errors
    good = SiteConfigurationForm(site_configuration_data(thank_you_thresholds="5, 25,100"), instance=config)
    assert good.is_valid(), good.errors
    good.save()
    assert SiteConfiguration.get().thank_you_threshold_list == [5, 25, 100]
