import os, re
import pytest

PAGES = os.environ.get("PAGES", "/konto/login/").split()
USER = os.environ.get("AS", "visitor")
LANG = os.environ.get("LANG_COOKIE", "")


@pytest.mark.django_db
def test_dump(client_for, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    c = client_for(USER)
    if LANG:
        c.cookies["django_language"] = LANG
    out = []
    for path in PAGES:
        r = c.get(path)
        out.append(f"##### {path} {r.status_code} {r.get('Location', '')}")
        if r.status_code in (200, 401, 403, 404):
            html = r.content.decode()
            m = re.search(r'<nav class="breadcrumbs.*?</main>', html, re.S)
            out.append(m.group(0) if m else html[:3000])
    open("/tmp/acc/dump.html", "w").write("\n".join(out))
