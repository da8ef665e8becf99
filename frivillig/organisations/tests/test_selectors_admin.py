"""Selectors other apps read, and the Django admin registration."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.organisations.models import Organisation
from frivillig.organisations.selectors import organisations_for_user


def test_organisations_for_user_lists_active_memberships_with_their_organisation(cast, django_assert_num_queries):
    cast["B"].memberships.create(user=cast["bo"], role="editor")
    with django_assert_num_queries(1):
        rows = [(m.organisation.name, m.role) for m in organisations_for_user(cast["bo"])]
    assert rows == [("Besøgsvennerne Frederiksberg", "admin"), ("Lektiecaféen på Solbjerg", "editor")]
    Organisation.objects.filter(pk=cast["B"].pk).update(dissolved_at=timezone.now())
    assert [m.organisation.name for m in organisations_for_user(cast["bo"])] == ["Besøgsvennerne Frederiksberg"]
    assert list(organisations_for_user(cast["ane"])) == []


@pytest.mark.parametrize("model", ["organisation", "membership", "invitation"])
def test_admin_pages_load(client, cast, model):
    client.force_login(User.objects.create_superuser(email="root@example.org", password="x"))
    cast["A"].invitations.create(email="x@example.org")
    assert client.get(reverse(f"admin:organisations_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:organisations_{model}_add")).status_code == 200
