"""Remind organisations of applications unanswered for 5 working days. Run daily from cron,
at 08:00, so reminders arrive in the working day:

    0 8 * * *  cd /srv/frivillig && .venv/bin/python manage.py send_application_reminders

The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs it here instead.
"""

from django.core.management.base import BaseCommand

from frivillig.applications.tasks import send_application_reminders_task


class Command(BaseCommand):
    help = "Remind organisations of applications unanswered for 5 working days (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            count = send_application_reminders_task.call()
            self.stdout.write(f"Reminders sent: {count}.")
            return
        result = send_application_reminders_task.enqueue()
        self.stdout.write(f"Enqueued send_application_reminders ({result.id}).")
