"""Rate limits (issue 6): each limit trips at its number with the friendly 429 page, in Danish and English; the
counters live in the shared default cache (the database cache, or Redis); and no anonymous POST escapes a limit.

Counters are rows of the database cache, so each test's transaction rolls them back. Addresses are from the
documentation ranges (RFC 5737); the test client's REMOTE_ADDR is set per request.
"""

import os
import re
import socket
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.urls import Resolver404, resolve, reverse

from frivillig.core import ratelimit
from frivillig.core.checks import shared_cache_check
from frivillig.core.ratelimit import Rate, parse_rates
from tests.shift_fixtures import ensure_shifts
from tests.url_patterns import url_patterns

pytestmark = pytest.mark.django_db

HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.20"
PAGE_TEXT = {
    "da": ("Vent et øjeblik", r"Vent \d+ minut(ter)?, og gå så tilbage og prøv igen"),
    "en": ("Please wait a moment", r"Wait \d+ minutes?, then go back and try again"),
}


def amount(action: str, scope: str = "ip") -> int:
    """The configured number of `action`'s first rate of `scope`: the tests trip the real limits."""
    return next(rate.amount for rate in ratelimit.rates(action) if rate.scope == scope)


def set_limit(settings, action: str, text: str) -> None:
    settings.FRIVILLIG_RATE_LIMITS = {**settings.FRIVILLIG_RATE_LIMITS, action: text}


def assert_friendly_429(response, language: str, *, ours: bool = True) -> None:
    assert response.status_code == 429
    assert "429.html" in [template.name for template in response.templates]
    html = response.content.decode()
    heading, wait = PAGE_TEXT[language]
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'href="{reverse("account_request_login_code")}"' in html
    if ours:
        assert re.search(wait, html), "the page says how long to wait"
        assert 0 < int(response["Retry-After"]) <= 24 * 3600


def client_in(language: str) -> Client:
    client = Client(REMOTE_ADDR=HERE)
    client.cookies["django_language"] = language
    return client


# --- rates, addresses and counting ----------------------------------------------------------------------------


def test_rates_are_read_from_their_text():
    assert parse_rates("5/15m/key, 20/h/ip") == (Rate(5, 900, "key"), Rate(20, 3600, "ip"))
    assert parse_rates("") == ()
    with pytest.raises(ValueError, match="scope"):
        parse_rates("5/h/email")


def test_every_limit_is_configured_and_reads(settings):
    assert all(ratelimit.rates(action) for action in settings.FRIVILLIG_RATE_LIMITS)
    assert set(ratelimit.VIEW_ACTIONS.values()) <= settings.FRIVILLIG_RATE_LIMITS.keys()
    with pytest.raises(KeyError):
        ratelimit.rates("a_typo")


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1", "10.0.0.1"),  # no proxy of ours: the header is anyone's to write
        (1, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "10.0.0.1", "203.0.113.7"),  # what the client wrote itself is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1", "10.0.0.1"),  # came round the proxies
        (0, "", "2001:db8::1:2", "2001:db8::"),  # IPv6 counts per /64
    ],
)
def test_the_client_address(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_ip(request) == expected


@pytest.mark.parametrize("text", ["3/h/ip", "25/h/ip"], ids=["slots", "counter"])
def test_a_limit_refuses_past_its_number_until_the_next_window(settings, monkeypatch, text):
    set_limit(settings, "anonymous_post", text)
    request = RequestFactory().post("/", REMOTE_ADDR=HERE)
    start = 1_800_000_000.0  # the start of an hour
    monkeypatch.setattr(ratelimit, "now", lambda: start + 60)
    limit = parse_rates(text)[0].amount
    assert [ratelimit.hit(request, "anonymous_post") for _ in range(limit)] == [None] * limit
    refusal = ratelimit.hit(request, "anonymous_post")
    assert refusal is not None and refusal.retry_after == 3540 and refusal.minutes == 59
    assert ratelimit.hit(RequestFactory().post("/", REMOTE_ADDR=ELSEWHERE), "anonymous_post") is None
    monkeypatch.setattr(ratelimit, "now", lambda: start + 3600)
    assert ratelimit.hit(request, "anonymous_post") is None


def test_a_stale_count_cannot_let_a_burst_slip_past(settings):
    """Parallel requests may leave the remembered count behind; the slots themselves still decide."""
    set_limit(settings, "sign_in_lockout", "3/15m/key")
    request = RequestFactory().post("/", REMOTE_ADDR=HERE)
    for _ in range(3):
        assert ratelimit.hit(request, "sign_in_lockout", key="k") is None
    [(_rate, cache_key, _left)] = ratelimit._buckets(request, "sign_in_lockout", "k", ratelimit.now())
    cache.delete(cache_key)
    assert ratelimit.hit(request, "sign_in_lockout", key="k") is not None


def test_a_counter_lives_as_long_as_its_window(settings, monkeypatch):
    """The database cache's incr writes the value back with the default timeout (five minutes); an hour's count
    must not vanish after five quiet minutes."""
    from datetime import timedelta

    from django.core.cache.backends import db
    from django.utils import timezone

    set_limit(settings, "anonymous_post", "50/h/ip")
    start = timezone.now().timestamp() // 3600 * 3600
    monkeypatch.setattr(ratelimit, "now", lambda: start)
    request = RequestFactory().post("/", REMOTE_ADDR=HERE)
    ratelimit.hit(request, "anonymous_post")
    ratelimit.hit(request, "anonymous_post")
    [(_rate, cache_key, _left)] = ratelimit._buckets(request, "anonymous_post", None, start)
    later = timezone.now() + timedelta(minutes=30)
    monkeypatch.setattr(db, "tz_now", lambda: later)
    assert cache.get(cache_key) == 2


def test_our_cache_keys_hold_no_address_or_email(client, cast):
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "ane@example.org", "password": "forkert"}, REMOTE_ADDR=HERE)
    client.post(reverse("core:set_language"), {"language": "en"}, REMOTE_ADDR=HERE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM frivillig_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("frivillig:rl:sign_in_lockout" in key for key in keys)
    assert any("frivillig:rl:set_language" in key for key in keys)
    ours = [key for key in keys if "frivillig:rl:" in key]
    assert not [key for key in ours if "ane" in key or HERE in key or "example.org" in key]


# --- the counters are shared --------------------------------------------------------------------------------


def _two_processes_share_a_count(settings):
    """Two clients (as two processes would: nothing in memory in common) from one address share the count."""
    set_limit(settings, "anonymous_post", "3/m/ip")
    url = reverse("applications:withdraw", kwargs={"token": "findes-ikke"})
    first, second = Client(REMOTE_ADDR=HERE), Client(REMOTE_ADDR=HERE)
    assert [first.post(url).status_code for _ in range(3)] == [404] * 3
    assert second.post(url).status_code == 429
    assert Client(REMOTE_ADDR=ELSEWHERE).post(url).status_code == 404


def test_counters_are_in_the_shared_database_cache(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    _two_processes_share_a_count(settings)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM frivillig_cache WHERE cache_key LIKE %s", ["%frivillig:rl:%"])
        assert cursor.fetchone()[0] > 0


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis  # noqa: F401
    except ImportError:
        return None
    location = urlsplit(url)
    try:
        socket.create_connection((location.hostname, location.port or 6379), timeout=0.5).close()
    except OSError:
        return None
    return url


@pytest.mark.skipif(_redis_url() is None, reason="no Redis server (REDIS_URL or 127.0.0.1:6379) or no redis package")
def test_counters_are_shared_in_redis(settings):
    prefix = f"frivillig-test-{os.getpid()}"
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url(),
                          "KEY_PREFIX": prefix}}
    with override_settings(CACHES=caches):
        try:
            _two_processes_share_a_count(settings)
        finally:
            cache.clear()


# --- our limits, each at its number -------------------------------------------------------------------------


@pytest.fixture
def opportunities(cast):
    from tests.opportunity_fixtures import build_opportunities

    cast.opportunities = build_opportunities(cast)
    return cast.opportunities


def _guest_application(email: str = "gaest@example.org", **fields) -> dict:
    return {"name": "Gitte Gæst", "email": email, "birth_year": "1980", **fields}


@pytest.mark.parametrize("language", ["da", "en"])
def test_guest_applications_per_address(opportunities, language):
    client = client_in(language)
    url = reverse("applications:apply", kwargs={"pk": opportunities.published_a.pk})
    for _ in range(amount("guest_apply")):
        assert client.post(url, {"name": ""}).status_code == 200  # the form again, with its errors
    assert_friendly_429(client.post(url, _guest_application()), language)
    assert Client(REMOTE_ADDR=ELSEWHERE).post(url, _guest_application()).status_code == 302
    assert client.get(url).status_code == 200, "reading the form is not limited"


def test_guest_applications_per_email_count_only_what_was_sent(settings, opportunities, mailoutbox):
    """Mail goes to the address typed, so it is limited wherever the requests come from; a form shown again
    with errors sent nothing and does not count."""
    set_limit(settings, "guest_apply", "20/h/ip,2/h/key")
    client = client_in("en")
    ours = opportunities

    def apply(opportunity, email="gaest@example.org", ip=HERE, **fields):
        url = reverse("applications:apply", kwargs={"pk": opportunity.pk})
        return client.post(url, _guest_application(email, **fields), REMOTE_ADDR=ip).status_code

    assert apply(ours.published_a, name="") == 200
    assert apply(ours.published_a) == 302
    assert apply(ours.published_a, name="") == 200
    assert apply(ours.published_u, email="GAEST@example.org ") == 302
    assert apply(ours.child_certificate_a, ip=ELSEWHERE) == 429
    assert apply(ours.child_certificate_a, email="en-anden@example.org") == 302


@pytest.mark.parametrize("language", ["da", "en"])
def test_guest_shift_signups_per_address(opportunities, cast, language):
    shift = ensure_shifts(cast).tomorrow
    client = client_in(language)
    url = reverse("shifts:signup_create", kwargs={"pk": shift.pk})
    for _ in range(amount("shift_signup")):
        assert client.post(url, {"email": "gaest@example.org"}).status_code == 200
    assert_friendly_429(client.post(url, {"name": "Gæst", "email": "gaest@example.org"}), language)


def test_guest_shift_signups_per_email(settings, opportunities, cast):
    set_limit(settings, "shift_signup", "30/h/ip,2/h/key")
    shifts = ensure_shifts(cast)
    client = client_in("da")

    def sign_up(shift, email="gaest@example.org", ip=HERE):
        url = reverse("shifts:signup_create", kwargs={"pk": shift.pk})
        return client.post(url, {"name": "Gæst", "email": email}, REMOTE_ADDR=ip).status_code

    assert sign_up(shifts.tomorrow) == 302
    assert sign_up(shifts.full) == 302  # the waitlist
    assert sign_up(shifts.event_shift, ip=ELSEWHERE) == 429
    assert sign_up(shifts.event_shift, email="en-anden@example.org") == 302


@pytest.mark.parametrize("language", ["da", "en"])
def test_any_other_anonymous_post(language):
    client = client_in(language)
    url = reverse("applications:guardian_consent", kwargs={"token": "findes-ikke"})
    for _ in range(amount("anonymous_post")):
        assert client.post(url, {"consent": "yes"}).status_code == 404
    assert_friendly_429(client.post(url, {"consent": "yes"}), language)


def test_signed_in_posts_are_not_counted_as_anonymous(settings, client_for):
    set_limit(settings, "anonymous_post", "0/m/ip")
    client = client_for("ane")
    assert client.post(reverse("accounts:profile_edit"), {"birth_year": "1990"}).status_code in (200, 302)
    client.logout()
    assert client.post(reverse("accounts:profile_edit"), {"birth_year": "1990"}).status_code == 429


def test_the_language_switch_has_its_own_generous_limit(settings):
    client = client_in("da")
    url = reverse("core:set_language")
    set_limit(settings, "anonymous_post", "0/m/ip")
    for _ in range(amount("set_language")):
        assert client.post(url, {"language": "da", "next": "/"}).status_code == 302
    assert_friendly_429(client.post(url, {"language": "da", "next": "/"}), "da")


def test_one_click_unsubscribe_has_its_own_limit(settings):
    """Mail providers post one-click unsubscribes from a few addresses of theirs: not the forms' catch-all."""
    set_limit(settings, "anonymous_post", "0/m/ip")
    set_limit(settings, "unsubscribe", "2/h/ip")
    client = client_in("en")
    url = reverse("suggestions:unsubscribe", kwargs={"token": "findes-ikke"})
    assert [client.post(url).status_code for _ in range(2)] == [404, 404]
    assert_friendly_429(client.post(url), "en")


def test_confirming_a_sign_in_code(client):
    url = reverse("account_confirm_login_code")
    for _ in range(amount("login_code_confirm")):
        assert client.post(url, {"code": "000000"}, REMOTE_ADDR=HERE).status_code == 302  # no code was asked for
    assert client.post(url, {"code": "000000"}, REMOTE_ADDR=HERE).status_code == 429


@pytest.mark.parametrize("language", ["da", "en"])
def test_certificate_lookups_also_by_get(settings, client_for, language):
    set_limit(settings, "certificate_verify", "2/h/ip")
    client = client_for("ane")
    client.cookies["django_language"] = language
    url = reverse("hours:verify", kwargs={"code": "ABCD-EFGH-JK23"})
    assert [client.get(url, REMOTE_ADDR=HERE).status_code for _ in range(2)] == [404, 404]
    assert_friendly_429(client.get(url, REMOTE_ADDR=HERE), language)


# --- allauth's limits answer with the same page ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_signups_per_address(cast, language):
    client = client_in(language)
    url = reverse("account_signup")
    for _ in range(amount_allauth("signup")):
        assert client.post(url, {"email": "ikke-en-adresse"}).status_code == 200
    assert_friendly_429(client.post(url, {"email": "ikke-en-adresse"}), language, ours=False)


def amount_allauth(action: str, scope: str = "ip") -> int:
    from django.conf import settings

    return next(rate.amount for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS[action]) if rate.scope == scope)


def test_password_resets_per_email(cast, mailoutbox, django_capture_on_commit_callbacks):
    url = reverse("account_reset_password")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(amount_allauth("reset_password", "key")):
            assert Client(REMOTE_ADDR=HERE).post(url, {"email": "ane@example.org"}).status_code == 302
        refused = Client(REMOTE_ADDR=ELSEWHERE).post(url, {"email": "ane@example.org"})
    assert_friendly_429(refused, "da", ours=False)


def test_sign_in_codes_per_email(cast):
    """allauth refuses on the form; a different address still gets its code."""
    url = reverse("account_request_login_code")
    for _ in range(amount_allauth("request_login_code", "key")):
        assert Client(REMOTE_ADDR=HERE).post(url, {"email": "ane@example.org"}).status_code == 302
    refused = client_in("en").post(url, {"email": "ane@example.org"}, REMOTE_ADDR=ELSEWHERE)
    assert refused.status_code == 200
    assert "Too many failed login attempts. Try again later." in refused.content.decode()
    assert Client(REMOTE_ADDR=ELSEWHERE).post(url, {"email": "bo@example.org"}).status_code == 302


def test_failed_sign_ins_are_limited_per_address_only(settings):
    """allauth's own count of failed sign-ins must not name the account: anyone could then lock anyone out."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    assert rates and {rate.scope for rate in rates} == {"ip"}


# --- no anonymous POST escapes --------------------------------------------------------------------------------

SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _sample_path(route: str) -> str:
    """A path the route matches: converters get a sample value, regular expressions' groups an "x"."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route).replace("^", "").replace("$", "")
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLES[match.group(1) or "str"], route)


def _every_path() -> list[str]:
    paths = [_sample_path(pattern.route) for pattern in url_patterns() if not pattern.is_admin]
    return [*paths, reverse("admin:login")]


def test_every_anonymous_post_is_limited(settings):
    """Every URL we serve, answered by the middleware before its view once every limit is used up: a new anonymous
    form is limited from the day it is added, whatever its view does."""
    settings.FRIVILLIG_RATE_LIMITS = dict.fromkeys(settings.FRIVILLIG_RATE_LIMITS, "0/h/ip")
    client = Client(REMOTE_ADDR=HERE, raise_request_exception=False)
    paths = _every_path()
    unresolved = []
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            unresolved.append(path)
    assert not unresolved, f"sample paths that resolve to nothing: {unresolved}"
    answers = {path: client.post(path).status_code for path in paths}
    assert {path: status for path, status in answers.items() if status != 429} == {}
    assert len(paths) > 100


# --- the system check ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("production", "backend", "errors"),
    [
        (True, "django.core.cache.backends.locmem.LocMemCache", ["frivillig.E001"]),
        (True, "django.core.cache.backends.dummy.DummyCache", ["frivillig.E001"]),
        (True, "django.core.cache.backends.db.DatabaseCache", []),
        (True, "django.core.cache.backends.redis.RedisCache", []),
        (False, "django.core.cache.backends.locmem.LocMemCache", []),
    ],
)
def test_production_needs_a_shared_cache(settings, production, backend, errors):
    settings.PRODUCTION = production
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "frivillig_cache"}}):
        assert [error.id for error in shared_cache_check()] == errors


def test_the_database_cache_keeps_enough_entries(settings):
    """Django's default of 300 entries would cull counters whenever the cache filled up with searches."""
    assert settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 10_000
