from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from frivillig.core.models import SiteConfiguration

pytestmark = pytest.mark.django_db


def test_theme_css_is_css_with_the_configured_colour_and_cached_long(client):
    response = client.get(reverse("core:theme_css"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "#0b5a3e" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "max-age=31536000" in cache_control
    assert "immutable" in cache_control
    assert "public" in cache_control


def test_changing_the_colour_changes_the_stylesheet_and_its_version(client):
    config = SiteConfiguration.get()
    old_version = config.theme_version
    config.primary_colour = "#1a4f8b"
    config.save()

    config = SiteConfiguration.get()
    assert config.theme_version != old_version
    css = client.get(reverse("core:theme_css")).content.decode()
    assert "#1a4f8b" in css
    assert "#0b5a3e" not in css


def test_saving_without_changing_the_colour_keeps_the_version():
    config = SiteConfiguration.get()
    version = config.theme_version
    config.portal_name = "Frivillig på Frederiksberg"
    config.save()
    assert SiteConfiguration.get().theme_version == version


def test_pages_link_the_stylesheet_with_its_version(client):
    html = client.get(reverse("core:cookies")).content.decode()
    assert f'{reverse("core:theme_css")}?v={SiteConfiguration.get().theme_version}"' in html


def test_healthz_answers_200_with_json_when_the_database_answers(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_fails(client):
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("database is gone")):
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert "database is gone" not in response.content.decode()  # no internals leak to the outside


def test_healthz_refuses_post(client):
    assert client.post(reverse("core:healthz")).status_code == 405
