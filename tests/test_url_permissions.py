"""The URL-permission matrix (standing test 1 of issue 2).

Every URL pattern the project serves (our own, allauth's and the admin) must have a rule in RULES: either
public by intent, or an expected answer for each member of the cast (STYLE.md). Each (URL, role) pair is its own
test case. A pattern without a rule, or a rule without a pattern, fails `test_every_url_pattern_has_a_rule`, so a
new page cannot ship without deciding who may see it.

POST-only endpoints are checked twice: GET must answer 405, and a POST by someone who may not use the endpoint
must be refused (403/404, or the login page for visitors) and leave the database as it was.

Some URLs answer differently for different objects or input (a draft's public page is 404 for everyone, also its
own members; an unpublish without a reason changes nothing). Those states are in VARIANTS, keyed
"<URL name>@<state>", and are cases of the matrix like the rest.

The cast has opportunities for these tests (tests/opportunity_fixtures.py), reachable as `cast.opportunities`, and
applications (tests/application_fixtures.py), reachable as `cast.applications`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from frivillig.core.cast import build_cast
from tests import hours_fixtures, shift_fixtures
from tests import signup_fixtures as shift_cases
from tests.application_fixtures import build_applications
from tests.module_data import built_once
from tests.opportunity_fixtures import build_opportunities
from tests.signin import sign_in
from tests.url_patterns import url_patterns

ROLES = ("visitor", "ane", "erik", "bo", "carl", "gitte", "dorte", "frida")


@dataclass(frozen=True)
class Redirect:
    """A redirect to the named URL; `next=True` also requires ?next=<the requested path> (login-style)."""

    to: str
    next: bool = False

    def __str__(self) -> str:
        return f"302→{self.to}"

    def matches(self, response, requested: str) -> bool:
        if response.status_code not in (301, 302):
            return False
        location = urlsplit(response["Location"])
        try:
            target = resolve(location.path).view_name
        except Resolver404:
            return False
        if target != self.to:
            return False
        return not self.next or requested in unquote(location.query)


Expect = int | Redirect

LOGIN = Redirect("account_login", next=True)
TOTP_SETUP = Redirect("mfa_activate_totp")
MIN_SIDE = Redirect("accounts:min_side")
HOME = Redirect("core:home")
REAUTHENTICATE = Redirect("account_reauthenticate", next=True)


def roles(default: Expect, **by_role: Expect) -> dict[str, Expect]:
    """Expected answers: `default` for the visitor, `signed_in` (default: `default`) for the rest, then by name."""
    signed_in = by_role.pop("signed_in", default)
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"Unknown roles {unknown}"
    return {role: default if role == "visitor" else signed_in for role in ROLES} | by_role


def _no_kwargs(cast) -> dict:
    return {}


@dataclass(frozen=True)
class Rule:
    get: dict[str, Expect]
    kwargs: Callable = _no_kwargs  # builds reverse() kwargs from the cast; may create rows (rolled back)
    path: str = ""  # for unnamed patterns, which cannot be reversed
    post: dict[str, Expect] = field(default_factory=dict)  # POST expectations, for endpoints that take POSTs
    data: Callable = _no_kwargs  # the POST payload
    state: Callable | None = None  # what a POST by anyone not in `may_post` must leave unchanged
    may_post: frozenset[str] = frozenset()
    why: str = ""  # for rules that are not obvious

    def url(self, key: str, cast) -> str:
        return self.path or reverse(key, kwargs=self.kwargs(cast))


def public(default: Expect = 200, **kwargs) -> Rule:
    return Rule(get=roles(default), **kwargs)


def signed_in(**kwargs) -> Rule:
    return Rule(get=roles(LOGIN, signed_in=200), **kwargs)


def coordinator(**kwargs) -> Rule:
    """Coordinator pages: dorte in, frida first to TOTP setup, everyone else refused, visitors to sign in.

    With `state`, a POST by everyone but dorte is refused alike and must change nothing.
    """
    post = COORDINATOR_POST_REFUSED if "state" in kwargs else {}
    return Rule(get=roles(LOGIN, signed_in=403, dorte=200, frida=TOTP_SETUP), post=post, **kwargs)


COORDINATOR_POST_REFUSED = {
    role: expected for role, expected in roles(LOGIN, signed_in=403, frida=TOTP_SETUP).items() if role != "dorte"
}


# --- builders for URL kwargs -----------------------------------------------------------------------------


def _email_confirmation_key(cast) -> dict:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    from frivillig.accounts.models import User

    user = User.objects.create_user("ny@example.org")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return {"key": EmailConfirmationHMAC(address).key}


def _password_reset_key(cast) -> dict:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = type(cast.users["ane"]).objects.get(pk=cast.users["ane"].pk)  # fresh: the token covers last_login
    return {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}


def _org(key: str) -> Callable:
    return lambda cast: {"slug": cast[key].slug}


def _erik_in_a(cast) -> dict:
    from frivillig.organisations.models import Membership

    membership = Membership.objects.get(user=cast.users["erik"], organisation=cast["A"])
    return {"slug": cast["A"].slug, "membership_id": membership.pk}


def _new_invitation(cast):
    from frivillig.organisations.models import Invitation

    return Invitation.objects.create(organisation=cast["A"], email="ny@example.org", invited_by=cast.users["bo"])


def _invitation_token(cast) -> dict:
    return {"token": _new_invitation(cast).token}


def _invitation_in_a(cast) -> dict:
    return {"slug": cast["A"].slug, "invitation_id": _new_invitation(cast).pk}


def _profile_payload(cast) -> dict:
    """A valid profile for association A, under a new name."""
    organisation = cast["A"]
    return {
        "name": "Overtaget",
        "kind": organisation.kind,
        "cvr": "10150817",  # a valid CVR number (modulus 11)
        "description": organisation.description,
        "description_language": "da",
        "contact_email": organisation.contact_email,
        "postcode": organisation.postcode,
        "accept_terms": "on",
    }


def _opportunity(name: str) -> Callable:
    """The public address of one of the cast's opportunities (see tests/opportunity_fixtures.py)."""
    return lambda cast: {"pk": getattr(cast.opportunities, name).pk}


def _managed(name: str) -> Callable:
    """The management address of one of the cast's opportunities, under its own organisation's slug."""

    def kwargs(cast) -> dict:
        opportunity = getattr(cast.opportunities, name)
        return {"slug": opportunity.organisation.slug, "pk": opportunity.pk}

    return kwargs


def _api_opportunity(name: str) -> Callable:
    return lambda cast: {"opportunity_id": getattr(cast.opportunities, name).pk}


def _paused(cast) -> dict:
    """A's published opportunity, paused by bo (rolled back after the case)."""
    from frivillig.opportunities.services import opportunity_pause

    opportunity = cast.opportunities.published_a
    opportunity_pause(opportunity=opportunity, actor=cast.users["bo"])
    return {"pk": opportunity.pk}


def _opportunity_payload(cast, **changes) -> dict:
    """A valid opportunity form for an association."""
    from frivillig.core.models import Category

    data = {
        "title": "Overtaget opslag",
        "summary": "Skrevet af en, der ikke må.",
        "description": "Kom og vær med.",
        "language": "da",
        "categories": [Category.objects.get(slug="besoegsven").pk],
        "time_commitment": "regular",
    }
    return data | changes


# What a refused POST must leave as it was.


def _organisations(cast) -> list:
    from frivillig.organisations.models import Organisation

    return list(Organisation.objects.values_list("slug", "name", "is_verified", "dissolved_at").order_by("slug"))


def _memberships(cast) -> list:
    from frivillig.organisations.models import Membership

    return list(Membership.objects.values_list("organisation__slug", "user__email", "role").order_by("pk"))


def _invitations(cast) -> list:
    from frivillig.organisations.models import Invitation

    return list(Invitation.objects.values_list("email", "accepted_at", "revoked_at").order_by("pk"))


def _site_configuration(cast) -> list:
    from frivillig.core.models import SiteConfiguration

    return list(SiteConfiguration.objects.values())


def _areas(cast) -> list:
    from frivillig.core.models import Area

    return list(Area.objects.values())


def _profiles(cast) -> list:
    from frivillig.accounts.models import VolunteerProfile

    return list(VolunteerProfile.objects.values().order_by("pk"))


def _opportunity_rows(cast) -> list:
    from frivillig.opportunities.models import Opportunity

    fields = ("organisation__slug", "title", "status", "role_confirmed_at", "unpublished_reason", "updated_at")
    return list(Opportunity.objects.values_list("pk", *fields).order_by("pk"))


# --- the table ------------------------------------------------------------------------------------------

SIGNED_IN_GO_TO_MIN_SIDE = roles(200, signed_in=MIN_SIDE)
# An organisation's posts (A: bo admin, erik editor): its members in, everyone else 404, visitors to sign in.
A_MEMBERS = frozenset({"erik", "bo"})
MANAGE_GET = roles(LOGIN, signed_in=404, erik=200, bo=200)
POST_ONLY = roles(LOGIN, signed_in=405)


def members_go_to(target: str) -> dict[str, Expect]:
    """POSTs to a form of A's: its members (erik, bo) are sent on to `target`, others 404, visitors to sign in."""
    return roles(LOGIN, signed_in=404, erik=Redirect(target), bo=Redirect(target))


def members_form(target: str, **rule) -> Rule:
    """A form of A's that only its members (erik, bo) may send; they are sent on to `target`."""
    return Rule(post=members_go_to(target), may_post=A_MEMBERS, **rule)


def manage_action(target: str, opportunity: str) -> Rule:
    """A POST-only status action on an opportunity of A: its members are sent on to `target`."""
    return members_form(target, get=POST_ONLY, kwargs=_managed(opportunity), state=_opportunity_rows)


RULES: dict[str, Rule] = {
    # core
    "core:home": public(),
    "core:privacy": public(),
    "core:cookies": public(),
    "core:theme_css": public(),
    "core:healthz": public(),
    "core:set_language": Rule(
        get=roles(405),
        post=roles(HOME),
        data=lambda cast: {"language": "en", "next": "/"},
        why="POST-only, and anyone may switch language",
    ),
    "core:site_configuration": coordinator(data=lambda cast: {"primary_colour": "#000000"}, state=_site_configuration),
    "core:areas": coordinator(data=lambda cast: {"areas-TOTAL_FORMS": "0"}, state=_areas),
    "core:policy_areas": coordinator(),
    "core:categories": coordinator(),
    "core:audit_log": coordinator(),
    # allauth: account
    "account_login": Rule(get=SIGNED_IN_GO_TO_MIN_SIDE),
    "account_signup": Rule(get=SIGNED_IN_GO_TO_MIN_SIDE),
    "account_request_login_code": Rule(get=SIGNED_IN_GO_TO_MIN_SIDE),
    "account_confirm_login_code": Rule(
        get=roles(Redirect("account_request_login_code"), signed_in=MIN_SIDE),
        why="only reachable after a code was requested",
    ),
    "account_logout": Rule(get=roles(HOME, signed_in=200), why="GET shows a confirmation; signing out is a POST"),
    "account_inactive": public(),
    "account_reauthenticate": signed_in(),
    "account_email": signed_in(),
    "account_email_verification_sent": public(),
    "account_confirm_email": public(kwargs=_email_confirmation_key),
    "account_change_password": signed_in(),
    "account_set_password": Rule(
        get=roles(LOGIN, signed_in=Redirect("account_change_password")),
        why="the cast all have passwords, so allauth sends them to change it instead",
    ),
    "account_reset_password": public(),
    "account_reset_password_done": public(),
    "account_reset_password_from_key": Rule(
        get=roles(Redirect("account_reset_password_from_key")),
        kwargs=_password_reset_key,
        why="a valid key is moved into the session and the browser redirected to the key-less URL",
    ),
    "account_reset_password_from_key_done": public(),
    # allauth: two-factor authentication
    "mfa_index": signed_in(),
    "mfa_authenticate": Rule(
        get=roles(Redirect("account_login"), signed_in=MIN_SIDE),
        why="only reachable in the middle of a password sign-in",
    ),
    "mfa_reauthenticate": Rule(
        get=roles(LOGIN, signed_in=Redirect("account_reauthenticate"), dorte=200),
        why="only people with TOTP re-authenticate with a code",
    ),
    "mfa_activate_totp": Rule(
        get=roles(LOGIN, signed_in=REAUTHENTICATE),
        why="allauth asks for the password again before TOTP changes, even right after signing in",
    ),
    "mfa_deactivate_totp": Rule(get=roles(LOGIN, signed_in=404, dorte=REAUTHENTICATE), why="404 without TOTP"),
    "mfa_view_recovery_codes": Rule(get=roles(LOGIN, signed_in=404), why="no one in the cast has recovery codes"),
    "mfa_generate_recovery_codes": Rule(get=roles(LOGIN, signed_in=REAUTHENTICATE)),
    "mfa_download_recovery_codes": Rule(get=roles(LOGIN, signed_in=404), why="no one in the cast has recovery codes"),
    # allauth: OpenID Connect (no providers are configured in tests, so provider URLs are 404 for all)
    "socialaccount_login_cancelled": public(),
    "socialaccount_login_error": public(401, why="allauth answers 401 with an explanation page"),
    "socialaccount_signup": public(Redirect("account_login"), why="only reachable during a provider sign-in"),
    "socialaccount_connections": signed_in(),
    "openid_connect_login": public(404, kwargs=lambda cast: {"provider_id": "mitid"}),
    "openid_connect_callback": public(404, kwargs=lambda cast: {"provider_id": "mitid"}),
    "konto/social/login/cancelled/": public(301, path="/konto/social/login/cancelled/", why="allauth legacy redirect"),
    "konto/social/login/error/": public(301, path="/konto/social/login/error/", why="allauth legacy redirect"),
    "konto/social/signup/": public(301, path="/konto/social/signup/", why="allauth legacy redirect"),
    "konto/social/connections/": public(301, path="/konto/social/connections/", why="allauth legacy redirect"),
    # accounts
    "accounts:min_side": signed_in(),
    "accounts:profile_edit": signed_in(post={"visitor": LOGIN}, data=lambda cast: {"birth_year": "1990"},
                                       state=_profiles),
    # organisations: public pages
    "organisations:directory": public(),
    "organisations:detail": public(kwargs=_org("A")),
    "organisations:invitation": Rule(
        get=roles(200),
        kwargs=_invitation_token,
        post=roles(LOGIN, signed_in=200),
        state=_memberships,
        why="anyone with the link sees it; only the invited address can accept (the page explains why not)",
    ),
    # organisations: running one (A: bo admin, erik editor)
    "organisations:create": signed_in(post={"visitor": LOGIN}, data=_profile_payload, state=_organisations),
    "organisations:edit": members_form(
        "organisations:detail", get=MANAGE_GET, kwargs=_org("A"), data=_profile_payload, state=_organisations
    ),
    "organisations:members": Rule(
        get=roles(LOGIN, signed_in=404, erik=403, bo=200),
        kwargs=_org("A"),
        post=roles(LOGIN, signed_in=404, erik=403, bo=Redirect("organisations:members")),
        data=lambda cast: {"email": "ny@example.org", "role": "editor"},
        state=_invitations,
        may_post=frozenset({"bo"}),
    ),
    "organisations:member_role": Rule(
        get=roles(LOGIN, signed_in=405),
        kwargs=_erik_in_a,
        post=roles(LOGIN, signed_in=404, erik=403, bo=Redirect("organisations:members")),
        data=lambda cast: {"role": "admin"},
        state=_memberships,
        may_post=frozenset({"bo"}),
    ),
    "organisations:member_remove": Rule(
        get=roles(LOGIN, signed_in=405),
        kwargs=_erik_in_a,
        post=roles(LOGIN, signed_in=404, erik=403, bo=Redirect("organisations:members")),
        state=_memberships,
        may_post=frozenset({"bo"}),
    ),
    "organisations:admin_handover": Rule(
        get=roles(LOGIN, signed_in=405),
        kwargs=_erik_in_a,
        post=roles(LOGIN, signed_in=404, erik=403, bo=Redirect("organisations:members")),
        state=_memberships,
        may_post=frozenset({"bo"}),
    ),
    "organisations:invitation_revoke": Rule(
        get=roles(LOGIN, signed_in=405),
        kwargs=_invitation_in_a,
        post=roles(LOGIN, signed_in=404, erik=403, bo=Redirect("organisations:members")),
        state=_invitations,
        may_post=frozenset({"bo"}),
    ),
    "organisations:leave": Rule(
        get=roles(LOGIN, signed_in=405),
        kwargs=_org("A"),
        post=roles(LOGIN, signed_in=404, erik=MIN_SIDE, bo=Redirect("organisations:detail")),
        state=_memberships,
        may_post=frozenset({"erik"}),
        why="members leave; bo is A's last admin, so he is told he cannot",
    ),
    "organisations:dissolve": Rule(
        get=roles(LOGIN, signed_in=404, erik=403, bo=200),
        kwargs=_org("A"),
        post=roles(LOGIN, signed_in=404, erik=403, bo=MIN_SIDE),
        state=_organisations,
        may_post=frozenset({"bo"}),
    ),
    # organisations: coordinators
    "organisations:coordinator_overview": coordinator(),
    "organisations:municipal_units": coordinator(),
    "organisations:municipal_unit_create": coordinator(
        data=lambda cast: {"name": "Solbjerg Bibliotek", "manager_email": "leder@example.org"}, state=_organisations
    ),
    "organisations:verification_list": coordinator(),
    "organisations:verify": Rule(
        get=roles(LOGIN, signed_in=403, dorte=405, frida=TOTP_SETUP),
        kwargs=_org("B"),
        post=roles(LOGIN, signed_in=403, dorte=Redirect("organisations:verification_list"), frida=TOTP_SETUP),
        data=lambda cast: {"verified": "1"},
        state=_organisations,
        may_post=frozenset({"dorte"}),
    ),
    # opportunities: public pages (drafts, paused and unknown posts are in VARIANTS)
    "opportunities:search": public(),
    "opportunities:detail": public(kwargs=_opportunity("published_u")),
    "opportunities:feed": public(),
    "opportunities:child_certificate": public(),
    # opportunities: an organisation's members manage its posts
    "opportunities:manage_list": Rule(get=MANAGE_GET, kwargs=_org("A")),
    "opportunities:create": members_form(
        "opportunities:preview",
        get=MANAGE_GET,
        kwargs=_org("A"),
        data=_opportunity_payload,
        state=_opportunity_rows,
    ),
    "opportunities:edit": members_form(
        "opportunities:preview",
        get=MANAGE_GET,
        kwargs=_managed("published_a"),
        data=_opportunity_payload,
        state=_opportunity_rows,
    ),
    "opportunities:preview": Rule(get=MANAGE_GET, kwargs=_managed("draft_a"), why="members preview drafts"),
    "opportunities:publish": manage_action("opportunities:manage_list", "draft_a"),
    "opportunities:pause": manage_action("opportunities:manage_list", "published_a"),
    "opportunities:close": manage_action("opportunities:manage_list", "published_a"),
    "opportunities:duplicate": manage_action("opportunities:edit", "published_a"),
    # opportunities: coordinators unpublish any post, with a reason
    "opportunities:unpublish": Rule(
        get=roles(LOGIN, signed_in=403, dorte=200, frida=TOTP_SETUP),
        kwargs=_opportunity("published_a"),
        post=COORDINATOR_POST_REFUSED | {"dorte": Redirect("organisations:detail")},
        data=lambda cast: {"reason": "Opslaget beder om betaling for at deltage."},
        state=_opportunity_rows,
        may_post=frozenset({"dorte"}),
    ),
    # the public read API and its documentation: open to all, no drafts (see VARIANTS)
    "api_docs": public(),
    "api:api-root": public(Redirect("api_docs"), why="the API's root sends people to its documentation"),
    "api:openapi-json": public(),
    "api:opportunity_list": public(),
    "api:opportunity_detail": public(kwargs=_api_opportunity("published_u")),
    "api:organisation_list": public(),
    # applications: the applicant's side (issue 4)
    # >>> applicant rules
    # Anyone may apply to a published post: a guest is then sent to "check your e-mail" (the apply page again), a
    # signed-in person to the application's page. Refusals (a draft, applying twice, an empty form) are VARIANTS.
    "applications:apply": Rule(
        get=roles(200),
        kwargs=_opportunity("child_certificate_a"),
        post=roles(Redirect("applications:apply"), signed_in=Redirect("applications:mine")),
        data=lambda cast: {"name": "Ny Frivillig", "email": "ny-frivillig@example.org", "birth_year": "1980"},
        may_post=frozenset(ROLES),
        why="applying is open to everyone, with or without an account",
    ),
    # The applicant's pages are reached by the secret token in the e-mailed link: whoever has it may use them.
    "applications:mine": public(kwargs=lambda cast: {"token": cast.applications.guest_a.token},
                                why="the secret link is the key; no account needed"),
    "applications:confirm": Rule(
        get=roles(200),
        kwargs=lambda cast: {"token": cast.applications.unconfirmed_a.token},
        post=roles(Redirect("applications:mine")),
        may_post=frozenset(ROLES),
        why="GET only asks (mail scanners open links); the button's POST confirms; the token is the key",
    ),
    "applications:withdraw": Rule(
        get=roles(405),
        kwargs=lambda cast: {"token": cast.applications.guest_a.token},
        post=roles(Redirect("applications:mine")),
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
        may_post=frozenset(ROLES),
        why="POST-only; anyone with the secret link may withdraw",
    ),
    "applications:guardian_consent": Rule(
        get=roles(200),
        kwargs=lambda cast: {"token": cast.applications.minor_u.guardian_token},
        post=roles(Redirect("applications:guardian_consent")),
        data=lambda cast: {"consent": "yes"},
        may_post=frozenset(ROLES),
        why="the guardian's secret link is the key; the answer is a POST",
    ),
    "applications:my_applications": signed_in(),
    # <<< applicant rules
    # applications: the organisation's inbox (issue 4)
    # >>> inbox rules
    # A's inbox (ane_a and guest_a are new there): A's members in, everyone else 404, visitors to sign in.
    "applications:inbox": Rule(get=MANAGE_GET, kwargs=_org("A")),
    "applications:opportunity_inbox": Rule(get=MANAGE_GET, kwargs=_managed("published_a")),
    "applications:inbox_detail": Rule(
        get=MANAGE_GET, kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk}
    ),
    "applications:export": Rule(get=MANAGE_GET, kwargs=_org("A"), why="the inbox as CSV, for A's members"),
    "applications:set_status": members_form(
        "applications:inbox_detail",
        get=POST_ONLY,
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk},
        data=lambda cast: {"status": "accepted", "message": "Velkommen!", "start_date": "2030-01-01"},
        # The application's row, its events and its engagement (the models reached through the cast's rows).
        state=lambda cast: [
            list(type(cast.applications.ane_a).objects.values_list("pk", "status", "first_response_at")),
            list(cast.applications.ane_a.events.model.objects.values_list("pk", "kind", "to_status", "text")),
            list(cast.opportunities.published_a.engagements.model.objects.values_list("pk", "application_id")),
        ],
    ),
    "applications:add_note": members_form(
        "applications:inbox_detail",
        get=POST_ONLY,
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk},
        data=lambda cast: {"text": "Skrevet af en, der ikke må."},
        state=lambda cast: list(cast.applications.ane_a.events.model.objects.values_list("pk", "kind", "text")),
    ),
    # <<< inbox rules
    # suggestions and saved searches (issue 4)
    # >>> suggestions rules
    # Each person's own suggestions and saved searches. The rows are ane's (made by the kwargs, rolled back after
    # the case); the state is every saved search, reached through ane's related manager.
    "suggestions:suggestions": signed_in(),
    "suggestions:saved_searches": signed_in(),
    "suggestions:saved_search_create": signed_in(
        post=roles(LOGIN, signed_in=Redirect("suggestions:saved_searches")),
        data=lambda cast: {"name": "Alle nye opslag", "frequency": "weekly", "language": "da"},
        state=lambda cast: list(cast.users["ane"].saved_searches.model.objects.values_list("user_id", "query")),
        may_post=frozenset(ROLES) - {"visitor"},
        why="anyone signed in saves searches of their own",
    ),
    "suggestions:saved_search_update": Rule(
        get=POST_ONLY,
        kwargs=lambda cast: {"pk": cast.users["ane"].saved_searches.create(name="Ældre", query="q=%C3%A6ldre").pk},
        post=roles(LOGIN, signed_in=404, ane=Redirect("suggestions:saved_searches")),
        data=lambda cast: {"emails": "daily"},
        state=lambda cast: list(
            cast.users["ane"].saved_searches.model.objects.values_list("pk", "frequency", "is_active")
        ),
        may_post=frozenset({"ane"}),
        why="only the search's owner; for everyone else it does not exist",
    ),
    "suggestions:saved_search_delete": Rule(
        get=POST_ONLY,
        kwargs=lambda cast: {"pk": cast.users["ane"].saved_searches.create(name="Ældre", query="q=%C3%A6ldre").pk},
        post=roles(LOGIN, signed_in=404, ane=Redirect("suggestions:saved_searches")),
        state=lambda cast: list(cast.users["ane"].saved_searches.model.objects.values_list("pk", flat=True)),
        may_post=frozenset({"ane"}),
        why="only the search's owner; for everyone else it does not exist",
    ),
    "suggestions:unsubscribe": Rule(
        get=roles(200),
        kwargs=lambda cast: {"token": cast.users["ane"].saved_searches.create(name="Ældre", query="q=ældre").token},
        post=roles(200),
        why="a digest's one-click link: the token is the key, no sign-in; mail programs POST to it (RFC 8058)",
    ),
    "suggestions:resubscribe": Rule(
        get=roles(405),
        kwargs=lambda cast: {"token": cast.users["ane"].saved_searches.create(name="Ældre", query="q=ældre").token},
        post=roles(200),
        may_post=frozenset(ROLES),
        why="POST-only undo on the unsubscribe page; the token is the key",
    ),
    # <<< suggestions rules
    # shifts and events (issue 5)
    # >>> shifts-volunteer rules
    # A shift of a published role is public; anyone may sign up: a guest is then sent to "check your e-mail" (the
    # shift's page again), a signed-in person to the sign-up's own page. Refusals and other states are VARIANTS.
    # The rows come from tests/signup_fixtures.py (made per case, rolled back).
    "shifts:shift_detail": public(kwargs=shift_cases.shift_kwargs),
    "shifts:signup_create": Rule(
        get=roles(405),
        kwargs=shift_cases.shift_kwargs,
        post=roles(Redirect("shifts:shift_detail"), signed_in=Redirect("shifts:signup")),
        data=lambda cast: {"name": "Ny Frivillig", "email": "ny-vagt@example.org"},
        may_post=frozenset(ROLES),
        why="POST-only; signing up is open to everyone, with or without an account",
    ),
    # The sign-up's pages are reached by the secret token in the e-mailed link: whoever has it may use them.
    "shifts:signup": public(kwargs=shift_cases.held_token, why="the secret link is the key; no account needed"),
    "shifts:signup_confirm": Rule(
        get=roles(200),
        kwargs=shift_cases.held_token,
        post=roles(Redirect("shifts:signup")),
        may_post=frozenset(ROLES),
        why="GET only asks (mail scanners open links); the button's POST confirms; the token is the key",
    ),
    "shifts:signup_cancel": Rule(
        get=roles(405),
        kwargs=shift_cases.confirmed_token,
        post=roles(Redirect("shifts:signup")),
        state=shift_cases.signups_state,
        may_post=frozenset(ROLES),
        why="POST-only; anyone with the secret link may cancel",
    ),
    "shifts:signup_ics": public(kwargs=shift_cases.confirmed_token, why="the sign-up's .ics; the token is the key"),
    "shifts:my_shifts": signed_in(),
    "shifts:calendar_renew": Rule(
        get=POST_ONLY,
        post=roles(LOGIN, signed_in=Redirect("shifts:my_shifts")),
        state=shift_cases.feeds_state,
        may_post=frozenset(ROLES) - {"visitor"},
        why="anyone signed in renews their own calendar address",
    ),
    "shifts:personal_feed": public(kwargs=shift_cases.ane_feed_kwargs,
                                   why="calendar programs fetch it without signing in; the token is the key"),
    "shifts:calendar": public(),
    "shifts:events_feed": public(),
    "shifts:event_detail": public(kwargs=shift_cases.event_kwargs),
    # <<< shifts-volunteer rules
    # >>> shifts-org rules
    # The organisation's side (A: bo admin, erik editor): A's members in, everyone else 404, visitors to sign in.
    # The rows come from tests/shift_fixtures.py (matrix_*), made per case and rolled back.
    "shifts:opportunity_shifts": members_form(
        "shifts:opportunity_shifts",
        get=MANAGE_GET,
        kwargs=_managed("published_a"),
        data=shift_fixtures.matrix_shift_payload,
        state=shift_fixtures.matrix_state,
    ),
    "shifts:weekly_pattern": members_form(
        "shifts:opportunity_shifts",
        get=MANAGE_GET,
        kwargs=_managed("published_a"),
        data=shift_fixtures.matrix_pattern_payload,
        state=shift_fixtures.matrix_state,
    ),
    "shifts:manage_shift": Rule(
        get=MANAGE_GET, kwargs=shift_fixtures.matrix_shift
    ),
    "shifts:shift_edit": members_form(
        "shifts:manage_shift",
        get=MANAGE_GET,
        kwargs=shift_fixtures.matrix_shift,
        data=shift_fixtures.matrix_shift_payload,
        state=shift_fixtures.matrix_state,
    ),
    "shifts:shift_cancel": members_form(
        "shifts:manage_shift",
        get=MANAGE_GET,
        kwargs=shift_fixtures.matrix_shift,
        data=shift_fixtures.matrix_shift_payload,
        state=shift_fixtures.matrix_state,
        why="GET asks for confirmation (with an optional reason); the POST cancels",
    ),
    "shifts:shift_message": members_form(
        "shifts:manage_shift",
        get=MANAGE_GET,
        kwargs=shift_fixtures.matrix_shift,
        data=shift_fixtures.matrix_shift_payload,
        state=shift_fixtures.matrix_state,
    ),
    "shifts:manage_events": Rule(get=MANAGE_GET, kwargs=_org("A")),
    "shifts:event_create": members_form(
        "shifts:manage_events",
        get=MANAGE_GET,
        kwargs=_org("A"),
        data=shift_fixtures.matrix_event_payload,
        state=shift_fixtures.matrix_state,
    ),
    "shifts:event_edit": members_form(
        "shifts:manage_events",
        get=MANAGE_GET,
        kwargs=shift_fixtures.matrix_event,
        data=shift_fixtures.matrix_event_payload,
        state=shift_fixtures.matrix_state,
    ),
    # <<< shifts-org rules
    # hours and certificates (issue 5)
    # >>> hours rules
    # The volunteer's own pages (ane has an engagement at A, hours and a certificate: tests/hours_fixtures.py,
    # made per case and rolled back). Others see their own (empty) pages; a POST logs hours only on one's own
    # engagement (404 for others) and makes a certificate only with approved hours (others get the form again).
    "hours:my_hours": Rule(
        get=roles(LOGIN, signed_in=200),
        kwargs=hours_fixtures.matrix_built,
        post=roles(LOGIN, signed_in=404, ane=Redirect("hours:my_hours")),
        data=hours_fixtures.matrix_log_payload,
        state=hours_fixtures.matrix_state,
        may_post=frozenset({"ane"}),
    ),
    "hours:certificate": Rule(
        get=roles(LOGIN, signed_in=200),
        kwargs=hours_fixtures.matrix_built,
        post=roles(LOGIN, signed_in=200, ane=Redirect("hours:certificate_pdf")),
        data=lambda cast: {"language": "en"},
        state=hours_fixtures.matrix_state,
        may_post=frozenset({"ane"}),
        why="anyone signed in may ask; without approved hours the page says there is nothing to certify",
    ),
    "hours:certificate_pdf": Rule(
        get=roles(LOGIN, signed_in=404, ane=200),
        kwargs=hours_fixtures.matrix_certificate,
        why="only the holder downloads their certificate; the public sees its verification page",
    ),
    "hours:certificate_revoke": Rule(
        get=POST_ONLY,
        kwargs=hours_fixtures.matrix_certificate,
        post=roles(LOGIN, signed_in=404, ane=Redirect("hours:certificate")),
        state=hours_fixtures.matrix_state,
        may_post=frozenset({"ane"}),
    ),
    # The verification pages are public by intent: the code is what the holder shows to whoever should check it.
    "hours:verify_form": public(),
    "hours:verify": public(
        kwargs=hours_fixtures.matrix_certificate
    ),
    # The organisation's side (A: bo admin, erik editor): A's members in, everyone else 404, visitors to sign in.
    "hours:organisation_hours": Rule(
        get=MANAGE_GET, kwargs=hours_fixtures.matrix_org
    ),
    "hours:decide": members_form(
        "hours:organisation_hours",
        get=POST_ONLY,
        kwargs=hours_fixtures.matrix_org,
        data=hours_fixtures.matrix_decide_payload,
        state=hours_fixtures.matrix_state,
    ),
    "hours:attendance": members_form(
        "shifts:manage_shift",
        get=POST_ONLY,
        kwargs=hours_fixtures.matrix_shift,
        data=hours_fixtures.matrix_attendance_payload,
        state=hours_fixtures.matrix_state,
    ),
    "hours:thank": members_form(
        "hours:organisation_hours",
        get=MANAGE_GET,
        kwargs=hours_fixtures.matrix_engagement,
        data=lambda cast: {"message": "Tak for din indsats!"},
        state=hours_fixtures.matrix_state,
    ),
    # <<< hours rules
    # uploaded files are public images; a missing one is 404 for everyone
    "media": public(404, kwargs=lambda cast: {"path": "organisations/logos/findes-ikke.png"}),
}

# More states of some URLs, keyed "<URL name>@<state>".
VARIANTS: dict[str, Rule] = {
    "opportunities:detail@draft": public(
        404, kwargs=_opportunity("draft_a"), why="a draft is never public, not even to its own members"
    ),
    "opportunities:detail@paused": public(404, kwargs=_paused),
    "opportunities:detail@unknown": public(404, kwargs=lambda cast: {"pk": 999999}),
    "opportunities:detail@association": public(kwargs=_opportunity("published_a")),
    "opportunities:detail@child-certificate": public(kwargs=_opportunity("child_certificate_a")),
    "opportunities:preview@municipal-draft": Rule(
        get=roles(LOGIN, signed_in=404, gitte=200), kwargs=_managed("draft_u"), why="only U's admin"
    ),
    "opportunities:create@empty-title": Rule(
        get={},
        kwargs=_org("A"),
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: _opportunity_payload(cast, title=""),
        state=_opportunity_rows,
        why="the form is shown again with its errors, and nothing is saved",
    ),
    "opportunities:unpublish@empty-reason": Rule(
        get={},
        kwargs=_opportunity("published_a"),
        post=COORDINATOR_POST_REFUSED | {"dorte": 200},
        data=lambda cast: {"reason": ""},
        state=_opportunity_rows,
        why="without a reason the form is shown again, and the post stays published",
    ),
    "api:opportunity_detail@draft": public(
        404, kwargs=_api_opportunity("draft_a"), why="no drafts through the API, not even for their members"
    ),
    "api:opportunity_detail@paused": public(404, kwargs=lambda cast: {"opportunity_id": _paused(cast)["pk"]}),
    # >>> applicant variants
    "applications:apply@draft": Rule(
        get=roles(404),
        kwargs=_opportunity("draft_a"),
        post=roles(404),
        data=lambda cast: {"name": "Ny Frivillig", "email": "ny-frivillig@example.org", "birth_year": "1980"},
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
        why="a draft takes no applications, not even from its own members",
    ),
    "applications:apply@applied-already": Rule(
        get=roles(200),
        kwargs=_opportunity("published_a"),
        post={"visitor": 200, "ane": 200},
        data=lambda cast: {"name": "Gæst Hansen", "email": "gaest@example.org", "birth_year": "1985"},
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
        why="ane and the guest (by e-mail) applied already: the page says so kindly, and nothing is saved",
    ),
    "applications:apply@empty": Rule(
        get={},
        kwargs=_opportunity("child_certificate_a"),
        post=roles(200),
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
        why="an empty form is shown again with its errors",
    ),
    "applications:mine@unconfirmed": public(kwargs=lambda cast: {"token": cast.applications.unconfirmed_a.token}),
    "applications:mine@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"}),
    "applications:confirm@confirmed": public(
        Redirect("applications:mine"), kwargs=lambda cast: {"token": cast.applications.guest_a.token},
        why="already confirmed: on to the application's page",
    ),
    "applications:confirm@unknown": Rule(
        get=roles(404),
        kwargs=lambda cast: {"token": "findes-ikke"},
        post=roles(404),
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
    ),
    "applications:withdraw@unknown": Rule(
        get={},
        kwargs=lambda cast: {"token": "findes-ikke"},
        post=roles(404),
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
    ),
    "applications:guardian_consent@no-answer": Rule(
        get={},
        kwargs=lambda cast: {"token": cast.applications.minor_u.guardian_token},
        post=roles(200),
        data=lambda cast: {"consent": "måske"},
        state=lambda cast: list(type(cast.applications.guest_a).objects.values_list("pk", "status").order_by("pk")),
        why="neither yes nor no: the page asks again, and the application keeps waiting",
    ),
    "applications:guardian_consent@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"}),
    # <<< applicant variants
    # >>> inbox variants
    "applications:inbox@municipal-unit": Rule(get=roles(LOGIN, signed_in=404, gitte=200), kwargs=_org("U")),
    "applications:inbox_detail@unconfirmed": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.unconfirmed_a.pk},
        why="not submitted (the guest has not confirmed the e-mail), so not even A's members see it",
    ),
    "applications:inbox_detail@awaiting-consent": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: {"slug": cast["U"].slug, "pk": cast.applications.minor_u.pk},
        why="not submitted until a guardian consents, so not even U's admin sees it",
    ),
    "applications:inbox_detail@municipal-unit": Rule(
        get=roles(LOGIN, signed_in=404, gitte=200),
        kwargs=lambda cast: {"slug": cast["U"].slug, "pk": cast.applications.ane_u.pk},
    ),
    "applications:inbox_detail@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_u.pk},
        why="U's application under A's slug: A's members are not U's, and U's admin must use U's address",
    ),
    "applications:opportunity_inbox@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.opportunities.published_u.pk},
        why="U's opportunity under A's slug",
    ),
    "applications:set_status@no-status": Rule(
        get={},
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk},
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: {"message": "Velkommen!"},
        state=lambda cast: list(type(cast.applications.ane_a).objects.values_list("pk", "status", "status_changed_at")),
        why="without a status the page is shown again with the error, and the application stays new",
    ),
    "applications:set_status@under-another-slug": Rule(
        get={},
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_u.pk},
        post=roles(LOGIN, signed_in=404),
        data=lambda cast: {"status": "accepted"},
        state=lambda cast: list(type(cast.applications.ane_u).objects.values_list("pk", "status", "status_changed_at")),
        why="U's application under A's slug: refused for everyone, also A's members and U's admin",
    ),
    "applications:add_note@empty": Rule(
        get={},
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk},
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: {"text": "  "},
        state=lambda cast: list(cast.applications.ane_a.events.model.objects.values_list("pk", "kind", "text")),
        why="an empty note is not saved; the page is shown again with the error",
    ),
    # <<< inbox variants
    # >>> suggestions variants
    "suggestions:saved_search_create@with-query": signed_in(
        path="/min-side/gemte-soegninger/ny/?q=%C3%A6ldre&areas=nord", why="the search page's link carries its query"
    ),
    "suggestions:saved_search_create@empty-name": Rule(
        get={},
        post=roles(LOGIN, signed_in=200),
        data=lambda cast: {"name": "", "frequency": "weekly", "language": "da"},
        state=lambda cast: list(cast.users["ane"].saved_searches.model.objects.values_list("user_id", "query")),
        why="without a name the form is shown again with the error, and nothing is saved",
    ),
    "suggestions:saved_search_update@bad-choice": Rule(
        get={},
        kwargs=lambda cast: {"pk": cast.users["ane"].saved_searches.create(name="Ældre", query="q=%C3%A6ldre").pk},
        post=roles(LOGIN, signed_in=404, ane=400),
        data=lambda cast: {"emails": "hver time"},
        state=lambda cast: list(
            cast.users["ane"].saved_searches.model.objects.values_list("pk", "frequency", "is_active")
        ),
        why="the list is shown again with the error, and nothing changes",
    ),
    "suggestions:unsubscribe@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"}),
    "suggestions:resubscribe@unknown": Rule(
        get={},
        kwargs=lambda cast: {"token": "findes-ikke"},
        post=roles(404),
        state=lambda cast: list(cast.users["ane"].saved_searches.model.objects.values_list("pk", "is_active")),
    ),
    # <<< suggestions variants
    # >>> shifts-volunteer variants
    "shifts:shift_detail@draft": public(
        404, kwargs=shift_cases.draft_shift_kwargs, why="a draft's shifts are never public, not even to its members"
    ),
    "shifts:shift_detail@cancelled": public(kwargs=shift_cases.cancelled_shift_kwargs),
    "shifts:shift_detail@full": public(kwargs=shift_cases.full_shift_kwargs),
    "shifts:shift_detail@event": public(
        Redirect("shifts:event_detail"), kwargs=shift_cases.event_shift_kwargs,
        why="an event's registration is signed up for on the event's page",
    ),
    "shifts:shift_detail@unknown": public(404, kwargs=lambda cast: {"pk": 999999}),
    "shifts:signup_create@draft": Rule(
        get={},
        kwargs=shift_cases.draft_shift_kwargs,
        post=roles(404),
        data=lambda cast: {"name": "Ny Frivillig", "email": "ny-vagt@example.org"},
        state=shift_cases.signups_state,
        why="a draft's shift takes no sign-ups, not even from its own members",
    ),
    "shifts:signup_create@cancelled": Rule(
        get={},
        kwargs=shift_cases.cancelled_shift_kwargs,
        post=roles(200),
        data=lambda cast: {"name": "Ny Frivillig", "email": "ny-vagt@example.org"},
        state=shift_cases.signups_state,
        why="the page says the shift is cancelled, and nothing is saved",
    ),
    "shifts:signup_create@empty": Rule(
        get={},
        kwargs=shift_cases.shift_kwargs,
        post={"visitor": 200},
        state=shift_cases.signups_state,
        why="a guest's empty form is shown again with its errors",
    ),
    "shifts:signup_create@signed-up-already": Rule(
        get={},
        kwargs=shift_cases.ane_signed_up_kwargs,
        post={"ane": 200},
        state=shift_cases.signups_state,
        why="ane is signed up already: the page says so kindly, and nothing is saved",
    ),
    "shifts:signup@waitlisted": public(kwargs=shift_cases.waitlisted_token),
    "shifts:signup@cancelled": public(kwargs=shift_cases.cancelled_token),
    "shifts:signup@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"}),
    "shifts:signup_confirm@confirmed": public(
        Redirect("shifts:signup"), kwargs=shift_cases.confirmed_token,
        why="already confirmed: on to the sign-up's page",
    ),
    "shifts:signup_confirm@unknown": Rule(
        get=roles(404),
        kwargs=lambda cast: {"token": "findes-ikke"},
        post=roles(404),
        state=shift_cases.signups_state,
    ),
    "shifts:signup_cancel@unknown": Rule(
        get={},
        kwargs=lambda cast: {"token": "findes-ikke"},
        post=roles(404),
        state=shift_cases.signups_state,
    ),
    "shifts:signup_ics@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"}),
    "shifts:personal_feed@unknown": public(404, kwargs=lambda cast: {"token": "findes-ikke"},
                                           why="also a renewed (old) address"),
    "shifts:calendar@list": public(path="/arrangementer/?visning=liste"),
    "shifts:calendar@month-and-kind": public(path="/arrangementer/?maaned=2030-02&type=course"),
    "shifts:calendar@bad-month": public(path="/arrangementer/?maaned=2030-13&type=ukendt"),
    "shifts:event_detail@full": public(kwargs=shift_cases.full_event_kwargs),
    "shifts:event_detail@unpublished": public(404, kwargs=shift_cases.hidden_event_kwargs),
    "shifts:event_detail@unknown": public(404, kwargs=lambda cast: {"pk": 999999}),
    # <<< shifts-volunteer variants
    # >>> shifts-org variants
    "shifts:opportunity_shifts@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.opportunities.published_u.pk},
        why="U's opportunity under A's slug",
    ),
    "shifts:opportunity_shifts@no-date": Rule(
        get={},
        kwargs=_managed("published_a"),
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: shift_fixtures.matrix_shift_payload(cast, date=""),
        state=shift_fixtures.matrix_state,
        why="the form is shown again with its error, and no shift is added",
    ),
    "shifts:weekly_pattern@no-weekday": Rule(
        get={},
        kwargs=_managed("published_a"),
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: shift_fixtures.matrix_pattern_payload(cast, weekdays=[]),
        state=shift_fixtures.matrix_state,
        why="the form is shown again with its error, and no shifts are added",
    ),
    "shifts:manage_shift@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: shift_fixtures.matrix_shift(cast, "B"),
        why="A's shift under B's slug: not even B's admin (carl) sees it",
    ),
    "shifts:manage_shift@event": Rule(
        get=MANAGE_GET,
        kwargs=shift_fixtures.matrix_event_shift,
        why="an event's registration is managed like a shift",
    ),
    "shifts:shift_edit@below-taken": Rule(
        get={},
        kwargs=shift_fixtures.matrix_shift,
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: shift_fixtures.matrix_shift_payload(cast, capacity="1"),
        state=shift_fixtures.matrix_state,
        why="two places are taken, so one place is refused on the form, and nothing changes",
    ),
    "shifts:shift_cancel@under-another-slug": Rule(
        get={},
        kwargs=lambda cast: shift_fixtures.matrix_shift(cast, "B"),
        post=roles(LOGIN, signed_in=404),
        state=shift_fixtures.matrix_state,
        why="A's shift under B's slug: refused for everyone, also carl",
    ),
    "shifts:shift_message@empty": Rule(
        get={},
        kwargs=shift_fixtures.matrix_shift,
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: {"message": "  "},
        state=shift_fixtures.matrix_state,
        why="an empty message is not sent; the form is shown again with the error",
    ),
    "shifts:manage_events@volunteer-team": Rule(
        get=roles(LOGIN, signed_in=404, dorte=200, frida=TOTP_SETUP), kwargs=_org("team"),
        why="coordinators make events as Frivillighedsteamet, being its admins; its pages need TOTP like theirs",
    ),
    "shifts:event_create@empty-title": Rule(
        get={},
        kwargs=_org("A"),
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: shift_fixtures.matrix_event_payload(cast, title=""),
        state=shift_fixtures.matrix_state,
        why="the form is shown again with its error, and nothing is saved",
    ),
    "shifts:event_edit@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: shift_fixtures.matrix_event(cast, "B"),
        post=roles(LOGIN, signed_in=404),
        data=shift_fixtures.matrix_event_payload,
        state=shift_fixtures.matrix_state,
        why="A's event under B's slug: refused for everyone, also carl",
    ),
    # <<< shifts-org variants
    # >>> hours variants
    "hours:verify@revoked": public(
        kwargs=hours_fixtures.matrix_revoked_certificate,
        why="a withdrawn certificate's page says it is no longer valid",
    ),
    "hours:verify@unknown": public(404, kwargs=lambda cast: {"code": "ABCD-EFGH-JK23"}),
    "hours:certificate_pdf@revoked": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=hours_fixtures.matrix_revoked_certificate,
        why="a withdrawn certificate cannot be downloaded, not even by its holder",
    ),
    "hours:decide@nothing-ticked": Rule(
        get=POST_ONLY,
        kwargs=hours_fixtures.matrix_org,
        post=roles(LOGIN, signed_in=404, erik=200, bo=200),
        data=lambda cast: {"decision": "approve"},
        state=hours_fixtures.matrix_state,
        why="the page again with an error; nothing changes",
    ),
    "hours:decide@under-another-slug": Rule(
        get=POST_ONLY,
        kwargs=lambda cast: {"slug": cast["B"].slug},
        post=roles(LOGIN, signed_in=404, carl=200),
        data=hours_fixtures.matrix_decide_payload,
        state=hours_fixtures.matrix_state,
        why="A's entry ids under B's slug are not B's: carl gets his page with an error and nothing changes",
    ),
    "hours:attendance@under-another-slug": Rule(
        get=POST_ONLY,
        kwargs=lambda cast: hours_fixtures.matrix_shift(cast, "B"),
        post=roles(LOGIN, signed_in=404),
        data=hours_fixtures.matrix_attendance_payload,
        state=hours_fixtures.matrix_state,
    ),
    "hours:thank@under-another-slug": Rule(
        get=roles(LOGIN, signed_in=404),
        kwargs=lambda cast: hours_fixtures.matrix_engagement(cast, "B"),
        post=roles(LOGIN, signed_in=404),
        data=lambda cast: {"message": "Tak!"},
        state=hours_fixtures.matrix_state,
    ),
    # <<< hours variants
}

# The admin is one staff-only rule, checked on its index: everyone but a superuser is sent to its own login.
ADMIN_RULE = Rule(get=roles(Redirect("admin:login", next=True)) | {"superuser": 200})
ADMIN_KEY = "admin:index"


# --- cases ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    method: str
    role: str

    def __str__(self) -> str:
        return f"{self.key}-{self.method}-{self.role}"

    @property
    def name(self) -> str:
        """The URL name (or route) the case requests: its key without a variant's "@state"."""
        return self.key.partition("@")[0]

    @property
    def rule(self) -> Rule:
        if self.key == ADMIN_KEY:
            return ADMIN_RULE
        return VARIANTS[self.key] if self.key in VARIANTS else RULES[self.key]

    @property
    def expected(self) -> Expect:
        return (self.rule.post if self.method == "POST" else self.rule.get)[self.role]


def _cases() -> list[Case]:
    cases = []
    for key, rule in [*RULES.items(), *VARIANTS.items(), (ADMIN_KEY, ADMIN_RULE)]:
        cases += [Case(key, "GET", role) for role in rule.get]
        cases += [Case(key, "POST", role) for role in rule.post]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def matrix_cast(django_db_setup, django_db_blocker):
    """The cast, built once for the whole matrix inside a transaction that is rolled back at the end.

    Each test still runs in its own savepoint (pytest-django's `db`), so what one case changes, the next
    does not see.
    """
    from frivillig.accounts.models import User

    with built_once(django_db_blocker):
        cast = build_cast()
        cast.opportunities = build_opportunities(cast)
        cast.applications = build_applications(cast)
        cast.users["superuser"] = User.objects.create_superuser("drift@example.org", "drift-adgangskode-1")
        yield cast


@pytest.fixture(scope="module")
def matrix_client():
    """One test client for the module: each new Client loads the middleware, and WhiteNoise then indexes every
    collected static file (150 ms), which would dominate the matrix."""
    return Client()


def _answer_matches(expected: Expect, response, requested: str) -> bool:
    if isinstance(expected, Redirect):
        return expected.matches(response, requested)
    return response.status_code == expected


@pytest.mark.parametrize("case", CASES, ids=str)
def test_url_permission(case: Case, matrix_cast, matrix_client, db):
    client = matrix_client
    client.logout()
    rule = case.rule
    if case.role != "visitor":
        sign_in(client, matrix_cast.users[case.role])
    url = rule.url(case.name, matrix_cast)
    before = rule.state(matrix_cast) if rule.state else None
    if case.method == "POST":
        response = client.post(url, rule.data(matrix_cast))
    else:
        response = client.get(url)
    location = response.get("Location", "")
    assert _answer_matches(case.expected, response, urlsplit(url).path), (
        f"{case.method} {url} as {case.role}: expected {case.expected}, got {response.status_code} {location}"
    )
    if case.method == "POST" and rule.state and case.role not in rule.may_post:
        assert rule.state(matrix_cast) == before, f"A POST to {url} as {case.role} changed data"


def test_every_url_pattern_has_a_rule():
    patterns = url_patterns()
    ours = {pattern.key for pattern in patterns if not pattern.is_admin}
    missing = sorted(ours - RULES.keys())
    stale = sorted(RULES.keys() - ours)
    assert not missing, "URL patterns with no permission rule; add them to RULES in this file:\n  " + "\n  ".join(
        missing
    )
    assert not stale, "RULES names URL patterns that no longer exist:\n  " + "\n  ".join(stale)
    unknown = sorted(key for key in VARIANTS if key.partition("@")[0] not in RULES or "@" not in key)
    assert not unknown, "VARIANTS must be keyed <URL name in RULES>@<state>:\n  " + "\n  ".join(unknown)
    assert any(pattern.key == ADMIN_KEY for pattern in patterns), "the admin rule is checked on admin:index"


def test_post_only_endpoints_are_checked_for_refusal():
    """A POST-only endpoint (GET gives 405) must say what a POST gives every role, and what must not change."""
    for key, rule in RULES.items():
        if 405 in rule.get.values():
            assert set(rule.post) == set(ROLES), f"{key} is POST-only but its rule does not cover every role's POST"
            refused = set(ROLES) - rule.may_post
            assert not refused or rule.state or key == "core:set_language", f"{key} checks no state after POSTs"


# --- guessed ids ----------------------------------------------------------------------------------------

MANAGE_PAGES = ("edit", "preview")
MANAGE_ACTIONS = ("edit", "publish", "pause", "close", "duplicate")


@pytest.mark.parametrize("slug_of", ["B", "A"], ids=["under-B", "under-A"])
def test_a_guessed_opportunity_id_is_404(slug_of, matrix_cast, matrix_client, db):
    """carl (admin of B) puts the ids of other organisations' opportunities (A's and U's) into the management
    addresses: under his own B's slug (the posts are not B's) and under A's slug (he is not A's member). Every page
    and action answers 404, and his POSTs change nothing."""
    client = sign_in(matrix_client, matrix_cast.users["carl"])
    slug = matrix_cast[slug_of].slug
    ours = matrix_cast.opportunities
    before = _opportunity_rows(matrix_cast)
    answers = {}
    for opportunity in (ours.published_a, ours.draft_a, ours.child_certificate_a, ours.published_u):
        for page in MANAGE_PAGES:
            url = reverse(f"opportunities:{page}", kwargs={"slug": slug, "pk": opportunity.pk})
            answers[f"GET {url}"] = client.get(url).status_code
        for action in MANAGE_ACTIONS:
            url = reverse(f"opportunities:{action}", kwargs={"slug": slug, "pk": opportunity.pk})
            answers[f"POST {url}"] = client.post(url, _opportunity_payload(matrix_cast)).status_code
    assert {request: status for request, status in answers.items() if status != 404} == {}
    assert _opportunity_rows(matrix_cast) == before, "a POST with a guessed id changed an opportunity"
