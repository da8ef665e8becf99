"""htmx 4 helpers: a partial only for a partial request that is not a history restore."""

from django.http import HttpRequest


def is_partial_request(request: HttpRequest) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Request-Type", "partial") == "partial"
        and not request.headers.get("HX-History-Restore-Request")
    )
