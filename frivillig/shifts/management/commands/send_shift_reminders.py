"""Lapse guests' held places that have run out (moving the waitlists up) and remind everyone of shifts starting
within 24 hours, once each. Run every 15 minutes from cron:

    */15 * * * *  cd /srv/frivillig && .venv/bin/python manage.py send_shift_reminders

The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs it here instead. Running it
twice (or two at once) reminds no one twice: `reminder_sent_at` is re-checked under a row lock.
"""

from django.core.management.base import BaseCommand

from frivillig.shifts.tasks import send_shift_reminders_task


class Command(BaseCommand):
    help = "Lapse expired holds and remind people of shifts in the next 24 hours (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            counts = send_shift_reminders_task.call()
            self.stdout.write(f"Holds lapsed: {counts['lapsed']}. Reminders sent: {counts['reminded']}.")
            return
        result = send_shift_reminders_task.enqueue()
        self.stdout.write(f"Enqueued send_shift_reminders ({result.id}).")
