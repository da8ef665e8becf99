"""The one-click unsubscribe link of every digest: no sign-in, at once, with an undo."""

import pytest
from django.test import Client
from django.urls import reverse

from frivillig.suggestions.models import SavedSearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_search(cast):
    return SavedSearch.objects.create(user=cast.users["ane"], name="Ældre", query="q=%C3%A6ldre")


def unsubscribe_url(token) -> str:
    return reverse("suggestions:unsubscribe", kwargs={"token": token})


def resubscribe_url(token) -> str:
    return reverse("suggestions:resubscribe", kwargs={"token": token})


def test_urls(saved_search):
    assert unsubscribe_url(saved_search.token) == f"/gemte-soegninger/afmeld/{saved_search.token}/"
    assert resubscribe_url(saved_search.token) == f"/gemte-soegninger/afmeld/{saved_search.token}/fortryd/"
    assert saved_search.token != SavedSearch.objects.create(user=saved_search.user, name="b", query="q=b").token


def test_one_click_unsubscribes_without_signing_in(client, saved_search, english):
    response = client.get(unsubscribe_url(saved_search.token))
    assert response.status_code == 200
    saved_search.refresh_from_db()
    assert not saved_search.is_active
    page = response.content.decode()
    assert "Ældre" in page
    assert f'action="{resubscribe_url(saved_search.token)}"' in page
    assert "Sign in to manage your saved searches" in page


def test_undo(client, saved_search):
    client.get(unsubscribe_url(saved_search.token))
    response = client.post(resubscribe_url(saved_search.token))
    assert response.status_code == 200
    saved_search.refresh_from_db()
    assert saved_search.is_active


def test_the_owner_is_shown_her_saved_searches(client_for, saved_search, english):
    page = client_for("ane").get(unsubscribe_url(saved_search.token)).content.decode()
    assert "Manage your saved searches" in page


def test_mail_programs_unsubscribe_with_a_post_and_no_csrf_token(saved_search):
    """RFC 8058: the mail program's own "Unsubscribe" button POSTs "List-Unsubscribe=One-Click" to the link."""
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(saved_search.token),
                                                     {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    saved_search.refresh_from_db()
    assert not saved_search.is_active


def test_unknown_tokens_are_404(client, saved_search):
    assert client.get(unsubscribe_url("findes-ikke")).status_code == 404
    assert client.post(resubscribe_url("findes-ikke")).status_code == 404
    saved_search.refresh_from_db()
    assert saved_search.is_active


def test_undo_is_post_only(client, saved_search):
    saved_search.is_active = False
    saved_search.save()
    assert client.get(resubscribe_url(saved_search.token)).status_code == 405
    saved_search.refresh_from_db()
    assert not saved_search.is_active
