"""The demo, seeded once for a group of tests: `manage.py seed_demo` takes seconds, so a class of tests that only
read the demo shares one run.

Use it from a class-scoped fixture:

    @pytest.fixture(scope="class")
    def demo(django_db_setup, django_db_blocker):
        with seeded_demo(django_db_blocker) as output:
            yield output

The seed runs in a transaction that is rolled back after the class; each test's own transaction (pytest-django's
`db`) is a savepoint inside it, so a test that changes the demo changes it only for itself. Class scope, not module
scope: a transactional test elsewhere in the module must never run inside the open transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@contextmanager
def seeded_demo(django_db_blocker) -> Iterator[str]:
    """Seed the demo in a transaction that is rolled back on leaving; yields seed_demo's output."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        try:
            yield seed()
        finally:
            transaction.set_rollback(True)
