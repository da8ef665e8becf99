"""Send the e-mail digests of saved searches that are due. Run daily from cron, at 07:00, so the digests are
there in the morning:

    0 7 * * *  cd /srv/frivillig && .venv/bin/python manage.py send_search_digests

Daily and weekly searches are both handled by this one daily run: each search knows when its next digest is
due (SavedSearch.next_due_at). The command enqueues a task for the worker (`manage.py db_worker`); `--now` runs
it here instead.
"""

from django.core.management.base import BaseCommand

from frivillig.suggestions.tasks import send_search_digests_task


class Command(BaseCommand):
    help = "Send the e-mail digests of saved searches that are due (through a task)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process, not in the worker.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            count = send_search_digests_task.call()
            self.stdout.write(f"Digests sent: {count}.")
            return
        result = send_search_digests_task.enqueue()
        self.stdout.write(f"Enqueued send_search_digests ({result.id}).")
