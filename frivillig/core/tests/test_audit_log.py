import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.core.audit import audit
from frivillig.core.models import AuditLog
from frivillig.core.views import AUDIT_PAGE_SIZE

pytestmark = pytest.mark.django_db

URL = reverse("core:audit_log")


def log_entries(cast, count: int) -> None:
    people = [cast["bo"], cast["carl"], cast["dorte"], None]
    for number in range(count):
        audit(actor=people[number % len(people)], action="organisation.verify", target=cast["A"], number=number)


def test_audit_log_lists_entries_newest_first(client_for, cast):
    AuditLog.objects.all().delete()
    audit(actor=cast["dorte"], action="organisation.verify", target=cast["B"])
    audit(actor=cast["bo"], action="organisation.member_invite", target=cast["A"], email="ny@example.org")
    html = client_for("dorte").get(URL).content.decode()
    assert html.index("organisation.member_invite") < html.index("organisation.verify")
    assert cast["B"].name in html
    assert cast["dorte"].name in html
    assert '<th scope="col">' in html


def test_audit_log_uses_a_constant_number_of_queries(client_for, cast, django_assert_num_queries):
    client = client_for("dorte")
    log_entries(cast, 3)
    client.get(URL)  # warm the site configuration cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    log_entries(cast, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.content.decode().count("organisation.verify") >= 30


def test_audit_log_is_paginated(client_for, cast):
    log_entries(cast, AUDIT_PAGE_SIZE + 5)
    client = client_for("dorte")
    first = client.get(URL).content.decode()
    assert "?side=2" in first
    second = client.get(URL, {"side": 2})
    assert second.status_code == 200
    assert client.get(URL, {"side": "not-a-number"}).status_code == 200
    assert client.get(URL, {"side": 999}).status_code == 200


def test_audit_log_is_for_coordinators_with_totp_only(client_for):
    assert client_for("ane").get(URL).status_code == 403
    assert client_for("bo").get(URL).status_code == 403
    assert client_for("frida").get(URL)["Location"] == reverse("mfa_activate_totp")
    assert client_for("visitor").get(URL).status_code == 302


def test_audit_records_actor_target_and_details(cast):
    entry = audit(actor=cast["dorte"], action="organisation.verify", target=cast["A"], reason="CVR checked")
    assert entry.actor == cast["dorte"]
    assert entry.target_type == "organisations.organisation"
    assert entry.target_id == str(cast["A"].pk)
    assert entry.target_repr == cast["A"].name
    assert entry.details == {"reason": "CVR checked"}


def test_audit_by_a_visitor_has_no_actor(cast):
    from django.contrib.auth.models import AnonymousUser

    assert audit(actor=AnonymousUser(), action="idea.create").actor is None
