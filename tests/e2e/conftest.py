"""Browser harness: Chromium through Playwright against a live server, with axe-core on the pages.

Every test in tests/e2e is marked `browser` (deselect with -m "not browser"). One Chromium runs per session; each
test gets fresh contexts. Pages are checked with axe-core (injected with `page.evaluate`, which the page's CSP
does not govern, so the CSP is never loosened), and a Content-Security-Policy complaint in the console fails the
test.
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests.signin import sign_in

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).parent
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOBILE = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CSP_MARKERS = ("Content Security Policy", "Content-Security-Policy", "Refused to")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.path)).is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.browser)


# --- server and data -----------------------------------------------------------------------------------


def _static_is_stale(root: Path) -> bool:
    manifest = root / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = (path for directory in settings.STATICFILES_DIRS for path in Path(directory).rglob("*") if path.is_file())
    return any(path.stat().st_mtime > built for path in sources)


@pytest.fixture(scope="session")
def collected_static():
    """Pages link hashed files from the collectstatic manifest, as in production; build it when missing or stale."""
    if _static_is_stale(Path(settings.STATIC_ROOT)):
        call_command("collectstatic", interactive=False, verbosity=0)


def _through(application):
    return application


@pytest.fixture(scope="session")
def live_server(collected_static):
    """pytest-django's live server, but static files are served by WhiteNoise from STATIC_ROOT as in production.

    pytest-django wraps the server in Django's StaticFilesHandler, which serves from the finders and cannot find
    the hashed names the manifest storage writes into pages.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1"), start=False)
    server.thread.static_handler = _through
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def e2e_settings(settings, django_db_serialized_rollback, live_server):
    """Every browser test: a fresh database with the migrations' data (serialized rollback), fast hashing,
    mail in the outbox, tasks run at once, and no cached site configuration from an earlier test."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.TASKS = IMMEDIATE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ACCOUNT_RATE_LIMITS = False
    cache.clear()
    yield settings
    cache.clear()


# --- browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(live_server):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    # Django keeps connections in context variables, and the test code resumes in another context once
    # Playwright's sync API has started. Keep using the connections the test database was set up with: they
    # carry the serialized data that transactional tests restore, and the live server shares them on SQLite.
    pinned = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in pinned.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass
class Visit:
    """One browser context (a person with a language and a screen), with what its pages said in the console."""

    page: object
    base_url: str
    axe_source: str = field(repr=False)
    console: list[str] = field(default_factory=list)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        return response

    def console_errors(self) -> list[str]:
        """CSP complaints, and scripts that failed with an uncaught error."""
        return [
            message
            for message in self.console
            if message.startswith("pageerror:") or any(marker in message for marker in CSP_MARKERS)
        ]

    def axe_violations(self) -> list[dict]:
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(self.axe_source)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return result["violations"]

    def check(self, where: str = "") -> list[str]:
        """axe-core, CSP and script problems on the current page, as readable lines (empty when all is well)."""
        label = where or self.page.url
        problems = [f"{label}: {line}" for line in format_violations(self.axe_violations())]
        problems += [f"{label}: console: {message}" for message in self.console_errors()]
        self.console.clear()
        return problems

    def assert_accessible(self, where: str = "") -> None:
        problems = self.check(where)
        assert not problems, "Accessibility or CSP problems:\n" + "\n".join(problems)


def format_violations(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = ", ".join(json.dumps(node["target"]) for node in violation["nodes"][:5])
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ") if violation["nodes"] else ""
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets} — {summary}")
    return lines


@pytest.fixture(scope="session")
def context_pool(browser):
    """Browser contexts kept for the session, one pool per language: a fresh context loads the stylesheets and
    fonts again (about a second each time), a kept one has them cached. Cookies are cleared between uses."""
    pool = {language: [] for language in ("da", "en")}
    yield pool
    for contexts in pool.values():
        for context in contexts:
            context.close()


@pytest.fixture
def visit(context_pool, browser, live_server, axe_source) -> Callable[..., Visit]:
    """visit(as_user=None, language="da", viewport=MOBILE) opens a page as a new person (their own context),
    signed in as `as_user` (a user object) when given. Each person's console is collected for the CSP check."""
    taken = []
    client = Client()

    def open_visit(*, as_user=None, language: str | None = "da", viewport=MOBILE, reauthenticated=False) -> Visit:
        """`language=None` sets no language cookie, as on a first visit (the browser asks for Danish)."""
        locale = language or "da"
        free = context_pool[locale]
        context = free.pop() if free else browser.new_context(locale="da-DK" if locale == "da" else "en-GB")
        taken.append((locale, context))
        cookies = []
        if language:
            cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url})
        if as_user is not None:
            client.logout()
            sign_in(client, as_user, reauthenticated=reauthenticated)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.set_viewport_size(viewport)
        result = Visit(page=page, base_url=live_server.url, axe_source=axe_source)
        page.on("console", lambda message: result.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: result.console.append(f"pageerror: {error}"))
        return result

    yield open_visit
    for language, context in taken:
        for page in context.pages:
            page.close()
        context.clear_cookies()
        context_pool[language].append(context)
