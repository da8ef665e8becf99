"""The security headers and cookies as production serves them (issue 6).

The suite runs with development settings, so these tests load `frivillig/settings.py` a second time with the
environment of a production host (no FRIVILLIG_DEVELOPMENT, no DEBUG, behind a TLS proxy) and apply every
security-relevant value it computes. What is asserted is therefore what the real settings give production, not a
copy of them. CI also runs `manage.py check --deploy --fail-level WARNING` with production settings (make
check-deploy).
"""

import runpy

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.urls import reverse

PRODUCTION_ENV = {
    "FRIVILLIG_DEVELOPMENT": "0",
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-key-for-the-header-tests-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "frivillig.example.org,testserver",
    "SECURE_PROXY_SSL_HEADER": "1",
}
SECURITY_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_")
SECURITY_NAMES = ("DEBUG", "ALLOWED_HOSTS", "X_FRAME_OPTIONS", "PERMISSIONS_POLICY")
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
ONE_YEAR = 365 * 24 * 60 * 60


def production_security_settings(monkeypatch) -> dict:
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    computed = runpy.run_path(django_settings.BASE_DIR / "frivillig" / "settings.py")
    return {
        name: value
        for name, value in computed.items()
        if name.isupper() and (name.startswith(SECURITY_PREFIXES) or name in SECURITY_NAMES)
    }


@pytest.fixture
def production(monkeypatch, db):
    values = production_security_settings(monkeypatch)
    assert values["DEBUG"] is False and values["SECURE_SSL_REDIRECT"] is True
    with override_settings(**values):
        yield Client(**HTTPS)


def directives(csp: str) -> dict[str, list[str]]:
    parsed = {}
    for part in csp.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


PAGES = ["core:home", "opportunities:search", "account_login", "core:cookies"]


@pytest.mark.parametrize("page", PAGES)
def test_content_security_policy_allows_nothing_unsafe(production, page):
    response = production.get(reverse(page))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-" not in csp  # no 'unsafe-inline', 'unsafe-eval' or 'unsafe-hashes' anywhere
    policy = directives(csp)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-")
    assert len(policy["script-src"]) == 2, "scripts only from this site or with the page's nonce"
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"][0] == "'self'"
    assert "*" not in csp.split()


@pytest.mark.parametrize("page", PAGES)
def test_hardening_headers_on_every_kind_of_page(production, page):
    response = production.get(reverse(page))
    hsts = dict(
        (part.strip().split("=") + [""])[:2] for part in response["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= ONE_YEAR
    assert "includeSubDomains" in hsts
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"no-referrer", "same-origin", "strict-origin"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", f"{feature} must be switched off"


def test_error_pages_and_the_api_carry_the_headers_too(production):
    for path in ("/findes-ikke/", "/api/v1/opportunities"):
        response = production.get(path)
        assert response.status_code in (200, 404), path
        assert "unsafe-" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert "max-age=" in response["Strict-Transport-Security"]


def test_plain_http_is_sent_to_https(monkeypatch, db):
    with override_settings(**production_security_settings(monkeypatch)):
        response = Client().get("/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_every_cookie_is_secure_and_http_only(production, cast, cast_password):
    login = production.get(reverse("account_login"))
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

    signed_in = production.post(
        reverse("account_login"), {"login": cast.users["ane"].email, "password": cast_password}
    )
    assert signed_in.status_code == 302, "the real sign-in form must work in production settings"
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"

    language = production.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    cookie = language.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]

    responses = (login, signed_in, language)
    set_by_any = {name: morsel for response in responses for name, morsel in response.cookies.items()}
    assert {"csrftoken", "sessionid", "messages", django_settings.LANGUAGE_COOKIE_NAME} <= set(set_by_any)
    for name, morsel in set_by_any.items():
        assert morsel["secure"] and morsel["httponly"], f"the {name} cookie is not Secure and HttpOnly"


def test_no_page_script_reads_the_csrf_cookie():
    """The CSRF cookie is HttpOnly, so the one script must take the token from the page, not document.cookie."""
    script = (django_settings.BASE_DIR / "static" / "js" / "app.js").read_text(encoding="utf-8")
    assert "document.cookie" not in script
    assert 'meta[name="csrf-token"]' in script
