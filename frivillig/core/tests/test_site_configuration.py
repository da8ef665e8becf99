"""Coordinators edit the site configuration and the vocabularies; nobody else can."""

import pytest
from django.urls import reverse

from frivillig.core.models import Area, AuditLog, PolicyArea, SiteConfiguration

from .utils import site_configuration_data

pytestmark = pytest.mark.django_db

URL = reverse("core:site_configuration")


def test_dorte_saves_the_configuration_and_it_is_audited(client_for, cast):
    client = client_for("dorte")
    assert client.get(URL).status_code == 200
    data = site_configuration_data(portal_name="Frivillig i Byen", primary_colour="#1a4f8b", hourly_value="215.50")
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == URL

    config = SiteConfiguration.get()
    assert config.portal_name == "Frivillig i Byen"
    assert config.primary_colour == "#1a4f8b"
    assert str(config.hourly_value) == "215.50"
    entry = AuditLog.objects.get(action="site_configuration.update")
    assert entry.actor == cast["dorte"]
    assert set(entry.details["fields"]) == {"portal_name", "primary_colour", "hourly_value"}
    assert "Frivillig i Byen" in client.get(URL).content.decode()


def test_a_low_contrast_colour_is_refused_with_an_error_on_the_field(client_for, english):
    client = client_for("dorte")
    response = client.post(URL, site_configuration_data(primary_colour="#ffcc00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_primary_colour-error"' in html
    assert "4.5:1" in html
    assert 'aria-invalid="true"' in html
    assert SiteConfiguration.get().primary_colour == "#0b5a3e"
    assert not AuditLog.objects.filter(action="site_configuration.update").exists()


def test_frida_without_totp_is_sent_to_set_it_up(client_for):
    response = client_for("frida").get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", ["ane", "erik", "bo", "gitte"])
def test_people_who_are_not_coordinators_get_403(client_for, name):
    assert client_for(name).get(URL).status_code == 403
    assert client_for(name).post(URL, site_configuration_data(portal_name="Hacked")).status_code == 403
    assert SiteConfiguration.get().portal_name != "Hacked"


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


# --- vocabularies -----------------------------------------------------------------------------------


def formset_data(prefix: str, model, rows: list[dict], extra: list[dict] = ()) -> dict:
    """POST data for the vocabulary formset: the existing `rows` (by pk) and new `extra` rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + len(extra)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate([*rows, *extra]):
        for key, value in row.items():
            if key == "DELETE" and not value:
                continue
            data[f"{prefix}-{index}-{key}"] = "on" if key == "DELETE" else value
    return data


def existing_rows(model) -> list[dict]:
    return [
        {"id": str(item.pk), "name_da": item.name_da, "name_en": item.name_en, "slug": item.slug,
         "position": str(item.position)}
        for item in model.objects.all()
    ]


def test_dorte_adds_renames_and_deletes_areas(client_for, cast):
    client = client_for("dorte")
    url = reverse("core:areas")
    assert client.get(url).status_code == 200
    rows = existing_rows(Area)
    by_slug = {row["slug"]: row for row in rows}
    by_slug["nord"]["name_da"] = "Nordre Frederiksberg"
    by_slug["vest"]["DELETE"] = True
    new = {"name_da": "Flintholm", "name_en": "Flintholm", "slug": "flintholm", "position": "9"}

    response = client.post(url, formset_data("areas", Area, rows, [new]))
    assert response.status_code == 302

    assert Area.objects.get(slug="nord").name_da == "Nordre Frederiksberg"
    assert not Area.objects.filter(slug="vest").exists()
    assert Area.objects.get(slug="flintholm").name_en == "Flintholm"
    entry = AuditLog.objects.get(action="areas.update")
    assert entry.actor == cast["dorte"]
    assert entry.details == {"changed": 1, "created": 1, "deleted": 1}


def test_a_duplicate_slug_for_a_new_entry_is_a_form_error(client_for, english):
    client = client_for("dorte")
    before = Area.objects.count()
    new = {"name_da": "Nord igen", "name_en": "North again", "slug": "nord", "position": "0"}
    response = client.post(reverse("core:areas"), formset_data("areas", Area, existing_rows(Area), [new]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Area of the city with this Slug already exists." in html
    assert 'class="form-error-message"' in html
    assert Area.objects.count() == before


def test_renaming_a_slug_to_another_entrys_slug_is_a_form_error(client_for, english):
    client = client_for("dorte")
    rows = existing_rows(PolicyArea)
    original_slug = rows[0]["slug"]
    rows[0]["slug"] = rows[1]["slug"]
    response = client.post(reverse("core:policy_areas"), formset_data("policy_areas", PolicyArea, rows))
    assert response.status_code == 200
    assert "Policy area with this Slug already exists." in response.content.decode()
    assert PolicyArea.objects.filter(slug=original_slug).exists()


def test_an_empty_name_is_a_form_error(client_for):
    client = client_for("dorte")
    rows = existing_rows(Area)
    rows[0]["name_da"] = ""
    response = client.post(reverse("core:areas"), formset_data("areas", Area, rows))
    assert response.status_code == 200
    assert Area.objects.filter(name_da="").count() == 0


@pytest.mark.parametrize("name", ["areas", "policy_areas", "categories"])
def test_vocabulary_pages_are_for_coordinators_only(client_for, name):
    url = reverse(f"core:{name}")
    assert client_for("dorte").get(url).status_code == 200
    assert client_for("ane").get(url).status_code == 403
    assert client_for("frida").get(url)["Location"] == reverse("mfa_activate_totp")
    assert client_for("visitor").get(url).status_code == 302


def test_saving_without_changes_writes_no_audit_entry(client_for):
    client = client_for("dorte")
    assert client.post(URL, site_configuration_data()).status_code == 302
    assert client.post(reverse("core:areas"), formset_data("areas", Area, existing_rows(Area))).status_code == 302
    assert not AuditLog.objects.filter(action__in=["site_configuration.update", "areas.update"]).exists()


@pytest.mark.parametrize("name", ["site_configuration", "areas"])
def test_an_empty_post_is_answered_with_the_form_not_a_500(client_for, name):
    response = client_for("dorte").post(reverse(f"core:{name}"), {})
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()
