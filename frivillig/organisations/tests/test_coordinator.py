"""The coordinators' pages: overview, municipal units and verification."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.core.models import AuditLog
from frivillig.organisations.models import Organisation

from .utils import form_data, make_organisation

OVERVIEW = reverse("organisations:coordinator_overview")
UNITS = reverse("organisations:municipal_units")
UNIT_CREATE = reverse("organisations:municipal_unit_create")
VERIFICATION = reverse("organisations:verification_list")


def unit_data(**changes) -> dict:
    data = form_data(**{"name": "Frederiksberg Hovedbibliotek", "manager_email": "leder@example.org", **changes})
    for field in ("kind", "cvr", "accept_terms"):
        data.pop(field, None)
    return data


@pytest.mark.parametrize("page", [OVERVIEW, UNITS, UNIT_CREATE, VERIFICATION])
def test_coordinator_pages_refuse_everyone_else(client_for, cast, page):
    assert client_for("visitor").get(page)["Location"].startswith(reverse("account_login"))
    for name in ["ane", "bo", "gitte"]:
        assert client_for(name).get(page).status_code == 403, name
    assert client_for("frida").get(page)["Location"] == reverse("mfa_activate_totp")
    assert client_for("dorte").get(page).status_code == 200


def test_overview_links_to_the_coordinator_tools(client_for, cast):
    html = client_for("dorte").get(OVERVIEW).content.decode()
    for name in ["core:site_configuration", "core:audit_log", "core:areas", "core:policy_areas", "core:categories",
                 "organisations:municipal_units", "organisations:verification_list"]:
        assert f'href="{reverse(name)}"' in html, name
    assert "1 awaits verification" in html


def test_coordinator_creates_a_unit_and_is_not_a_member(client_for, cast, immediate_tasks, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    client = client_for("dorte")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UNIT_CREATE, unit_data(), follow=True)
    unit = Organisation.objects.get(name="Frederiksberg Hovedbibliotek")
    assert unit.kind == "municipal_unit"
    assert not unit.memberships.exists()
    assert mailoutbox[0].to == ["leder@example.org"]
    assert unit.invitations.get().get_absolute_url() in mailoutbox[0].body
    html = response.content.decode()
    assert "Frederiksberg Hovedbibliotek" in html and "leder@example.org (Admin)" in html
    assert AuditLog.objects.filter(action="municipal_unit.create", actor=cast["dorte"]).exists()


def test_unit_form_needs_the_manager(client_for, cast):
    response = client_for("dorte").post(UNIT_CREATE, unit_data(manager_email=""))
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Frederiksberg Hovedbibliotek").exists()


def test_units_list_has_constant_queries(client_for, cast, django_assert_num_queries):
    client = client_for("dorte")
    client.get(UNITS)
    with CaptureQueriesContext(connection) as queries:
        client.get(UNITS)
    for number in range(10):
        unit = make_organisation(f"Skole {number}", kind="municipal_unit")
        unit.invitations.create(email=f"leder{number}@example.org", role="admin")
        unit.memberships.create(user=cast["gitte"], role="admin")
    with django_assert_num_queries(len(queries)):
        response = client.get(UNITS)
    assert "leder9@example.org" in response.content.decode()


def test_verification_list_and_verify(client_for, cast):
    client = client_for("dorte")
    html = client.get(VERIFICATION).content.decode()
    assert "Lektiecaféen på Solbjerg" in html
    assert "Besøgsvennerne Frederiksberg" not in html  # verified already
    assert "Plejecenter Akaciegården" not in html  # units are not verified one by one

    response = client.post(reverse("organisations:verify", args=["lektiecafe-solbjerg"]),
                           {"verified": "1", "next": VERIFICATION})
    assert response["Location"] == VERIFICATION
    assert Organisation.objects.get(pk=cast["B"].pk).is_verified
    assert AuditLog.objects.filter(action="organisation.verify", actor=cast["dorte"]).exists()
    assert "Lektiecaféen" in client.get(VERIFICATION, {"status": "verified"}).content.decode()

    client.post(reverse("organisations:verify", args=["lektiecafe-solbjerg"]), {"verified": "0"})
    assert not Organisation.objects.get(pk=cast["B"].pk).is_verified
    assert AuditLog.objects.filter(action="organisation.unverify").exists()


def test_verify_ignores_a_foreign_next_and_refuses_others(client_for, cast):
    verify = reverse("organisations:verify", args=["lektiecafe-solbjerg"])
    response = client_for("dorte").post(verify, {"verified": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == VERIFICATION
    assert client_for("carl").post(verify, {"verified": "1"}).status_code == 403
    assert client_for("dorte").get(verify).status_code == 405


def test_coordinator_sees_verify_button_on_profile(client_for, cast):
    html = client_for("dorte").get(cast["B"].get_absolute_url()).content.decode()
    assert "Verify the organisation" in html
    html = client_for("bo").get(cast["B"].get_absolute_url()).content.decode()
    assert "Verify the organisation" not in html
