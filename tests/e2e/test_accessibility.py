"""The accessibility test (standing test 2 of issue 2).

Every page of ours is opened in Chromium and checked with axe-core (WCAG 2.0/2.1 A and AA) in Danish and English
at 320 px wide, and in Danish at 1280 px too, together with its form errors and empty results where it has them.
Zero violations and no Content-Security-Policy complaints are allowed. Django's admin is left out. (The desktop
layout is the same markup in both languages, so checking it twice would only double the time.)

Every URL pattern must have a page case in PAGES or be listed in EXEMPT with a reason, so a new page cannot ship
without being checked (`test_every_page_has_a_case`).

Every case runs with the cast's opportunities in the database (tests/opportunity_fixtures.py), so lists and
pages show real content; page cases reach them as `cast.opportunities`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from tests import signup_fixtures as shift_cases
from tests.e2e.conftest import DESKTOP, MOBILE
from tests.url_patterns import url_patterns

LANGUAGES = ("da", "en")
MAIN_SUBMIT = "main form[method=post] button[type=submit]"
ERROR_SHOWN = ".form-error-message, .alert-error"


def _no_kwargs(cast) -> dict:
    return {}


@dataclass(frozen=True)
class PageCase:
    """One page, as one person sees it, in the states worth checking.

    `errors` submits the page's form (after `fill`, a mapping of field name, or CSS selector, to value) and checks
    the answer;
    `empty` opens the page with `empty_query`, which finds nothing. `open` replaces plain navigation for pages
    reached only through a flow (e.g. the code you get after asking for a sign-in code) and for error pages.
    """

    name: str
    as_user: str | None = None
    kwargs: Callable = _no_kwargs
    query: str = ""
    errors: bool = False
    fill: dict = field(default_factory=dict)
    submit: str = MAIN_SUBMIT
    empty_query: str = ""
    setup: Callable | None = None  # prepares data: setup(cast) before the page is opened
    open: Callable | None = None  # open(visit, cast) navigates to the page itself
    reauthenticated: bool = False
    lands_on: str = ""  # the URL name the page is served under, when not `name` (e.g. after a redirect)
    status: int = 200
    label: str = ""

    def __str__(self) -> str:
        return self.label or f"{self.name}-{self.as_user or 'visitor'}"

    def url(self, cast) -> str:
        return reverse(self.name, kwargs=self.kwargs(cast)) + self.query


# --- data and flows for some pages ---------------------------------------------------------------------


def _org(key: str) -> Callable:
    return lambda cast: {"slug": cast[key].slug}


def _invitation_for_ane(cast) -> dict:
    from frivillig.organisations.models import Invitation

    invitation = Invitation.objects.create(
        organisation=cast["A"], email=cast.users["ane"].email, invited_by=cast.users["bo"]
    )
    return {"token": invitation.token}


def _used_invitation(cast) -> dict:
    from django.utils import timezone

    from frivillig.organisations.models import Invitation

    invitation = Invitation.objects.create(
        organisation=cast["A"], email="brugt@example.org", invited_by=cast.users["bo"], accepted_at=timezone.now()
    )
    return {"token": invitation.token}


def _open_invitations(cast) -> None:
    from frivillig.organisations.models import Invitation

    Invitation.objects.create(organisation=cast["A"], email="ny@example.org", invited_by=cast.users["bo"])


def _audit_entries(cast) -> None:
    from frivillig.core.audit import audit

    audit(actor=cast.users["dorte"], action="organisation.verify", target=cast["A"])
    audit(actor=cast.users["dorte"], action="site_configuration.update", fields=["primary_colour"])


def _email_confirmation_key(cast) -> dict:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    from frivillig.accounts.models import User

    user = User.objects.create_user("ny@example.org")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return {"key": EmailConfirmationHMAC(address).key}


def _password_reset_key(cast) -> dict:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = type(cast.users["ane"]).objects.get(pk=cast.users["ane"].pk)
    return {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}


def _bad_password_reset_key(cast) -> dict:
    return {"uidb36": "1", "key": "ugyldig-noegle"}


def _recovery_codes_for_dorte(cast) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(cast.users["dorte"])


def _without_password(cast) -> None:
    """ane signed up by e-mailed code, so she has no password yet."""
    user = cast.users["ane"]
    user.set_unusable_password()
    user.save(update_fields=["password"])


def _open_login_code_confirm(visit, cast) -> None:
    visit.goto(reverse("account_request_login_code"))
    visit.page.fill("main [name=email]", cast.users["ane"].email)
    visit.page.click(MAIN_SUBMIT)
    visit.page.wait_for_url("**" + reverse("account_confirm_login_code"))


def _open_mfa_authenticate(visit, cast) -> None:
    from frivillig.core.cast import CAST_PASSWORD

    visit.goto(reverse("account_login"))
    visit.page.fill("main [name=login]", cast.users["dorte"].email)
    visit.page.fill("main [name=password]", CAST_PASSWORD)
    visit.page.click(MAIN_SUBMIT)
    visit.page.wait_for_url("**" + reverse("mfa_authenticate"))


def _opportunity(name: str) -> Callable:
    return lambda cast: {"pk": getattr(cast.opportunities, name).pk}


def _managed(name: str) -> Callable:
    """The management address of one of the cast's opportunities, under its organisation's slug."""

    def kwargs(cast) -> dict:
        opportunity = getattr(cast.opportunities, name)
        return {"slug": opportunity.organisation.slug, "pk": opportunity.pk}

    return kwargs


def _open_not_found(visit, cast):
    return visit.goto("/findes-ikke/")


def _open_forbidden(visit, cast):
    return visit.goto(reverse("core:site_configuration"))


def _open_too_many_requests(visit, cast):
    """Use up the certificate lookups of the browser's address (the live server's 127.0.0.1), then look one up."""
    from django.test import RequestFactory

    from frivillig.core import ratelimit

    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    while ratelimit.hit(request, "certificate_verify") is None:
        pass
    return visit.goto(reverse("hours:verify", kwargs={"code": "ABCD-EFGH-JK23"}))


def _open_request_too_large(visit, cast):
    """bo picks a 9 MB picture as logo: the request is over MAX_REQUEST_BYTES and refused before it is read."""
    from django.conf import settings

    visit.goto(reverse("organisations:edit", kwargs={"slug": cast["A"].slug}))
    poster = b"\x89PNG\r\n\x1a\n" + bytes(settings.MAX_REQUEST_BYTES + 1024 * 1024)
    visit.page.set_input_files("main [name=logo]", files=[{"name": "plakat.png", "mimeType": "image/png",
                                                             "buffer": poster}])
    with visit.page.expect_navigation() as navigation:
        visit.page.locator("main form[method=post][enctype] button[type=submit]").first.click()
    return navigation.value




# --- the pages ------------------------------------------------------------------------------------------

WRONG_CODE = {"code": "000000"}

PAGES: list[PageCase] = [
    # core
    PageCase("core:home"),
    PageCase("core:home", as_user="bo"),
    PageCase("core:privacy"),
    PageCase("core:cookies"),
    PageCase("core:site_configuration", as_user="dorte", errors=True, fill={"primary_colour": "#ffff00"}),
    PageCase("core:areas", as_user="dorte", errors=True, fill={"areas-0-name_da": ""}),
    PageCase("core:policy_areas", as_user="dorte", errors=True, fill={"policy_areas-0-name_da": ""}),
    PageCase("core:categories", as_user="dorte", errors=True, fill={"categories-0-name_da": ""}),
    PageCase("core:audit_log", as_user="dorte", label="core:audit_log-empty"),
    PageCase("core:audit_log", as_user="dorte", setup=_audit_entries),
    # error pages
    PageCase("core:home", open=_open_not_found, status=404, label="error-404"),
    PageCase("core:site_configuration", as_user="ane", open=_open_forbidden, status=403, label="error-403"),
    PageCase("hours:verify", open=_open_too_many_requests, status=429, label="error-429"),
    PageCase("organisations:edit", as_user="bo", open=_open_request_too_large, status=413, label="error-413"),
    # allauth: signing up and in
    PageCase("account_login", errors=True),
    PageCase("account_signup", errors=True),
    PageCase("account_request_login_code", errors=True),
    PageCase("account_confirm_login_code", open=_open_login_code_confirm, errors=True, fill=WRONG_CODE),
    PageCase("mfa_authenticate", open=_open_mfa_authenticate, errors=True, fill=WRONG_CODE),
    PageCase("account_logout", as_user="bo"),
    PageCase("account_inactive"),
    PageCase("account_email_verification_sent"),
    PageCase("account_confirm_email", kwargs=_email_confirmation_key),
    PageCase("account_confirm_email", kwargs=lambda cast: {"key": "ugyldig"}, label="account_confirm_email-invalid"),
    PageCase("account_reset_password", errors=True),
    PageCase("account_reset_password_done"),
    PageCase("account_reset_password_from_key", kwargs=_password_reset_key, errors=True),
    PageCase(
        "account_reset_password_from_key", kwargs=_bad_password_reset_key, label="account_reset_password_from_key-bad"
    ),
    PageCase("account_reset_password_from_key_done"),
    # allauth: the account
    PageCase("account_reauthenticate", as_user="bo", errors=True),
    PageCase("account_email", as_user="bo", errors=True, fill={"main input[type=email]": "ikke-en-adresse"},
             submit="main button[name=action_add]"),
    PageCase("account_change_password", as_user="bo", errors=True),
    PageCase("account_set_password", as_user="ane", setup=_without_password, errors=True),
    PageCase("mfa_index", as_user="bo"),
    PageCase("mfa_index", as_user="dorte"),
    PageCase("mfa_reauthenticate", as_user="dorte", errors=True, fill=WRONG_CODE),
    PageCase("mfa_activate_totp", as_user="frida", reauthenticated=True, errors=True, fill=WRONG_CODE),
    PageCase("mfa_deactivate_totp", as_user="dorte", reauthenticated=True),
    PageCase("mfa_view_recovery_codes", as_user="dorte", reauthenticated=True, setup=_recovery_codes_for_dorte),
    PageCase("mfa_generate_recovery_codes", as_user="dorte", reauthenticated=True),
    PageCase("socialaccount_login_cancelled"),
    PageCase("socialaccount_login_error", status=401),
    PageCase("socialaccount_connections", as_user="bo"),
    # accounts
    PageCase("accounts:min_side", as_user="ane"),
    PageCase("accounts:min_side", as_user="bo"),
    PageCase("accounts:min_side", as_user="dorte"),
    PageCase("accounts:profile_edit", as_user="ane", errors=True, fill={"birth_year": "1800"}),
    # organisations
    PageCase("organisations:directory", empty_query="?q=zzzzqqq"),
    PageCase("organisations:detail", kwargs=_org("A")),
    PageCase("organisations:detail", as_user="bo", kwargs=_org("A")),
    PageCase("organisations:detail", kwargs=_org("U"), label="organisations:detail-municipal-unit"),
    PageCase("organisations:invitation", kwargs=_invitation_for_ane),
    PageCase("organisations:invitation", as_user="ane", kwargs=_invitation_for_ane),
    PageCase("organisations:invitation", kwargs=_used_invitation, label="organisations:invitation-used"),
    PageCase("organisations:create", as_user="ane", errors=True),
    PageCase("organisations:edit", as_user="bo", kwargs=_org("A"), errors=True, fill={"name": ""}),
    PageCase("organisations:members", as_user="bo", kwargs=_org("A"), setup=_open_invitations, errors=True,
             fill={"email": "ikke-en-adresse"}, submit="main form:has([name=email]) button[type=submit]"),
    PageCase("organisations:dissolve", as_user="bo", kwargs=_org("A")),
    PageCase("organisations:coordinator_overview", as_user="dorte"),
    PageCase("organisations:municipal_units", as_user="dorte"),
    PageCase("organisations:municipal_unit_create", as_user="dorte", errors=True),
    PageCase("organisations:verification_list", as_user="dorte"),
    PageCase("organisations:verification_list", as_user="dorte", query="?status=verified",
             label="organisations:verification_list-verified"),
    # opportunities: finding them
    PageCase("opportunities:search", empty_query="?q=zzzzqqq"),
    PageCase("opportunities:search", query="?q=%C3%A6ldre&categories=aeldre&areas=nord&areas=vest&wheelchair=1",
             label="opportunities:search-filtered"),
    PageCase("opportunities:detail", kwargs=_opportunity("published_a"), label="opportunities:detail-association"),
    PageCase("opportunities:detail", kwargs=_opportunity("published_u"), label="opportunities:detail-role-card"),
    PageCase("opportunities:detail", kwargs=_opportunity("child_certificate_a"),
             label="opportunities:detail-child-certificate"),
    PageCase("opportunities:detail", as_user="bo", kwargs=_opportunity("published_a"),
             label="opportunities:detail-member"),
    PageCase("opportunities:detail", as_user="dorte", kwargs=_opportunity("published_u"),
             label="opportunities:detail-coordinator"),
    PageCase("opportunities:child_certificate"),
    # opportunities: an organisation's posts
    PageCase("opportunities:manage_list", as_user="carl", kwargs=_org("B"), label="opportunities:manage_list-empty"),
    PageCase("opportunities:manage_list", as_user="bo", kwargs=_org("A"), empty_query="?status=closed"),
    PageCase("opportunities:manage_list", as_user="gitte", kwargs=_org("U")),
    PageCase("opportunities:create", as_user="bo", kwargs=_org("A"), errors=True, fill={"title": ""}),
    PageCase("opportunities:create", as_user="gitte", kwargs=_org("U"), errors=True, fill={"title": ""}),
    PageCase("opportunities:edit", as_user="erik", kwargs=_managed("published_a"), errors=True, fill={"title": ""}),
    PageCase("opportunities:edit", as_user="gitte", kwargs=_managed("published_u"), errors=True, fill={"title": ""}),
    PageCase("opportunities:preview", as_user="bo", kwargs=_managed("draft_a")),
    PageCase("opportunities:preview", as_user="gitte", kwargs=_managed("draft_u"),
             label="opportunities:preview-role-card-missing"),
    PageCase("opportunities:unpublish", as_user="dorte", kwargs=_opportunity("published_a"), errors=True),
    # the API's documentation page (the API itself answers JSON)
    PageCase("api_docs"),
    # >>> applicant pages
    PageCase("applications:apply", kwargs=_opportunity("published_u"), errors=True),
    PageCase("applications:apply", as_user="ane", kwargs=_opportunity("child_certificate_a"), errors=True,
             label="applications:apply-ane-prefilled"),
    PageCase("applications:apply", kwargs=_opportunity("child_certificate_a"), errors=True,
             fill={"name": "Ung Ulla", "email": "ung-ulla@example.org", "birth_year": "2012"},
             label="applications:apply-too-young"),
    PageCase("applications:apply", as_user="ane", kwargs=_opportunity("published_a"),
             label="applications:apply-applied-already"),
    # A guest who has just applied is asked to look for the confirmation e-mail (a new address per language).
    PageCase("applications:apply", label="applications:apply-check-your-email", open=lambda visit, cast: (
        visit.goto(reverse("applications:apply", kwargs={"pk": cast.opportunities.published_u.pk})),
        visit.page.fill("main [name=name]", "Gerda Gæst"),
        visit.page.fill("main [name=email]", f"gerda-{id(visit)}@example.org"),
        visit.page.fill("main [name=birth_year]", "1980"),
        visit.page.click(MAIN_SUBMIT),
        visit.page.wait_for_selector("#sent-to"),
    ) and None),
    PageCase("applications:mine", kwargs=lambda cast: {"token": cast.applications.guest_a.token},
             label="applications:mine-guest"),
    PageCase("applications:mine", as_user="ane", kwargs=lambda cast: {"token": cast.applications.ane_u.token},
             label="applications:mine-with-a-message"),
    PageCase("applications:mine", kwargs=lambda cast: {"token": cast.applications.unconfirmed_a.token},
             label="applications:mine-unconfirmed"),
    PageCase("applications:confirm", kwargs=lambda cast: {"token": cast.applications.unconfirmed_a.token}),
    PageCase("applications:guardian_consent", kwargs=lambda cast: {"token": cast.applications.minor_u.guardian_token}),
    PageCase("applications:my_applications", as_user="ane"),
    PageCase("applications:my_applications", as_user="carl", label="applications:my_applications-empty"),
    # <<< applicant pages
    # >>> inbox pages
    PageCase("applications:inbox", as_user="bo", kwargs=_org("A"), empty_query="?status=declined"),
    PageCase("applications:inbox", as_user="carl", kwargs=_org("B"), label="applications:inbox-empty"),
    PageCase("applications:opportunity_inbox", as_user="erik", kwargs=_managed("published_a")),
    PageCase("applications:inbox_detail", as_user="bo",
             kwargs=lambda cast: {"slug": cast["A"].slug, "pk": cast.applications.ane_a.pk},
             errors=True, submit="main form[action$='/status/'] button[type=submit]"),
    PageCase("applications:inbox_detail", as_user="gitte",
             kwargs=lambda cast: {"slug": cast["U"].slug, "pk": cast.applications.ane_u.pk},
             errors=True, submit="main form[action$='/note/'] button[type=submit]",
             label="applications:inbox_detail-history"),
    PageCase("organisations:detail", kwargs=_org("A"), label="organisations:detail-response-figures",
             setup=lambda cast: type(cast["A"]).response_figures.related.related_model.objects.update_or_create(
                 organisation=cast["A"], defaults={"applications": 12, "answered": 11, "median_response_hours": 30})),
    # <<< inbox pages
    # >>> suggestions pages
    # ane applied to both roles for older people; with an interest in children she is suggested A's other role.
    PageCase("suggestions:suggestions", as_user="ane", label="suggestions:suggestions-empty-profile"),
    PageCase("suggestions:suggestions", as_user="ane",
             setup=lambda cast: cast.users["ane"].profile.interests.set(
                 cast.opportunities.child_certificate_a.categories.all())),
    PageCase("suggestions:suggestions", as_user="carl", label="suggestions:suggestions-no-matches",
             setup=lambda cast: cast.users["carl"].profile.interests.set(
                 cast.users["carl"].profile.interests.model.objects.filter(slug="idraet"))),
    PageCase("accounts:min_side", as_user="ane", label="accounts:min_side-suggestions",
             setup=lambda cast: cast.users["ane"].profile.interests.set(
                 cast.opportunities.child_certificate_a.categories.all())),
    PageCase("suggestions:saved_searches", as_user="carl", label="suggestions:saved_searches-empty"),
    PageCase("suggestions:saved_searches", as_user="ane",
             setup=lambda cast: (
                 cast.users["ane"].saved_searches.create(name="Ældre i Nord", query="q=%C3%A6ldre&areas=nord"),
                 cast.users["ane"].saved_searches.create(name="Idræt", query="categories=idraet", is_active=False),
             )),
    PageCase("suggestions:saved_search_create", as_user="ane", query="?q=%C3%A6ldre&areas=nord&wheelchair=1",
             errors=True, fill={"name": ""}),
    PageCase("suggestions:saved_search_create", as_user="ane", label="suggestions:saved_search_create-at-limit",
             setup=lambda cast: [cast.users["ane"].saved_searches.create(name=f"Søgning {number}", query=f"q={number}")
                                 for number in range(20)]),
    PageCase("suggestions:unsubscribe", kwargs=lambda cast: {
        "token": cast.users["ane"].saved_searches.create(name="Ældre", query="q=%C3%A6ldre").token}),
    # The undo button's answer: open the unsubscribe link, then undo.
    PageCase("suggestions:resubscribe", open=lambda visit, cast: (
        visit.goto(reverse("suggestions:unsubscribe", kwargs={"token": cast.users["ane"].saved_searches.get_or_create(
            query="q=%C3%A6ldre", defaults={"name": "Ældre"})[0].token})),
        visit.page.click(MAIN_SUBMIT),
        visit.page.wait_for_url("**/fortryd/"),
    )[-1]),
    # <<< suggestions pages
    # >>> shifts-volunteer pages
    # Shifts, events and sign-ups come from tests/signup_fixtures.py (built for each case).
    PageCase("shifts:shift_detail", kwargs=shift_cases.shift_kwargs, errors=True),
    PageCase("shifts:shift_detail", as_user="ane", kwargs=shift_cases.shift_kwargs,
             label="shifts:shift_detail-one-button"),
    PageCase("shifts:shift_detail", as_user="ane", kwargs=shift_cases.ane_signed_up_kwargs,
             label="shifts:shift_detail-signed-up"),
    PageCase("shifts:shift_detail", kwargs=shift_cases.full_shift_kwargs, label="shifts:shift_detail-full"),
    PageCase("shifts:shift_detail", kwargs=shift_cases.cancelled_shift_kwargs, label="shifts:shift_detail-cancelled"),
    # A guest who has just signed up is asked to look for the confirmation e-mail (a new address per language).
    PageCase("shifts:shift_detail", label="shifts:shift_detail-check-your-email", open=lambda visit, cast: (
        visit.goto(reverse("shifts:shift_detail", kwargs=shift_cases.shift_kwargs(cast))),
        visit.page.fill("main [name=name]", "Gerda Gæst"),
        visit.page.fill("main [name=email]", f"gerda-vagt-{id(visit)}@example.org"),
        visit.page.click(MAIN_SUBMIT),
        visit.page.wait_for_selector("#sent-to"),
    ) and None),
    PageCase("shifts:signup", kwargs=shift_cases.held_token, label="shifts:signup-held"),
    PageCase("shifts:signup", kwargs=shift_cases.waitlisted_token, label="shifts:signup-waitlisted"),
    PageCase("shifts:signup", kwargs=shift_cases.cancelled_token, label="shifts:signup-cancelled"),
    PageCase("shifts:signup_confirm", kwargs=shift_cases.held_token),
    PageCase("shifts:my_shifts", as_user="ane", setup=shift_cases.ane_signups),
    PageCase("shifts:my_shifts", as_user="carl", label="shifts:my_shifts-empty"),
    PageCase("accounts:min_side", as_user="ane", setup=shift_cases.ane_signups, label="accounts:min_side-shifts"),
    PageCase("opportunities:detail", kwargs=lambda cast: (shift_cases.full_shift_kwargs(cast),
                                                         shift_cases.shift_kwargs(cast),
                                                         _opportunity("published_a")(cast))[-1],
             label="opportunities:detail-shifts"),
    PageCase("shifts:calendar", setup=shift_cases.events_in_calendar, empty_query="?maaned=2001-01"),
    PageCase("shifts:calendar", setup=shift_cases.events_in_calendar, query="?visning=liste",
             label="shifts:calendar-list"),
    PageCase("shifts:calendar", query="?visning=liste&type=course", label="shifts:calendar-list-empty"),
    PageCase("shifts:event_detail", kwargs=shift_cases.event_kwargs, errors=True),
    PageCase("shifts:event_detail", as_user="ane", kwargs=shift_cases.full_event_kwargs,
             label="shifts:event_detail-full"),
    # <<< shifts-volunteer pages
    # >>> shifts-org pages
    # The cast's shifts and event (tests/shift_fixtures.py, built on first use by its page_* kwargs builders).
    PageCase("shifts:opportunity_shifts", as_user="bo", errors=True,
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_opportunity("published_a")),
    PageCase("shifts:opportunity_shifts", as_user="gitte", kwargs=_managed("published_u"),
             label="shifts:opportunity_shifts-empty"),
    PageCase("shifts:weekly_pattern", as_user="erik", kwargs=_managed("published_a"), errors=True),
    PageCase("shifts:manage_shift", as_user="bo",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("full")),
    PageCase("shifts:manage_shift", as_user="erik", label="shifts:manage_shift-past",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("past")),
    PageCase("shifts:manage_shift", as_user="bo", label="shifts:manage_shift-event",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("event_shift")),
    PageCase("shifts:manage_shift", as_user="bo", label="shifts:manage_shift-cancelled",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_cancelled_shift),
    PageCase("shifts:shift_edit", as_user="erik", errors=True, fill={"date": ""},
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("tomorrow")),
    PageCase("shifts:shift_cancel", as_user="bo",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("full")),
    PageCase("shifts:shift_message", as_user="bo", errors=True,
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_shift("full")),
    PageCase("shifts:manage_events", as_user="bo",
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_events),
    PageCase("shifts:manage_events", as_user="carl", kwargs=_org("B"), label="shifts:manage_events-empty"),
    PageCase("shifts:event_create", as_user="bo", kwargs=_org("A"), errors=True),
    PageCase("shifts:event_edit", as_user="erik", errors=True, fill={"title": ""},
             kwargs=__import__("tests.shift_fixtures").shift_fixtures.page_event),
    # <<< shifts-org pages
    # >>> hours pages
    # ane's hours at A (tests/hours_fixtures.py: an engagement, pending and approved hours, a shift, a certificate).
    PageCase("hours:my_hours", as_user="ane", errors=True,
             setup=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.build_hours(cast)),
    PageCase("hours:my_hours", as_user="carl", label="hours:my_hours-empty"),
    PageCase("hours:certificate", as_user="ane",
             setup=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.build_hours(cast)),
    PageCase("hours:certificate", as_user="carl", label="hours:certificate-empty"),
    PageCase("hours:verify_form", errors=True, submit="main form button[type=submit]"),
    PageCase("hours:verify", kwargs=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.matrix_certificate(
        cast)),
    PageCase("hours:verify", label="hours:verify-withdrawn",
             kwargs=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.matrix_revoked_certificate(cast)),
    PageCase("hours:verify", label="hours:verify-unknown", status=404,
             kwargs=lambda cast: {"code": "ABCD-EFGH-JK23"}),
    PageCase("hours:organisation_hours", as_user="bo", kwargs=_org("A"), errors=True,
             submit="main button[value='approve']",
             setup=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.build_hours(cast)),
    PageCase("hours:organisation_hours", as_user="carl", kwargs=_org("B"), label="hours:organisation_hours-empty"),
    PageCase("hours:thank", as_user="bo", errors=True,
             kwargs=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.matrix_engagement(cast)),
    # the attendance form on the shift's page, once the shift has started
    PageCase("shifts:manage_shift", as_user="bo", label="shifts:manage_shift-attendance",
             kwargs=lambda cast: __import__("tests.hours_fixtures").hours_fixtures.matrix_shift(cast)),
    # <<< hours pages
]

EXEMPT: dict[str, str] = {
    "core:set_language": "POST-only: the switch is a button on every page",
    "core:theme_css": "a stylesheet, not a page",
    "core:healthz": "JSON for monitoring",
    "mfa_download_recovery_codes": "a text file download",
    "socialaccount_signup": "only reachable in the middle of an OpenID Connect sign-in (no provider in tests)",
    "openid_connect_login": "redirects to the identity provider; no provider is configured in tests",
    "openid_connect_callback": "the identity provider's return address; answers with a redirect",
    "konto/social/login/cancelled/": "allauth's legacy redirect",
    "konto/social/login/error/": "allauth's legacy redirect",
    "konto/social/signup/": "allauth's legacy redirect",
    "konto/social/connections/": "allauth's legacy redirect",
    "organisations:member_role": "POST-only: a form on the members page",
    "organisations:member_remove": "POST-only: a form on the members page",
    "organisations:admin_handover": "POST-only: a form on the members page",
    "organisations:invitation_revoke": "POST-only: a form on the members page",
    "organisations:leave": "POST-only: a form on the organisation's page",
    "organisations:verify": "POST-only: a form on the verification list",
    "media": "uploaded images, not pages",
    "opportunities:feed": "an RSS feed (XML), not a page; linked from the search page",
    "opportunities:publish": "POST-only: a button on the organisation's list of posts and on the preview",
    "opportunities:pause": "POST-only: a button on the organisation's list of posts and on the preview",
    "opportunities:close": "POST-only: a button on the organisation's list of posts and on the preview",
    "opportunities:duplicate": "POST-only: a button on the organisation's list of posts and on the preview",
    "api:api-root": "redirects to the API's documentation page (api_docs), which has a case",
    "api:openapi-json": "the OpenAPI document (JSON) for programs; api_docs shows it to people",
    "api:opportunity_list": "JSON for programs; documented on api_docs",
    "api:opportunity_detail": "JSON for programs; documented on api_docs",
    "api:organisation_list": "JSON for programs; documented on api_docs",
    # >>> applicant exempt
    "applications:withdraw": "POST-only: a button on the application's page (applications:mine)",
    # <<< applicant exempt
    # >>> inbox exempt
    "applications:export": "a CSV file download, linked from the inbox",
    "applications:set_status": "POST-only: the status form on the application's page, whose errors have a case",
    "applications:add_note": "POST-only: the note form on the application's page, whose errors have a case",
    # <<< inbox exempt
    # >>> suggestions exempt
    "suggestions:saved_search_update": "POST-only: a form on the saved searches page (a bad choice shows that page)",
    "suggestions:saved_search_delete": "POST-only: a button on the saved searches page",
    # <<< suggestions exempt
    # >>> shifts-volunteer exempt
    "shifts:signup_create": "POST-only: the sign-up form on a shift's and an event's page, whose errors have cases",
    "shifts:signup_cancel": "POST-only: a button on the sign-up's page (shifts:signup)",
    "shifts:signup_ics": "an .ics file download, linked from the sign-up's page",
    "shifts:calendar_renew": "POST-only: a button on Mine vagter (shifts:my_shifts)",
    "shifts:personal_feed": "an iCal feed for calendar programs, not a page",
    "shifts:events_feed": "an iCal feed for calendar programs, not a page; linked from the calendar",
    # <<< shifts-volunteer exempt
    # >>> shifts-org exempt
    # <<< shifts-org exempt
    # >>> hours exempt
    "hours:certificate_pdf": "a PDF download (tagged PDF/UA-1, see frivillig/hours/tests), linked from its page",
    "hours:certificate_revoke": "POST-only: a button on the certificate page",
    "hours:decide": "POST-only: the approval form on the organisation's hours page, whose errors have a case",
    "hours:attendance": "POST-only: the attendance form on the shift's page (shifts:manage_shift-attendance)",
    # <<< hours exempt
}


def test_every_page_has_a_case():
    patterns = {pattern.key for pattern in url_patterns() if not pattern.is_admin}
    covered = {case.name for case in PAGES if not case.label.startswith("error-")} | EXEMPT.keys()
    missing = sorted(patterns - covered)
    stale = sorted(covered - patterns)
    assert not missing, "Pages with no accessibility case; add them to PAGES (or EXEMPT, with a reason):\n  " + (
        "\n  ".join(missing)
    )
    assert not stale, "PAGES or EXEMPT name URL patterns that no longer exist:\n  " + "\n  ".join(stale)
    ids = [str(case) for case in PAGES]
    assert len(ids) == len(set(ids)), "Two page cases share an id; give one a label"


def _served_under(page) -> str:
    try:
        return resolve(urlsplit(page.url).path).view_name
    except Resolver404:
        return "-"


def _check_both_widths(visit, where: str, *, desktop: bool = True) -> list[str]:
    problems = visit.check(f"{where} @320")
    if not desktop:
        return problems
    visit.page.set_viewport_size(DESKTOP)
    problems += visit.check(f"{where} @1280")
    visit.page.set_viewport_size(MOBILE)
    return problems


def _open(case: PageCase, url: str, visit, cast) -> None:
    if case.open:
        response = case.open(visit, cast)  # flows return nothing; the error pages return their response
        assert response is None or response.status == case.status, f"{case}: answered {response.status}"
        return
    response = visit.goto(url)
    assert response.status == case.status, f"{case}: {url} answered {response.status}"
    expected = case.lands_on or case.name
    assert _served_under(visit.page) == expected, f"{case}: ended on {visit.page.url}, not on {expected}"


def _submit(case: PageCase, visit) -> None:
    for name, value in case.fill.items():
        selector = name if name.startswith("main ") else f"main [name='{name}']"
        visit.page.fill(selector, value)
    with visit.page.expect_navigation():
        visit.page.locator(case.submit).first.click()
    assert visit.page.locator(ERROR_SHOWN).count(), f"{case}: submitting the form showed no error on {visit.page.url}"


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_page_is_accessible(case: PageCase, visit, cast, opportunities, applications):
    if case.setup:
        case.setup(cast)
    user = cast.users[case.as_user] if case.as_user else None
    url = "" if case.open else case.url(cast)
    problems = []
    for language in LANGUAGES:
        visitor = visit(as_user=user, language=language, reauthenticated=case.reauthenticated)
        desktop = language == LANGUAGES[0]
        _open(case, url, visitor, cast)
        problems += _check_both_widths(visitor, f"{case} [{language}]", desktop=desktop)
        if case.errors:
            _submit(case, visitor)
            problems += _check_both_widths(visitor, f"{case} [{language}] form errors", desktop=desktop)
        if case.empty_query:
            visitor.goto(url + case.empty_query)
            problems += _check_both_widths(visitor, f"{case} [{language}] empty", desktop=desktop)
    assert not problems, f"{len(problems)} accessibility/CSP problems:\n" + "\n".join(problems)
