from tests.e2e.conftest import *  # noqa
import pytest

PAGES = [
    (None, "/organisationer/", None),
    (None, "/organisationer/?q=zzzz", None),
    (None, "/organisationer/besoegsvennerne-frederiksberg/", None),
    (None, "INVITE", None),
    ("ane", "/organisationer/opret/", None),
    ("ane", "/organisationer/opret/", "submit"),
    ("ane", "INVITE", None),
    ("carl", "INVITE", None),
    ("bo", "/organisationer/besoegsvennerne-frederiksberg/", None),
    ("bo", "/organisationer/besoegsvennerne-frederiksberg/rediger/", None),
    ("bo", "/organisationer/besoegsvennerne-frederiksberg/medlemmer/", None),
    ("bo", "/organisationer/besoegsvennerne-frederiksberg/medlemmer/", "invite"),
    ("bo", "/organisationer/besoegsvennerne-frederiksberg/nedlaeg/", None),
    ("dorte", "/organisationer/koordinator/", None),
    ("dorte", "/organisationer/koordinator/enheder/", None),
    ("dorte", "/organisationer/koordinator/enheder/opret/", None),
    ("dorte", "/organisationer/koordinator/enheder/opret/", "submit"),
    ("dorte", "/organisationer/koordinator/verificering/", None),
    ("dorte", "/organisationer/lektiecafe-solbjerg/", None),
    ("dorte", "/organisationer/frivillighedsteamet/nedlaeg/", None),
]


@pytest.mark.parametrize("language", ["da", "en"])
def test_pages(visit, cast, language):
    invitation = cast["A"].invitations.create(email="ane@example.org", role="editor", invited_by=cast["bo"])
    problems = []
    for who, path, action in PAGES:
        path = invitation.get_absolute_url() if path == "INVITE" else path
        v = visit(as_user=cast.users[who] if who else None, language=language)
        response = v.goto(path)
        assert response.status == 200, (who, path, response.status)
        if action == "submit":
            v.page.click("main form button[type=submit] >> nth=-1")
            v.page.wait_for_load_state("load")
        if action == "invite":
            v.page.click("text=" + ("Send the invitation" if language == "en" else "Send the invitation"))
            v.page.wait_for_load_state("load")
        problems += v.check(f"{language} {who} {path} {action or ''}")
        h1 = v.page.locator("h1").count()
        if h1 != 1:
            problems.append(f"{path}: {h1} h1")
        overflow = v.page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        if overflow:
            problems.append(f"{language} {who} {path}: horizontal overflow at 320px")
        v.page.context.close()
    assert not problems, "\n".join(problems)


def test_htmx_search(visit, cast):
    v = visit(language="en")
    v.goto("/organisationer/")
    v.page.fill("#id_q", "lektie")
    v.page.click("main form button[type=submit]")
    v.page.wait_for_function("document.querySelector('#directory-count').textContent.includes('1 organisation')")
    assert "q=lektie" in v.page.url
    assert v.page.locator("#directory-results .org-card").count() == 1
    assert v.page.locator("#directory-count").count() == 1
    assert v.page.locator("h1").count() == 1
    assert not v.check("htmx")
