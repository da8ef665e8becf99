"""The named cast shared by tests, the URL-permission matrix and the demo data (see STYLE.md).

visitor (not signed in), ane (volunteer), erik (editor of association A), bo (admin of association A),
carl (admin of association B), gitte (admin of municipal unit U), dorte (coordinator with TOTP) and
frida (coordinator without TOTP).
"""

from dataclasses import dataclass

from django.db import transaction

CAST_PASSWORD = "frivillig-demo-2026"
# A fixed TOTP secret for dorte, so tests and the demo can produce her codes. Never used outside the cast.
DORTE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PEOPLE = {
    "ane": "Ane Holm",
    "erik": "Erik Lund",
    "bo": "Bo Kristensen",
    "carl": "Carl Nørgaard",
    "gitte": "Gitte Mortensen",
    "dorte": "Dorte Friis",
    "frida": "Frida Skov",
}

ORGANISATIONS = {
    "A": {
        "slug": "besoegsvennerne-frederiksberg",
        "name": "Besøgsvennerne Frederiksberg",
        "kind": "association",
        "cvr": "35215719",
        "description": "Vi besøger ensomme ældre i deres eget hjem på Frederiksberg – en kop kaffe, en gåtur i "
        "Frederiksberg Have eller et spil kort. Vi mødes hver måned i Kulturhuset på Bibliotekstorvet.",
        "street_address": "Bibliotekstorvet 1",
        "postcode": "2000",
        "city": "Frederiksberg",
        "contact_email": "kontakt@besoegsvennerne.example.org",
        "is_verified": True,
    },
    "B": {
        "slug": "lektiecafe-solbjerg",
        "name": "Lektiecaféen på Solbjerg",
        "kind": "association",
        "cvr": "29403473",
        "description": "Gratis lektiehjælp til børn og unge i 4.–10. klasse, mandag og onsdag på Solbjerg Bibliotek.",
        "street_address": "Solbjergvej 21",
        "postcode": "2000",
        "city": "Frederiksberg",
        "contact_email": "lektiecafe@solbjerg.example.org",
        "is_verified": False,
    },
    "U": {
        "slug": "plejecenter-akaciegaarden",
        "name": "Plejecenter Akaciegården",
        "kind": "municipal_unit",
        "cvr": "",
        "description": "Kommunalt plejecenter ved Langelandsvej med 80 beboere. Frivillige læser højt, går ture "
        "og hjælper ved fællesspisning og arrangementer.",
        "street_address": "Langelandsvej 33",
        "postcode": "2000",
        "city": "Frederiksberg",
        "contact_email": "akaciegaarden@frederiksberg.example.org",
        "is_verified": True,
    },
}

MEMBERSHIPS = [("erik", "A", "editor"), ("bo", "A", "admin"), ("carl", "B", "admin"), ("gitte", "U", "admin")]


@dataclass
class Cast:
    users: dict
    organisations: dict

    def __getitem__(self, name):
        return self.users.get(name) or self.organisations[name]


def email_for(name: str) -> str:
    return f"{name}@example.org"


@transaction.atomic
def build_cast(*, password: str = CAST_PASSWORD) -> Cast:
    """Create (or find) the cast. Idempotent."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from frivillig.accounts.models import User
    from frivillig.accounts.services import profile_ensure
    from frivillig.organisations.models import Membership, Organisation

    from .defaults import ensure_defaults

    ensure_defaults()
    users = {}
    for key, name in PEOPLE.items():
        user, created = User.objects.get_or_create(email=email_for(key), defaults={"name": name})
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        profile_ensure(user=user, language="da")
        users[key] = user

    organisations = {}
    for key, fields in ORGANISATIONS.items():
        fields = dict(fields)
        slug = fields.pop("slug")
        organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults=fields)
        organisations[key] = organisation
    organisations["team"] = Organisation.objects.get(is_volunteer_team=True)

    for user_key, org_key, role in [*MEMBERSHIPS, ("dorte", "team", "admin"), ("frida", "team", "admin")]:
        Membership.objects.get_or_create(
            user=users[user_key], organisation=organisations[org_key], defaults={"role": role}
        )

    if not Authenticator.objects.filter(user=users["dorte"], type=Authenticator.Type.TOTP).exists():
        TOTP.activate(users["dorte"], DORTE_TOTP_SECRET)
    return Cast(users=users, organisations=organisations)


def totp_code(secret: str = DORTE_TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))
