"""The cast's saved searches for the demo data (called by the demo-data helper)."""

from django.core.exceptions import ValidationError
from django.http import QueryDict

from frivillig.opportunities.search import SearchParams

from . import services
from .models import SavedSearch

# (cast member, name, search query, frequency)
DEMO_SAVED_SEARCHES = [
    ("ane", "Ældre i Frederiksberg Nord", "q=ældre&areas=nord", SavedSearch.Frequency.DAILY),
    ("ane", "Lektiehjælp", "categories=lektiehjaelp&categories=boern-unge", SavedSearch.Frequency.WEEKLY),
    ("bo", "Idræt og bevægelse", "categories=idraet", SavedSearch.Frequency.WEEKLY),
]


def create_demo_saved_searches(users: dict) -> int:
    """Give ane and bo their saved searches, through the service as they would save them; return how many were
    created. Idempotent: a search someone already has is left alone."""
    created = 0
    for key, name, query, frequency in DEMO_SAVED_SEARCHES:
        user = users.get(key)
        if user is None:
            continue
        params = SearchParams.from_querydict(QueryDict(query))
        try:
            services.saved_search_create(user=user, params=params, name=name, frequency=frequency)
        except ValidationError:  # saved before (or the person is at the limit)
            continue
        created += 1
    return created
