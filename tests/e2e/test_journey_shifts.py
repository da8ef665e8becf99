"""The browser journey of issue 5: sign up for a shift → see it in "Mine vagter" → cancel → the next person is
promoted and e-mailed → the organisation records attendance → the volunteer downloads the certificate and
verifies it.

Run in Danish; every page it saw is then opened again in English, and axe checks each one in both languages.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.hours.models import Certificate, HoursEntry
from frivillig.shifts import services as shift_services
from frivillig.shifts.models import Shift, SignUp
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_journeys import assert_on, follow_link, mail_to, submit


def test_sign_up_cancel_promote_attend_and_verify_a_certificate(visit, cast, opportunities):
    opportunity = opportunities.published_a
    organisation = opportunity.organisation
    start = timezone.now() + timedelta(days=2)
    shift = shift_services.shift_create(
        opportunity=opportunity,
        data={"starts_at": start, "ends_at": start + timedelta(hours=3), "capacity": 1, "place": "Solbjerg Plads 1"},
        actor=cast.users["bo"],
    )
    karl = User.objects.create_user("karl.lund@example.org", password="Vesterbrogade-12-kastanje", name="Karl Lund")
    seen: list[tuple[str, str, object]] = []

    def check(person, what: str, who=None) -> None:
        person.assert_accessible(f"{what} (da)")
        parts = urlsplit(person.page.url)
        seen.append((what, parts.path + (f"?{parts.query}" if parts.query else ""), who))

    # ane finds the shift on the opportunity's page and takes its one place.
    ane = visit(as_user=cast.users["ane"], viewport=DESKTOP)
    ane.page.on("dialog", lambda dialog: dialog.accept())
    ane.goto(opportunity.get_absolute_url())
    follow_link(ane, reverse("shifts:shift_detail", kwargs={"pk": shift.pk}))
    assert_on(ane, "shifts:shift_detail")
    check(ane, "the shift's page", cast.users["ane"])
    submit(ane, f"main form[action='{reverse('shifts:signup_create', kwargs={'pk': shift.pk})}'] button")
    mine = SignUp.objects.get(shift=shift, user=cast.users["ane"])
    assert mine.status == SignUp.Status.CONFIRMED

    # Karl comes too late: the waitlist.
    waiting = shift_services.signup_create(shift=Shift.objects.get(pk=shift.pk), user=karl)
    assert waiting.status == SignUp.Status.WAITLISTED

    # Mine vagter lists it; ane cancels from her sign-up's page, and Karl moves up and is told.
    ane.goto(reverse("shifts:my_shifts"))
    assert opportunity.title in ane.page.locator("main").inner_text()
    check(ane, "Mine vagter", cast.users["ane"])
    follow_link(ane, mine.get_absolute_url())
    assert_on(ane, "shifts:signup")
    check(ane, "the sign-up's own page", cast.users["ane"])
    submit(ane, f"main form[action='{reverse('shifts:signup_cancel', kwargs={'token': mine.token})}'] button")
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == SignUp.Status.CANCELLED
    assert waiting.status == SignUp.Status.CONFIRMED and waiting.promoted_at is not None
    assert waiting.get_absolute_url() in mail_to(karl.email).body
    ane.assert_accessible("after cancelling (da)")

    # The shift takes place (moved into the past here), and bo records that Karl came.
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    bo = visit(as_user=cast.users["bo"], viewport=DESKTOP)
    bo.goto(reverse("shifts:manage_shift", kwargs={"slug": organisation.slug, "pk": shift.pk}))
    check(bo, "who came to the shift", cast.users["bo"])
    bo.page.locator(f"#attendance-{waiting.pk}-attended").check()
    attendance_path = reverse("hours:attendance", kwargs={"slug": organisation.slug, "pk": shift.pk})
    submit(bo, f"main form[action='{attendance_path}'] button")
    entry = HoursEntry.objects.get(signup=waiting)
    assert entry.status == HoursEntry.Status.APPROVED and entry.hours == 3
    bo.assert_accessible("after recording attendance (da)")

    # Karl makes his certificate, downloads the PDF and checks it on the public page.
    karl_visit = visit(as_user=karl, viewport=DESKTOP)
    karl_visit.goto(reverse("hours:certificate"))
    assert opportunity.title in karl_visit.page.locator("main").inner_text()
    check(karl_visit, "the certificate page", karl)
    with karl_visit.page.expect_download() as download_info:
        karl_visit.page.locator(f"main form[action='{reverse('hours:certificate')}'] button[type=submit]").click()
    download = download_info.value
    pdf = open(download.path(), "rb").read()
    assert pdf.startswith(b"%PDF")
    certificate = Certificate.objects.get(volunteer=karl)
    anyone = visit(viewport=DESKTOP)
    anyone.goto(reverse("hours:verify_form"))
    check(anyone, "check a certificate")
    anyone.page.fill("main [name=code]", certificate.code.lower().replace("-", " "))  # as someone might type it
    submit(anyone, f"main form[action='{reverse('hours:verify_form')}'] button[type=submit]")
    assert_on(anyone, "hours:verify")
    text = anyone.page.locator("main").inner_text()
    assert "Karl Lund" in text and opportunity.title in text and certificate.code in text
    check(anyone, "the certificate's public page")

    # The English pass.
    for what, path, who in seen:
        person = visit(as_user=who, language="en", viewport=DESKTOP)
        person.goto(path)
        assert person.page.get_attribute("html", "lang") == "en"
        person.assert_accessible(f"{what} (en)")
