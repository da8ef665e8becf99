"""The cast's saved searches in the demo data."""

import pytest

from frivillig.suggestions.demo import create_demo_saved_searches
from frivillig.suggestions.models import SavedSearch

pytestmark = pytest.mark.django_db


def test_ane_and_bo_get_saved_searches_once(cast):
    assert create_demo_saved_searches(cast.users) == 3
    assert create_demo_saved_searches(cast.users) == 0  # idempotent
    searches = {(s.user.email, s.query, s.frequency) for s in SavedSearch.objects.select_related("user")}
    assert searches == {
        ("ane@example.org", "q=%C3%A6ldre&areas=nord", "daily"),
        ("ane@example.org", "categories=lektiehjaelp&categories=boern-unge", "weekly"),
        ("bo@example.org", "categories=idraet", "weekly"),
    }
