"""Never more sign-ups holding a place than the capacity, also when many people sign up or cancel at once.

On PostgreSQL the threads race in the test database itself (the shift's row lock serialises them). On SQLite the
suite's database is in memory, so the race runs in a subprocess on a fresh SQLite file (sqlite_race.py), where the
IMMEDIATE transactions serialise the writes (DESIGN.md §6).
"""

import json
import subprocess
import sys

import pytest
from django.db import connection

from frivillig.shifts.concurrency import capacity_report, race_cancellations, race_signups
from frivillig.shifts.models import SignUp

from .race_setup import build_race


def check(outcome: dict) -> None:
    signups, after = outcome["signups"], outcome["after_signups"]
    assert not [key for key in signups if key.startswith("error")], signups
    assert signups == {"confirmed": 10, "waitlisted": 50}
    assert after["holding"] == 10 and after["waitlisted"] == 50 and after["duplicates"] == 0
    assert outcome["cancellations"] == {"cancelled": 6}
    final = outcome["after_cancellations"]
    # Six left; six moved up from the waitlist, in its order: still exactly full, nobody twice.
    assert final["holding"] == 10, final
    assert final["waitlisted"] == 44 and final["statuses"]["cancelled"] == 6 and final["duplicates"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL races in the test database itself")
# Serialised rollback like every other transactional test: its flush then keeps post_migrate from recreating the
# content types under new keys, which the next serialised test would restore on top of (a duplicate key).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sixty_people_race_for_ten_places_on_postgresql(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    shift, users = build_race(capacity=10, people=60)
    outcome = {"signups": race_signups(shift.pk, users, workers=20), "after_signups": capacity_report(shift.pk)}
    confirmed = list(SignUp.objects.filter(shift=shift, status="confirmed").values_list("pk", flat=True))
    outcome["cancellations"] = race_cancellations(confirmed[:6], workers=6)
    outcome["after_cancellations"] = capacity_report(shift.pk)
    check(outcome)


def test_sixty_people_race_for_ten_places_on_a_sqlite_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "frivillig.shifts.tests.sqlite_race", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["vendor"] == "sqlite"
    check(outcome)
