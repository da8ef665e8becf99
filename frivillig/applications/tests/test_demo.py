"""The demo's applications (frivillig/applications/demo.py, loaded by seed_demo): every status, consistent with
what the services write, figures that differ, the cast's stories, and no e-mail from the demo's history."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from frivillig.applications import access, demo, services
from frivillig.applications.models import Application, ApplicationEvent, Engagement, ResponseFigures
from frivillig.core.models import AuditLog
from frivillig.core.tests.seeding import FAST_HASHERS, seeded_demo
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership, Organisation
from frivillig.suggestions.models import SavedSearch

pytestmark = pytest.mark.django_db

Status = Application.Status
A, B, U = "besoegsvennerne-frederiksberg", "lektiecafe-solbjerg", "plejecenter-akaciegaarden"


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker) as output:
        yield output


@pytest.mark.usefixtures("seeded_once")
class TestTheDemoApplications:
    """Checks of one seeded demo (frivillig/core/tests/seeding.py); each test's changes are rolled back."""

    def test_every_status_across_many_organisations(self):
        statuses = dict(Application.objects.values_list("status").annotate(n=Count("id")))
        assert set(statuses) == set(Status.values)
        for status in Application.OPEN_STATUSES + Application.CLOSED_STATUSES:
            assert statuses[status] >= 10, status
        with_applications = Application.objects.submitted().values("organisation").distinct().count()
        assert with_applications >= 25
        assert Application.objects.filter(language="en").count() >= 10
        assert Application.objects.filter(user__isnull=True).exists()
        assert Application.objects.filter(user__isnull=False).exists()

    def test_spread_over_ten_months_never_before_the_opportunity(self):
        now = timezone.now()
        submitted = Application.objects.submitted()
        assert submitted.filter(submitted_at__lt=now - timedelta(days=240)).exists()
        assert submitted.filter(submitted_at__gt=now - timedelta(days=7)).exists()
        assert not submitted.filter(submitted_at__gt=now).exists()
        assert not Application.objects.filter(created_at__lt=F("opportunity__published_at")).exists()

    def test_rows_are_what_the_services_would_write(self):
        applications = Application.objects.prefetch_related("events").select_related("opportunity")
        for application in applications:
            events = [event for event in application.events.all() if event.kind == ApplicationEvent.Kind.STATUS]
            if application.status in Application.PENDING_STATUSES:
                assert application.submitted_at is None, application
                continue
            assert application.submitted_at is not None, application
            chain = [Status.UNCONFIRMED, *(event.to_status for event in events)]
            assert all(event.from_status == chain[index] for index, event in enumerate(events)), application
            assert chain[-1] == application.status, application
            assert application.status_changed_at == events[-1].created_at, application
            answers = [event for event in events if event.to_status in Application.ANSWER_STATUSES]
            first = answers[0].created_at if answers else None
            assert application.first_response_at == first, application
            assert first is None or first > application.submitted_at, application
        accepted = Application.objects.filter(status=Status.ACCEPTED)
        assert Engagement.objects.count() == accepted.count()
        assert not accepted.filter(engagement__isnull=True).exists()
        assert not Engagement.objects.exclude(volunteer_id=F("application__user_id")).filter(
            volunteer__isnull=False
        ).exists()

    def test_members_answered_and_were_audited(self):
        answers = ApplicationEvent.objects.filter(to_status__in=Application.ANSWER_STATUSES)
        members = set(Membership.objects.values_list("organisation_id", "user_id"))
        for organisation_id, actor_id in answers.values_list("application__organisation_id", "actor_id"):
            assert (organisation_id, actor_id) in members
        assert AuditLog.objects.filter(action="application.status").count() == answers.count()
        assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.NOTE).count() >= 10

    def test_pending_ones_are_young_enough_not_to_be_deleted_yet(self):
        now = timezone.now()
        assert not Application.objects.filter(
            status=Status.UNCONFIRMED, created_at__lt=now - services.UNCONFIRMED_KEPT
        ).exists()
        assert Application.objects.filter(status=Status.AWAITING_CONSENT).exclude(guardian_email="").exists()
        assert services.applications_delete_unconfirmed() == 0

    def test_figures_differ_between_a_fast_and_a_slow_organisation(self):
        fast = ResponseFigures.objects.get(organisation__slug=A)
        slow = ResponseFigures.objects.get(organisation__slug=B)
        assert fast.is_shown and slow.is_shown
        assert fast.median_response_hours < 24 < 5 * 24 < slow.median_response_hours
        assert fast.answer_rate_percent > slow.answer_rate_percent
        medians = ResponseFigures.objects.exclude(median_response_hours=None).values_list(
            "median_response_hours", flat=True
        )
        assert len(set(round(hours) for hours in medians)) >= 10
        with_submitted = Organisation.objects.filter(applications__submitted_at__isnull=False).distinct()
        assert ResponseFigures.objects.count() == with_submitted.count()

    def test_some_new_applications_are_due_a_reminder(self):
        due = services.applications_due_reminder()
        assert {application.organisation.slug for application in due} >= {A, U}
        assert services.applications_send_reminders() == len(due)

    def test_ane_sees_her_applications_in_several_statuses(self, client):
        ane = Application.objects.filter(user__email="ane@example.org")
        assert set(ane.values_list("status", flat=True)) >= {
            Status.NEW, Status.IN_DIALOGUE, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN
        }
        engagement = Engagement.objects.get(volunteer__email="ane@example.org")
        assert engagement.organisation.slug == U
        assert engagement.start_date <= timezone.localdate()
        client.force_login(ane.first().user)
        page = client.get(reverse("applications:my_applications")).content.decode()
        for title in ane.values_list("opportunity__title", flat=True):
            assert title in page

    def test_a_and_u_have_inbox_content_and_cannot_see_pending_ones(self):
        for slug in (A, U):
            organisation = Organisation.objects.get(slug=slug)
            inbox = access.applications_of(organisation)
            assert set(inbox.values_list("status", flat=True)) >= {Status.NEW, Status.IN_DIALOGUE, Status.ACCEPTED}
            assert not inbox.filter(status__in=Application.PENDING_STATUSES).exists()
        assert Application.objects.filter(organisation__slug=A, status=Status.UNCONFIRMED).exists()
        assert Application.objects.filter(organisation__slug=U, status=Status.AWAITING_CONSENT).exists()
        notes = ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.NOTE, application__organisation__slug=U)
        assert notes.exists()

    def test_a_signed_in_member_reads_the_inbox(self, client):
        bo = Membership.objects.get(organisation__slug=A, user__email="bo@example.org").user
        client.force_login(bo)
        response = client.get(reverse("applications:inbox", kwargs={"slug": A}))
        assert response.status_code == 200
        assert "Karina Vestergaard" in response.content.decode()

    def test_the_cast_has_saved_searches(self):
        assert set(SavedSearch.objects.values_list("user__email", flat=True)) >= {"ane@example.org"}

    def test_a_second_run_creates_nothing_new(self):
        before = (Application.objects.count(), ApplicationEvent.objects.count(), Engagement.objects.count(),
                  AuditLog.objects.count(), SavedSearch.objects.count())
        out = StringIO()
        call_command("seed_demo", stdout=out)
        after = (Application.objects.count(), ApplicationEvent.objects.count(), Engagement.objects.count(),
                 AuditLog.objects.count(), SavedSearch.objects.count())
        assert after == before
        assert "(0 nye)" in out.getvalue().split("Ansøgninger:")[1].splitlines()[0]

    def test_a_deleted_application_comes_back(self):
        application = Application.objects.filter(organisation__slug=A, status=Status.DECLINED).first()
        key = (application.opportunity_id, application.email)
        application.delete()
        call_command("seed_demo", stdout=StringIO())
        assert Application.objects.filter(opportunity_id=key[0], email=key[1]).count() == 1


def test_the_plan_depends_on_the_opportunity_only(db):
    organisation = Organisation(slug="eksempel", name="Eksempel")
    opportunity = Opportunity(organisation=organisation, title="Besøgsven", time_commitment="regular",
                              minimum_age=18, language="da")
    members = {"eksempel": {"mette.jensen"}}
    first = demo.plan_for(opportunity, members, 2026)
    again = demo.plan_for(opportunity, members, 2026)
    assert [item.applicant for item in first] == [item.applicant for item in again]
    assert len({item.applicant.email for item in first}) == len(first)
    assert all(2026 - item.applicant.birth_year >= 18 for item in first)
    assert all(item.applicant.user_key != "mette.jensen" for item in first)


def test_email_addresses_spell_out_danish_letters():
    assert demo.email_local_part("Søren Østergaard") == "soeren.oestergaard"
    assert demo.email_local_part("Chloé Martin") == "chloe.martin"
    assert demo.email_local_part("Hans Jørgen Friis-Bæk") == "hans.joergen.friis.baek"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_history_sends_no_email(settings, mailoutbox):
    """Committed for real: the services queue their e-mails when seed_demo's transaction commits, and seed_demo
    keeps every one of them back, even with tasks set to run at once. (Serialized rollback puts the migrations'
    data back for the tests after this one.)"""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = FAST_HASHERS
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert mailoutbox == []
    held = int(out.getvalue().split("Opgaver holdt tilbage: ")[1].split()[0])
    assert held >= 20
    assert Application.objects.exists()
