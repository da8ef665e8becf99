"""The cast's applications, for the standing tests (URL permissions, accessibility) and the browser journeys.

Made the way people make them, through `frivillig.applications.services`, on the cast's opportunities
(tests/opportunity_fixtures.py, which must be built first):

- `ane_a`: ane (signed in) applied to A's visiting-friend role; submitted, new in A's inbox.
- `ane_u`: ane applied to U's reading-aloud role; U answered, so it is in dialogue, with an internal note.
- `guest_a`: a guest applied to A's role and confirmed the e-mail; new in A's inbox.
- `unconfirmed_a`: a guest applied to A's role and has not confirmed; A does not see it.
- `minor_u`: a 13-year-old guest confirmed the e-mail; the guardian has not answered yet; U does not see it.

B (carl) has no applications, so its inbox shows the empty state.
"""

from dataclasses import dataclass

from django.utils import timezone

from frivillig.applications import services
from frivillig.applications.models import Application

GUEST_EMAIL = "gaest@example.org"
UNCONFIRMED_EMAIL = "ubekraeftet@example.org"
MINOR_EMAIL = "ung@example.org"
GUARDIAN_EMAIL = "foraelder@example.org"


@dataclass(frozen=True)
class Applications:
    ane_a: Application
    ane_u: Application
    guest_a: Application
    unconfirmed_a: Application
    minor_u: Application


def _guest(opportunity, *, name, email, birth_year, guardian_email="", confirm=True) -> Application:
    data = {"name": name, "email": email, "phone": "", "birth_year": birth_year, "message": "Jeg vil gerne hjælpe.",
            "guardian_email": guardian_email}
    application = services.application_create(opportunity=opportunity, data=data, language="da")
    if confirm:
        services.application_confirm_email(application=application)
    application.refresh_from_db()
    return application


def build_applications(cast) -> Applications:
    """Create the cast's applications (see the module's docstring). Call once per database, after the opportunities."""
    opportunities = cast.opportunities
    year = timezone.localdate().year
    ane = cast.users["ane"]
    ane_data = {"name": ane.name or "Ane", "phone": "", "birth_year": 1990, "message": "Jeg har god tid om tirsdagen."}
    ane_a = services.application_create(opportunity=opportunities.published_a, data=ane_data, user=ane, language="da")
    ane_u = services.application_create(opportunity=opportunities.published_u, data=ane_data, user=ane, language="da")
    services.application_set_status(
        application=ane_u, status=Application.Status.IN_DIALOGUE, actor=cast.users["gitte"],
        message="Tak for din ansøgning. Kan du komme forbi til en snak på torsdag?",
    )
    services.application_add_note(application=ane_u, actor=cast.users["gitte"], text="Ringet op, venter på svar.")
    guest_a = _guest(opportunities.published_a, name="Gæst Hansen", email=GUEST_EMAIL, birth_year=1985)
    unconfirmed_a = _guest(
        opportunities.published_a, name="Ulla Ubekræftet", email=UNCONFIRMED_EMAIL, birth_year=1970, confirm=False
    )
    minor_u = _guest(
        opportunities.published_u, name="Ung Ulrik", email=MINOR_EMAIL, birth_year=year - 13,
        guardian_email=GUARDIAN_EMAIL,
    )
    for application in (ane_a, ane_u):
        application.refresh_from_db()
    return Applications(ane_a=ane_a, ane_u=ane_u, guest_a=guest_a, unconfirmed_a=unconfirmed_a, minor_u=minor_u)
