"""Fixtures for the core tests."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The cast's passwords are hashed for every test; PBKDF2's 1.5 million rounds would take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english(client):
    """Ask for pages in English: assertions on interface text then do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    return client
