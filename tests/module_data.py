"""Data built once for a whole test module: the standing tests and the security tests share one world per module.

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with built_once(django_db_blocker):
            yield build_world()

The world is made inside a transaction that is rolled back when the module ends; each test still runs in its own
savepoint (pytest-django's `db`), so what one test changes, the next does not see. Module scope must not be used
in a module that also has transactional tests, which would run inside the open transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test.utils import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def built_once(django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
