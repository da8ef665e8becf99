"""Recompute every organisation's answer figures for the last 12 months. Run daily
from cron, at 00:45, as the 12-month window moves:

    45 0 * * *  cd /srv/frivillig && .venv/bin/python manage.py refresh_response_figures

The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs it here instead.
"""

from django.core.management.base import BaseCommand

from frivillig.applications.tasks import refresh_all_response_figures_task


class Command(BaseCommand):
    help = "Recompute every organisation's answer figures for the last 12 months (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            count = refresh_all_response_figures_task.call()
            self.stdout.write(f"Organisations refreshed: {count}.")
            return
        result = refresh_all_response_figures_task.enqueue()
        self.stdout.write(f"Enqueued refresh_response_figures ({result.id}).")
