"""The capacity race, shared by the test suite (threads) and `make bench` (two gunicorn processes).

`race_signups` signs many people up for one shift at the same moment, each in its own thread and database
connection; `race_cancellations` has many confirmed people cancel at once, so promotions from the waitlist race
each other. `capacity_report` counts what the database holds afterwards. The rule under test is in services.py:
never more sign-ups holding a place than the shift's capacity.
"""

import threading
from collections import Counter

from django.db import close_old_connections, connection

from .models import Shift, SignUp


def _in_thread(target, items, workers: int) -> list:
    """Run target(item) for every item from `workers` threads released together by a barrier."""
    results: list = []
    lock = threading.Lock()
    chunks = [items[index::workers] for index in range(workers)]
    barrier = threading.Barrier(len([chunk for chunk in chunks if chunk]))

    def work(chunk):
        close_old_connections()
        try:
            barrier.wait()
            for item in chunk:
                try:
                    outcome = target(item)
                except Exception as error:  # noqa: BLE001 - the race reports every failure instead of dying
                    outcome = f"error: {type(error).__name__}: {error}"
                with lock:
                    results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks if chunk]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def race_signups(shift_id: int, users: list, *, workers: int = 20) -> Counter:
    """Sign every user up for the shift at once; counts the outcomes (statuses, or errors)."""
    from . import services

    def sign_up(user):
        shift = Shift.objects.get(pk=shift_id)
        return services.signup_create(shift=shift, user=user).status

    return Counter(_in_thread(sign_up, users, workers))


def race_cancellations(signup_ids: list[int], *, workers: int = 10) -> Counter:
    from . import services

    def cancel(signup_id):
        return "cancelled" if services.signup_cancel(signup=SignUp.objects.get(pk=signup_id)) else "not active"

    return Counter(_in_thread(cancel, signup_ids, workers))


def capacity_report(shift_id: int) -> dict:
    shift = Shift.objects.get(pk=shift_id)
    statuses = Counter(SignUp.objects.filter(shift=shift).values_list("status", flat=True))
    holding = statuses.get(SignUp.Status.CONFIRMED, 0) + statuses.get(SignUp.Status.HELD, 0)
    people = SignUp.objects.filter(shift=shift, status__in=SignUp.ACTIVE_STATUSES).values_list("email", flat=True)
    return {
        "capacity": shift.capacity,
        "statuses": dict(statuses),
        "holding": holding,
        "waitlisted": statuses.get(SignUp.Status.WAITLISTED, 0),
        "duplicates": sum(count - 1 for count in Counter(people).values() if count > 1),
    }
