"""Who may reach what. Every non-public view goes through these helpers, one condition a line."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class TwoFactorRequired(Exception):
    """Raised by access helpers for a page that needs TOTP the user has not set up; the middleware
    `TwoFactorRequiredMiddleware` answers it by sending them to set it up."""


def two_factor_redirect(request):
    messages.warning(request, _("Coordinator pages require two-factor authentication. Please set it up first."))
    return redirect("mfa_activate_totp")


def require_coordinator(user) -> None:
    """Raise PermissionDenied unless `user` is a coordinator. TOTP is checked by `coordinator_required`."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not user.is_coordinator:
        raise PermissionDenied


def coordinator_required(view):
    """Coordinator pages: sign in, be a coordinator, and have TOTP set up (else go and set it up)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_coordinator(request.user)
        if not request.user.has_totp:
            return two_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper
