"""No `next=` (or other return address) sends anyone off the site (issue 6).

Every reader of a return address is in PROBES: ours (the language switch, the opportunity status buttons, the
coordinator's verify button) and allauth's (sign-in, sign-up, sign-out, sign-in by code, re-authentication with a
password or a TOTP code). Each is tried with every address in EVIL; the answer's Location, if any, must stay on the
site (Django's url_has_allowed_host_and_scheme), and neither the answer nor the page it leads to may link off it.

The guards at the end find the readers by reading the code and the templates, so a new one must be added here.
"""

import ast
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from frivillig.core.cast import CAST_PASSWORD, totp_code
from tests.module_data import FAST_HASHERS, built_once
from tests.signin import sign_in

HOST = "testserver"
EVIL = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://127.0.0.1.evil.example",
    " //evil.example",
    "\t//evil.example",
    "\n//evil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "///evil.example",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def off_site(url: str) -> bool:
    return not url_has_allowed_host_and_scheme(url.strip(), allowed_hosts={HOST}, require_https=False)


class _Links(HTMLParser):
    """Every address in the page a click, a form or a refresh would go to.

    Return addresses in hidden fields are not links: the reader they are posted to checks them again, and the
    probes above post them. (allauth's sign-in and sign-up pages echo the `next` they were given into one.)
    """

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.addresses += [value for name, value in attributes.items() if name in URL_ATTRIBUTES]
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.addresses.append(attributes.get("content", "").partition("url=")[2])


def links_off_site(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [address for address in parser.addresses if address and "evil" in address and off_site(address)]


def assert_stays_on_site(client, response, evil: str) -> None:
    """The answer, and up to three redirects after it, stay on the site and link nowhere else."""
    for _hop in range(4):
        assert response.status_code < 500, f"{evil!r}: {response.status_code}"
        location = response.get("Location", "")
        if not location:
            break
        assert not off_site(location), f"{evil!r} sent to {location!r}"
        response = client.get(location)
    if "html" in response.get("Content-Type", ""):
        assert not links_off_site(response.content.decode()), f"{evil!r}: the page links off the site"


# --- the readers ---------------------------------------------------------------------------------------------


def _signed_in(client, cast, name: str):
    """tests.signin.sign_in with the model backend named (the first backend in the settings need not fetch users)."""
    force_login = client.force_login
    client.force_login = lambda person: force_login(person, backend=MODEL_BACKEND)
    return sign_in(client, cast.users[name])


def language(client, cast, evil):
    return client.post(reverse("core:set_language"), {"language": "en", "next": evil})


def status_action(action: str, opportunity: str, member: str) -> Callable:
    def probe(client, cast, evil):
        target = getattr(cast.opportunities, opportunity)
        _signed_in(client, cast, member)
        url = reverse(f"opportunities:{action}", kwargs={"slug": target.organisation.slug, "pk": target.pk})
        return client.post(url, {"next": evil})

    return probe


def verify(client, cast, evil):
    _signed_in(client, cast, "dorte")
    url = reverse("organisations:verify", kwargs={"slug": cast["B"].slug})
    return client.post(url, {"verified": "1", "next": evil})


def login_page(client, cast, evil):
    return client.get(reverse("account_login"), {"next": evil})


def login(client, cast, evil):
    data = {"login": cast.users["ane"].email, "password": CAST_PASSWORD, "next": evil}
    return client.post(reverse("account_login"), data)


def signup_page(client, cast, evil):
    return client.get(reverse("account_signup"), {"next": evil})


def signup(client, cast, evil):
    password = "et-langt-kodeord-2026"
    data = {"email": "ny-person@example.org", "password1": password, "password2": password, "next": evil}
    return client.post(reverse("account_signup"), data)


def logout(client, cast, evil):
    _signed_in(client, cast, "ane")
    return client.post(reverse("account_logout"), {"next": evil})


def login_code(client, cast, evil):
    """Ask for a code with `next`, then type the code: the sign-in must not end off the site."""
    client.post(reverse("account_request_login_code") + "?next=" + evil, {"email": cast.users["ane"].email,
                                                                          "next": evil})
    code = _login_code_in_session(client)
    return client.post(reverse("account_confirm_login_code"), {"code": code, "next": evil})


def _login_code_in_session(client) -> str:
    """allauth keeps the code it e-mailed in the sign-in's state in the session."""
    found = re.search(r'"code": "([^"]+)"', _session_json(client))
    assert found, "no sign-in code in the session"
    return found.group(1)


def _session_json(client) -> str:
    import json

    return json.dumps(dict(client.session), default=str)


def reauthenticate(client, cast, evil):
    _signed_in(client, cast, "ane")
    url = reverse("account_reauthenticate")
    client.get(url, {"next": evil})
    return client.post(url, {"password": CAST_PASSWORD, "next": evil})


def mfa_reauthenticate(client, cast, evil):
    _signed_in(client, cast, "dorte")
    return client.post(reverse("mfa_reauthenticate"), {"code": totp_code(), "next": evil})


PROBES: dict[str, Callable] = {
    "core:set_language": language,
    "opportunities:publish": status_action("publish", "draft_a", "bo"),
    "opportunities:pause": status_action("pause", "published_a", "bo"),
    "opportunities:close": status_action("close", "published_a", "bo"),
    "organisations:verify": verify,
    "account_login (page)": login_page,
    "account_login": login,
    "account_signup (page)": signup_page,
    "account_signup": signup,
    "account_logout": logout,
    "account_confirm_login_code": login_code,
    "account_reauthenticate": reauthenticate,
    "mfa_reauthenticate": mfa_reauthenticate,
}


# The readers whose answer goes to a safe `next` (the pages only pass it on; sign-up and sign-out go elsewhere first).
FOLLOWS_NEXT = {"core:set_language", "opportunities:publish", "opportunities:pause", "opportunities:close",
                "organisations:verify", "account_login", "account_confirm_login_code", "account_reauthenticate",
                "mfa_reauthenticate"}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The cast and its opportunities, built once for the module and rolled back at its end."""
    from frivillig.core.cast import build_cast
    from tests.opportunity_fixtures import build_opportunities

    with built_once(django_db_blocker):
        cast = build_cast()
        cast.opportunities = build_opportunities(cast)
        yield cast


@pytest.fixture
def fresh_client(site, db, client, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the sign-in lockout and rate limits count on the cache: each case starts afresh
    return client


@pytest.mark.parametrize("evil", EVIL, ids=[repr(evil) for evil in EVIL])
@pytest.mark.parametrize("reader", list(PROBES))
def test_no_return_address_leaves_the_site(reader, evil, site, fresh_client):
    response = PROBES[reader](fresh_client, site, evil)
    assert_stays_on_site(fresh_client, response, evil)


def test_the_check_catches_an_open_redirect(client):
    """The assertion can fail: a Location off the site, and a page linking off it, are both caught."""

    class Answer(dict):
        status_code = 302

    with pytest.raises(AssertionError):
        assert_stays_on_site(client, Answer(Location="//evil.example"), "//evil.example")
    assert links_off_site('<a href="https://evil.example/">x</a><form action="//evil.example">') == [
        "https://evil.example/", "//evil.example"]
    assert not links_off_site('<a href="/konto/login/?next=//evil.example">x</a>')


@pytest.mark.parametrize("reader", list(PROBES))
def test_a_return_address_on_the_site_is_followed(reader, site, fresh_client):
    """The probes reach the redirect they test: where a reader redirects at all, a path on the site is honoured."""
    response = PROBES[reader](fresh_client, site, "/muligheder/?q=kaffe")
    if reader in FOLLOWS_NEXT:
        assert response["Location"] == "/muligheder/?q=kaffe"


# --- guards: every reader in the code and every template that passes one on is known ----------------------------

BASE = Path(settings.BASE_DIR)
# Our functions that read a return address, by "file:function", and the PROBES that reach them.
CODE_READERS = {
    "frivillig/core/views.py:set_language": ["core:set_language"],
    "frivillig/opportunities/manage_views.py:_safe_next": [
        "opportunities:publish", "opportunities:pause", "opportunities:close"],
    "frivillig/organisations/views.py:_safe_next": ["organisations:verify"],
}
# Templates that pass a return address on, and the PROBES of where it goes.
TEMPLATE_READERS = {
    "templates/includes/language_switch.html": ["core:set_language"],
    "templates/opportunities/manage/actions.html": ["opportunities:publish", "opportunities:pause",
                                                    "opportunities:close"],
    "templates/opportunities/manage/list.html": ["opportunities:publish"],
    "templates/opportunities/manage/preview.html": ["opportunities:publish"],
    "templates/organisations/verification.html": ["organisations:verify"],
    "templates/organisations/detail.html": ["organisations:verify"],
    "templates/organisations/invitation.html": ["account_logout", "account_login", "account_signup"],
    "templates/applications/apply.html": ["account_login"],
    "templates/shifts/includes/signup_box.html": ["account_login"],
    "templates/account/login.html": ["account_login"],
    "templates/socialaccount/signup.html": ["account_signup"],
}
RETURN_NAMES = r"next|return|return_to|back|redirect_to|HTTP_REFERER|Referer|referer"
CODE_READ = re.compile(rf"""(?:GET|POST|META|headers|data)(?:\.get\(|\[)\s*["'](?:{RETURN_NAMES})["']""")
TEMPLATE_PASS = re.compile(r"""name="next"|[?&]next=|redirect_field|\snext=request""")


def code_readers() -> set[str]:
    found = set()
    for path in (BASE / "frivillig").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        source = path.read_text()
        if not CODE_READ.search(source):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and CODE_READ.search(ast.get_source_segment(source, node) or ""):
                found.add(f"{path.relative_to(BASE)}:{node.name}")
    return found


def template_readers() -> set[str]:
    return {str(path.relative_to(BASE)) for path in (BASE / "templates").rglob("*.html")
            if TEMPLATE_PASS.search(path.read_text())}


def test_every_reader_of_a_return_address_is_probed():
    assert code_readers() == set(CODE_READERS), "A function reads a return address: add it and its probe here"
    assert template_readers() == set(TEMPLATE_READERS), "A template passes a return address on: add it here"
    probed = {probe for probes in [*CODE_READERS.values(), *TEMPLATE_READERS.values()] for probe in probes}
    assert probed <= set(PROBES)
