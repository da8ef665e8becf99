"""The project's WSGI application with a Server-Timing header, for `make bench` only (scripts/bench_search.py).

gunicorn loads it as `bench_wsgi:application` (with `--pythonpath scripts`), so the timing wraps the whole Django
stack, every middleware included, and nothing in the project changes for the benchmark. The header is
`Server-Timing: app;dur=<milliseconds>`: from the moment Django gets the request until its response is ready.
"""

import time

from frivillig.wsgi import application as django_application


def application(environ, start_response):
    started = time.perf_counter()

    def timed_start_response(status, headers, exc_info=None):
        headers.append(("Server-Timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}"))
        return start_response(status, headers, exc_info)

    return django_application(environ, timed_start_response)
