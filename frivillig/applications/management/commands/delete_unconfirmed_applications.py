"""Delete guest applications never confirmed within 7 days. Run daily from cron, at 00:30:

    30 0 * * *  cd /srv/frivillig && .venv/bin/python manage.py delete_unconfirmed_applications

The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs it here instead.
"""

from django.core.management.base import BaseCommand

from frivillig.applications.tasks import delete_unconfirmed_applications_task


class Command(BaseCommand):
    help = "Delete guest applications never confirmed within 7 days (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            count = delete_unconfirmed_applications_task.call()
            self.stdout.write(f"Applications deleted: {count}.")
            return
        result = delete_unconfirmed_applications_task.enqueue()
        self.stdout.write(f"Enqueued delete_unconfirmed_applications ({result.id}).")
