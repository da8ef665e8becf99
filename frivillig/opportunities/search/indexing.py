"""The search columns: `search_text` (SQLite), `search_vector` (PostgreSQL) and the typo dictionary.

index_opportunity() keeps one opportunity's columns current and tells the search cache that published content
changed; reindex_all() and rebuild_search_words() rebuild them all.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, Value

from frivillig.organisations.models import Organisation

from ..models import Opportunity
from .cache import search_changed
from .query import MIN_TRIGRAM_WORD, SEARCH_CONFIG, SEARCH_WORDS_TABLE, WORD, _is_postgresql


def normalise_search_text(text: str) -> str:
    """Case-fold and collapse whitespace; æ/ø/å stay as they are."""
    return " ".join(text.casefold().split())


def search_text_for(opportunity: Opportunity) -> str:
    parts = (opportunity.title, opportunity.summary, opportunity.description, opportunity.skills,
             opportunity.organisation.name)
    return normalise_search_text(" ".join(parts))


def _search_vector(organisation_name):
    """Title A, summary B, description and skills C, organisation name D; `danish` config, no unaccent."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", "skills", weight="C", config=SEARCH_CONFIG)
        + SearchVector(organisation_name, weight="D", config=SEARCH_CONFIG)
    )


def search_words(*texts: str) -> set[str]:
    """The words of `texts` that go into the typo dictionary (case-folded, at least MIN_TRIGRAM_WORD long)."""
    return {word for word in WORD.findall(" ".join(texts).casefold()) if len(word) >= MIN_TRIGRAM_WORD}


def _add_search_words(words: set[str]) -> None:
    if words:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {SEARCH_WORDS_TABLE} (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                [sorted(words)],
            )


def index_opportunity(opportunity: Opportunity) -> None:
    """Refresh one saved opportunity's search columns from its text and its organisation's name.

    Call it after every save that changes the title, summary, description or skills (services do). One UPDATE,
    and on PostgreSQL one INSERT of its title's and summary's words into the typo dictionary; cached searches
    are retired when the transaction commits.
    """
    opportunity.search_text = search_text_for(opportunity)
    updates = {"search_text": opportunity.search_text}
    if _is_postgresql():
        updates["search_vector"] = _search_vector(Value(opportunity.organisation.name))
    Opportunity.objects.filter(pk=opportunity.pk).update(**updates)
    if _is_postgresql():
        _add_search_words(search_words(opportunity.title, opportunity.summary))
    search_changed()


def reindex_all(*, batch_size: int = 1000) -> int:
    """Rebuild every opportunity's search columns (after bulk inserts or an organisation's rename).

    search_text is case-folded in Python in batches; on PostgreSQL the vectors are rebuilt in one UPDATE and
    the typo dictionary is rebuilt from the titles and summaries. Returns the number of opportunities.
    """
    rows = (
        Opportunity.objects.select_related("organisation")
        .only("title", "summary", "description", "skills", "organisation__name")
        .order_by("pk")
    )
    batch, count = [], 0
    for opportunity in rows.iterator(chunk_size=batch_size):
        opportunity.search_text = search_text_for(opportunity)
        batch.append(opportunity)
        if len(batch) >= batch_size:
            count += Opportunity.objects.bulk_update(batch, ["search_text"])
            batch = []
    count += Opportunity.objects.bulk_update(batch, ["search_text"]) if batch else 0
    if _is_postgresql():
        organisation_name = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1])
        Opportunity.objects.update(search_vector=_search_vector(organisation_name))
        rebuild_search_words()
    search_changed()
    return count


def rebuild_search_words() -> int:
    """Refill the typo dictionary (PostgreSQL) from every title and summary; returns its size.

    reindex_all() calls it; call it yourself after filling the search columns another way (bulk loads).
    """
    if not _is_postgresql():
        return 0
    words = set()
    for title, summary in Opportunity.objects.values_list("title", "summary").iterator(chunk_size=5000):
        words |= search_words(title, summary)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SEARCH_WORDS_TABLE}")  # noqa: S608 - a constant table name
    _add_search_words(words)
    return len(words)
