"""The rows the XSS tests write vectors into, and every page that shows them.

Built once per test module through the services (the cast, its opportunities, applications, shifts and hours, plus
the few rows those leave out: an unpublished post, a cancelled shift, rejected hours, a thank-you, a saved search,
an invitation). `PAGES` names each page by a key; `render` fetches one as its role would see it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frivillig.core.models import _process_memo
from tests.signin import sign_in

from .xss_vectors import nonce_of

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass
class World:
    cast: object
    unpublished: object  # an opportunity of A that dorte unpublished, with a reason
    cancelled: object  # a shift of A's published post, cancelled with a reason; ane had a place
    rejected: object  # hours ane logged that bo rejected, with a reason
    thank_you: object  # bo's personal thank-you to ane
    saved_search: object  # ane's saved search
    invitation: object  # an open invitation to A

    def __getattr__(self, name):
        return getattr(self.cast, name)


def build_world() -> World:
    from frivillig.core.cast import build_cast
    from frivillig.hours import services as hours_services
    from frivillig.opportunities import services as opportunity_services
    from frivillig.organisations.services import member_invite
    from frivillig.shifts import services as shift_services
    from frivillig.suggestions.models import SavedSearch
    from tests.application_fixtures import build_applications
    from tests.hours_fixtures import build_hours
    from tests.opportunity_fixtures import _published, build_opportunities
    from tests.shift_fixtures import build_shifts
    from tests.signup_fixtures import shift_for, user_signup

    cast = build_cast()
    cast.opportunities = build_opportunities(cast)
    cast.applications = build_applications(cast)
    cast.shifts = build_shifts(cast)
    cast.hours = build_hours(cast)
    ane, bo, dorte = cast.users["ane"], cast.users["bo"], cast.users["dorte"]

    unpublished = _published(organisation=cast["A"], actor=bo, title="Cykelven", summary="Cykeltur med en ældre.",
                             description="Vi cykler.", categories=["besoegsven"])
    opportunity_services.opportunity_unpublish(opportunity=unpublished, coordinator=dorte, reason="Mangler kontakt.")
    cancelled = shift_for(cast.opportunities.published_a, days=5)
    user_signup(cancelled, ane)
    shift_services.shift_cancel(shift=cancelled, actor=bo, reason="Stormvarsel.")
    three_days_ago = timezone.localdate() - timedelta(days=3)
    rejected = hours_services.hours_log(volunteer=ane, engagement=cast.hours.engagement, date=three_days_ago,
                                        hours=Decimal("1"), note="Ekstra")
    hours_services.hours_decide(entries=[rejected], actor=bo, approve=False, reason="Forkert dato.")
    thank_you = hours_services.thank_send(organisation=cast["A"], volunteer=ane, actor=bo, message="Tak for sidst!")
    saved_search = SavedSearch.objects.create(user=ane, name="Ældre i nord", query="q=%C3%A6ldre&areas=nord")
    invitation = member_invite(organisation=cast["A"], email="ny-redaktoer@example.org", role="editor",
                               invited_by=bo)
    _fill_profile(ane)
    return World(cast=cast, unpublished=unpublished, cancelled=cancelled, rejected=rejected, thank_you=thank_you,
                 saved_search=saved_search, invitation=invitation)


def _fill_profile(user) -> None:
    from frivillig.core.models import Area, Category

    profile = user.profile
    profile.phone = "20 30 40 50"
    profile.save(update_fields=["phone"])
    profile.interests.set(Category.objects.filter(slug="aeldre"))
    profile.areas.set(Area.objects.filter(slug="nord"))


@dataclass(frozen=True)
class Page:
    role: str  # who looks: "visitor" or a name of the cast
    url: Callable  # world -> path
    language: str = "da"
    kind: str = "html"  # "html"; "rss" (the items' descriptions, which readers show as HTML); "certificate"


def _org(key: str) -> Callable:
    return lambda w: {"slug": w.cast[key].slug}


def _path(name: str, kwargs: Callable | None = None, query: str = "") -> Callable:
    return lambda w: reverse(name, kwargs=kwargs(w) if kwargs else None) + query


def _managed(name: str) -> Callable:
    def kwargs(w):
        opportunity = getattr(w.opportunities, name) if isinstance(name, str) else name(w)
        return {"slug": opportunity.organisation.slug, "pk": opportunity.pk}

    return kwargs


def _a_pk(getter: Callable) -> Callable:
    return lambda w: {"slug": w.cast["A"].slug, "pk": getter(w).pk}


PAGES: dict[str, Page] = {
    # public
    "home": Page("visitor", _path("core:home")),
    "home@en": Page("visitor", _path("core:home"), language="en"),
    "privacy": Page("visitor", _path("core:privacy")),
    "directory": Page("visitor", _path("organisations:directory")),
    "organisation": Page("visitor", _path("organisations:detail", _org("A"))),
    "organisation_u": Page("visitor", _path("organisations:detail", _org("U"))),
    "search": Page("visitor", _path("opportunities:search")),
    "search@q": Page("visitor", _path("opportunities:search", query="?q=ældre")),
    "search@en": Page("visitor", _path("opportunities:search"), language="en"),
    "feed": Page("visitor", _path("opportunities:feed"), kind="rss"),
    "opportunity": Page("visitor", _path("opportunities:detail", lambda w: {"pk": w.opportunities.published_a.pk})),
    "opportunity_u": Page("visitor", _path("opportunities:detail", lambda w: {"pk": w.opportunities.published_u.pk})),
    "opportunity_u@en": Page(
        "visitor", _path("opportunities:detail", lambda w: {"pk": w.opportunities.published_u.pk}), language="en"
    ),
    "apply": Page("visitor", _path("applications:apply", lambda w: {"pk": w.opportunities.published_a.pk})),
    "application_guest": Page("visitor", _path("applications:mine", lambda w: {"token": w.applications.guest_a.token})),
    "application_ane_u": Page("visitor", _path("applications:mine", lambda w: {"token": w.applications.ane_u.token})),
    "application_confirm": Page(
        "visitor", _path("applications:confirm", lambda w: {"token": w.applications.unconfirmed_a.token})
    ),
    "guardian_consent": Page(
        "visitor", _path("applications:guardian_consent", lambda w: {"token": w.applications.minor_u.guardian_token})
    ),
    "calendar": Page("visitor", _path("shifts:calendar")),
    "event": Page("visitor", _path("shifts:event_detail", lambda w: {"pk": w.shifts.event.pk})),
    "shift": Page("visitor", _path("shifts:shift_detail", lambda w: {"pk": w.shifts.tomorrow.pk})),
    "shift_cancelled": Page("visitor", _path("shifts:shift_detail", lambda w: {"pk": w.cancelled.pk})),
    "signup_ane": Page("visitor", _path("shifts:signup", lambda w: {"token": w.shifts.ane_tomorrow.token})),
    "signup_cancelled": Page(
        "visitor", _path("shifts:signup", lambda w: {"token": w.cancelled.signups.get().token})
    ),
    "signup_guest": Page("visitor", _path("shifts:signup", lambda w: {"token": w.hours.guest_signup.token})),
    "signup_held": Page(
        "visitor", _path("shifts:signup_confirm", lambda w: {"token": w.shifts.full.signups.get(status="held").token})
    ),
    "verify": Page("visitor", _path("hours:verify", lambda w: {"code": w.hours.certificate.code})),
    "certificate_html": Page("ane", lambda w: "", kind="certificate"),
    "invitation": Page("visitor", _path("organisations:invitation", lambda w: {"token": w.invitation.token})),
    "unsubscribe": Page("visitor", _path("suggestions:unsubscribe", lambda w: {"token": w.saved_search.token})),
    # ane: Min side
    "min_side": Page("ane", _path("accounts:min_side")),
    "profile_edit": Page("ane", _path("accounts:profile_edit")),
    "my_applications": Page("ane", _path("applications:my_applications")),
    "my_shifts": Page("ane", _path("shifts:my_shifts")),
    "my_hours": Page("ane", _path("hours:my_hours")),
    "certificate": Page("ane", _path("hours:certificate")),
    "suggestions": Page("ane", _path("suggestions:suggestions")),
    "saved_searches": Page("ane", _path("suggestions:saved_searches")),
    # bo: running association A
    "org_edit": Page("bo", _path("organisations:edit", _org("A"))),
    "members": Page("bo", _path("organisations:members", _org("A"))),
    "dissolve": Page("bo", _path("organisations:dissolve", _org("A"))),
    "manage_list": Page("bo", _path("opportunities:manage_list", _org("A"))),
    "opportunity_edit": Page("bo", _path("opportunities:edit", _managed("published_a"))),
    "preview": Page("bo", _path("opportunities:preview", _managed("published_a"))),
    "preview_unpublished": Page("bo", _path("opportunities:preview", _managed(lambda w: w.unpublished))),
    "inbox": Page("bo", _path("applications:inbox", _org("A"))),
    "opportunity_inbox": Page("bo", _path("applications:opportunity_inbox", _managed("published_a"))),
    "inbox_guest": Page("bo", _path("applications:inbox_detail", _a_pk(lambda w: w.applications.guest_a))),
    "opportunity_shifts": Page("bo", _path("shifts:opportunity_shifts", _managed("published_a"))),
    "manage_shift": Page("bo", _path("shifts:manage_shift", _a_pk(lambda w: w.shifts.tomorrow))),
    "manage_shift_full": Page("bo", _path("shifts:manage_shift", _a_pk(lambda w: w.shifts.full))),
    "manage_shift_past": Page("bo", _path("shifts:manage_shift", _a_pk(lambda w: w.hours.shift))),
    "manage_shift_cancelled": Page("bo", _path("shifts:manage_shift", _a_pk(lambda w: w.cancelled))),
    "shift_edit": Page("bo", _path("shifts:shift_edit", _a_pk(lambda w: w.shifts.tomorrow))),
    "shift_cancel": Page("bo", _path("shifts:shift_cancel", _a_pk(lambda w: w.shifts.tomorrow))),
    "shift_message": Page("bo", _path("shifts:shift_message", _a_pk(lambda w: w.shifts.tomorrow))),
    "manage_events": Page("bo", _path("shifts:manage_events", _org("A"))),
    "event_edit": Page("bo", _path("shifts:event_edit", _a_pk(lambda w: w.shifts.event))),
    "organisation_hours": Page("bo", _path("hours:organisation_hours", _org("A"))),
    "thank": Page("bo", _path("hours:thank", _a_pk(lambda w: w.hours.engagement))),
    # gitte: the municipal unit U
    "inbox_u": Page("gitte", _path("applications:inbox_detail", lambda w: {"slug": w.cast["U"].slug,
                                                                          "pk": w.applications.ane_u.pk})),
    "preview_u": Page("gitte", _path("opportunities:preview", _managed("published_u"))),
    # dorte: coordinator
    "site_configuration": Page("dorte", _path("core:site_configuration")),
    "areas": Page("dorte", _path("core:areas")),
    "categories": Page("dorte", _path("core:categories")),
    "policy_areas": Page("dorte", _path("core:policy_areas")),
    "audit_log": Page("dorte", _path("core:audit_log")),
    "coordinator_overview": Page("dorte", _path("organisations:coordinator_overview")),
    "municipal_units": Page("dorte", _path("organisations:municipal_units")),
    "verification_list": Page("dorte", _path("organisations:verification_list")),
    "unpublish": Page("dorte", _path("opportunities:unpublish", lambda w: {"pk": w.opportunities.published_a.pk})),
}


class Browsers:
    """One signed-in client per role, made when first needed."""

    def __init__(self, world: World):
        self.world = world
        self.clients: dict[str, Client] = {}

    def client(self, role: str, language: str) -> Client:
        key = f"{role}@{language}"
        if key not in self.clients:
            client = Client()
            if role != "visitor":
                _sign_in(client, self.world.cast.users[role])
            client.cookies["django_language"] = language
            self.clients[key] = client
        return self.clients[key]


def _sign_in(client: Client, user) -> None:
    """tests.signin.sign_in, with the model backend named: force_login otherwise takes the first backend in the
    settings, which need not be one that can fetch a user (a sign-in lockout check is not)."""
    force_login = client.force_login
    client.force_login = lambda person: force_login(person, backend=MODEL_BACKEND)
    sign_in(client, user)


def forget_caches() -> None:
    """Rows were changed behind the services' backs: drop the cached configuration and searches."""
    cache.clear()
    _process_memo.clear()


def render(browsers: Browsers, key: str) -> tuple[str, str]:
    """The page's HTML (for a feed, its items' descriptions) and its CSP nonce."""
    page = PAGES[key]
    if page.kind == "certificate":
        from frivillig.hours.models import Certificate
        from frivillig.hours.pdf import certificate_html

        return certificate_html(Certificate.objects.get(pk=browsers.world.hours.certificate.pk)), ""
    response = browsers.client(page.role, page.language).get(page.url(browsers.world))
    assert response.status_code == 200, f"{key}: {response.status_code} {response.get('Location', '')}"
    if page.kind == "rss":
        return rss_as_html(response.content), ""
    return response.content.decode(), nonce_of(response)


def rss_as_html(content: bytes) -> str:
    """A feed reader shows an item's description as HTML, and its title and author as text."""
    root = ElementTree.fromstring(content)
    parts = []
    for item in root.iter("item"):
        parts.append(item.findtext("description") or "")
        for name in ("title", "author", "category"):
            parts.extend(escape_text(element.text or "") for element in item.iter(name))
    return "\n".join(parts)


def escape_text(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
