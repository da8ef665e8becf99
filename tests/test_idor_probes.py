"""IDOR probes: every cast member reaches for objects that are not theirs (issue 6, access control).

The URL-permission matrix (tests/test_url_permissions.py) asks whether each role may open each page for the
cast's own objects. This file asks the opposite question: what happens when someone puts another's id, slug or
token into an address, a form or an API call? Every such attempt must be refused (403 or 404; a visitor may be
sent to sign in, and frida to set up TOTP on coordinator pages and the volunteer team's), and nothing in the
database may change.

1. `test_idor_probe`: a probe generator over every URL pattern with object kwargs. The kind of object a pattern
   names is read from the route (the segment before its last kwarg: "opslag/<pk>" is an opportunity, "tilmelding/
   <token>" a sign-up's link); how it may be reached is read from the matrix's rule (members only, coordinators
   only, or open to anyone with the address). Each (pattern, role) pair is one test case that GETs a set of
   guesses (unless the page is POST-only) and POSTs them (where the page takes POSTs) with the matrix's payload:
   - members' pages: another organisation's object under the role's own slug, the same object under its real
     organisation's slug, and a guessed id (the highest pk + 1) or an unknown slug;
   - coordinators' pages: anyone but dorte tries real objects; dorte tries what even she cannot reach (a
     dissolved organisation's, an unknown id);
   - open pages by id: drafts, paused, closed and unpublished posts, unpublished events, a dissolved
     organisation's objects and unknown ids, also for the posts' own members;
   - a person's own things (saved searches, certificates): another person's, and a guessed one;
   - secret links (applications, guardian consent, sign-ups, calendar feeds, unsubscribe, invitations): a random
     token, the other kinds of token (a child's own application token on the guardian's consent page, ...), a
     real token cut short or in the wrong case, and a renewed (old) calendar address.
2. `test_every_url_with_object_kwargs_is_probed`: the coverage guard. A pattern with object kwargs needs probes
   or an entry in PUBLIC_BY_INTENT with a reason. (Public pages by id, like an opportunity's, are probed with
   what the public must not see, so they are not in it.)
3. Form posts carrying ids of other organisations' objects (hours, attendance, logging hours, the inbox's
   filters and export, allauth's e-mail and connections pages), fields a form does not have (mass assignment),
   an outsider's broken form (access is checked before the form is read), and lists that must not name
   hidden posts.
4. The public API: unpublished posts and dissolved organisations are 404 and never listed.
5. Coordinator pages without TOTP: frida never gets one, nor a page of the volunteer team, by GET or POST.

The world (the cast, its opportunities, applications and hours, and objects of B, U and a dissolved
organisation D) is built once for the module in a transaction rolled back at the end; each test runs in its own
savepoint.
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frivillig.core.cast import build_cast
from tests import signup_fixtures
from tests.application_fixtures import build_applications
from tests.hours_fixtures import build_hours
from tests.module_data import built_once
from tests.opportunity_fixtures import _data, _published, build_opportunities
from tests.signin import sign_in
from tests.test_url_permissions import LOGIN, ROLES, RULES, TOTP_SETUP
from tests.url_patterns import Pattern, url_patterns

# --- what a pattern names, and how it may be reached ------------------------------------------------------

KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
# The route segment before a pattern's last kwarg says what kind of object the kwarg names.
SEGMENT_KINDS = {
    "organisationer": "organisation",
    "opslag": "opportunity",
    "muligheder": "opportunity",
    "opportunities": "opportunity",  # the API
    "ansoegninger": "application",
    "vagter": "shift",
    "arrangementer": "event",
    "frivillige": "engagement",
    "medlemmer": "membership",
    "invitationer": "invitation",
    "gemte-soegninger": "saved_search",
    "frivilligbevis": "certificate",
    "bevis": "certificate",
    "invitation": "invitation_token",
    "ansoegning": "application_token",
    "samtykke": "guardian_token",
    "tilmelding": "signup_token",
    "kalender": "feed_token",
    "afmeld": "saved_search_token",
}
PERSON_KINDS = {"saved_search", "certificate"}
TOKEN_KINDS = {"invitation_token", "application_token", "guardian_token", "signup_token", "feed_token",
               "saved_search_token"}

# Patterns with object kwargs that get no probes, and why.
PUBLIC_BY_INTENT = {
    "account_confirm_email": "allauth's e-mail confirmation: the signed key is the secret, checked by allauth",
    "account_reset_password_from_key": "allauth's password reset: the signed key is the secret, checked by allauth",
    "openid_connect_login": "the provider id names a configured sign-in provider, not anyone's object",
    "openid_connect_callback": "the provider id names a configured sign-in provider, not anyone's object",
    "media": "uploaded files are public images (logos); unknown paths are 404",
}

# The organisations each role belongs to (the volunteer team is the coordinators' own).
OWN_ORGS = {"visitor": (), "ane": (), "erik": ("A",), "bo": ("A",), "carl": ("B",), "gitte": ("U",),
            "dorte": ("team",), "frida": ("team",)}


def object_kwargs(route: str) -> list[str]:
    return KWARG.findall(route)


def kind_of(pattern: Pattern) -> str | None:
    """The kind of object the pattern's last kwarg names, from the route segment before it."""
    names = object_kwargs(pattern.route)
    if not names:
        return None
    segments = pattern.route.split("/")
    position = next(index for index, segment in enumerate(segments) if re.search(rf"<(?:\w+:)?{names[-1]}>", segment))
    return SEGMENT_KINDS.get(segments[position - 1]) if position else None


def mode_of(key: str) -> str:
    """How the matrix says the pattern is reached: "coordinator", "member" (signed in) or "open"."""
    rule = RULES[key]
    if rule.get.get("frida") == TOTP_SETUP:
        return "coordinator"
    if LOGIN in rule.get.values():
        return "member"
    return "open"


def is_post_only(key: str) -> bool:
    return 405 in RULES[key].get.values()


@dataclass(frozen=True)
class Case:
    key: str
    role: str

    def __str__(self) -> str:
        return f"{self.key}-{self.role}"

    @property
    def pattern(self) -> Pattern:
        return PROBED[self.key]

    @property
    def methods(self) -> tuple[str, ...]:
        """GET unless the page is POST-only; POST where the page takes POSTs (the matrix's rule says what they
        give). A page that takes no POSTs runs the same code for one as for a GET."""
        return (() if is_post_only(self.key) else ("GET",)) + (("POST",) if RULES[self.key].post else ())


def _probed() -> dict[str, Pattern]:
    patterns = [pattern for pattern in url_patterns() if not pattern.is_admin]
    return {
        pattern.key: pattern for pattern in patterns
        if object_kwargs(pattern.route) and pattern.key not in PUBLIC_BY_INTENT and kind_of(pattern)
        and pattern.key in RULES
    }


PROBED = _probed()
CASES = [Case(key, role) for key in PROBED for role in ROLES]


# --- the world -------------------------------------------------------------------------------------------


@dataclass
class World:
    cast: object
    by_org: dict = field(default_factory=dict)  # kind → org key → pk (slug for organisations)
    hidden: dict = field(default_factory=dict)  # kind → [(value, why)] the public never reaches
    beyond_coordinator: dict = field(default_factory=dict)  # kind → [(value, why)] not even dorte reaches
    owned: dict = field(default_factory=dict)  # person kind → role → value
    tokens: dict = field(default_factory=dict)  # token kind → [(token, why)]
    old_tokens: dict = field(default_factory=dict)  # token kind → [(token, why)] that no longer work
    guessed: dict = field(default_factory=dict)  # kind → a value no one has (highest pk + 1, unknown slug, ...)
    extra: dict = field(default_factory=dict)  # the rows made for the world, by name
    baseline: dict = field(default_factory=dict)  # snapshot() of the world as every test starts from it


KIND_MODELS = {
    "opportunity": "opportunities.Opportunity",
    "application": "applications.Application",
    "shift": "shifts.Shift",
    "event": "shifts.Event",
    "engagement": "applications.Engagement",
    "membership": "organisations.Membership",
    "invitation": "organisations.Invitation",
    "saved_search": "suggestions.SavedSearch",
}


def _published_post(organisation, actor, title: str):
    return _published(organisation=organisation, actor=actor, title=title, summary="Et opslag til prøverne.",
                      description="Kom og vær med.", categories=["besoegsven"])


def _carl_volunteers_at_u(cast) -> dict:
    """carl applied to U's post and was accepted; he has approved hours, a certificate and pending hours."""
    from frivillig.applications import services as application_services
    from frivillig.applications.models import Application
    from frivillig.hours import services as hours_services

    carl, gitte, today = cast.users["carl"], cast.users["gitte"], timezone.localdate()
    application = application_services.application_create(
        opportunity=cast.opportunities.published_u, user=carl, language="da",
        data={"name": "Carl Nørgaard", "phone": "", "birth_year": 1980, "message": "Jeg læser gerne højt."},
    )
    engagement = application_services.application_set_status(
        application=application, status=Application.Status.ACCEPTED, actor=gitte,
        start_date=today - timedelta(days=30),
    )
    approved = hours_services.hours_log(volunteer=carl, engagement=engagement, date=today - timedelta(days=10),
                                        hours=Decimal("2"), note="Højtlæsning")
    hours_services.hours_decide(entries=[approved], actor=gitte, approve=True)
    pending = hours_services.hours_log(volunteer=carl, engagement=engagement, date=today - timedelta(days=3),
                                       hours=Decimal("1.5"), note="Avislæsning")
    certificate = hours_services.certificate_issue(volunteer=carl, language="da")
    return {"application": application, "engagement": engagement, "pending": pending, "certificate": certificate}


def _dissolved_organisation(cast) -> dict:
    """D: an association with a published post, a shift, an event, an application and an invitation, then
    dissolved by its admin dina (not in the cast)."""
    from frivillig.accounts.models import User
    from frivillig.organisations import services as organisation_services
    from frivillig.organisations.models import Invitation, Membership, Organisation
    from tests.application_fixtures import _guest

    dina = User.objects.create_user("dina@example.org", name="Dina Dahl")
    organisation = Organisation.objects.create(
        slug="den-nedlagte-forening", name="Den Nedlagte Forening", kind=Organisation.Kind.ASSOCIATION,
        description="Vi er holdt op.", postcode="2000", city="Frederiksberg", contact_email="d@example.org",
        is_verified=True,
    )
    membership = Membership.objects.create(user=dina, organisation=organisation, role=Membership.Role.ADMIN)
    opportunity = _published_post(organisation, dina, "Opslag fra en nedlagt forening")
    rows = {
        "organisation": organisation, "membership": membership, "opportunity": opportunity,
        "shift": signup_fixtures.shift_for(opportunity),
        "event": signup_fixtures.event_with_registration(organisation, title="Den nedlagte forenings møde"),
        "application": _guest(opportunity, name="Dagny Gæst", email="dagny@example.org", birth_year=1975),
        "invitation": Invitation.objects.create(organisation=organisation, email="ny-d@example.org", invited_by=dina),
    }
    organisation_services.organisation_dissolve(organisation=organisation, actor=dina)
    return rows


def _hidden_posts(cast) -> dict:
    """Posts of A the public never sees: paused, closed and unpublished by a coordinator."""
    from frivillig.opportunities import services as opportunity_services

    bo = cast.users["bo"]
    paused = _published_post(cast["A"], bo, "Et sat-på-pause opslag")
    opportunity_services.opportunity_pause(opportunity=paused, actor=bo)
    closed = _published_post(cast["A"], bo, "Et lukket opslag")
    opportunity_services.opportunity_close(opportunity=closed, actor=bo)
    unpublished = _published_post(cast["A"], bo, "Et afpubliceret opslag")
    opportunity_services.opportunity_unpublish(opportunity=unpublished, coordinator=cast.users["dorte"],
                                               reason="Opslaget beder om betaling.")
    return {"paused": paused, "closed": closed, "unpublished": unpublished}


def _guessed(cast) -> dict:
    guessed = {kind: (apps.get_model(label).objects.aggregate(top=Max("pk"))["top"] or 0) + 1
               for kind, label in KIND_MODELS.items()}
    return guessed | {"organisation": "findes-ikke", "certificate": "ABCD-EFGH-JK23"}


def _other_rows(cast) -> dict:
    """Everything besides the cast's fixtures: B's draft, U's shift, events, invitations, saved searches and
    calendar feeds (carl's renewed), and shifts of posts the public does not see."""
    from frivillig.opportunities import services as opportunity_services
    from frivillig.organisations.models import Invitation
    from frivillig.shifts.models import new_token

    users, orgs, posts = cast.users, cast.organisations, cast.opportunities
    rows = {"hidden": _hidden_posts(cast), "shift_u": signup_fixtures.shift_for(posts.published_u)}
    signup_fixtures.user_signup(rows["shift_u"], users["ane"])
    rows["draft_b"] = opportunity_services.opportunity_create(organisation=orgs["B"], actor=users["carl"], data=_data(
        title="Lektiehjælper (kladde)", summary="Hjælp med lektier.", description="Mere følger.",
        categories=["boern-unge"]))
    rows["events"] = {key: signup_fixtures.event_with_registration(orgs[key]) for key in ("A", "B", "U")}
    rows["hidden_event"] = signup_fixtures.event_with_registration(orgs["A"], title="Et hemmeligt arrangement",
                                                                   is_published=False)
    rows["hidden_shifts"] = {"draft": signup_fixtures.shift_for(posts.draft_a),
                             "paused": signup_fixtures.shift_for(rows["hidden"]["paused"])}
    rows["invitations"] = {
        key: Invitation.objects.create(organisation=orgs[key], email=f"ny-{key.lower()}@example.org",
                                       invited_by=users[admin])
        for key, admin in (("A", "bo"), ("B", "carl"), ("U", "gitte"))
    }
    rows["searches"] = {name: users[name].saved_searches.create(name="Ældre", query="q=%C3%A6ldre")
                        for name in ("ane", "carl")}
    rows["feeds"] = {name: signup_fixtures.feed_of(users[name]) for name in ("ane", "carl")}
    rows["old_feed_token"] = rows["feeds"]["carl"].token
    rows["feeds"]["carl"].token = new_token()
    rows["feeds"]["carl"].save(update_fields=["token"])
    return rows


def _by_org(cast, rows: dict) -> dict:
    """One object of each kind per organisation that has one."""
    from frivillig.organisations.models import Membership

    users, orgs, posts, d = cast.users, cast.organisations, cast.opportunities, rows["d"]
    return {
        "organisation": {key: organisation.slug for key, organisation in orgs.items()},
        "opportunity": {"A": posts.published_a.pk, "B": rows["draft_b"].pk, "U": posts.published_u.pk,
                        "D": d["opportunity"].pk},
        "application": {"A": cast.applications.ane_a.pk, "U": rows["carl_u"]["application"].pk,
                        "D": d["application"].pk},
        "shift": {"A": rows["hours"].shift.pk, "B": rows["events"]["B"].registration.pk, "U": rows["shift_u"].pk,
                  "D": d["shift"].pk},
        "event": {key: event.pk for key, event in rows["events"].items()} | {"D": d["event"].pk},
        "engagement": {"A": rows["hours"].engagement.pk, "U": rows["carl_u"]["engagement"].pk},
        "membership": {
            key: Membership.objects.get(organisation=orgs[key], user=users[name]).pk
            for key, name in (("A", "erik"), ("B", "carl"), ("U", "gitte"), ("team", "frida"))
        } | {"D": d["membership"].pk},
        "invitation": {key: invitation.pk for key, invitation in rows["invitations"].items()}
        | {"D": d["invitation"].pk},
    }


def _hidden(cast, rows: dict, guessed: dict) -> dict:
    """What open pages never show, to anyone: (value, why) by kind."""
    posts, hidden, d = cast.opportunities, rows["hidden"], rows["d"]
    dissolved = "a dissolved organisation's"
    return {
        "organisation": [(d["organisation"].slug, "a dissolved organisation"), (guessed["organisation"], "unknown")],
        "opportunity": [
            (posts.draft_a.pk, "A's draft"), (posts.draft_u.pk, "U's draft"), (rows["draft_b"].pk, "B's draft"),
            (hidden["paused"].pk, "paused"), (hidden["closed"].pk, "closed"),
            (hidden["unpublished"].pk, "unpublished by a coordinator"),
            (d["opportunity"].pk, dissolved), (guessed["opportunity"], "the highest id + 1"),
        ],
        "shift": [
            (rows["hidden_shifts"]["draft"].pk, "a draft's shift"),
            (rows["hidden_shifts"]["paused"].pk, "a paused post's shift"),
            (rows["hidden_event"].registration.pk, "an unpublished event's registration"),
            (d["shift"].pk, dissolved), (guessed["shift"], "the highest id + 1"),
        ],
        "event": [(rows["hidden_event"].pk, "unpublished"), (d["event"].pk, dissolved),
                  (guessed["event"], "the highest id + 1")],
        "certificate": [(guessed["certificate"], "a code no one has")],
    }


def _tokens(cast, rows: dict) -> dict:
    applications = cast.applications
    return {
        "application_token": [(applications.guest_a.token, "a guest's application"),
                              (applications.minor_u.token, "a child's own application")],
        "guardian_token": [(applications.minor_u.guardian_token, "a guardian's consent")],
        "signup_token": [(rows["hours"].guest_signup.token, "a guest's sign-up")],
        "feed_token": [(rows["feeds"]["ane"].token, "ane's calendar")],
        "saved_search_token": [(rows["searches"]["ane"].token, "ane's unsubscribe link")],
        "invitation_token": [(rows["invitations"]["A"].token, "an invitation to A")],
    }


def build_world() -> World:
    cast = build_cast()
    cast.opportunities = build_opportunities(cast)
    cast.applications = build_applications(cast)
    rows = {"hours": build_hours(cast), "carl_u": _carl_volunteers_at_u(cast), "d": _dissolved_organisation(cast)}
    cast.organisations["D"] = rows["d"]["organisation"]
    rows |= _other_rows(cast)
    world = World(cast=cast, guessed=_guessed(cast), extra=rows)  # guessed after every row is made
    world.by_org = _by_org(cast, rows)
    world.hidden = _hidden(cast, rows, world.guessed)
    world.beyond_coordinator = {
        "organisation": world.hidden["organisation"],
        "opportunity": [(rows["d"]["opportunity"].pk, "a dissolved organisation's"),
                        (world.guessed["opportunity"], "the highest id + 1")],
    }
    world.owned = {
        "saved_search": {name: search.pk for name, search in rows["searches"].items()},
        "certificate": {"ane": rows["hours"].certificate.code, "carl": rows["carl_u"]["certificate"].code},
    }
    world.tokens = _tokens(cast, rows)
    world.old_tokens = {"feed_token": [(rows["old_feed_token"], "carl's renewed (old) calendar address")]}
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once for the module inside a transaction that is rolled back at the end."""
    with built_once(django_db_blocker):
        built = build_world()
        built.baseline = snapshot()
        yield built


@pytest.fixture(scope="module")
def idor_client():
    """One client for the module: a new Client loads the middleware again (see the matrix's `matrix_client`)."""
    return Client()


def client_as(client: Client, world: World, role: str) -> Client:
    client.logout()
    if role != "visitor":
        sign_in(client, world.cast.users[role])
    return client


# --- the guesses -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    kwargs: dict
    why: str


def _org_guesses(case: Case, world: World, kind: str) -> list[Guess]:
    mode = mode_of(case.key)
    if mode == "open":
        return [Guess({"value": value}, why) for value, why in world.hidden[kind]]
    if mode == "coordinator" and case.role == "dorte":
        return [Guess({"value": value}, why) for value, why in world.beyond_coordinator[kind]]
    own = () if mode == "coordinator" else OWN_ORGS[case.role]
    theirs = {key: value for key, value in world.by_org[kind].items() if key not in own}
    guesses = [Guess({"value": value}, f"{key}'s") for key, value in theirs.items()]
    return guesses + [Guess({"value": world.guessed[kind]}, "a guessed one")]


def _scoped_guesses(case: Case, world: World, kind: str) -> list[Guess]:
    """An object of another organisation under the role's own slug, and under its own organisation's slug."""
    own = OWN_ORGS[case.role]
    slugs = world.by_org["organisation"]
    theirs = {key: value for key, value in world.by_org[kind].items() if key not in own}
    # Under the role's own slug, a dissolved organisation's object would add nothing to an active one's.
    guesses = [Guess({"slug": slugs[mine], "value": value}, f"{key}'s under {mine}'s slug")
               for mine in own for key, value in theirs.items() if key != "D"]
    guesses += [Guess({"slug": slugs[key], "value": value}, f"{key}'s under its own slug")
                for key, value in theirs.items()]
    mine = own[0] if own else "A"
    return guesses + [Guess({"slug": slugs[mine], "value": world.guessed[kind]}, f"a guessed id under {mine}'s slug")]


def _person_guesses(case: Case, world: World, kind: str) -> list[Guess]:
    if mode_of(case.key) == "open":
        return [Guess({"value": value}, why) for value, why in world.hidden[kind]]
    others = [Guess({"value": value}, f"{owner}'s") for owner, value in world.owned[kind].items()
              if owner != case.role]
    return others + [Guess({"value": world.guessed[kind]}, "a guessed one")]


def _token_guesses(case: Case, world: World, kind: str) -> list[Guess]:
    real, why = world.tokens[kind][0]
    guesses = [Guess({"value": secrets.token_urlsafe(24)}, "a random token"),
               Guess({"value": real[:-1]}, f"{why}, cut short"),
               Guess({"value": real.swapcase()}, f"{why}, in the wrong case")]
    guesses += [Guess({"value": token}, f"{whose} (another kind of link)")
                for other, tokens in world.tokens.items() if other != kind for token, whose in tokens]
    return guesses + [Guess({"value": token}, why) for token, why in world.old_tokens.get(kind, [])]


def guesses_for(case: Case, world: World) -> list[Guess]:
    kind = kind_of(case.pattern)
    if kind in TOKEN_KINDS:
        guesses = _token_guesses(case, world, kind)
    elif kind in PERSON_KINDS:
        guesses = _person_guesses(case, world, kind)
    elif "<slug:slug>" in case.pattern.route and kind != "organisation" and mode_of(case.key) == "member":
        guesses = _scoped_guesses(case, world, kind)
    else:
        guesses = _org_guesses(case, world, kind)
    name = object_kwargs(case.pattern.route)[-1]
    return [Guess({key if key != "value" else name: value for key, value in guess.kwargs.items()}, guess.why)
            for guess in guesses]


# --- refusals and the database ---------------------------------------------------------------------------


def is_refusal(response, *, role: str, path: str, needs_totp: bool = False) -> bool:
    """403 or 404; a visitor sent to sign in (and back here after); frida sent to set up TOTP where the page
    needs it (coordinator pages, and the volunteer team's pages)."""
    if response.status_code in (403, 404):
        return True
    if role == "visitor" and LOGIN.matches(response, path):
        return True
    return role == "frida" and needs_totp and TOTP_SETUP.matches(response, path)


def snapshot() -> dict:
    """Every row of every table of ours (users without their password and last sign-in, which signing in sets).
    Read with plain SQL: the ORM's overhead would dominate the probes."""
    rows = {}
    with connection.cursor() as cursor:
        for config in apps.get_app_configs():
            if not config.name.startswith("frivillig"):
                continue
            for model in config.get_models():
                columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields
                                    if f.attname not in {"last_login", "password"})
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT {columns} FROM {table} ORDER BY 1")  # noqa: S608 - our own table names
                rows[model._meta.label] = cursor.fetchall()
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


# --- 1. the probes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
def test_idor_probe(case: Case, world, idor_client, db):
    client = client_as(idor_client, world, case.role)
    rule = RULES[case.key]
    guesses = guesses_for(case, world)
    data = rule.data(world.cast)
    coordinator_page = mode_of(case.key) == "coordinator"
    team = world.by_org["organisation"]["team"]
    wrong, requests = [], []
    for guess in guesses:
        url = reverse(case.key, kwargs=guess.kwargs)
        needs_totp = coordinator_page or guess.kwargs.get("slug") == team
        for method in case.methods:
            response = client.post(url, data) if method == "POST" else client.get(url)
            requests.append(f"{method} {url}")
            if not is_refusal(response, role=case.role, path=urlsplit(url).path, needs_totp=needs_totp):
                wrong.append(f"{method} {url} ({guess.why}): {response.status_code} {response.get('Location', '')}")
    assert guesses, f"no guesses for {case}"
    assert not wrong, f"{case.role} reached objects that are not theirs:\n  " + "\n  ".join(wrong)
    after = snapshot()
    assert after == world.baseline, (
        f"{case.role}'s refused requests changed {changed_tables(world.baseline, after)}:\n  " + "\n  ".join(requests)
    )


# --- 2. the coverage guard -------------------------------------------------------------------------------


def test_every_url_with_object_kwargs_is_probed():
    patterns = [pattern for pattern in url_patterns() if not pattern.is_admin]  # the admin is staff-only (matrix)
    keys = {pattern.key for pattern in patterns}
    unprobed = sorted(
        f"{pattern.key} ({pattern.route})" for pattern in patterns
        if object_kwargs(pattern.route) and pattern.key not in PUBLIC_BY_INTENT and pattern.key not in PROBED
    )
    assert not unprobed, (
        "URL patterns with object kwargs that no IDOR probe covers. Name the kind of object in SEGMENT_KINDS "
        "(and give the world one of another organisation or person), or say in PUBLIC_BY_INTENT why anyone may "
        "reach any of them:\n  " + "\n  ".join(unprobed)
    )
    assert not PUBLIC_BY_INTENT.keys() - keys, f"PUBLIC_BY_INTENT names no pattern: {PUBLIC_BY_INTENT.keys() - keys}"
    assert not PUBLIC_BY_INTENT.keys() & PROBED.keys(), "a pattern is both probed and public by intent"
    assert all(reason.strip() for reason in PUBLIC_BY_INTENT.values()), "every public pattern needs a reason"
    assert all(case.methods for case in CASES), "a POST-only pattern needs POST expectations in the matrix"


def test_every_probed_pattern_has_guesses_for_every_role(world):
    """The generator finds something to try for every case (a kind with no objects would probe nothing)."""
    empty = [str(case) for case in CASES if not guesses_for(case, world)]
    assert not empty, f"no guesses for {empty}"


# --- 3. ids in form posts, and fields a form does not have ----------------------------------------------


def refused_by_form(response) -> bool:
    """403/404, or the page again (200) or back to it (302) with an error, and never a success message."""
    if response.status_code in (403, 404):
        return True
    levels = {message.level for message in get_messages(response.wsgi_request)}
    if message_levels.SUCCESS in levels:
        return False
    return response.status_code in (200, 302) and bool(levels & {message_levels.ERROR, message_levels.INFO})


def _pending(world: World, org: str) -> int:
    return {"A": world.extra["hours"].pending.pk, "U": world.extra["carl_u"]["pending"].pk}[org]


# (who, whose slug, whose pending entry, how it is sent): the ticked box, or one entry's own button, whose value
# ("approve:<pk>") is not checked against the boxes' choices.
DECIDE_PROBES = [
    ("bo", "A", "U", "ticked"), ("bo", "A", "U", "button"), ("erik", "A", "U", "button"),
    ("carl", "B", "A", "ticked"), ("carl", "B", "A", "button"), ("gitte", "U", "A", "ticked"),
    ("gitte", "U", "A", "button"), ("dorte", "team", "U", "button"),
]


@pytest.mark.parametrize(("role", "slug_of", "entry_of", "sent"), DECIDE_PROBES,
                         ids=["-".join(probe) for probe in DECIDE_PROBES])
def test_deciding_another_organisations_hours(role, slug_of, entry_of, sent, world, idor_client, db):
    client = client_as(idor_client, world, role)
    entry = _pending(world, entry_of)
    data = {"entries": [entry], "decision": "approve"} if sent == "ticked" else {"decision": f"approve:{entry}"}
    response = client.post(reverse("hours:decide", kwargs={"slug": world.by_org["organisation"][slug_of]}), data)
    assert refused_by_form(response), f"{response.status_code} {response.get('Location', '')}"
    assert snapshot() == world.baseline


def _signup_on(shift) -> int:
    return shift.signups.order_by("pk").first().pk


def test_recording_attendance_of_another_shifts_people(world, idor_client, db):
    """bo marks, on A's shift, the sign-ups of U's shift: they are not on the form, so nothing is recorded."""
    client = client_as(idor_client, world, "bo")
    hours = world.extra["hours"]
    foreign = _signup_on(world.extra["shift_u"])
    url = reverse("hours:attendance", kwargs={"slug": world.by_org["organisation"]["A"], "pk": hours.shift.pk})
    response = client.post(url, {f"signup_{foreign}": "attended"})
    assert refused_by_form(response), f"{response.status_code} {response.get('Location', '')}"
    assert snapshot() == world.baseline


def test_attendance_changes_only_the_shifts_own_people(world, idor_client, db):
    """Marked together with one of A's own sign-ups, U's sign-up is left as it was."""
    from frivillig.shifts.models import SignUp

    client = client_as(idor_client, world, "bo")
    hours = world.extra["hours"]
    foreign = _signup_on(world.extra["shift_u"])
    url = reverse("hours:attendance", kwargs={"slug": world.by_org["organisation"]["A"], "pk": hours.shift.pk})
    client.post(url, {f"signup_{hours.signup.pk}": "attended", f"signup_{foreign}": "attended"})
    assert SignUp.objects.get(pk=hours.signup.pk).attendance == SignUp.Attendance.ATTENDED
    assert SignUp.objects.get(pk=foreign).attendance == ""


def test_recording_attendance_on_ones_own_shift_with_anothers_people(world, idor_client, db):
    """carl, on B's own event, marks A's sign-ups: refused, and nothing changes."""
    client = client_as(idor_client, world, "carl")
    shift = world.extra["events"]["B"].registration
    url = reverse("hours:attendance", kwargs={"slug": world.by_org["organisation"]["B"], "pk": shift.pk})
    response = client.post(url, {f"signup_{world.extra['hours'].signup.pk}": "attended"})
    assert refused_by_form(response), f"{response.status_code} {response.get('Location', '')}"
    assert snapshot() == world.baseline


LOG_PROBES = [("erik", "A"), ("bo", "A"), ("carl", "A"), ("ane", "U"), ("gitte", "U"), ("dorte", "U")]


@pytest.mark.parametrize(("role", "engagement_of"), LOG_PROBES, ids=["-".join(probe) for probe in LOG_PROBES])
def test_logging_hours_on_someone_elses_engagement(role, engagement_of, world, idor_client, db):
    """The hours page's hidden `engagement` field names the engagement; another person's is 404."""
    client = client_as(idor_client, world, role)
    engagement = world.by_org["engagement"][engagement_of]
    prefix = f"e{engagement}"
    data = {"engagement": engagement, f"{prefix}-date": timezone.localdate().isoformat(), f"{prefix}-hours": "2",
            f"{prefix}-note": "Ikke mine timer"}
    assert client.post(reverse("hours:my_hours"), data).status_code == 404
    assert snapshot() == world.baseline


# (who, whose inbox, whose opportunity in ?opportunity=)
EXPORT_PROBES = [("bo", "A", "U"), ("erik", "A", "D"), ("carl", "B", "A"), ("gitte", "U", "A"), ("dorte", "team", "U")]


@pytest.mark.parametrize(("role", "inbox_of", "opportunity_of"), EXPORT_PROBES,
                         ids=["-".join(probe) for probe in EXPORT_PROBES])
def test_exporting_another_organisations_applications(role, inbox_of, opportunity_of, world, idor_client, db):
    """The export's ?opportunity= must be the organisation's own: another's is 404, never a wider export."""
    client = client_as(idor_client, world, role)
    url = reverse("applications:export", kwargs={"slug": world.by_org["organisation"][inbox_of]})
    response = client.get(url, {"opportunity": world.by_org["opportunity"][opportunity_of]})
    assert response.status_code == 404
    assert snapshot() == world.baseline, "a refused export was audited or changed something"


def test_inbox_filter_with_another_organisations_opportunity(world, idor_client, db):
    """A's inbox filtered by U's opportunity shows A's own inbox, and nothing of U's applicants or post."""
    client = client_as(idor_client, world, "bo")
    url = reverse("applications:inbox", kwargs={"slug": world.by_org["organisation"]["A"]})
    response = client.get(url, {"opportunity": world.by_org["opportunity"]["U"]})
    content = response.content.decode()
    assert response.status_code == 200
    assert world.extra["carl_u"]["application"].name not in content
    assert world.cast.opportunities.published_u.title not in content


def _newest(model_label: str):
    return apps.get_model(model_label).objects.order_by("-pk").first()


def _form_of(world: World, key: str, **extra) -> dict:
    """The matrix's payload for `key` (a valid form), plus fields the form does not have."""
    return RULES[key].data(world.cast) | extra


def _mass_assignment_cases(world: World) -> dict:
    """name → (role, URL, payload with fields the form does not have, the row made or changed, what it must hold)."""
    users, orgs, posts = world.cast.users, world.by_org["organisation"], world.cast.opportunities
    u_pk, ane = world.cast["U"].pk, users["ane"].pk
    public_shift = signup_fixtures.shift_for(posts.published_a)
    return {
        "opportunity-create": (
            "bo", reverse("opportunities:create", kwargs={"slug": orgs["A"]}),
            _form_of(world, "opportunities:create", organisation=u_pk, status="published", created_by=users["carl"].pk,
                     role_confirmed_by=users["gitte"].pk),
            lambda: _newest("opportunities.Opportunity"),
            {"organisation_id": world.cast["A"].pk, "status": "draft", "created_by_id": users["bo"].pk,
             "role_confirmed_by_id": None},
        ),
        "opportunity-edit": (
            "bo", reverse("opportunities:edit", kwargs={"slug": orgs["A"], "pk": posts.published_a.pk}),
            _form_of(world, "opportunities:edit", organisation=u_pk, status="closed", unpublished_reason="x"),
            lambda: type(posts.published_a).objects.get(pk=posts.published_a.pk),
            {"organisation_id": world.cast["A"].pk, "status": "published", "unpublished_reason": ""},
        ),
        "organisation-edit": (
            "carl", reverse("organisations:edit", kwargs={"slug": orgs["B"]}),
            _form_of(world, "organisations:edit", name="Lektiecaféen", is_verified="on", is_volunteer_team="on",
                     slug="overtaget"),
            lambda: type(world.cast["B"]).objects.get(pk=world.cast["B"].pk),
            {"is_verified": False, "is_volunteer_team": False, "slug": orgs["B"]},
        ),
        "invitation": (
            "bo", reverse("organisations:members", kwargs={"slug": orgs["A"]}),
            {"email": "ny-medhjaelper@example.org", "role": "editor", "organisation": u_pk},
            lambda: _newest("organisations.Invitation"),
            {"organisation_id": world.cast["A"].pk, "email": "ny-medhjaelper@example.org"},
        ),
        "shift": (
            "bo", reverse("shifts:opportunity_shifts", kwargs={"slug": orgs["A"], "pk": posts.published_a.pk}),
            _form_of(world, "shifts:opportunity_shifts", opportunity=posts.published_u.pk, organisation=u_pk),
            lambda: _newest("shifts.Shift"),
            {"opportunity_id": posts.published_a.pk, "organisation_id": world.cast["A"].pk},
        ),
        "event": (
            "bo", reverse("shifts:event_create", kwargs={"slug": orgs["A"]}),
            _form_of(world, "shifts:event_create", organisation=u_pk),
            lambda: _newest("shifts.Event"),
            {"organisation_id": world.cast["A"].pk},
        ),
        "saved-search": (
            "carl", reverse("suggestions:saved_search_create"),
            _form_of(world, "suggestions:saved_search_create", user=ane),
            lambda: _newest("suggestions.SavedSearch"),
            {"user_id": users["carl"].pk},
        ),
        "signup": (
            "carl", reverse("shifts:signup_create", kwargs={"pk": public_shift.pk}),
            {"name": "Ane Holm", "email": "ane@example.org", "user": ane},
            lambda: _newest("shifts.SignUp"),
            {"user_id": users["carl"].pk, "email": "carl@example.org", "shift_id": public_shift.pk},
        ),
        "application": (
            "carl", reverse("applications:apply", kwargs={"pk": posts.child_certificate_a.pk}),
            {"name": "Ane Holm", "email": "ane@example.org", "user": ane, "birth_year": "1980", "status": "accepted"},
            lambda: _newest("applications.Application"),
            {"user_id": users["carl"].pk, "email": "carl@example.org", "status": "new"},
        ),
    }


MASS_ASSIGNMENT = ["opportunity-create", "opportunity-edit", "organisation-edit", "invitation", "shift", "event",
                   "saved-search", "signup", "application"]


@pytest.mark.parametrize("name", MASS_ASSIGNMENT)
def test_fields_a_form_does_not_have_are_ignored(name, world, idor_client, db):
    """A member posts, besides a valid form, the ids of other organisations and people in fields the form does
    not have: what is saved is still their own organisation's, and theirs."""
    role, url, data, row, expected = _mass_assignment_cases(world)[name]
    response = client_as(idor_client, world, role).post(url, data)
    assert response.status_code == 302, f"the valid form was not saved: {response.status_code}"
    saved = row()
    assert {key: getattr(saved, key) for key in expected} == expected


# --- 4. the public API -----------------------------------------------------------------------------------


def _titles(world: World) -> dict[int, str]:
    from frivillig.opportunities.models import Opportunity

    ids = [value for value, _why in world.hidden["opportunity"]]
    return dict(Opportunity.objects.filter(pk__in=ids).values_list("pk", "title"))


@pytest.mark.parametrize("role", ["visitor", "bo", "gitte", "dorte"])
def test_api_answers_404_for_what_is_not_public(role, world, idor_client, db):
    """Drafts, paused, closed and unpublished posts, a dissolved organisation's and unknown ids: 404 with nothing
    of the post in the answer, also for the post's own members and coordinators."""
    client = client_as(idor_client, world, role)
    titles = _titles(world)
    for pk, why in world.hidden["opportunity"]:
        response = client.get(reverse("api:opportunity_detail", kwargs={"opportunity_id": pk}), {"lang": "en"})
        assert response.status_code == 404, f"{why}: {response.status_code}"
        assert titles.get(pk, "\0") not in response.content.decode(), f"{why}: the answer names the post"


def _api_ids(client: Client, **query) -> set[int]:
    response = client.get(reverse("api:opportunity_list"), {"page_size": 100, **query})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_api_lists_no_hidden_opportunities(world, idor_client, db):
    """Searching for a hidden post by its title, its id or its category never lists it."""
    client = client_as(idor_client, world, "bo")
    hidden = set(_titles(world))
    assert _api_ids(client), "the list is empty, so it proves nothing"
    assert not _api_ids(client) & hidden
    for pk, title in _titles(world).items():
        assert pk not in _api_ids(client, q=title), f"searching for “{title}” lists it"
        assert pk not in _api_ids(client, q=str(pk))
    assert not _api_ids(client, categories="boern-unge") & hidden


def test_api_lists_no_dissolved_organisation(world, idor_client, db):
    client = client_as(idor_client, world, "visitor")
    dissolved = world.extra["d"]["organisation"]
    for query in ({"page_size": 100}, {"q": dissolved.name}, {"q": "Nedlagte"}):
        response = client.get(reverse("api:organisation_list"), query)
        assert response.status_code == 200
        listed = {item["id"] for item in response.json()["items"]}
        assert dissolved.pk not in listed and dissolved.name not in response.content.decode()
    assert world.cast["A"].pk in {item["id"] for item in client.get(reverse("api:organisation_list")).json()["items"]}


def _hidden_titles(world: World) -> list[str]:
    d = world.extra["d"]
    return [*_titles(world).values(), world.extra["hidden_event"].title, d["event"].title, d["organisation"].name]


LIST_PAGES = [
    ("core:home", {}, ""), ("opportunities:search", {}, ""), ("opportunities:search", {}, "q=opslag"),
    ("opportunities:search", {}, "q=kladde"), ("opportunities:feed", {}, "q=opslag"),
    ("organisations:detail", {"slug": "besoegsvennerne-frederiksberg"}, ""),
    ("organisations:directory", {}, "q=Nedlagte"), ("shifts:calendar", {}, "visning=liste"),
    ("shifts:events_feed", {}, ""), ("suggestions:suggestions", {}, ""),
]


@pytest.mark.parametrize("role", ["visitor", "ane", "bo"])
def test_lists_never_show_what_is_not_public(role, world, idor_client, db):
    """The pages that list posts, organisations and events name none of the hidden ones, also to A's admin."""
    client = client_as(idor_client, world, role)
    similar = reverse("opportunities:detail", kwargs={"pk": world.cast.opportunities.published_a.pk})
    urls = [reverse(key, kwargs=kwargs) + (f"?{query}" if query else "") for key, kwargs, query in LIST_PAGES]
    shown = {}
    for url in [*urls, similar]:
        content = client.get(url).content.decode()
        shown[url] = [title for title in _hidden_titles(world) if title in content]
    assert not {url: titles for url, titles in shown.items() if titles}
    search = client.get(reverse("opportunities:search"), {"q": "ældre"}).content.decode()
    assert world.cast.opportunities.published_a.title in search, "the search lists nothing, so proves nothing"


# --- 5. coordinator pages without TOTP -------------------------------------------------------------------

COORDINATOR_KEYS = [key for key in RULES if mode_of(key) == "coordinator"]
# The volunteer team's own pages (what coordinators do as Frivillighedsteamet) need TOTP like coordinators'.
TEAM_KEYS = [key for key, pattern in PROBED.items() if "<slug:slug>" in pattern.route and mode_of(key) == "member"]


def _team_kwargs(world: World, key: str) -> dict:
    pattern = PROBED[key]
    kwargs = {"slug": world.by_org["organisation"]["team"]}
    name = object_kwargs(pattern.route)[-1]
    if name != "slug":
        kwargs[name] = world.guessed[kind_of(pattern)]
    return kwargs


@pytest.mark.parametrize("key", COORDINATOR_KEYS + TEAM_KEYS)
def test_frida_without_totp_never_gets_a_coordinator_page(key, world, idor_client, db):
    """frida is a coordinator and an admin of the volunteer team, without TOTP: every coordinator page and every
    page of the team sends her to set it up, for GET and POST alike, and her POSTs change nothing."""
    client = client_as(idor_client, world, "frida")
    rule = RULES[key]
    url = reverse(key, kwargs=_team_kwargs(world, key) if key in TEAM_KEYS else rule.kwargs(world.cast))
    data = rule.data(world.cast)
    before = snapshot()
    methods = ("POST",) if key in TEAM_KEYS and is_post_only(key) else ("GET", "POST")  # GET of a POST-only: 405
    answers = {method: client.post(url, data) if method == "POST" else client.get(url) for method in methods}
    wrong = {method: f"{answer.status_code} {answer.get('Location', '')}" for method, answer in answers.items()
             if not TOTP_SETUP.matches(answer, urlsplit(url).path)}
    assert not wrong, f"{url}: {wrong}"
    assert snapshot() == before


# An outsider's broken form must meet the access check first, not the form's validation.
POSTED_MEMBER_KEYS = [key for key, pattern in PROBED.items()
                      if "<slug:slug>" in pattern.route and mode_of(key) == "member" and RULES[key].post]


@pytest.mark.parametrize("key", POSTED_MEMBER_KEYS)
def test_an_outsiders_empty_form_is_refused_before_it_is_read(key, world, idor_client, db):
    """carl posts an empty form to A's own objects under A's slug: 404, as with a valid one."""
    client = client_as(idor_client, world, "carl")
    pattern = PROBED[key]
    kwargs = {"slug": world.by_org["organisation"]["A"]}
    name = object_kwargs(pattern.route)[-1]
    if name != "slug":
        kwargs[name] = world.by_org[kind_of(pattern)]["A"]
    response = client.post(reverse(key, kwargs=kwargs), {"role": "ukendt", "decision": "?"})
    assert response.status_code == 404, f"{response.status_code} {response.get('Location', '')}"
    assert snapshot() == world.baseline


def test_removing_someone_elses_email_address(world, idor_client, db):
    """allauth's e-mail page names the address in the POST: ane names bo's, and bo's stays as it was."""
    from allauth.account.models import EmailAddress

    client = client_as(idor_client, world, "ane")
    before = list(EmailAddress.objects.order_by("pk").values_list("user_id", "email", "verified", "primary"))
    for action in ("action_remove", "action_primary", "action_send"):
        response = client.post(reverse("account_email"), {"email": "bo@example.org", action: ""})
        assert response.status_code in (200, 302, 403, 404), response.status_code
        assert not {m.level for m in get_messages(response.wsgi_request)} & {message_levels.SUCCESS}, action
    assert list(EmailAddress.objects.order_by("pk").values_list("user_id", "email", "verified", "primary")) == before


def test_disconnecting_someone_elses_sign_in_provider(world, idor_client, db):
    """The connections page posts the account's id: ane posts bo's, and bo keeps it."""
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.create(user=world.cast.users["bo"], provider="mitid", uid="bo-1")
    client = client_as(idor_client, world, "ane")
    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert response.status_code in (200, 302, 403, 404), response.status_code
    assert SocialAccount.objects.filter(pk=account.pk, user=world.cast.users["bo"]).exists()
