"""The Django admin knows users by e-mail and shows their profile."""

import pytest
from django.urls import reverse

from frivillig.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, cast):
    superuser = User.objects.create_superuser(email="drift@example.org", password="drift-adgang-2026")
    client.force_login(superuser)
    return client


@pytest.mark.parametrize(
    "name",
    ["admin:accounts_user_changelist", "admin:accounts_user_add", "admin:accounts_volunteerprofile_changelist"],
)
def test_admin_pages(admin_client_, name):
    assert admin_client_.get(reverse(name)).status_code == 200


def test_admin_user_change_page_shows_profile(admin_client_, cast):
    response = admin_client_.get(reverse("admin:accounts_user_change", args=[cast.users["ane"].pk]))
    assert response.status_code == 200
    assert "ane@example.org" in response.content.decode()


def test_admin_profile_change_page(admin_client_, cast):
    profile = cast.users["ane"].profile
    assert admin_client_.get(reverse("admin:accounts_volunteerprofile_change", args=[profile.pk])).status_code == 200


def test_admin_search_by_email(admin_client_, cast):
    response = admin_client_.get(reverse("admin:accounts_user_changelist"), {"q": "ane@"})
    assert "ane@example.org" in response.content.decode()


def test_admin_creates_a_user_by_email(admin_client_, cast):
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Ny.Bruger@example.org",
            "usable_password": "true",
            "password1": "lang-og-sikker-2026",
            "password2": "lang-og-sikker-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny.bruger@example.org")
    assert user.profile.preferred_language == "da"


def test_admin_is_refused_to_non_staff(client_for):
    response = client_for("dorte").get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
