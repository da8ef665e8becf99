"""Run the capacity race on a fresh SQLite *file* database in this process and print the outcome as JSON.

The test suite's SQLite database lives in memory, where every connection of the process shares one database and
SQLite's file locking is not exercised; DESIGN.md §6 asks for a file. So test_capacity_threads runs this module in
a subprocess: python -m frivillig.shifts.tests.sqlite_race <empty directory>.
"""

import json
import os
import sys


def main(directory: str) -> None:
    os.environ["FRIVILLIG_DATA_DIR"] = directory
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/race.sqlite3"
    os.environ["FRIVILLIG_DEVELOPMENT"] = "1"
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from frivillig.shifts.concurrency import capacity_report, race_cancellations, race_signups
    from frivillig.shifts.models import SignUp
    from frivillig.shifts.tests.race_setup import build_race

    shift, users = build_race(capacity=10, people=60)
    signups = race_signups(shift.pk, users, workers=20)
    after_signups = capacity_report(shift.pk)
    confirmed = list(SignUp.objects.filter(shift=shift, status="confirmed").values_list("pk", flat=True))
    cancellations = race_cancellations(confirmed[:6], workers=6) if confirmed else {}
    after_cancellations = capacity_report(shift.pk)
    print(json.dumps({
        "signups": signups, "after_signups": after_signups,
        "cancellations": cancellations, "after_cancellations": after_cancellations,
        "vendor": django.db.connection.vendor,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
