"""Rate limits on the default cache, so every process (and every host) counts together.

A limit is a setting in FRIVILLIG_RATE_LIMITS: `"30/h/ip,5/h/key"` allows 30 requests an hour from one address and
5 an hour for one key (what a limit is keyed on: the e-mail address typed into a form, or account and address
together for the sign-in lockout). Periods are s, m, h or d with an optional number ("15m"); "" means no limit.

Windows are fixed: the window's number is part of the cache key, so a counter needs no reset and simply expires.
Scope values are HMAC-hashed with the secret key before they become part of a cache key, so the cache never holds an
e-mail or IP address (a plain hash of an IPv4 address could be reversed by trying them all).

Counting is atomic on every backend: small limits claim numbered slots with `cache.add` (an INSERT on the database
cache, SET NX on Redis), so a burst of parallel requests cannot slip past a lockout; large ones count with `add` and
`incr`, where a lost update in a race (the database cache's incr reads, then writes) matters little.
"""

import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Up to this many, a limit claims one cache entry per request (exact under races); above it, one counter.
SLOTS_UP_TO = 20
IPV6_PREFIX = 64  # one household or server gets a /64; counting single IPv6 addresses would be no limit at all
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# Anonymous POSTs are counted by the catch-all "anonymous_post" unless their URL has a limit of its own here.
VIEW_ACTIONS = {
    "core:set_language": "set_language",
    "suggestions:unsubscribe": "unsubscribe",
    "suggestions:resubscribe": "unsubscribe",
    "account_confirm_login_code": "login_code_confirm",
}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    scope: str  # "ip" or "key"

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s/{self.scope}"


@dataclass(frozen=True)
class Refusal:
    action: str
    retry_after: int  # seconds until the window that refused ends

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def parse_rates(text: str) -> tuple[Rate, ...]:
    return tuple(_parse_rate(part.strip()) for part in text.split(",") if part.strip())


def _parse_rate(text: str) -> Rate:
    amount, period, scope = text.split("/")
    if scope not in ("ip", "key"):
        raise ValueError(f"Unknown rate-limit scope {scope!r} in {text!r}")
    unit, number = period[-1], period[:-1]
    return Rate(int(amount), int(number or 1) * UNITS[unit], scope)


def rates(action: str) -> tuple[Rate, ...]:
    """The rates of `action`; a KeyError for an action the settings do not name, so a typo cannot switch one off."""
    return parse_rates(settings.FRIVILLIG_RATE_LIMITS[action])


def now() -> float:
    """The clock the windows are cut from (tests move it instead of sleeping)."""
    return time.time()


# --- who is asking ------------------------------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies of ours, the address the outermost
    of them saw. That is X-Forwarded-For's entry that many from the right: entries further left are whatever the
    client wrote, so trusting the first would let anyone pick a fresh address for every request."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    raw = forwarded[-proxies] if proxies and len(forwarded) >= proxies else request.META.get("REMOTE_ADDR", "")
    return _network(raw)


def _network(raw: str) -> str:
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return str(address)


def _cache_key(action: str, rate: Rate, window: int, value: str) -> str:
    digest = salted_hmac("frivillig.ratelimit", value, algorithm="sha256").hexdigest()[:32]
    return f"frivillig:rl:{action}:{rate}:{window}:{digest}"


def _buckets(request: HttpRequest, action: str, key: str | None, at: float, scope: str | None = None):
    """(rate, cache key, seconds left in its window) for each rate of `action` (of `scope`, if given) that applies;
    key rates need a key."""
    for rate in rates(action):
        if (rate.scope == "key" and key is None) or scope not in (None, rate.scope):
            continue
        value = client_ip(request) if rate.scope == "ip" else key.strip().lower()
        window = int(at // rate.seconds)
        left = max(1, math.ceil((window + 1) * rate.seconds - at))
        yield rate, _cache_key(action, rate, window, value), left


# --- counting -----------------------------------------------------------------------------------------------


def hit(request: HttpRequest, action: str, *, key: str | None = None) -> Refusal | None:
    """Count one request against every rate of `action`; the refusal of the first rate that is used up, or None."""
    at = now()
    for rate, cache_key, left in _buckets(request, action, key, at):
        if not _count(cache_key, rate.amount, left):
            logger.info("Rate limit %s reached (%s).", action, rate)
            return Refusal(action, left)
    return None


def peek(request: HttpRequest, action: str, *, key: str | None = None, scope: str | None = None) -> Refusal | None:
    """Would `action` (its rates of `scope`, if given) be refused now? Counts nothing."""
    at = now()
    for rate, cache_key, left in _buckets(request, action, key, at, scope):
        if (cache.get(cache_key) or 0) >= rate.amount:
            return Refusal(action, left)
    return None


def clear(request: HttpRequest, action: str, *, key: str | None = None) -> None:
    """Forget what was counted for `action` in the current windows."""
    at = now()
    for rate, cache_key, _left in _buckets(request, action, key, at):
        slots = [f"{cache_key}:{number}" for number in range(1, rate.amount + 1)] if rate.amount <= SLOTS_UP_TO else []
        cache.delete_many([cache_key, *slots])


def _count(cache_key: str, amount: int, timeout: int) -> bool:
    return _claim_slot(cache_key, amount, timeout) if amount <= SLOTS_UP_TO else _increment(cache_key, amount, timeout)


def _claim_slot(cache_key: str, amount: int, timeout: int) -> bool:
    """Claim the lowest free numbered slot; `cache_key` itself remembers the highest claimed, to start from there."""
    start = cache.get(cache_key) or 0
    for number in range(start + 1, amount + 1):
        if cache.add(f"{cache_key}:{number}", True, timeout):
            cache.set(cache_key, number, timeout)
            return True
    return False


def _increment(cache_key: str, amount: int, timeout: int) -> bool:
    if cache.add(cache_key, 1, timeout):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # it expired between add and incr: a new window
        cache.add(cache_key, 1, timeout)
        return True
    cache.touch(cache_key, timeout)  # the database cache's incr sets the default timeout again
    return count <= amount


# --- answering ----------------------------------------------------------------------------------------------


def too_many_requests(request: HttpRequest, refusal: Refusal | None = None) -> HttpResponse:
    """The friendly 429 page; with a refusal of ours, how long to wait (and Retry-After)."""
    context = {"retry_minutes": refusal.minutes if refusal else None}
    response = render(request, "429.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    if refusal:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated)


def limit(action: str, *, key_field: str | None = None, methods=("POST",), anonymous_only: bool = True):
    """Limit a view by `action`: its ip rates count every request in `methods`; its key rates (keyed on the posted
    `key_field`, e.g. the e-mail address mail goes to) are checked first but count only requests the view answers
    with a redirect, i.e. that did something – a form shown again with errors sent no mail."""

    def decorator(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs):
            if request.method not in methods or (anonymous_only and not _is_anonymous(request)):
                return view(request, *args, **kwargs)
            key = request.POST.get(key_field, "") if key_field else None
            refusal = hit(request, action) or (peek(request, action, key=key, scope="key") if key else None)
            if refusal:
                return too_many_requests(request, refusal)
            response = view(request, *args, **kwargs)
            if key and 300 <= response.status_code < 400:
                _count_key_rates(request, action, key)
            return response

        return limited

    return decorator


def _count_key_rates(request: HttpRequest, action: str, key: str) -> None:
    at = now()
    for rate, cache_key, left in _buckets(request, action, key, at, "key"):
        _count(cache_key, rate.amount, left)


class AnonymousPostLimitMiddleware:
    """Every POST (or other unsafe request) by someone not signed in is counted, so no anonymous form can be left
    without a limit: by the catch-all "anonymous_post", or by its own entry in VIEW_ACTIONS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        action = action_for(request)
        if action is None:
            return None
        refusal = hit(request, action)
        return too_many_requests(request, refusal) if refusal else None


def action_for(request: HttpRequest) -> str | None:
    """The limit an anonymous request is counted against, or None for safe methods and signed-in people."""
    if request.method in SAFE_METHODS or not _is_anonymous(request):
        return None
    match = getattr(request, "resolver_match", None)
    return VIEW_ACTIONS.get(match.view_name if match else "", "anonymous_post")
