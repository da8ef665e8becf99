"""The typo dictionary (PostgreSQL only): every distinct word of the opportunities' titles and summaries.

A typed word that is not in the text ("besøgsvenn") is matched by pg_trgm similarity against this small table
("besøgsven"), and the similar words join the full-text query. That keeps the search to one GIN index scan,
instead of a trigram scan of every title and summary. search.index_opportunity() adds the words of each saved
opportunity; search.reindex_all() rebuilds the table. SQLite has no such table (its search is plain substrings).
"""

import re

from django.db import migrations

TABLE = "opportunities_search_word"
WORD = re.compile(r"[^\W_]+")
MIN_WORD = 4


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (word text PRIMARY KEY)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_trgm ON {TABLE} USING gin (word gin_trgm_ops)")
    Opportunity = apps.get_model("opportunities", "Opportunity")
    words = set()
    for title, summary in Opportunity.objects.values_list("title", "summary").iterator(chunk_size=2000):
        words.update(word for word in WORD.findall(f"{title} {summary}".casefold()) if len(word) >= MIN_WORD)
    if words:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", [sorted(words)]
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0002_search"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
