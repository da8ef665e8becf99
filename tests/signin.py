"""Sign a cast member in the way a real sign-in would leave the session.

`Client.force_login` skips allauth, so the session lacks allauth's record of how and when the person
authenticated. Without it, allauth asks for re-authentication before TOTP setup and similar pages, which is
not what a person who just signed in sees. We add the record a password sign-in (and, for someone with
TOTP, the second factor) leaves behind.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.test import Client


def sign_in(client: Client, user, *, reauthenticated: bool = False) -> Client:
    """Sign `user` in on `client`; `reauthenticated=True` as if they had just confirmed their password again,
    which allauth asks for before TOTP and recovery-code changes."""
    client.force_login(user)
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if user.has_totp:
        records.append({"method": "mfa", "at": now, "type": "totp"})
    if reauthenticated:
        records.append({"method": "password", "at": now, "reauthenticated": True})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client
