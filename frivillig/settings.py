"""Frivillig settings: one module, driven by environment variables.

Production differences live in the environment (see .env.example and docs/operations.md), never in a
second settings module.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read KEY=value lines from .env into the environment, never overriding what is already set.

    `make run` writes a .env with FRIVILLIG_DEVELOPMENT=1, so `./manage.py …` works in a development checkout.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip().strip("\"'"))


_load_dotenv(BASE_DIR / ".env")


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)
# Production is "not DEBUG": every secure default switches on unless explicitly relaxed.
PRODUCTION = not DEBUG and not env_bool("FRIVILLIG_DEVELOPMENT", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # SearchVectorField and trigram lookups; inert on SQLite
    "django.forms",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "frivillig.core",
    "frivillig.accounts",
    "frivillig.organisations",
    "frivillig.opportunities",
    "frivillig.applications",
    "frivillig.suggestions",
    "frivillig.shifts",
    "frivillig.hours",
    "frivillig.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "frivillig.core.middleware.NulInPathMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "frivillig.core.locale.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frivillig.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "frivillig.core.middleware.VaryOnHtmxMiddleware",
    "frivillig.core.middleware.TwoFactorRequiredMiddleware",
    # Last, so every header above still applies to its answer; it runs before any view or process_view (the CSRF
    # check among them) reads the body.
    "frivillig.core.middleware.RequestSizeLimitMiddleware",
]

ROOT_URLCONF = "frivillig.urls"
WSGI_APPLICATION = "frivillig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frivillig.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# Database: SQLite file by default (WAL, immediate transactions, busy timeout), PostgreSQL by DATABASE_URL.
DATA_DIR = Path(env("FRIVILLIG_DATA_DIR", str(BASE_DIR / "var")))
DATABASE_URL = env_secret("DATABASE_URL", f"sqlite:///{DATA_DIR / 'frivillig.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:min_side"

# --- allauth ---
ACCOUNT_ADAPTER = "frivillig.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "frivillig.accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Rate limits and the sign-in lockout (docs/operations.md). A limit is "<amount>/<period>/<scope>", joined by commas:
# period s, m, h or d with an optional number ("15m"); scope ip (the client's address) or key (the e-mail typed, or
# account and address together for the lockouts). Each can be set with FRIVILLIG_RATE_LIMIT_<NAME> (allauth's with
# ACCOUNT_RATE_LIMIT_<NAME>); "" switches one off, FRIVILLIG_DISABLE_RATE_LIMITS=1 all of them.
RATE_LIMITS_OFF = env_bool("FRIVILLIG_DISABLE_RATE_LIMITS")
_FRIVILLIG_RATE_LIMITS = {
    "anonymous_post": "60/m/ip,600/h/ip",  # any POST by someone not signed in, unless limited by its own name below
    "set_language": "60/m/ip",
    "unsubscribe": "120/h/ip",  # mail providers send one-click unsubscribes from a few addresses of theirs
    "login_code_confirm": "10/m/ip,60/h/ip",
    "guest_apply": "20/h/ip,5/h/key",  # key: the e-mail address the confirmation goes to
    "shift_signup": "30/h/ip,5/h/key",
    "certificate_verify": "100/h/ip",  # GET too: looking up codes
    "sign_in_lockout": "5/15m/key",  # key: the e-mail typed and the client's address together
    "mfa_lockout": "5/15m/key",  # key: the account and the client's address together
}
FRIVILLIG_RATE_LIMITS = {
    name: "" if RATE_LIMITS_OFF else env(f"FRIVILLIG_RATE_LIMIT_{name.upper()}", rate)
    for name, rate in _FRIVILLIG_RATE_LIMITS.items()
}
_ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per address only: a limit per e-mail would let anyone lock another person out. Ours per both: sign_in_lockout.
    "login_failed": "20/m/ip,100/h/ip",
    "signup": "10/m/ip,50/h/ip",
    "request_login_code": "10/m/ip,3/m/key,10/h/key",  # key: the e-mail address the code goes to
    "reset_password": "10/m/ip,3/m/key,10/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_RATE_LIMITS = False if RATE_LIMITS_OFF else {
    name: env(f"ACCOUNT_RATE_LIMIT_{name.upper()}", rate) for name, rate in _ACCOUNT_RATE_LIMITS.items()
}
# The number of reverse proxies of ours in front of the app; 0: X-Forwarded-For is ignored (anyone can write it).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MIDDLEWARE.append("frivillig.core.ratelimit.AnonymousPostLimitMiddleware")
AUTHENTICATION_BACKENDS.insert(0, "frivillig.accounts.adapters.SignInLockoutBackend")
MFA_FORMS = {"authenticate": "frivillig.accounts.adapters.LockoutAuthenticateForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Frivillig")
# Accept the code of the 30-second step before and after too (RFC 6238 §5.2): a phone's clock a little off, or a code
# typed as it changes, must not fail. Wrong codes stay locked out after five per account and address.
MFA_TOTP_TOLERANCE = 1
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False


def _oidc_app(prefix: str, provider_id: str, default_name: str) -> dict | None:
    """An OpenID Connect app switched on purely by environment variables (docs/operations.md)."""
    server_url = env(f"{prefix}_SERVER_URL")
    client_id = env(f"{prefix}_CLIENT_ID")
    if not (server_url and client_id):
        return None
    return {
        "provider_id": provider_id,
        "name": env(f"{prefix}_NAME", default_name),
        "client_id": client_id,
        "secret": env_secret(f"{prefix}_CLIENT_SECRET"),
        "settings": {
            "server_url": server_url,
            "token_auth_method": env(f"{prefix}_TOKEN_AUTH_METHOD", "client_secret_basic"),
            "oauth_pkce_enabled": True,
            "scope": env_list(f"{prefix}_SCOPES", "openid,email,profile"),
        },
    }


OIDC_CITIZEN = _oidc_app("OIDC_CITIZEN", "mitid", "MitID")
OIDC_STAFF = _oidc_app("OIDC_STAFF", "staff", "Medarbejderlogin")
# The claim and value in the staff provider's ID token that make a user a coordinator.
OIDC_STAFF_GROUP_CLAIM = env("OIDC_STAFF_GROUP_CLAIM", "groups")
OIDC_STAFF_COORDINATOR_GROUP = env("OIDC_STAFF_COORDINATOR_GROUP", "")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"APPS": [app for app in (OIDC_CITIZEN, OIDC_STAFF) if app]},
}
OIDC_FORM_ACTION_ORIGINS = sorted(
    {
        "/".join(app["settings"]["server_url"].split("/")[:3])
        for app in (OIDC_CITIZEN, OIDC_STAFF)
        if app
    }
)

# --- tasks and mail ---
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}
_MAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": (
            {
                "host": env("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env("EMAIL_HOST_USER"),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": env_int("EMAIL_TIMEOUT", 30),
            }
            if _MAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Frivillig <noreply@frivillig.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- caches and sessions ---
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "frivillig_cache"}
    )
}
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    # Rate-limit counters live here too; culling at Django's default of 300 entries would forget them.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- i18n ---
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True

# --- static and media ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE", "frivillig.core.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LOGO_MAX_BYTES = 1024 * 1024
# The largest request body taken at all (a logo and its form fit many times over); larger ones get a 413 page
# before anything reads them. Give the proxy in front the same limit (nginx: client_max_body_size).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 8 * 1024 * 1024)

# --- map ---
# A tile server URL template such as https://tile.example.org/{z}/{x}/{y}.png. Empty: the search page's map
# shows its markers on a plain background and says that no map tiles are configured (tests load no tiles).
MAP_TILE_URL = env("MAP_TILE_URL", "")
MAP_ATTRIBUTION = env("MAP_ATTRIBUTION", "")
MAP_TILE_ORIGINS = ["/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.")] if MAP_TILE_URL else []

# --- security ---
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MAP_TILE_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF, *OIDC_FORM_ACTION_ORIGINS],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Secret links (applications, sign-ups, calendar feeds) are in URLs: never send any URL to another site.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True  # app.js reads the token from the page's <meta name="csrf-token">, never the cookie.
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION and env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No page uses a camera, the position or any other powerful browser feature, so all are switched off.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Municipality-agnostic: everything specific lives in core.SiteConfiguration (defaults: Frederiksberg).
# Seconds a process keeps its copy of the site configuration (0: always ask the shared cache).
SITE_CONFIG_PROCESS_SECONDS = env_int("SITE_CONFIG_PROCESS_SECONDS", 5)
FRIVILLIG_ACCESSIBILITY_STATEMENT_URL = env("ACCESSIBILITY_STATEMENT_URL", "")
FORM_RENDERER = "frivillig.core.forms_renderer.DKFDSFormRenderer"
