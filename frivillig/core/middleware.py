from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_vary_headers

from .access import TwoFactorRequired, two_factor_redirect


class VaryOnHtmxMiddleware:
    """Pages that answer htmx with a partial must say so to caches; also sets Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class TwoFactorRequiredMiddleware:
    """Turns `TwoFactorRequired` from an access helper into a redirect to TOTP setup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TwoFactorRequired):
            return two_factor_redirect(request)
        return None


class NulInPathMiddleware:
    """A NUL byte in the path names nothing: 404 at once. Views look up the secret tokens of links in the database,
    and PostgreSQL refuses NUL in text with an error, which would be a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)
