"""Search: a weighted tsvector column with its GIN index, and pg_trgm (for typos, see 0003).

The column exists on every database; the extension and the index only on PostgreSQL (SQLite searches the
case-folded `search_text` column instead). The index is created with SQL, not Meta.indexes, because GIN
indexes cannot exist on SQLite and the migration state must be the same on both.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

TABLE = "opportunities_opportunity"
INDEXES = {
    "opportunity_search_vector_gin": "USING gin (search_vector)",
}
# Title A > summary B > description and skills C > organisation name D, with the danish configuration.
# Never unaccent first: it would turn æ/ø/å into ae/o/a and break the Danish stemmer.
VECTOR_SQL = """
UPDATE opportunities_opportunity AS o SET search_vector =
    setweight(to_tsvector('danish', coalesce(o.title, '')), 'A')
    || setweight(to_tsvector('danish', coalesce(o.summary, '')), 'B')
    || setweight(to_tsvector('danish', coalesce(o.description, '') || ' ' || coalesce(o.skills, '')), 'C')
    || setweight(to_tsvector('danish', coalesce(org.name, '')), 'D')
FROM organisations_organisation AS org
WHERE org.id = o.organisation_id
"""


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, body in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {body}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def index_existing(apps, schema_editor):
    """Fill the search columns of rows that existed before search did."""
    Opportunity = apps.get_model("opportunities", "Opportunity")
    batch = []
    for opportunity in Opportunity.objects.select_related("organisation").iterator(chunk_size=500):
        parts = [opportunity.title, opportunity.summary, opportunity.description, opportunity.skills,
                 opportunity.organisation.name]
        opportunity.search_text = " ".join(" ".join(parts).casefold().split())
        batch.append(opportunity)
        if len(batch) == 500:
            Opportunity.objects.bulk_update(batch, ["search_text"])
            batch = []
    Opportunity.objects.bulk_update(batch, ["search_text"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),  # A no-op on databases other than PostgreSQL.
        migrations.AddField(
            model_name="opportunity",
            name="search_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
        migrations.RunPython(index_existing, migrations.RunPython.noop, elidable=True),
    ]
