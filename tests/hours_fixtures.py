"""Hours for the standing tests (URL permissions, accessibility) and the hours tests.

Made the way people make them, through the services, on the cast's applications (tests/application_fixtures.py,
built first):

- `engagement`: bo accepted ane's application to A's visiting-friend role (`ane_a`), from 60 days ago.
- `pending`: 2.5 hours ane logged a week ago, waiting for A's approval.
- `approved`: 3 hours ane logged two weeks ago, approved by bo.
- `shift`: a shift of A's visiting-friend role that started yesterday (3 hours), with ane confirmed on it and a
  guest confirmed on it; attendance is not recorded yet.
- `signup`: ane's sign-up on that shift; `guest_signup`: the guest's.
- `certificate`: a certificate ane made of her approved hours, in Danish.

Building changes `ane_a` to accepted, so only cases about hours build them (`hours_of(cast)` builds once per
database state and finds them after that, so a case's URL, payload and state can all call it).
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from frivillig.applications import services as application_services
from frivillig.applications.models import Application, Engagement
from frivillig.hours import services
from frivillig.hours.models import Certificate, HoursEntry
from frivillig.shifts import services as shift_services
from frivillig.shifts.models import Shift, SignUp

GUEST_EMAIL = "vagt-gaest@example.org"


@dataclass(frozen=True)
class Hours:
    engagement: Engagement
    pending: HoursEntry
    approved: HoursEntry
    shift: Shift
    signup: SignUp
    guest_signup: SignUp
    certificate: Certificate


def _shift(cast, opportunity) -> tuple[Shift, SignUp, SignUp]:
    now = timezone.now()
    starts_at = (now - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    shift = shift_services.shift_create(
        opportunity=opportunity,
        data={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=3), "capacity": 5,
              "place": "Café Solsikken", "note": ""},
        actor=cast.users["bo"],
    )
    before = starts_at - timedelta(days=2)
    signup = shift_services.signup_create(shift=shift, user=cast.users["ane"], now=before)
    guest = shift_services.signup_create(
        shift=shift, data={"name": "Vagn Vagtgæst", "email": GUEST_EMAIL, "phone": ""}, now=before
    )
    shift_services.signup_confirm_email(signup=guest, now=before)
    guest.refresh_from_db()
    return shift, signup, guest


def build_hours(cast) -> Hours:
    """Create the hours (see the module's docstring). Needs the cast's applications."""
    today = timezone.localdate()
    ane, bo = cast.users["ane"], cast.users["bo"]
    application = Application.objects.get(pk=cast.applications.ane_a.pk)
    engagement = application_services.application_set_status(
        application=application, status=Application.Status.ACCEPTED, actor=bo, start_date=today - timedelta(days=60)
    )
    approved = services.hours_log(volunteer=ane, engagement=engagement, date=today - timedelta(days=14),
                                  hours=Decimal("3"), note="Gåtur i Søndermarken")
    services.hours_decide(entries=[approved], actor=bo, approve=True)
    pending = services.hours_log(volunteer=ane, engagement=engagement, date=today - timedelta(days=7),
                                 hours=Decimal("2.5"), note="Kaffe og kortspil")
    shift, signup, guest = _shift(cast, engagement.opportunity)
    certificate = services.certificate_issue(volunteer=ane, language="da")
    approved.refresh_from_db()
    return Hours(engagement=engagement, pending=pending, approved=approved, shift=shift, signup=signup,
                 guest_signup=guest, certificate=certificate)


def hours_of(cast) -> Hours:
    """The hours in the database now: built if they are not there (each matrix case rolls back its own)."""
    engagement = Engagement.objects.filter(application_id=cast.applications.ane_a.pk).first()
    if engagement is None:
        return build_hours(cast)
    entries = HoursEntry.objects.filter(engagement=engagement).order_by("date")
    shift = Shift.objects.filter(opportunity=engagement.opportunity, place="Café Solsikken").first()
    return Hours(
        engagement=engagement,
        approved=entries.filter(note="Gåtur i Søndermarken").first(),
        pending=entries.filter(note="Kaffe og kortspil").first(),
        shift=shift,
        signup=shift.signups.get(user=cast.users["ane"]),
        guest_signup=shift.signups.get(email=GUEST_EMAIL),
        certificate=Certificate.objects.filter(volunteer=cast.users["ane"]).order_by("issued_at").first(),
    )


# --- for the URL-permission matrix (tests/test_url_permissions.py): each builds the hours first if needed ---------


def matrix_built(cast) -> dict:
    hours_of(cast)
    return {}


def matrix_org(cast) -> dict:
    return {"slug": hours_of(cast).engagement.organisation.slug}


def matrix_engagement(cast, slug_of: str = "A") -> dict:
    return {"slug": cast[slug_of].slug, "pk": hours_of(cast).engagement.pk}


def matrix_shift(cast, slug_of: str = "A") -> dict:
    return {"slug": cast[slug_of].slug, "pk": hours_of(cast).shift.pk}


def matrix_certificate(cast) -> dict:
    return {"code": hours_of(cast).certificate.code}


def matrix_revoked_certificate(cast) -> dict:
    certificate = hours_of(cast).certificate
    services.certificate_revoke(certificate=certificate, actor=cast.users["ane"])
    return {"code": certificate.code}


def matrix_log_payload(cast) -> dict:
    engagement = hours_of(cast).engagement
    prefix = f"e{engagement.pk}"
    return {"engagement": engagement.pk, f"{prefix}-date": timezone.localdate().isoformat(), f"{prefix}-hours": "2",
            f"{prefix}-note": "Logget i matrixen"}


def matrix_decide_payload(cast) -> dict:
    return {"entries": [hours_of(cast).pending.pk], "decision": "approve"}


def matrix_attendance_payload(cast) -> dict:
    hours = hours_of(cast)
    return {f"signup_{hours.signup.pk}": "attended", f"signup_{hours.guest_signup.pk}": "no_show"}


def matrix_state(cast) -> list:
    """What a refused POST must leave as it was: the hours, the thank-yous, the certificates and attendance."""
    from frivillig.hours.models import ThankYou

    hours_of(cast)
    return [
        list(HoursEntry.objects.values_list("pk", "status", "hours", "decided_by_id").order_by("pk")),
        list(ThankYou.objects.values_list("pk", "threshold", "message").order_by("pk")),
        list(Certificate.objects.values_list("pk", "code", "revoked_at").order_by("pk")),
        list(SignUp.objects.values_list("pk", "attendance").order_by("pk")),
    ]
