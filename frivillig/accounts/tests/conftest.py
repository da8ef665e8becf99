import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """MD5 makes building the cast and signing in quick; production hashing is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False


OIDC_ENV = {
    "OIDC_CITIZEN_SERVER_URL": "https://broker.example.org/oidc",
    "OIDC_CITIZEN_CLIENT_ID": "frivillig-citizen",
    "OIDC_CITIZEN_CLIENT_SECRET": "citizen-secret",
    "OIDC_STAFF_SERVER_URL": "https://login.example.org/tenant/v2.0",
    "OIDC_STAFF_CLIENT_ID": "frivillig-staff",
    "OIDC_STAFF_CLIENT_SECRET": "staff-secret",
}
COORDINATOR_GROUP = "frivillig-koordinatorer"


@pytest.fixture
def oidc_settings(settings, monkeypatch):
    """Both OpenID Connect providers switched on, as the environment would do it."""
    from frivillig import settings as project_settings

    for name, value in OIDC_ENV.items():
        monkeypatch.setenv(name, value)
    citizen = project_settings._oidc_app("OIDC_CITIZEN", "mitid", "MitID")
    staff = project_settings._oidc_app("OIDC_STAFF", "staff", "Medarbejderlogin")
    settings.OIDC_CITIZEN = citizen
    settings.OIDC_STAFF = staff
    settings.OIDC_STAFF_GROUP_CLAIM = "groups"
    settings.OIDC_STAFF_COORDINATOR_GROUP = COORDINATOR_GROUP
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [citizen, staff]}}
    return settings
