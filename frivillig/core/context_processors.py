from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import SiteConfiguration


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    current: str  # "page", "true" or "" (the value of aria-current)


@cache
def _nav_urls() -> dict[str, str]:
    """The URLs every page's frame links to never change at run time: reverse them once per process."""
    names = {
        "search": "opportunities:search",
        "home": "core:home",
        "directory": "organisations:directory",
        "events": "shifts:calendar",
        "min_side": "accounts:min_side",
        "signup": "account_signup",
        "login": "account_login",
        "logout": "account_logout",
        "coordinator": "organisations:coordinator_overview",
        "privacy": "core:privacy",
        "cookies": "core:cookies",
        "set_language": "core:set_language",
        "theme_css": "core:theme_css",
    }
    return {key: reverse(name) for key, name in names.items()}


def main_nav(path: str, *, signed_in: bool, coordinator: bool) -> list[NavItem]:
    urls = _nav_urls()
    entries = [
        ("search", _("Find volunteer work")),
        ("home", _("Front page")),
        ("directory", _("Organisations")),
        ("events", _("Events")),
        ("min_side", _("My page")) if signed_in else ("signup", _("Create account")),
    ]
    items = [NavItem(urls[key], str(label), "page" if path == urls[key] else "") for key, label in entries]
    if coordinator:
        current = "true" if path.startswith(("/koordinator/", urls["coordinator"])) else ""
        items.append(NavItem(urls["coordinator"], str(_("Coordinator")), current))
    return items


def site(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    coordinator = signed_in and user.is_coordinator
    return {
        "site_config": SiteConfiguration.get(),
        "is_coordinator": coordinator,
        "main_nav": main_nav(request.path, signed_in=signed_in, coordinator=coordinator),
        "site_urls": _nav_urls(),
    }
