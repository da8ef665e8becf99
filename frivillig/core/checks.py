"""System checks for what the settings cannot see by themselves."""

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def shared_cache_check(app_configs=None, **kwargs) -> list[Error]:
    """Rate limits and the sign-in lockout count in the default cache: a per-process one would give every process
    (and every host) its own count, and a dummy one counts nothing, so an attacker would never be stopped."""
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.PRODUCTION or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend}) is not shared between processes, so rate limits do not hold.",
            hint="Use the database cache (the default) or Redis (REDIS_URL).",
            id="frivillig.E001",
        )
    ]
