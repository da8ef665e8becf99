"""Browser journeys of issue 6: what a person meets when the portal protects itself.

- Five wrong passwords lock that account from this address; the right password is then refused with a clear message,
  while another person at the same address still signs in.
- A guest who sends too many applications gets the friendly 429 page, in Danish and in English.
- An association's admin who picks an SVG as logo is told clearly what is allowed, keeps what they typed, and a phone
  photo with GPS data is stored without it.
"""

import io

from django.urls import reverse
from django.utils import translation
from PIL import Image

from frivillig.applications.models import Application
from frivillig.core.cast import CAST_PASSWORD
from tests.e2e.test_journeys import assert_on, signed_in_as, submit

WRONG_PASSWORD = "forkert-adgangskode-1"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
GPS_IFD = 0x8825


def _try_password(person, email: str, password: str) -> None:
    person.goto(reverse("account_login"))
    person.page.fill("main [name=login]", email)
    person.page.fill("main [name=password]", password)
    submit(person)


def _error_text(person) -> str:
    return " ".join(person.page.locator("main .form-error-message, main .alert-error").all_inner_texts())


def test_five_wrong_passwords_lock_that_account_here_but_not_the_next_person(visit, cast):
    ane = cast.users["ane"]
    person = visit()
    for _attempt in range(5):
        _try_password(person, ane.email, WRONG_PASSWORD)
        assert_on(person, "account_login")
        assert not signed_in_as(person)

    _try_password(person, ane.email, CAST_PASSWORD)
    assert_on(person, "account_login")
    assert not signed_in_as(person), "the right password got in while the account was locked from here"
    assert "mislykkede forsøg" in _error_text(person), _error_text(person)
    assert person.page.input_value("main [name=login]") == ane.email, "the e-mail typed was lost"
    person.assert_accessible("sign-in locked (da)")

    colleague = visit()  # same address, another account
    _try_password(colleague, cast.users["bo"].email, CAST_PASSWORD)
    assert signed_in_as(colleague), "another account at the same address was locked out too"


def test_a_guest_sending_too_many_applications_gets_the_friendly_page(visit, cast, opportunities, settings):
    settings.FRIVILLIG_RATE_LIMITS = settings.FRIVILLIG_RATE_LIMITS | {"guest_apply": "2/h/ip"}
    targets = [opportunities.published_a, opportunities.published_u, opportunities.child_certificate_a]
    answers = []
    for number, opportunity in enumerate(targets):
        guest = visit(language="da" if number < 2 else "en")
        guest.goto(reverse("applications:apply", kwargs={"pk": opportunity.pk}))
        guest.page.fill("main [name=name]", "Lise Holm")
        guest.page.fill("main [name=email]", f"lise{number}@example.org")
        guest.page.fill("main [name=birth_year]", "1958")
        guest.page.fill("main [name=message]", "Jeg vil gerne hjælpe.")
        with guest.page.expect_response(lambda response: response.request.method == "POST") as posted:
            guest.page.locator("main form[method=post] button[type=submit]").first.click()
        guest.page.wait_for_load_state("load")
        answers.append(posted.value.status)
    assert answers[:2] == [302, 302], answers
    assert answers[2] == 429, answers
    assert guest.page.locator("h1").inner_text() == "Please wait a moment"
    assert "minute" in guest.page.locator("main .alert-text").inner_text()
    guest.assert_accessible("too many applications (en)")
    assert Application.objects.filter(email__startswith="lise").count() == 2, "the refused application was saved"

    danish = visit(language="da")
    danish.goto(reverse("applications:apply", kwargs={"pk": targets[2].pk}))
    danish.page.fill("main [name=name]", "Lise Holm")
    danish.page.fill("main [name=email]", "lise9@example.org")
    danish.page.fill("main [name=birth_year]", "1958")
    submit(danish, "main form[method=post] button[type=submit]")
    with translation.override("da"):
        assert danish.page.locator("h1").inner_text() == translation.gettext("Please wait a moment")
    danish.assert_accessible("too many applications (da)")


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (64, 64), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefon"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 48.0), 3: "E", 4: (12.0, 31.0, 57.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_an_svg_logo_is_refused_clearly_and_a_photo_loses_its_gps(visit, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = cast["A"]
    bo = visit(as_user=cast.users["bo"])
    edit = reverse("organisations:edit", kwargs={"slug": organisation.slug})
    bo.goto(edit)
    bo.page.fill("main [name=name]", "Frederiksberg Lektiecafé – ny")
    bo.page.set_input_files(
        "main [name=logo]", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": SVG}]
    )
    submit(bo, "main form[method=post][enctype] button[type=submit]")
    assert_on(bo, "organisations:edit")
    with translation.override("da"):
        expected = translation.gettext(
            "Only PNG, JPEG and WebP images can be uploaded. SVG, HTML and programs are refused."
        )
    assert expected in _error_text(bo), _error_text(bo)
    assert bo.page.input_value("main [name=name]") == "Frederiksberg Lektiecafé – ny", "the name typed was lost"
    bo.assert_accessible("SVG logo refused (da)")
    organisation.refresh_from_db()
    assert not organisation.logo

    bo.page.set_input_files(
        "main [name=logo]", files=[{"name": "ferie.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_gps()}]
    )
    submit(bo, "main form[method=post][enctype] button[type=submit]")
    organisation.refresh_from_db()
    assert organisation.logo, f"the photo was not saved: {_error_text(bo)}"
    with Image.open(organisation.logo.path) as stored:
        assert not stored.getexif(), "EXIF survived the upload"
        assert not stored.getexif().get_ifd(GPS_IFD), "GPS data survived the upload"
