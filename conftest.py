"""Shared fixtures: the cast from STYLE.md, available to every test."""

import pytest

from frivillig.core.cast import CAST_PASSWORD, build_cast


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def cast_password():
    return CAST_PASSWORD


@pytest.fixture
def client_for(client, cast):
    """client_for("bo") returns the test client signed in as bo (force_login: no password or TOTP step)."""

    def sign_in(name):
        if name == "visitor":
            client.logout()
            return client
        user = cast.users[name]
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_site_config_process_memo(settings):
    """Tests roll the database back; a process memo of the configuration would outlive that."""
    from frivillig.core.models import _process_memo

    settings.SITE_CONFIG_PROCESS_SECONDS = 0
    _process_memo.clear()


@pytest.fixture
def applications(cast):
    """The cast's applications (tests/application_fixtures.py) on the cast's opportunities, built first if needed.

    Reachable as `cast.applications` (and the opportunities as `cast.opportunities`).
    """
    from tests.application_fixtures import build_applications
    from tests.opportunity_fixtures import build_opportunities

    if not hasattr(cast, "opportunities"):
        cast.opportunities = build_opportunities(cast)
    cast.applications = build_applications(cast)
    return cast.applications
