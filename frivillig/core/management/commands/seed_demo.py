"""`manage.py seed_demo`: the cast, ~30 Frederiksberg organisations, their members, volunteers' profiles,
~160 published opportunities, ten months of applications with the organisations' response figures, and the
cast's saved searches.

Idempotent: everything is found by a natural key (e-mail, slug, organisation + title, opportunity + applicant's
e-mail) and only created when missing, so a second run changes nothing. Refuses to run with production settings.
The content lives in `frivillig.core.demo_data`, `frivillig.core.demo_opportunities`,
`frivillig.applications.demo`, `frivillig.suggestions.demo`, `frivillig.shifts.demo` (shifts, sign-ups and
events) and `frivillig.hours.demo` (attendance and hours).

The applications are made through the applications' services, which queue e-mails (and figure refreshes) as
tasks when the transaction commits. Replaying months of history must not send hundreds of e-mails, so the whole
run sends its tasks to Django's DummyBackend, which keeps them in memory and runs none (`tasks_held_back`); the
figures are computed at the end instead, and the command says how many tasks it held back.
"""

import hashlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.tasks import task_backends
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from frivillig.core import demo_data, demo_opportunities
from frivillig.core.audit import audit
from frivillig.core.cast import CAST_PASSWORD, DORTE_TOTP_SECRET, PEOPLE, Cast, build_cast, email_for
from frivillig.core.models import Area, AuditLog, Category

MAX_DAYS_AGO = 540
VERIFIED_AFTER = timedelta(days=2)
CVR_SEED = 2000  # Frederiksberg's postcode: any fixed seed gives the same numbers on every run.
CAST_ROLES = {
    "ane": "frivillig",
    "erik": "redaktør i forening A (Besøgsvennerne Frederiksberg)",
    "bo": "administrator af forening A (Besøgsvennerne Frederiksberg)",
    "carl": "administrator af forening B (Lektiecaféen på Solbjerg)",
    "gitte": "administrator af den kommunale enhed U (Plejecenter Akaciegården)",
    "dorte": "koordinator med TOTP",
    "frida": "koordinator uden TOTP (sætter det op ved første besøg på koordinatorsiderne)",
}


def cvr_numbers(*, seed: int = CVR_SEED, exclude: set[str] | frozenset[str] = frozenset()) -> Iterator[str]:
    """Fictional but valid CVR numbers, always the same ones in the same order.

    Candidates come from a seeded generator (so they look like real numbers rather than a sequence); those
    that pass the modulus-11 check are kept.
    """
    from frivillig.organisations.validators import is_valid_cvr

    candidates = random.Random(seed)
    seen = set(exclude)
    while True:
        text = str(candidates.randrange(20_000_000, 45_000_000))
        if is_valid_cvr(text) and text not in seen:
            seen.add(text)
            yield text


def joined_at(slug: str):
    """When the organisation joined the portal: a fixed number of days ago, different for each one."""
    days = int(hashlib.sha256(slug.encode()).hexdigest(), 16) % MAX_DAYS_AGO + 3
    return timezone.now() - timedelta(days=days)


def audit_at(when, **entry) -> None:
    """An audit entry dated `when` (the log's time is auto_now_add, so it is set afterwards)."""
    AuditLog.objects.filter(pk=audit(**entry).pk).update(created_at=when)


@contextmanager
def tasks_held_back():
    """Tasks enqueued inside (e-mails of the demo's history among them) are kept in memory and never run."""
    with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}):
        yield task_backends["default"]


def city_for(postcode: str) -> str:
    return "Frederiksberg" if postcode == "2000" else "Frederiksberg C"


@dataclass
class Tally:
    total: int = 0
    new: int = 0

    def add(self, created: bool) -> None:
        self.total += 1
        self.new += int(created)


@dataclass
class Seeder:
    """Writes the demo data; each step returns a Tally of rows seen and created."""

    cast: Cast
    users: dict = field(init=False)
    areas: dict = field(init=False)
    categories: dict = field(init=False)
    memberships: Tally = field(init=False, default_factory=Tally)
    password_hash: str = field(init=False, default="")

    def __post_init__(self):
        self.users = dict(self.cast.users)
        self.areas = {area.slug: area for area in Area.objects.all()}
        self.categories = {category.slug: category for category in Category.objects.all()}

    @property
    def coordinator(self):
        return self.users["dorte"]

    def pick(self, vocabulary: dict, slugs: list[str]) -> list:
        """Coordinators may have renamed or removed entries; seed with those that are still there."""
        return [vocabulary[slug] for slug in slugs if slug in vocabulary]

    # --- people ---------------------------------------------------------------------------------------

    def people(self) -> Tally:
        tally = Tally()
        for key, name in demo_data.PEOPLE.items():
            user, created = self.person(key, name)
            self.users[key] = user
            tally.add(created)
        return tally

    def person(self, key: str, name: str):
        from allauth.account.models import EmailAddress

        from frivillig.accounts.models import User
        from frivillig.accounts.services import profile_ensure

        if not self.password_hash:
            # One hash for all demo users: hashing each of 35 passwords would take some 20 seconds.
            self.password_hash = make_password(CAST_PASSWORD)
        user, created = User.objects.get_or_create(
            email=email_for(key), defaults={"name": name, "password": self.password_hash}
        )
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        profile_ensure(user=user, language="en" if key in demo_data.ENGLISH_SPEAKERS else "da")
        return user, created

    # --- organisations --------------------------------------------------------------------------------

    def cast_organisation_details(self) -> None:
        """Areas and categories for the cast's organisations, and an address for the volunteer team."""
        for key, details in demo_data.CAST_ORGANISATION_DETAILS.items():
            organisation = self.cast.organisations[key]
            self.fill_blank(organisation, details.get("fields", {}))
            if not organisation.areas.exists():
                organisation.areas.set(self.pick(self.areas, details["areas"]))
            if not organisation.categories.exists():
                organisation.categories.set(self.pick(self.categories, details["categories"]))

    def fill_blank(self, organisation, fields: dict) -> None:
        blank = [name for name in fields if not getattr(organisation, name)]
        for name in blank:
            setattr(organisation, name, fields[name])
        if blank:
            organisation.save(update_fields=[*blank, "updated_at"])

    def organisations(self) -> Tally:
        from frivillig.core.cast import ORGANISATIONS as CAST_ORGANISATIONS
        from frivillig.organisations.models import Organisation

        taken = {spec["cvr"] for spec in CAST_ORGANISATIONS.values() if spec["cvr"]}
        cvrs = cvr_numbers(exclude=taken)
        tally = Tally()
        for spec in demo_data.ORGANISATIONS:
            cvr = next(cvrs) if spec["kind"] == Organisation.Kind.ASSOCIATION else ""
            missing = not Organisation.objects.filter(slug=spec["slug"]).exists()
            if missing:
                self.organisation_create(spec, cvr)
            tally.add(missing)
        return tally

    def organisation_create(self, spec: dict, cvr: str):
        from frivillig.organisations.models import Organisation

        admin = self.users[spec["admin"]]
        is_unit = spec["kind"] == Organisation.Kind.MUNICIPAL_UNIT
        verified = is_unit or spec["verified"]
        joined = joined_at(spec["slug"])
        organisation = Organisation(
            slug=spec["slug"],
            name=spec["name"],
            kind=spec["kind"],
            cvr=cvr,
            description=spec["description"],
            description_language=spec.get("description_language", "da"),
            website=spec.get("website", ""),
            contact_name=admin.name,
            contact_email=spec["contact_email"],
            street_address=spec["street_address"],
            postcode=spec["postcode"],
            city=city_for(spec["postcode"]),
            is_verified=verified,
            verified_at=joined + VERIFIED_AFTER if verified else None,
            verified_by=self.coordinator if verified else None,
            terms_accepted_at=None if is_unit else joined,
            terms_accepted_by=None if is_unit else admin,
        )
        organisation.full_clean()
        organisation.save()
        organisation.areas.set(self.pick(self.areas, spec["areas"]))
        organisation.categories.set(self.pick(self.categories, spec["categories"]))
        self.audit_creation(organisation, admin, is_unit=is_unit, verified=verified, joined=joined)
        self.members_add(organisation, spec)
        # auto_now_add cannot be given a value; an update can. The directory's "new" list then looks lived-in.
        Organisation.objects.filter(pk=organisation.pk).update(created_at=joined, updated_at=joined)
        return organisation

    def audit_creation(self, organisation, admin, *, is_unit: bool, verified: bool, joined) -> None:
        """The audit trail the real services would have left, dated when it would have happened."""
        if is_unit:
            audit_at(joined, actor=self.coordinator, action="municipal_unit.create", target=organisation,
                     manager_email=admin.email)
            return
        audit_at(joined, actor=admin, action="organisation.create", target=organisation, kind=organisation.kind)
        if verified:
            audit_at(joined + VERIFIED_AFTER, actor=self.coordinator, action="organisation.verify", target=organisation)

    def members_add(self, organisation, spec: dict) -> None:
        """Only with a new organisation: members who later leave it in the demo stay gone on the next run."""
        from frivillig.organisations.models import Membership

        roles = [(spec["admin"], Membership.Role.ADMIN), *((key, Membership.Role.EDITOR) for key in spec["editors"])]
        for key, role in roles:
            Membership.objects.create(organisation=organisation, user=self.users[key], role=role)
            self.memberships.add(True)

    # --- opportunities --------------------------------------------------------------------------------

    def opportunities(self) -> Tally:
        """~160 published opportunities (`demo_opportunities`), found by organisation and title; new ones in bulk."""
        from frivillig.opportunities.models import Opportunity
        from frivillig.opportunities.search import reindex_all
        from frivillig.organisations.models import Organisation

        organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
        names = {slug: organisation.name for slug, organisation in organisations.items()}
        existing = set(Opportunity.objects.values_list("organisation__slug", "title"))
        specs = [
            spec
            for spec in demo_opportunities.opportunity_specs(names, timezone.localdate())
            if spec["organisation"] in organisations
        ]
        new = [spec for spec in specs if (spec["organisation"], spec["fields"]["title"]) not in existing]
        if new:
            self.opportunities_create(new, organisations)
            reindex_all()
        self.opportunity_times(specs)
        return Tally(total=len(specs), new=len(new))

    def opportunity_times(self, specs: list[dict]) -> None:
        """When the work happens (when_*) came after the first demo databases: fill it in on demo opportunities
        that have none ticked. Grouped by value, so it is a handful of UPDATEs, and none on the next run."""
        from frivillig.opportunities.models import Opportunity

        names = [f"when_{name}" for name in demo_opportunities.WHEN]
        blank = Opportunity.objects.filter(**dict.fromkeys(names, False))
        ids = {(slug, title): pk for slug, title, pk in blank.values_list("organisation__slug", "title", "pk")}
        by_value: dict[tuple, list[int]] = {}
        for spec in specs:
            pk = ids.get((spec["organisation"], spec["fields"]["title"]))
            values = tuple(spec["fields"][name] for name in names)
            if pk is not None and any(values):
                by_value.setdefault(values, []).append(pk)
        for values, pks in by_value.items():
            Opportunity.objects.filter(pk__in=pks).update(**dict(zip(names, values, strict=True)))

    def opportunities_create(self, specs: list[dict], organisations: dict) -> None:
        from frivillig.core.models import PolicyArea, SpokenLanguage, TargetGroup
        from frivillig.opportunities.models import Opportunity

        admins = self.organisation_admins()
        rows = [self.opportunity_build(spec, organisations[spec["organisation"]], admins) for spec in specs]
        created = Opportunity.objects.bulk_create(rows)
        # auto_now_add cannot be given a value; bulk_update can. Each was written the day before it was published.
        for opportunity in created:
            opportunity.created_at = opportunity.updated_at = opportunity.published_at - timedelta(days=1)
        Opportunity.objects.bulk_update(created, ["created_at", "updated_at"])
        vocabularies = {
            "categories": self.categories,
            "target_groups": {entry.slug: entry for entry in TargetGroup.objects.all()},
            "policy_areas": {entry.slug: entry for entry in PolicyArea.objects.all()},
            "languages": {entry.slug: entry for entry in SpokenLanguage.objects.all()},
        }
        for name, vocabulary in vocabularies.items():
            through = getattr(Opportunity, name).through
            column = f"{Opportunity._meta.get_field(name).m2m_reverse_field_name()}_id"
            links = [
                through(opportunity_id=opportunity.pk, **{column: entry.pk})
                for opportunity, spec in zip(created, specs, strict=True)
                for entry in self.pick(vocabulary, spec[name])
            ]
            through.objects.bulk_create(links)

    def organisation_admins(self) -> dict:
        """Each organisation's first admin (by e-mail): the author of its posts and, for units, the confirmer."""
        from frivillig.organisations.models import Membership

        admins = {}
        for membership in Membership.objects.admins().select_related("user").order_by("user__email"):
            admins.setdefault(membership.organisation_id, membership.user)
        return admins

    def opportunity_build(self, spec: dict, organisation, admins: dict):
        from frivillig.opportunities.models import Opportunity

        admin = admins.get(organisation.pk)
        published = timezone.now() - timedelta(days=spec["published_days_ago"], hours=spec["published_days_ago"] % 9)
        opportunity = Opportunity(
            organisation=organisation,
            area=self.areas.get(spec["area"]),
            status=Opportunity.Status.PUBLISHED,
            published_at=published,
            created_by=admin,
            contact_name=organisation.contact_name,
            contact_email=organisation.contact_email,
            **spec["fields"],
        )
        if organisation.is_municipal_unit and spec["card"]:
            opportunity.role_volunteer_tasks, opportunity.role_staff_tasks = spec["card"]
            contact = demo_opportunities.UNIT_CONTACTS.get(organisation.slug, organisation.contact_name)
            opportunity.role_staff_contact = contact
            opportunity.role_confirmed_by = admin
            opportunity.role_confirmed_at = published - timedelta(hours=2)
            opportunity.insurance_covered = True
        opportunity.full_clean(exclude=["search_text"])
        return opportunity

    # --- invitations and profiles ---------------------------------------------------------------------

    def invitations(self) -> Tally:
        from frivillig.organisations.models import Invitation, Organisation

        tally = Tally()
        for slug, email, role, inviter_key in demo_data.INVITATIONS:
            organisation = Organisation.objects.get(slug=slug)
            created = not Invitation.objects.filter(organisation=organisation, email=email).exists()
            if created:
                inviter = self.users[inviter_key]
                Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=inviter)
                audit(actor=inviter, action="organisation.member_invite", target=organisation, email=email, role=role)
            tally.add(created)
        return tally

    def profiles(self) -> Tally:
        from frivillig.accounts.services import profile_ensure

        tally = Tally()
        for key, spec in demo_data.PROFILES.items():
            profile = profile_ensure(user=self.users[key])
            untouched = profile.birth_year is None and not profile.interests.exists()
            if untouched:
                self.profile_fill(profile, spec)
            tally.add(untouched)
        return tally

    def profile_fill(self, profile, spec: dict) -> None:
        spec = dict(spec)
        interests = self.pick(self.categories, spec.pop("interests"))
        areas = self.pick(self.areas, spec.pop("areas"))
        for name, value in spec.items():
            setattr(profile, name, value)
        profile.full_clean()
        profile.save()
        profile.interests.set(interests)
        profile.areas.set(areas)


class Command(BaseCommand):
    help = (
        "Load demo data: the test cast, ~30 organisations and ~160 opportunities on Frederiksberg. Safe to run again."
    )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "seed_demo refuses to run with production settings: it creates users with a known password. "
                "Set FRIVILLIG_DEVELOPMENT=1 (or DEBUG=1) on a development or demo machine."
            )
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        with tasks_held_back() as held, transaction.atomic():
            self.seed()
        self.line(f"Opgaver holdt tilbage: {len(held.results)} (demoens historik sender ingen e-mails)")
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.line(f"Færdig på {seconds} s.")
        self.sign_in_help()

    def line(self, text: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(text)

    def seed(self) -> None:
        from frivillig.organisations.models import Membership, Organisation

        cast = build_cast()
        self.line(f"Rollebesætning: {len(cast.users)} personer og {len(cast.organisations)} organisationer")
        seeder = Seeder(cast=cast)
        people = seeder.people()
        self.line(f"Demobrugere: {people.total} ({people.new} nye)")
        seeder.cast_organisation_details()
        organisations = seeder.organisations()
        total = Organisation.objects.count()
        self.line(f"Organisationer: {total} i alt ({organisations.new} nye)")
        self.line(f"Medlemskaber: {Membership.objects.count()} i alt ({seeder.memberships.new} nye)")
        invitations = seeder.invitations()
        self.line(f"Invitationer: {invitations.total} ({invitations.new} nye)")
        profiles = seeder.profiles()
        self.line(f"Frivilligprofiler: {profiles.total} ({profiles.new} udfyldt nu)")
        opportunities = seeder.opportunities()
        self.line(f"Frivilligjob: {opportunities.total} i demoen ({opportunities.new} nye, søgeindeks opdateret)")
        self.applications(seeder)
        self.saved_searches(seeder)
        # >>> shifts-demo
        self.shifts_and_hours(seeder)
        # <<< shifts-demo
        self.line(f"Revisionslog: {AuditLog.objects.count()} poster")

    def applications(self, seeder: Seeder) -> None:
        from frivillig.applications.demo import create_demo_applications
        from frivillig.applications.figures import refresh_all_response_figures
        from frivillig.applications.models import Engagement

        outcome = create_demo_applications(seeder.users)
        self.line(f"Ansøgninger: {outcome.total} i demoen ({outcome.new} nye), {Engagement.objects.count()} "
                  "engagementer")
        if outcome.skipped_stories:
            self.line(f"  Sprunget over (opslaget findes ikke eller er lukket): {', '.join(outcome.skipped_stories)}")
        self.line(f"Svartider: beregnet for {refresh_all_response_figures()} organisationer")

    def saved_searches(self, seeder: Seeder) -> None:
        from frivillig.suggestions.demo import create_demo_saved_searches
        from frivillig.suggestions.models import SavedSearch

        created = create_demo_saved_searches(seeder.users)
        self.line(f"Gemte søgninger: {SavedSearch.objects.count()} i alt ({created} nye)")

    # >>> shifts-demo
    def shifts_and_hours(self, seeder: Seeder) -> None:
        from frivillig.hours.demo import create_demo_hours
        from frivillig.hours.models import HoursEntry
        from frivillig.shifts.demo import create_demo_shifts
        from frivillig.shifts.models import SignUp

        shifts = create_demo_shifts(seeder.users)
        self.line(f"Vagter: {shifts.shifts} i de fire uger bag og otte uger frem ({shifts.new_shifts} nye)")
        self.line(f"Arrangementer: {shifts.events} i demoen ({shifts.new_events} nye)")
        self.line(f"Tilmeldinger: {SignUp.objects.count()} i alt ({shifts.new_signups} nye)")
        if shifts.skipped:
            self.line(f"  Sprunget over (opslaget eller organisationen findes ikke): {', '.join(shifts.skipped)}")
        hours = create_demo_hours(shifts.attendance)
        self.line(f"Timer: {HoursEntry.objects.count()} registreringer i alt ({hours.new_entries} nye), "
                  f"fremmøde noteret for {hours.attendance} tilmeldinger")

    # <<< shifts-demo
    def sign_in_help(self) -> None:
        login_url = settings.SITE_URL + reverse("account_login")
        self.line("")
        self.line(self.style.SUCCESS(f"Log ind på {login_url} med adgangskoden {CAST_PASSWORD}:"))
        width = max(len(email_for(key)) for key in PEOPLE)
        for key in PEOPLE:
            self.line(f"  {email_for(key):<{width}}  {CAST_ROLES[key]}")
        self.line(f"dorte skal også bruge en TOTP-kode: læg hemmeligheden {DORTE_TOTP_SECRET} (DORTE_TOTP_SECRET i "
                  "frivillig/core/cast.py) i en autentificeringsapp.")
        self.line("Demobrugerne (fx mette.jensen@example.org) har samme adgangskode. Man kan også logge ind med en "
                  "kode på e-mail: mailen skrives i konsollen.")
