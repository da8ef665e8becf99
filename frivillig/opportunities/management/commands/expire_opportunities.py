"""Expire opportunities past their end date or application deadline. Run daily from cron, e.g. at 00:15:

    15 0 * * *  cd /srv/frivillig && .venv/bin/python manage.py expire_opportunities

The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs the expiry here instead.
"""

from django.core.management.base import BaseCommand

from frivillig.opportunities.tasks import expire_opportunities_task


class Command(BaseCommand):
    help = "Expire opportunities whose end date or application deadline has passed (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run the expiry in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            count = expire_opportunities_task.call()
            self.stdout.write(f"Opportunities expired: {count}.")
            return
        result = expire_opportunities_task.enqueue()
        self.stdout.write(f"Enqueued the expiry task ({result.id}).")
