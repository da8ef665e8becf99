import pytest
from django.urls import reverse

NAMES = ["accounts:min_side", "accounts:profile_edit", "account_login", "account_logout", "account_inactive", "account_signup",
 "account_reauthenticate", "account_email", "account_email_verification_sent", "account_change_password",
 "account_set_password", "account_reset_password", "account_confirm_login_code", "account_reset_password_from_key_done",
 "account_reset_password_done", "account_request_login_code", "mfa_index", "mfa_authenticate", "mfa_reauthenticate",
 "mfa_activate_totp", "mfa_deactivate_totp", "mfa_view_recovery_codes", "mfa_generate_recovery_codes",
 "mfa_download_recovery_codes", "socialaccount_login_cancelled", "socialaccount_login_error", "socialaccount_signup",
 "socialaccount_connections"]
EXTRA = [("account_confirm_email", {"key": "x"}), ("account_reset_password_from_key", {"uidb36": "1", "key": "x"}),
         ("openid_connect_login", {"provider_id": "mitid"}), ("openid_connect_callback", {"provider_id": "mitid"})]
CAST = ["visitor", "ane", "erik", "bo", "carl", "gitte", "dorte", "frida"]


@pytest.mark.django_db
def test_matrix(client_for, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    rows = []
    urls = [(n, reverse(n)) for n in NAMES] + [(n, reverse(n, kwargs=k)) for n, k in EXTRA]
    for name, url in urls:
        row = [name, url]
        for person in CAST:
            c = client_for(person)
            r = c.get(url)
            loc = r.get("Location", "")
            row.append(f"{r.status_code}{'→' + loc.split('?')[0] if loc else ''}")
        rows.append(row)
    open("/tmp/acc/matrix.txt", "w").write("\n".join(" | ".join(r) for r in rows))
