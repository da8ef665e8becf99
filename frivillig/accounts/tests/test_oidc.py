"""OpenID Connect providers come from the environment; the staff provider's group claim makes coordinators."""

import importlib
import re
from types import SimpleNamespace

import pytest
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.test import RequestFactory
from django.urls import reverse

from frivillig import settings as project_settings
from frivillig.accounts.adapters import SocialAccountAdapter, claim_values
from frivillig.accounts.models import User
from frivillig.core.models import AuditLog

from .conftest import COORDINATOR_GROUP, OIDC_ENV
from .html import structure_problems


def test_no_environment_no_provider(monkeypatch):
    monkeypatch.delenv("OIDC_STAFF_SERVER_URL", raising=False)
    monkeypatch.delenv("OIDC_STAFF_CLIENT_ID", raising=False)
    assert project_settings._oidc_app("OIDC_STAFF", "staff", "Medarbejderlogin") is None


def test_server_url_without_client_id_is_not_enough(monkeypatch):
    monkeypatch.setenv("OIDC_STAFF_SERVER_URL", "https://login.example.org/tenant/v2.0")
    monkeypatch.delenv("OIDC_STAFF_CLIENT_ID", raising=False)
    assert project_settings._oidc_app("OIDC_STAFF", "staff", "Medarbejderlogin") is None


def test_environment_builds_the_app(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n")
    monkeypatch.setenv("OIDC_STAFF_SERVER_URL", "https://login.example.org/tenant/v2.0")
    monkeypatch.setenv("OIDC_STAFF_CLIENT_ID", "frivillig")
    monkeypatch.setenv("OIDC_STAFF_CLIENT_SECRET_FILE", str(secret_file))
    monkeypatch.setenv("OIDC_STAFF_NAME", "Frederiksberg Kommune – medarbejdere")
    monkeypatch.setenv("OIDC_STAFF_SCOPES", "openid,email,profile,groups")
    app = project_settings._oidc_app("OIDC_STAFF", "staff", "Medarbejderlogin")
    assert app == {
        "provider_id": "staff",
        "name": "Frederiksberg Kommune – medarbejdere",
        "client_id": "frivillig",
        "secret": "from-a-file",
        "settings": {
            "server_url": "https://login.example.org/tenant/v2.0",
            "token_auth_method": "client_secret_basic",
            "oauth_pkce_enabled": True,
            "scope": ["openid", "email", "profile", "groups"],
        },
    }


def test_default_name(monkeypatch):
    monkeypatch.setenv("OIDC_CITIZEN_SERVER_URL", "https://broker.example.org/oidc")
    monkeypatch.setenv("OIDC_CITIZEN_CLIENT_ID", "frivillig")
    monkeypatch.delenv("OIDC_CITIZEN_NAME", raising=False)
    assert project_settings._oidc_app("OIDC_CITIZEN", "mitid", "MitID")["name"] == "MitID"


def test_settings_switch_providers_and_csp_on(monkeypatch):
    """Reloading the settings module with the variables set gives both apps and their form-action origins."""
    try:
        with monkeypatch.context() as env:
            for name, value in OIDC_ENV.items():
                env.setenv(name, value)
            env.setenv("OIDC_STAFF_COORDINATOR_GROUP", COORDINATOR_GROUP)
            reloaded = importlib.reload(project_settings)
            apps = reloaded.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
            assert [app["provider_id"] for app in apps] == ["mitid", "staff"]
            assert reloaded.OIDC_STAFF_COORDINATOR_GROUP == COORDINATOR_GROUP
            assert "https://broker.example.org" in reloaded.SECURE_CSP["form-action"]
            assert "https://login.example.org" in reloaded.SECURE_CSP["form-action"]
    finally:
        importlib.reload(project_settings)


@pytest.mark.parametrize(
    "extra_data",
    [
        {"sub": "1", "groups": [COORDINATOR_GROUP, "other"]},
        {"userinfo": {"sub": "1"}, "id_token": {"sub": "1", "groups": [COORDINATOR_GROUP]}},
        {"userinfo": {"sub": "1", "groups": COORDINATOR_GROUP}, "id_token": None},
    ],
)
def test_claim_values_wherever_allauth_keeps_them(extra_data):
    assert COORDINATOR_GROUP in claim_values(extra_data, "groups")


def test_claim_values_without_the_claim():
    assert claim_values({"userinfo": {"sub": "1"}}, "groups") == set()
    assert claim_values(None, "groups") == set()


def fake_sociallogin(user, provider: str, extra_data: dict):
    return SimpleNamespace(user=user, account=SimpleNamespace(provider=provider, extra_data=extra_data))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra_data",
    [
        {"groups": [COORDINATOR_GROUP]},
        {"userinfo": {"groups": [COORDINATOR_GROUP]}},
        {"id_token": {"groups": [COORDINATOR_GROUP]}},
    ],
)
def test_staff_group_claim_makes_a_coordinator(cast, oidc_settings, extra_data):
    ane = cast.users["ane"]
    SocialAccountAdapter()._sync_coordinator(fake_sociallogin(ane, "staff", extra_data))
    ane = User.objects.get(pk=ane.pk)
    assert ane.is_coordinator
    assert AuditLog.objects.filter(action="coordinator.grant").count() == 1


@pytest.mark.django_db
def test_repeated_staff_logins_do_not_fill_the_audit_log(cast, oidc_settings):
    login = fake_sociallogin(cast.users["ane"], "staff", {"groups": [COORDINATOR_GROUP]})
    SocialAccountAdapter()._sync_coordinator(login)
    SocialAccountAdapter()._sync_coordinator(login)
    assert AuditLog.objects.filter(action="coordinator.grant").count() == 1


@pytest.mark.django_db
def test_editor_of_the_team_becomes_admin(cast, oidc_settings):
    from frivillig.organisations.models import Membership

    ane = cast.users["ane"]
    Membership.objects.create(user=ane, organisation=cast.organisations["team"], role="editor")
    SocialAccountAdapter()._sync_coordinator(fake_sociallogin(ane, "staff", {"groups": [COORDINATOR_GROUP]}))
    assert User.objects.get(pk=ane.pk).is_coordinator


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("provider", "extra_data"),
    [
        ("staff", {"groups": ["another-group"]}),
        ("staff", {}),
        ("mitid", {"groups": [COORDINATOR_GROUP]}),
    ],
)
def test_no_coordinator_without_the_staff_group(cast, oidc_settings, provider, extra_data):
    ane = cast.users["ane"]
    SocialAccountAdapter()._sync_coordinator(fake_sociallogin(ane, provider, extra_data))
    assert not User.objects.get(pk=ane.pk).is_coordinator


@pytest.mark.django_db
def test_no_coordinator_when_no_group_is_configured(cast, oidc_settings, settings):
    settings.OIDC_STAFF_COORDINATOR_GROUP = ""
    ane = cast.users["ane"]
    SocialAccountAdapter()._sync_coordinator(fake_sociallogin(ane, "staff", {"groups": [""]}))
    assert not User.objects.get(pk=ane.pk).is_coordinator


def pending_signup(client, provider: str, extra_data: dict, email: str = "") -> None:
    """Put a social login that still needs the sign-up form into the session, as allauth's callback would."""
    provider_instance = get_social_adapter().get_provider(RequestFactory().get("/"), provider)
    sociallogin = SocialLogin(
        user=User(email=email),
        account=SocialAccount(provider=provider, uid="uid-1", extra_data=extra_data),
        provider=provider_instance,
    )
    session = client.session
    session["socialaccount_sociallogin"] = sociallogin.serialize()
    session.save()


@pytest.mark.django_db
def test_staff_signup_through_the_form_makes_a_coordinator(client, cast, oidc_settings, settings):
    settings.SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
    pending_signup(client, "staff", {"id_token": {"sub": "uid-1", "groups": [COORDINATOR_GROUP]}})
    page = client.get(reverse("socialaccount_signup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert structure_problems(re.search(r"<main.*?</main>", html, re.S).group(0)) == []
    assert "Medarbejderlogin" in html
    response = client.post(reverse("socialaccount_signup"), {"email": "medarbejder@example.org"})
    assert response.status_code == 302
    user = User.objects.get(email="medarbejder@example.org")
    assert user.is_coordinator
    assert user.profile.preferred_language == "da"


@pytest.mark.django_db
def test_citizen_signup_through_the_form_is_a_volunteer(client, cast, oidc_settings, settings):
    settings.SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
    pending_signup(client, "mitid", {"userinfo": {"sub": "uid-1", "groups": [COORDINATOR_GROUP]}})
    client.post(reverse("socialaccount_signup"), {"email": "borger@example.org"})
    user = User.objects.get(email="borger@example.org")
    assert not user.is_coordinator
