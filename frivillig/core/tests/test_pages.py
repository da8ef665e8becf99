"""Public pages: privacy, cookies, the footer, the language switch and the security headers."""

import re

import pytest
from django.urls import reverse

from frivillig.core.models import SiteConfiguration

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_privacy_names_the_data_controller_dpo_and_legal_bases(english):
    html = html_of(english.get(reverse("core:privacy")))
    config = SiteConfiguration.get()
    assert config.data_controller_name in html
    assert config.data_controller_cvr in html
    assert config.data_controller_address in html
    assert config.dpo_name in html
    assert f'href="mailto:{config.dpo_email}"' in html
    for legal_basis in ("article 6(1)(a)", "article 6(1)(b)", "article 6(1)(c)", "article 6(1)(e)"):
        assert legal_basis in html


def test_privacy_follows_the_site_configuration(client):
    config = SiteConfiguration.get()
    config.data_controller_name = "Roskilde Kommune"
    config.dpo_name = "Mads Mikkelsen, DPO"
    config.dpo_email = "dpo@roskilde.example.org"
    config.save()
    html = html_of(client.get(reverse("core:privacy")))
    assert "Roskilde Kommune" in html
    assert "Mads Mikkelsen, DPO" in html
    assert "dpo@roskilde.example.org" in html


def test_cookie_statement_lists_only_necessary_cookies(english):
    html = html_of(english.get(reverse("core:cookies")))
    for cookie in ("sessionid", "csrftoken", "django_language"):
        assert f"<code>{cookie}</code>" in html
    assert "only uses cookies that are necessary" in html


def test_footer_has_contact_privacy_cookies_and_accessibility_statement(client):
    config = SiteConfiguration.get()
    config.contact_email = "frivillig@kommune.example.org"
    config.contact_phone = "70 10 20 30"
    config.accessibility_statement_url = "https://www.was.digst.dk/kommune-example-org"
    config.save()
    html = html_of(client.get(reverse("core:home")))
    footer = html[html.index("<footer") :]
    assert 'href="mailto:frivillig@kommune.example.org"' in footer
    assert "70 10 20 30" in footer
    assert 'href="tel:70102030"' in footer
    assert f'href="{reverse("core:privacy")}"' in footer
    assert f'href="{reverse("core:cookies")}"' in footer
    statement = r'<a href="https://www\.was\.digst\.dk/kommune-example-org"[^>]*>Tilgængelighedserklæring</a>'
    assert re.search(statement, footer)


# --- language ---------------------------------------------------------------------------------------


def test_home_is_danish_by_default(client):
    assert '<html lang="da">' in html_of(client.get(reverse("core:home")))


def test_language_switch_remembers_english_in_a_cookie(client):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": reverse("core:cookies")})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:cookies")
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) >= 60 * 60 * 24 * 300
    assert '<html lang="en">' in html_of(client.get(reverse("core:home")))

    client.post(reverse("core:set_language"), {"language": "da", "next": "/"})
    assert '<html lang="da">' in html_of(client.get(reverse("core:home")))


@pytest.mark.parametrize("next_url", ["https://evil.example", "//evil.example/", "https:/evil.example", "", "\\\\evil"])
def test_language_switch_refuses_open_redirects(client, next_url):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_language_switch_ignores_an_unknown_language(client):
    response = client.post(reverse("core:set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert "django_language" not in response.cookies


def test_language_switch_is_post_only(client):
    assert client.get(reverse("core:set_language"), {"language": "en"}).status_code == 405


def test_language_switch_saves_a_signed_in_persons_choice(client_for, cast):
    client = client_for("ane")
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    cast["ane"].profile.refresh_from_db()
    assert cast["ane"].profile.preferred_language == "en"


# --- security headers and CSP -----------------------------------------------------------------------


def test_csp_has_a_nonce_and_no_unsafe_inline(client):
    response = client.get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert re.search(r"'nonce-[^']+'", directives["script-src"])
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()


def test_home_has_no_inline_scripts_or_style_attributes(client):
    html = html_of(client.get(reverse("core:home")))
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    assert scripts, "the page loads its scripts"
    assert all(re.search(r"\bsrc=", tag) for tag in scripts), scripts
    assert not re.search(r"<[^>]+\sstyle=", html, flags=re.IGNORECASE)
    assert not re.search(r"<style\b", html, flags=re.IGNORECASE)
    assert not re.search(r"\son[a-z]+=", html, flags=re.IGNORECASE)  # no inline event handlers
    assert "hx-on" not in html


def test_nothing_is_loaded_from_another_host(client):
    html = html_of(client.get(reverse("core:home")))
    sources = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources), sources


def test_security_headers(client):
    response = client.get(reverse("core:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "HX-Request" in response["Vary"]
