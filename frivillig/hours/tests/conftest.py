import pytest
from django.utils import translation


@pytest.fixture
def hours(cast, applications):
    """The hours of tests/hours_fixtures.py: ane's engagement at A, one pending and one approved entry, a shift
    that started yesterday with ane and a guest on it, and ane's certificate."""
    from tests.hours_fixtures import build_hours

    return build_hours(cast)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def english(client):
    """Pages in English, so assertions do not depend on the Danish translation."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield
