"""A short-lived, shared cache of searches, invalidated by a "search generation".

Two kinds of entries live in the default cache (the database cache, or Redis with REDIS_URL), so every gunicorn
worker shares them:
- a search's results, keyed by its parameters without the page: the facet counts and the total, and for a
  search with free text the ranked ids of its first MAX_CACHED_IDS results, so any of those pages is one
  primary-key fetch (search_opportunities reads and writes these);
- the rendered, impersonal HTML of the search page's form and results, keyed by the parameters with the page,
  the language and whether it is an htmx partial (views.search reads and writes these). Nothing personal goes
  in: the user's name, the CSRF token and the CSP nonce are rendered around it by base.html.

Each entry is stored as (generation, value). The generation is one number in the cache, replaced whenever
published content changes: search_changed() runs after an opportunity is indexed (create, edit, duplicate) and
after a status change (publish, pause, close, unpublish, expiry), once the transaction commits, so a worker
never caches the old rows under the new generation. An entry of another generation is a miss. So a post that is
published or edited shows in the very next search; SEARCH_CACHE_SECONDS bounds what no service announces (an
organisation's rename, verification or dissolution).

A search reads the generation and its entries in one cache round trip (`SearchCache.fetch`).
"""

import hashlib
import time
import zlib

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "frivillig:search:generation"
KEY_PREFIX = "frivillig:search:v2"
# How long a search's results and page HTML are kept at most; the generation usually retires them sooner. This
# bounds how long a change that no service announces (an organisation's rename or dissolution) takes to show.
SEARCH_CACHE_SECONDS = 60
# The facet counts and totals of searches without free text: search_opportunities keeps their lists live (one
# cheap indexed query) and only their counts (a pass over most rows) cached.
FACET_CACHE_SECONDS = SEARCH_CACHE_SECONDS
# The ranked ids kept per free-text search: 100 pages of 20. Later pages are searched afresh.
MAX_CACHED_IDS = 2000


def _new_generation() -> int:
    # Nanoseconds never repeat a retired generation, even if the key was evicted in between.
    return time.time_ns()


def search_changed() -> None:
    """Retire every cached search once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, _new_generation(), None))


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def results_key(params) -> str:
    """The key of a search's results: its normalised parameters without the page."""
    return f"{KEY_PREFIX}:results:{_digest(params.urlencode(with_page=False))}"


def page_key(params, *, language: str, partial: bool) -> str:
    """The key of a search page's rendered form and results."""
    return f"{KEY_PREFIX}:page:{_digest(params.urlencode(with_page=True), language, partial)}"


class SearchCache:
    """One request's view of the search cache: the generation and the entries it asked for, read at once."""

    def __init__(self, values: dict):
        self.generation = values.get(GENERATION_KEY)
        self._values = values

    @classmethod
    def fetch(cls, *keys: str) -> "SearchCache":
        """Read the generation and `keys` in one round trip."""
        return cls(cache.get_many([GENERATION_KEY, *keys]))

    def get(self, key: str):
        """The entry's value if it belongs to the current generation, else None."""
        entry = self._values.get(key)
        if self.generation is None or not isinstance(entry, tuple) or len(entry) != 2:
            return None
        generation, value = entry
        return value if generation == self.generation else None

    def set(self, key: str, value, timeout: int = SEARCH_CACHE_SECONDS) -> None:
        """Store `value` under the generation this request read (a later generation will not see it)."""
        if self.generation is None:
            # No generation yet (a new or flushed cache): start one, unless another worker just did.
            cache.add(GENERATION_KEY, _new_generation(), None)
            self.generation = cache.get(GENERATION_KEY)
        if self.generation is not None:
            cache.set(key, (self.generation, value), timeout)
            self._values[key] = (self.generation, value)

    def get_html(self, key: str) -> str | None:
        """A stored page body (see set_html), or None."""
        packed = self.get(key)
        return zlib.decompress(packed).decode() if isinstance(packed, bytes) else None

    def set_html(self, key: str, html: str) -> None:
        """Store rendered HTML compressed: a search page's body shrinks about sevenfold, which makes reading it
        from the database cache (or Redis) cheaper than the decompression costs."""
        self.set(key, zlib.compress(html.encode(), 1))
