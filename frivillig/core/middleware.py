from django.conf import settings
from django.http import Http404
from django.shortcuts import render
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


class RequestSizeLimitMiddleware:
    """Refuse a request body above MAX_REQUEST_BYTES before anything reads it. Django streams every uploaded file to
    disk while it parses a form, and the CSRF check (a process_view, so after this) parses it first: without this a
    visitor could fill the disk with POSTs that are about to be refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > settings.MAX_REQUEST_BYTES:
            return render(request, "errors/413.html", {"limit": settings.MAX_REQUEST_BYTES}, status=413)
        return self.get_response(request)
