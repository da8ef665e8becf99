"""Fixtures for the organisation tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """MD5 makes building the cast quick; production hashing is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so assertions on interface text do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English, for the same reason."""
    with translation.override("en"):
        yield
