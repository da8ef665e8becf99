import re
import pytest
from django.urls import reverse
from frivillig.core.cast import CAST_PASSWORD


@pytest.mark.django_db
def test_dump(client, cast, settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    out = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "ane@example.org"})
    r = client.get(reverse("account_confirm_login_code"))
    out.append(re.search(r"<main.*?</main>", r.content.decode(), re.S).group(0))
    client.logout()
    client.post(reverse("account_login"), {"login": "dorte@example.org", "password": CAST_PASSWORD})
    r = client.get(reverse("mfa_authenticate"))
    out.append(re.search(r"<main.*?</main>", r.content.decode(), re.S).group(0))
    open("/tmp/acc/flow.html", "w").write("\n".join(out))
