"""The inbox's CSV export: what is in it, how Excel reads it, that it cannot smuggle in formulas, and the audit."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.applications import services
from frivillig.applications.models import Application
from frivillig.core.models import AuditLog

from .test_inbox import make_submitted

Status = Application.Status


def export_url(organisation, **query) -> str:
    url = reverse("applications:export", kwargs={"slug": organisation.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def read(response, delimiter) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "a byte order mark, so Excel reads the file as UTF-8"
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def get(client, url, language="en"):
    client.cookies["django_language"] = language
    return client.get(url)


def test_the_export_lists_the_inbox_in_english(client_for, cast, applications):
    Application.objects.filter(pk=applications.guest_a.pk).update(phone="+45 12 34 56 78")
    response = get(client_for("bo"), export_url(cast["A"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="ansoegninger-{cast["A"].slug}-')
    assert "no-store" in response["Cache-Control"]
    rows = read(response, ",")
    assert rows[0] == ["Name", "E-mail", "Phone", "Birth year", "Opportunity", "Status", "Submitted", "First answer",
                       "Message"]
    assert [row[0] for row in rows[1:]] == ["Gæst Hansen", "Ane Holm"]  # newest first; not the unconfirmed one
    guest = rows[1]
    assert guest[1:6] == ["gaest@example.org", "'+45 12 34 56 78", "1985", cast.opportunities.published_a.title,
                          "New"]
    assert guest[6][:4].isdigit() and guest[7] == "" and guest[8] == "Jeg vil gerne hjælpe."


def test_the_export_in_danish_uses_semicolons_for_danish_excel(client_for, cast, applications):
    rows = read(get(client_for("erik"), export_url(cast["A"]), language="da"), ";")
    assert len(rows) == 3 and len(rows[0]) == 9
    assert rows[1][0] == "Gæst Hansen"


def test_the_export_follows_the_filters(client_for, cast, applications):
    services.application_set_status(application=applications.ane_a, status=Status.IN_DIALOGUE,
                                    actor=cast.users["bo"])
    other = cast.opportunities.child_certificate_a
    make_submitted(other, 2)
    client = client_for("bo")
    rows = read(get(client, export_url(cast["A"], status="in_dialogue")), ",")
    assert [row[0] for row in rows[1:]] == ["Ane Holm"]
    rows = read(get(client, export_url(cast["A"], opportunity=other.pk)), ",")
    assert [row[0] for row in rows[1:]] == ["Ansøger 0", "Ansøger 1"]
    rows = read(get(client, export_url(cast["A"], opportunity=other.pk, status="in_dialogue")), ",")
    assert rows[1:] == []


@pytest.mark.parametrize("query", [{"opportunity": "U"}, {"opportunity": "abc"}, {"status": "unconfirmed"}])
def test_an_unknown_filter_is_404_rather_than_a_wider_export(client_for, cast, applications, query):
    if query.get("opportunity") == "U":
        query = {"opportunity": cast.opportunities.published_u.pk}
    assert get(client_for("bo"), export_url(cast["A"], **query)).status_code == 404
    assert not AuditLog.objects.filter(action="application.export").exists()


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_cells_that_look_like_formulas_are_defused(client_for, cast, applications, dangerous):
    Application.objects.filter(pk=applications.guest_a.pk).update(name=dangerous, message=dangerous)
    rows = read(get(client_for("bo"), export_url(cast["A"])), ",")
    guest = rows[1]
    assert guest[0] == guest[8] == "'" + dangerous


def test_every_export_is_audited(client_for, cast, applications):
    client = client_for("erik")
    get(client, export_url(cast["A"]))
    get(client, export_url(cast["A"], opportunity=cast.opportunities.published_a.pk))
    entries = list(AuditLog.objects.filter(action="application.export").order_by("pk"))
    assert [entry.actor for entry in entries] == [cast.users["erik"]] * 2
    assert entries[0].target_id == str(cast["A"].pk) and entries[0].details["rows"] == 2
    assert entries[1].target_type == "opportunities.opportunity"
    assert entries[1].target_id == str(cast.opportunities.published_a.pk)


def test_the_export_uses_a_constant_number_of_queries(client_for, cast, applications):
    client = client_for("bo")

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert get(client, export_url(cast["A"])).status_code == 200
        return len(context.captured_queries)

    few = count()
    make_submitted(cast.opportunities.published_a, 30)
    make_submitted(cast.opportunities.child_certificate_a, 5)
    assert count() == few


@pytest.mark.parametrize("name", ["visitor", "ane", "carl", "gitte"])
def test_only_members_export(client_for, cast, applications, name):
    response = client_for(name).get(export_url(cast["A"]))
    assert response.status_code == (302 if name == "visitor" else 404)
    assert not AuditLog.objects.filter(action="application.export").exists()
