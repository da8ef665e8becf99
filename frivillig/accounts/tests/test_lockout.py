"""The sign-in lockout (issue 6): failed sign-ins lock one account from one address, never the account everywhere
or the address for everyone, so nobody can lock another person out. The TOTP step is locked the same way.

The clock the windows are cut from is moved forward instead of sleeping (frivillig.core.ratelimit.now).
"""

import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse

from frivillig.core import ratelimit
from frivillig.core.cast import totp_code

pytestmark = pytest.mark.django_db

HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.20"
WRONG = "forkert-adgangskode"
LOCKED = {
    "da": r"Der har været for mange mislykkede forsøg på at logge ind på denne konto herfra\. Prøv igen om \d+ minut",
    "en": r"There have been too many failed attempts to sign in to this account from here\. Try again in \d+ minute",
}


def attempts() -> int:
    return ratelimit.rates("sign_in_lockout")[0].amount


def window() -> int:
    return ratelimit.rates("sign_in_lockout")[0].seconds


def sign_in(email: str, password: str, *, ip: str = HERE, language: str = "da"):
    client = Client(REMOTE_ADDR=ip)
    client.cookies["django_language"] = language
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return client, response


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(email: str = "ane@example.org", *, times: int, ip: str = HERE) -> None:
    for _ in range(times):
        client, response = sign_in(email, WRONG, ip=ip)
        assert response.status_code == 200 and not signed_in(client)


@pytest.fixture
def clock(monkeypatch):
    """A clock at the start of a window, moved with clock.advance(seconds)."""

    class Clock:
        at = 1_800_000_000.0  # divisible by 15 minutes

        def advance(self, seconds: float) -> None:
            self.at += seconds

    moving = Clock()
    monkeypatch.setattr(ratelimit, "now", lambda: moving.at)
    return moving


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_right_password_is_refused_while_the_account_is_locked_here(cast, cast_password, clock, language):
    fail(times=attempts())
    client, response = sign_in("ane@example.org", cast_password, language=language)
    assert response.status_code == 200
    assert not signed_in(client)
    assert re.search(LOCKED[language], response.content.decode())


def test_one_attempt_less_is_not_locked(cast, cast_password, clock):
    fail(times=attempts() - 1)
    client, _response = sign_in("ane@example.org", cast_password)
    assert signed_in(client)


def test_the_same_account_from_another_address_is_not_locked(cast, cast_password, clock):
    fail(times=attempts())
    client, _response = sign_in("ane@example.org", cast_password, ip=ELSEWHERE)
    assert signed_in(client)


def test_other_accounts_from_the_same_address_are_not_locked(cast, cast_password, clock):
    fail(times=attempts())
    client, _response = sign_in("bo@example.org", cast_password)
    assert signed_in(client)


def test_the_lock_ends_with_its_window(cast, cast_password, clock):
    fail(times=attempts())
    clock.advance(window() - 1)
    assert not signed_in(sign_in("ane@example.org", cast_password)[0])
    clock.advance(1)
    assert signed_in(sign_in("ane@example.org", cast_password)[0])


def test_the_address_is_locked_however_the_email_is_written(cast, cast_password, clock):
    fail("Ane@Example.org", times=attempts())
    assert not signed_in(sign_in(" ane@example.ORG", cast_password)[0])


def test_a_right_password_starts_the_count_afresh(cast, cast_password, clock):
    fail(times=attempts() - 1)
    assert signed_in(sign_in("ane@example.org", cast_password)[0])
    fail(times=attempts() - 1)
    assert signed_in(sign_in("ane@example.org", cast_password)[0])


def test_unknown_accounts_are_locked_alike(cast, clock):
    """Otherwise the lock would tell which addresses have an account."""
    fail("findes-ikke@example.org", times=attempts())
    _client, response = sign_in("findes-ikke@example.org", WRONG)
    assert re.search(LOCKED["da"], response.content.decode())


def test_many_addresses_cannot_lock_the_account_everywhere(cast, cast_password, clock):
    """allauth's own count of failures per e-mail address is switched off: it would let anyone lock anyone out."""
    for number in range(3 * attempts()):
        fail(times=1, ip=f"203.0.113.{number + 1}")
    assert signed_in(sign_in("ane@example.org", cast_password)[0])


def test_every_password_check_claims_an_attempt_first(cast, cast_password, clock):
    """The backend refuses a locked pair whichever form checks the password (here Django's own authenticate, as the
    admin login does), even with the right password."""
    request = RequestFactory().post("/", REMOTE_ADDR=HERE)
    for _ in range(attempts()):
        assert authenticate(request, username="ane@example.org", password=WRONG) is None
    assert authenticate(request, username="ane@example.org", password=cast_password) is None
    other = RequestFactory().post("/", REMOTE_ADDR=ELSEWHERE)
    assert authenticate(other, username="ane@example.org", password=cast_password) == cast.users["ane"]


def test_the_admin_login_is_locked_too(cast, clock):
    from frivillig.accounts.models import User

    User.objects.create_superuser("drift@example.org", "drift-adgangskode-1")
    client = Client(REMOTE_ADDR=HERE)
    url = reverse("admin:login")
    for _ in range(attempts()):
        client.post(url, {"username": "drift@example.org", "password": WRONG})
    client.post(url, {"username": "drift@example.org", "password": "drift-adgangskode-1"})
    assert not signed_in(client)


# --- the TOTP step --------------------------------------------------------------------------------------------


def _at_the_code_step(cast_password, ip: str = HERE) -> Client:
    client, response = sign_in("dorte@example.org", cast_password, ip=ip)
    assert response["Location"] == reverse("mfa_authenticate")
    return client


def _enter(client: Client, code: str):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_wrong_codes_lock_the_code_step_for_the_account_here(cast, cast_password, clock):
    client = _at_the_code_step(cast_password)
    for _ in range(ratelimit.rates("mfa_lockout")[0].amount):
        assert _enter(client, "000000").status_code == 200
    client.cookies["django_language"] = "en"
    response = _enter(client, totp_code())
    assert response.status_code == 200 and not signed_in(client)
    assert re.search(r"Too many wrong codes\. Try again in \d+ minutes?\.", response.content.decode())

    elsewhere = _at_the_code_step(cast_password, ip=ELSEWHERE)
    assert _enter(elsewhere, totp_code()).status_code == 302 and signed_in(elsewhere)


def test_the_code_step_opens_again_with_its_window(cast, cast_password, clock):
    client = _at_the_code_step(cast_password)
    lockout = ratelimit.rates("mfa_lockout")[0]
    for _ in range(lockout.amount):
        _enter(client, "000000")
    clock.advance(lockout.seconds)
    assert _enter(client, totp_code()).status_code == 302 and signed_in(client)
