"""Rebuild every opportunity's search columns: after bulk inserts, an organisation's rename or a search change."""

from django.core.management.base import BaseCommand

from frivillig.opportunities.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search text (and, on PostgreSQL, the weighted search vector) of every opportunity."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="Rows per bulk update (default 1000).")

    def handle(self, *args, batch_size: int, **options):
        count = reindex_all(batch_size=max(1, batch_size))
        self.stdout.write(self.style.SUCCESS(f"Reindexed {count} opportunities."))
