"""Concurrency proof for shifts (`make bench`): two gunicorn processes on one PostgreSQL, racing for 10 places.

1. Recreates the PostgreSQL database `frivillig_bench_shifts` (BENCH_SHIFTS_DATABASE_URL; the project's own
   DATABASE_URL is not touched), migrates it, and creates a published opportunity with one shift of 10 places and
   200 volunteers, each with a signed-in session.
2. Starts two separate gunicorn processes (each its own master with 2 workers × 8 threads) on two ports, both on
   that database, and fires 200 sign-ups at once, alternating between the two, from 200 client threads released
   together by a barrier. Expected: exactly 10 confirmed, 190 waitlisted, 0 errors.
3. Then 6 of the confirmed cancel at once through their self-service links, again spread over both processes,
   while each cancellation promotes from the waitlist. Expected: still exactly 10 holding a place, 184 waiting,
   6 cancelled, nobody twice, and the 6 promoted are the first 6 of the waitlist's order.
4. Prints a table with the figures and exits non-zero when a rule is broken.

Usage: python scripts/bench_shifts.py [--port 8021] [--people 200] [--capacity 10]
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_SHIFTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/frivillig_bench_shifts")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")
os.environ.setdefault("FRIVILLIG_DEVELOPMENT", "1")
os.environ["DEBUG"] = "0"
os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"  # no mail from the benchmark
CSRF = "b" * 32  # an unmasked CSRF secret, sent as cookie and form field alike


def recreate_database() -> None:
    import psycopg

    name = urlsplit(DATABASE_URL).path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_manage(*arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], check=True, cwd=ROOT, env=os.environ.copy())  # noqa: S603


def prepare(people: int, capacity: int) -> tuple[int, list[str]]:
    """The shift and one session key per volunteer."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from frivillig.shifts.tests.race_setup import build_race

    shift, users = build_race(capacity=capacity, people=people, prefix="bench")
    sessions = []
    for user in users:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return shift.pk, sessions


def start_servers(port: int) -> list[subprocess.Popen]:
    servers = []
    for offset in (0, 1):
        command = [
            str(ROOT / ".venv/bin/gunicorn"), "frivillig.wsgi", "--bind", f"127.0.0.1:{port + offset}",
            "--workers", "2", "--threads", "8", "--worker-class", "gthread", "--log-level", "warning",
        ]
        servers.append(subprocess.Popen(command, cwd=ROOT, env=os.environ.copy()))  # noqa: S603
    deadline = time.monotonic() + 30
    for offset in (0, 1):
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port + offset, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.3)
    return servers


def post(port: int, path: str, session: str | None) -> int:
    cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
    body = f"csrfmiddlewaretoken={CSRF}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", path, body=body, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Host": "127.0.0.1",
    })
    return connection.getresponse().status


def fire(requests: list[tuple[int, str, str | None]]) -> tuple[Counter, float]:
    """Send every request at once from its own thread; count the HTTP statuses."""
    barrier = threading.Barrier(len(requests))
    statuses: Counter = Counter()
    lock = threading.Lock()

    def one(request):
        barrier.wait()
        try:
            status = post(*request)
        except OSError as error:
            status = f"error {error}"
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=one, args=(request,)) for request in requests]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=10)
    args = parser.parse_args()

    recreate_database()
    run_manage("migrate", "--verbosity", "0")
    run_manage("createcachetable")
    shift_id, sessions = prepare(args.people, args.capacity)
    from django.urls import reverse

    from frivillig.shifts.concurrency import capacity_report
    from frivillig.shifts.models import SignUp

    servers = start_servers(args.port)
    try:
        path = reverse("shifts:signup_create", kwargs={"pk": shift_id})
        signups, signup_seconds = fire(
            [(args.port + index % 2, path, session) for index, session in enumerate(sessions)]
        )
        after = capacity_report(shift_id)
        waiting_order = list(SignUp.objects.filter(shift_id=shift_id, status="waitlisted")
                             .order_by("waitlisted_at", "id").values_list("pk", flat=True))
        confirmed = list(SignUp.objects.filter(shift_id=shift_id, status="confirmed").values_list("token", flat=True))
        leaving = confirmed[:6]
        cancels, cancel_seconds = fire([
            (args.port + index % 2, reverse("shifts:signup_cancel", kwargs={"token": token}), None)
            for index, token in enumerate(leaving)
        ])
        final = capacity_report(shift_id)
        promoted = set(SignUp.objects.filter(shift_id=shift_id, promoted_at__isnull=False).values_list("pk", flat=True))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)

    errors = sum(count for status, count in signups.items() if status not in (302, 303))
    rows = [
        ("sign-ups fired at once (2 gunicorn processes)", f"{args.people} for {args.capacity} places",
         f"{signup_seconds:.1f} s", ""),
        ("HTTP answers", dict(signups), "", "all redirects"),
        ("confirmed", after["statuses"].get("confirmed", 0), "", args.capacity),
        ("waitlisted", after["waitlisted"], "", args.people - args.capacity),
        ("errors", errors, "", 0),
        ("cancellations fired at once", len(leaving), f"{cancel_seconds:.1f} s", ""),
        ("cancel answers", dict(cancels), "", "all redirects"),
        ("holding a place after the cancellations", final["holding"], "", args.capacity),
        ("waitlisted after", final["waitlisted"], "", args.people - args.capacity - len(leaving)),
        ("promoted", len(promoted), "", len(leaving)),
        ("promoted = first of the waitlist", promoted == set(waiting_order[: len(leaving)]), "", True),
        ("duplicates", final["duplicates"], "", 0),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"\nShift capacity race on PostgreSQL, nproc {os.cpu_count()}")
    print(f" {'measure':<{width}} | value | time | expected")
    failed = False
    for measure, value, seconds, expected in rows:
        ok = "" if expected == "" or expected == "all redirects" else (" ✓" if value == expected else " ✗")
        failed |= ok == " ✗"
        print(f" {measure:<{width}} | {value} | {seconds} | {expected}{ok}")
    failed |= errors != 0 or any(status not in (302, 303) for status in cancels)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
