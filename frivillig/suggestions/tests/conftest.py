"""Fixtures for the suggestions tests: tasks run at once, and the search cache stays out of the way."""

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def no_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def english(client):
    """Pages in English: the Danish catalogue has no entries for this app's strings until the lead merges them."""
    client.cookies["django_language"] = "en"
    return client
