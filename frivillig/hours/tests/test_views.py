"""The hours pages, through the client: the volunteer's hours and certificate, the organisation's approvals,
attendance and thank-yous, and the public verification page. Fixture `hours`: see tests/hours_fixtures.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.hours import pdf, services
from frivillig.hours.models import Certificate, HoursEntry, ThankYou
from frivillig.shifts.models import SignUp

Status = HoursEntry.Status


@pytest.fixture(autouse=True)
def _english(english):
    pass


def org_url(name, hours, **kwargs):
    return reverse(f"hours:{name}", kwargs={"slug": hours.engagement.organisation.slug, **kwargs})


# --- the volunteer's hours ------------------------------------------------------------------------------------


def test_a_volunteer_logs_hours_from_their_page(hours, client_for, cast):
    client = client_for("ane")
    engagement = hours.engagement
    page = client.get(reverse("hours:my_hours"))
    assert page.context["approved_total"] == Decimal("3")
    assert [entry.pk for entry in page.context["entries"]] == [hours.pending.pk, hours.approved.pk]
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    response = client.post(reverse("hours:my_hours"), {
        "engagement": engagement.pk, f"e{engagement.pk}-engagement": engagement.pk,
        f"e{engagement.pk}-date": day, f"e{engagement.pk}-hours": "1,5", f"e{engagement.pk}-note": "Bankospil",
    })
    assert response.status_code == 302
    entry = HoursEntry.objects.get(note="Bankospil")
    assert (entry.hours, entry.status, entry.date.isoformat()) == (Decimal("1.5"), Status.PENDING, day)


def test_bad_hours_show_the_form_again_with_errors(hours, client_for):
    client = client_for("ane")
    engagement = hours.engagement
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("hours:my_hours"), {
        "engagement": engagement.pk, f"e{engagement.pk}-date": tomorrow, f"e{engagement.pk}-hours": "30",
    })
    assert response.status_code == 200
    form = response.context["engagements"][0].form
    assert set(form.errors) == {"date", "hours"}
    assert HoursEntry.objects.count() == 2


def test_hours_cannot_be_logged_on_someone_elses_engagement(hours, client_for):
    response = client_for("carl").post(reverse("hours:my_hours"), {"engagement": hours.engagement.pk})
    assert response.status_code == 404
    assert client_for("carl").post(reverse("hours:my_hours"), {"engagement": "x"}).status_code == 404


def test_min_side_shows_the_approved_total_and_a_link(hours, client_for):
    page = client_for("ane").get(reverse("accounts:min_side")).content.decode()
    assert reverse("hours:my_hours") in page
    assert "Approved hours in all: 3" in page
    assert reverse("hours:my_hours") not in client_for("carl").get(reverse("accounts:min_side")).content.decode()


# --- the organisation's hours -------------------------------------------------------------------------------------


def test_the_organisation_sees_pending_and_totals(hours, client_for):
    page = client_for("erik").get(org_url("organisation_hours", hours))
    assert [entry.pk for entry in page.context["pending"]] == [hours.pending.pk]
    assert [entry.pk for entry in page.context["decided"]] == [hours.approved.pk]
    assert page.context["by_volunteer"][0]["hours"] == Decimal("3")
    assert page.context["total"] == Decimal("3")


def test_the_organisation_page_takes_the_same_queries_whatever_the_data(hours, client_for, cast,
                                                                        django_assert_num_queries):
    client = client_for("bo")
    url = org_url("organisation_hours", hours)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for days in range(2, 12):
        services.hours_log(volunteer=cast.users["ane"], engagement=hours.engagement,
                           date=timezone.localdate() - timedelta(days=days), hours=Decimal("1"))
    services.attendance_record(signup=hours.signup, attended=True, actor=cast.users["bo"])
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["pending"]) == 11


def test_bulk_approve_only_touches_the_ticked_pending_entries(hours, client_for, cast):
    other = services.hours_log(volunteer=cast.users["ane"], engagement=hours.engagement,
                               date=timezone.localdate(), hours=Decimal("1"))
    response = client_for("bo").post(org_url("decide", hours), {"entries": [hours.pending.pk, other.pk],
                                                                "decision": "approve"})
    assert response.status_code == 302
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {Status.APPROVED}


def test_one_entry_is_rejected_by_its_own_button_with_a_reason(hours, client_for, cast):
    other = services.hours_log(volunteer=cast.users["ane"], engagement=hours.engagement,
                               date=timezone.localdate(), hours=Decimal("1"))
    client_for("erik").post(org_url("decide", hours), {"entries": [other.pk], "decision": f"reject:{hours.pending.pk}",
                                                        "reason": "Forkert dato"})
    hours.pending.refresh_from_db()
    other.refresh_from_db()
    assert (hours.pending.status, hours.pending.reject_reason) == (Status.REJECTED, "Forkert dato")
    assert other.status == Status.PENDING


def test_nothing_ticked_shows_an_error(hours, client_for):
    response = client_for("bo").post(org_url("decide", hours), {"decision": "approve"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    hours.pending.refresh_from_db()
    assert hours.pending.status == Status.PENDING


def test_another_organisations_member_cannot_decide(hours, client_for, cast):
    assert client_for("carl").post(org_url("decide", hours), {"entries": [hours.pending.pk],
                                                              "decision": "approve"}).status_code == 404
    # under carl's own organisation, A's entry is not one of its pending ones
    response = client_for("carl").post(reverse("hours:decide", kwargs={"slug": cast["B"].slug}),
                                       {"entries": [hours.pending.pk], "decision": "approve"})
    assert response.status_code in (200, 404)
    hours.pending.refresh_from_db()
    assert hours.pending.status == Status.PENDING


def test_attendance_is_recorded_from_the_shift_page(hours, client_for):
    response = client_for("bo").post(org_url("attendance", hours, pk=hours.shift.pk), {
        f"signup_{hours.signup.pk}": "attended", f"signup_{hours.guest_signup.pk}": "no_show",
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("shifts:manage_shift", kwargs={"slug": hours.shift.organisation.slug,
                                                                          "pk": hours.shift.pk})
    assert dict(SignUp.objects.filter(shift=hours.shift).values_list("pk", "attendance")) == {
        hours.signup.pk: "attended", hours.guest_signup.pk: "no_show"}
    assert HoursEntry.objects.get(signup=hours.signup).status == Status.APPROVED


def test_attendance_with_no_marks_changes_nothing(hours, client_for):
    client_for("bo").post(org_url("attendance", hours, pk=hours.shift.pk), {f"signup_{hours.signup.pk}": "maybe"})
    client_for("bo").post(org_url("attendance", hours, pk=hours.shift.pk), {})
    assert set(SignUp.objects.filter(shift=hours.shift).values_list("attendance", flat=True)) == {""}


def test_the_attendance_form_include_lists_the_confirmed_signups(hours, rf):
    from django.template.loader import render_to_string

    html = render_to_string("hours/includes/attendance_form.html", {
        "shift": hours.shift, "organisation": hours.shift.organisation, "attendance_signups": hours.shift.signups.all(),
    })
    assert f'name="signup_{hours.signup.pk}"' in html
    assert f'name="signup_{hours.guest_signup.pk}"' in html
    assert org_url("attendance", hours, pk=hours.shift.pk) in html


def test_a_member_sends_a_personal_thank_you(hours, client_for, immediate_tasks, mailoutbox,
                                             django_capture_on_commit_callbacks):
    url = org_url("thank", hours, pk=hours.engagement.pk)
    assert client_for("erik").get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("erik").post(url, {"message": "Tak for i sommer!"})
    assert response.status_code == 302
    assert ThankYou.objects.get(threshold__isnull=True).message == "Tak for i sommer!"
    assert "Tak for i sommer!" in mailoutbox[0].body
    assert client_for("erik").post(url, {"message": ""}).context["form"].errors


# --- the certificate ---------------------------------------------------------------------------------------------


def test_the_certificate_page_shows_what_it_will_say(hours, client_for):
    page = client_for("ane").get(reverse("hours:certificate"))
    assert [(item["role"], item["hours"]) for item in page.context["items"]] == [
        (hours.engagement.opportunity.title, Decimal("3"))]
    assert [issued.code for issued in page.context["certificates"]] == [hours.certificate.code]


def test_making_a_certificate_snapshots_it_and_sends_to_the_pdf(hours, client_for, cast):
    response = client_for("ane").post(reverse("hours:certificate"), {"language": "en"})
    issued = Certificate.objects.exclude(pk=hours.certificate.pk).get()
    assert response["Location"] == reverse("hours:certificate_pdf", kwargs={"code": issued.code})
    assert issued.language == "en"
    assert issued.content["volunteer"] == cast.users["ane"].get_full_name()
    assert issued.content["total"] == "3.0"
    assert client_for("ane").post(reverse("hours:certificate"), {"language": "fr"}).status_code == 200


def test_the_pdf_is_a_tagged_pdf_with_the_code(hours, client_for):
    response = client_for("ane").get(reverse("hours:certificate_pdf", kwargs={"code": hours.certificate.code}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = pdf.certificate_html(hours.certificate)
    assert hours.certificate.code in html
    assert f"/bevis/{hours.certificate.code}/" in html
    assert '<html lang="da">' in html


def test_someone_elses_certificate_is_404(hours, client_for):
    url = reverse("hours:certificate_pdf", kwargs={"code": hours.certificate.code})
    assert client_for("carl").get(url).status_code == 404


def test_the_verification_page_shows_exactly_the_snapshot(hours, client_for, cast):
    # hours approved after the certificate was made do not change what it says
    services.hours_decide(entries=[hours.pending], actor=cast.users["bo"], approve=True)
    client = client_for("visitor")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("hours:verify", kwargs={"code": hours.certificate.code}))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response.context["content"] == hours.certificate.content
    page = response.content.decode()
    assert "This certificate is genuine" in page
    assert cast.users["ane"].email not in page
    assert hours.certificate.content["total"] == "3.0"


def test_a_withdrawn_certificate_says_so(hours, client_for):
    client = client_for("ane")
    client.cookies["django_language"] = "en"
    response = client.post(reverse("hours:certificate_revoke", kwargs={"code": hours.certificate.code}))
    assert response.status_code == 302
    page = client.get(reverse("hours:verify", kwargs={"code": hours.certificate.code})).content.decode()
    assert "This certificate is no longer valid" in page
    assert hours.engagement.opportunity.title not in page
    assert client.get(reverse("hours:certificate_pdf", kwargs={"code": hours.certificate.code})).status_code == 404


def test_an_unknown_code_is_a_friendly_404(db, client):
    response = client.get(reverse("hours:verify", kwargs={"code": "ABCD-EFGH-JK23"}))
    assert response.status_code == 404
    assert "Certificate not found" in response.content.decode()


def test_the_verify_form_sends_a_code_on_normalised(hours, client):
    code = hours.certificate.code
    response = client.get(reverse("hours:verify_form"), {"code": code.lower().replace("-", " ")})
    assert response["Location"] == reverse("hours:verify", kwargs={"code": code})
    response = client.get(reverse("hours:verify_form"), {"code": "nej"})
    assert response.status_code == 200
    assert response.context["form"].errors
