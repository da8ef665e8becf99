"""Browser journeys: a person's path through a feature, with axe-core and the CSP check on every page visited."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import expect

from frivillig.core.cast import CAST_PASSWORD, DORTE_TOTP_SECRET, totp_code
from tests.e2e.conftest import DESKTOP

SUBMIT = "main form[method=post] button[type=submit]"
NEW_PASSWORD = "Havnegade-47-solsikke"
INVITE_SUBMIT = "main form:has([name=email]) button[type=submit]"


def view_name(visit) -> str:
    try:
        return resolve(urlsplit(visit.page.url).path).view_name
    except Resolver404:
        return "-"


def assert_on(visit, name: str) -> None:
    assert view_name(visit) == name, f"expected to be on {name}, but the browser is on {visit.page.url}"


def html_lang(visit) -> str:
    return visit.page.get_attribute("html", "lang")


def submit(visit, selector: str = SUBMIT) -> None:
    with visit.page.expect_navigation():
        visit.page.locator(selector).first.click()


def mail_to(address: str) -> mail.EmailMessage:
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"no e-mail to {address}; the outbox has {[m.to for m in mail.outbox]}"
    return messages[-1]


def link_in(message, path_start: str) -> str:
    """The path of the first link in the message whose path starts with `path_start`."""
    for url in re.findall(r"https?://\S+", message.body):
        path = urlsplit(url).path
        if path.startswith(path_start):
            return path
    raise AssertionError(f"no link to {path_start}… in:\n{message.body}")


def follow_link(visit, href: str, *, starts_with: bool = False) -> None:
    """Click the first link in the page's main content to `href` (or to an address starting with it)."""
    operator = "^=" if starts_with else "="
    with visit.page.expect_navigation():
        visit.page.locator(f"main a[href{operator}'{href}']").first.click()


def follow_menu_link(visit, href: str) -> None:
    """Use the main menu as a person would: on a narrow screen it is folded behind the "Menu" button."""
    toggle = visit.page.locator("nav.main-nav details.main-nav-toggle > summary")
    if toggle.is_visible():
        toggle.click()
    with visit.page.expect_navigation():
        visit.page.locator(f"nav.main-nav a[href='{href}']:visible").first.click()


def signed_in_as(visit) -> bool:
    return visit.page.locator(f"form[action='{reverse('account_logout')}'] button").count() > 0


# --- journeys -------------------------------------------------------------------------------------------


def test_home_page_language_switch_is_remembered(visit):
    person = visit(language=None)
    person.goto(reverse("core:home"))
    assert html_lang(person) == "da"
    person.assert_accessible("home (da)")

    submit(person, "header button[name=language][value=en]")
    assert_on(person, "core:home")
    assert html_lang(person) == "en"
    person.assert_accessible("home (en)")

    follow_menu_link(person, reverse("organisations:directory"))
    assert_on(person, "organisations:directory")
    assert html_lang(person) == "en", "the choice of English was not remembered on the next page"
    person.assert_accessible("directory (en)")

    submit(person, "header button[name=language][value=da]")
    assert_on(person, "organisations:directory")
    assert html_lang(person) == "da"
    person.goto(reverse("core:privacy"))
    assert html_lang(person) == "da", "the switch back to Danish was not remembered"
    person.assert_accessible("privacy (da)")


def test_sign_up_with_email_and_password(visit, cast):
    address = "signe.berg@example.org"
    person = visit()
    person.goto(reverse("core:home"))
    follow_link(person, reverse("account_signup"))
    assert_on(person, "account_signup")
    person.assert_accessible("sign-up form")

    person.page.fill("main [name=email]", address)
    person.page.fill("main [name=password1]", NEW_PASSWORD)
    person.page.fill("main [name=password2]", NEW_PASSWORD)
    submit(person)
    assert_on(person, "account_email_verification_sent")
    person.assert_accessible("verification sent")

    confirm_path = link_in(mail_to(address), "/konto/confirm-email/")
    person.goto(confirm_path)
    assert_on(person, "account_confirm_email")
    person.assert_accessible("confirm e-mail")
    submit(person)
    assert signed_in_as(person), f"not signed in after confirming the address ({person.page.url})"
    person.assert_accessible("first page after confirming")

    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email=address).verified


def test_sign_in_with_an_emailed_code(visit, cast):
    person = visit()
    person.goto(reverse("account_login"))
    person.assert_accessible("sign-in")
    follow_link(person, reverse("account_request_login_code"), starts_with=True)
    assert_on(person, "account_request_login_code")
    person.assert_accessible("request a code")

    person.page.fill("main [name=email]", cast.users["ane"].email)
    submit(person)
    assert_on(person, "account_confirm_login_code")
    person.assert_accessible("enter the code")

    body = mail_to(cast.users["ane"].email).body
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", body, re.MULTILINE)
    assert code, f"no sign-in code in:\n{body}"
    person.page.fill("main [name=code]", code.group(1))
    submit(person)
    assert signed_in_as(person)
    assert_on(person, "accounts:min_side")
    person.assert_accessible("min side after signing in by code")


def test_ane_creates_an_organisation(visit, cast):
    from frivillig.organisations.models import Membership, Organisation

    ane = visit(as_user=cast.users["ane"])
    ane.goto(reverse("core:home"))
    follow_link(ane, reverse("organisations:create"))
    assert_on(ane, "organisations:create")
    ane.assert_accessible("create form")

    submit(ane)
    assert_on(ane, "organisations:create")
    assert ane.page.locator(".form-error-message").count()
    ane.assert_accessible("create form with errors")

    ane.page.check("main input[name=kind][value=association]")
    ane.page.fill("main [name=name]", "Grønne Hænder Frederiksberg")
    ane.page.fill("main [name=cvr]", "10150817")
    ane.page.fill("main [name=description]", "Vi passer byens fælles køkkenhaver ved Søndermarken.")
    ane.page.fill("main [name=contact_email]", "kontakt@groenne.example.org")
    ane.page.check("main input[name=accept_terms]")
    submit(ane)
    assert_on(ane, "organisations:detail")
    ane.assert_accessible("the new organisation's page")

    organisation = Organisation.objects.get(name="Grønne Hænder Frederiksberg")
    assert ane.page.url.endswith(organisation.get_absolute_url())
    assert Membership.objects.get(organisation=organisation, user=cast.users["ane"]).role == "admin"
    assert organisation.terms_accepted_by == cast.users["ane"]


def test_bo_invites_a_new_member_who_accepts(visit, cast):
    from frivillig.organisations.models import Membership

    address = "karen.vinther@example.org"
    organisation = cast["A"]
    bo = visit(as_user=cast.users["bo"], viewport=DESKTOP)
    bo.goto(organisation.get_absolute_url())
    follow_link(bo, reverse("organisations:members", args=[organisation.slug]))
    assert_on(bo, "organisations:members")
    bo.assert_accessible("members")
    bo.page.fill("main [name=email]", address)
    bo.page.check("main form:has([name=email]) input[name=role][value=editor]")
    submit(bo, INVITE_SUBMIT)
    assert_on(bo, "organisations:members")
    assert address in bo.page.inner_text("main")
    bo.assert_accessible("members with the invitation")

    invitation_path = link_in(mail_to(address), "/organisationer/invitation/")
    karen = visit()
    karen.goto(invitation_path)
    assert_on(karen, "organisations:invitation")
    karen.assert_accessible("invitation as a visitor")

    follow_link(karen, reverse("account_signup"), starts_with=True)
    karen.page.fill("main [name=email]", address)
    karen.page.fill("main [name=password1]", NEW_PASSWORD)
    karen.page.fill("main [name=password2]", NEW_PASSWORD)
    submit(karen)
    assert_on(karen, "account_email_verification_sent")
    confirmation = [m for m in mail.outbox if address in m.to and "/konto/confirm-email/" in m.body][-1]
    karen.goto(link_in(confirmation, "/konto/confirm-email/"))
    submit(karen)
    assert signed_in_as(karen)

    if view_name(karen) != "organisations:invitation":  # back to the link in the invitation e-mail
        karen.goto(invitation_path)
    karen.assert_accessible("invitation, signed in")
    submit(karen)
    assert_on(karen, "organisations:detail")
    karen.assert_accessible("the organisation after accepting")
    assert Membership.objects.get(organisation=organisation, user__email=address).role == "editor"


def test_directory_search_and_filter_with_htmx_and_back_button(visit, cast):
    person = visit(viewport=DESKTOP)
    person.goto(reverse("organisations:directory"))
    person.assert_accessible("directory")
    results = person.page.locator("#directory-results")
    assert cast["A"].name in results.inner_text()
    person.page.evaluate("window.notReloaded = true")

    person.page.fill("main [name=q]", "lektie")
    with person.page.expect_response(lambda response: "q=lektie" in response.url):
        person.page.locator("main form[role=search] button[type=submit]").click()
    person.page.wait_for_url("**q=lektie**")
    assert cast["B"].name in results.inner_text()
    assert cast["A"].name not in results.inner_text()
    assert person.page.evaluate("window.notReloaded === true"), "the search reloaded the whole page"
    person.assert_accessible("directory after a search")

    person.page.fill("main [name=q]", "")
    person.page.select_option("main select[name=kind]", "municipal_unit")
    with person.page.expect_response(lambda response: "kind=municipal_unit" in response.url):
        person.page.locator("main form[role=search] button[type=submit]").click()
    person.page.wait_for_url("**kind=municipal_unit**")
    assert cast["U"].name in results.inner_text()
    assert cast["B"].name not in results.inner_text()
    assert person.page.evaluate("window.notReloaded === true")
    person.assert_accessible("directory after filtering")

    person.page.go_back()
    person.page.wait_for_url("**q=lektie**")
    person.page.wait_for_function(
        "name => document.querySelector('#directory-results').innerText.includes(name)", arg=cast["B"].name
    )
    assert cast["U"].name not in results.inner_text()
    person.assert_accessible("directory after going back")

    person.goto(reverse("organisations:directory") + "?q=zzzzqqq")
    assert "zzzzqqq" in person.page.input_value("main [name=q]")
    person.assert_accessible("directory with no results")


def _sign_in_with_password(person, email: str) -> None:
    person.goto(reverse("account_login"))
    person.page.fill("main [name=login]", email)
    person.page.fill("main [name=password]", CAST_PASSWORD)
    submit(person)


def test_dorte_changes_the_primary_colour(visit, cast):
    from frivillig.core.models import SiteConfiguration

    dorte = visit()
    _sign_in_with_password(dorte, cast.users["dorte"].email)
    assert_on(dorte, "mfa_authenticate")
    dorte.assert_accessible("two-factor code")
    dorte.page.fill("main [name=code]", totp_code(DORTE_TOTP_SECRET))
    submit(dorte)
    assert signed_in_as(dorte)

    dorte.goto(reverse("organisations:coordinator_overview"))
    dorte.assert_accessible("coordinator overview")
    follow_link(dorte, reverse("core:site_configuration"))
    assert_on(dorte, "core:site_configuration")
    dorte.assert_accessible("site configuration")

    dorte.page.fill("main [name=primary_colour]", "#ffdd00")
    submit(dorte)
    assert_on(dorte, "core:site_configuration")
    assert dorte.page.locator("main #id_primary_colour-error").count(), "the pale colour was not refused"
    dorte.assert_accessible("site configuration refusing a pale colour")
    assert SiteConfiguration.get().primary_colour != "#ffdd00"

    dorte.page.fill("main [name=primary_colour]", "#1f4e79")
    submit(dorte)
    assert_on(dorte, "core:site_configuration")
    assert SiteConfiguration.objects.get().primary_colour == "#1f4e79"
    theme = dorte.page.get_attribute(f"link[href*='{reverse('core:theme_css')}']", "href")
    assert "#1f4e79" in dorte.page.request.get(dorte.base_url + theme).text()
    dorte.assert_accessible("site configuration saved")


def test_frida_is_sent_to_set_up_totp(visit, cast):
    frida = visit()
    _sign_in_with_password(frida, cast.users["frida"].email)
    assert signed_in_as(frida)

    frida.goto(reverse("core:site_configuration"))
    if view_name(frida) == "account_reauthenticate":  # allauth asks for the password before TOTP changes
        frida.assert_accessible("confirm password")
        frida.page.fill("main [name=password]", CAST_PASSWORD)
        submit(frida)
    assert_on(frida, "mfa_activate_totp")
    assert frida.page.locator("main img[src^='data:image/']").count() == 1, "the QR code is not a data: image"
    frida.assert_accessible("TOTP setup")

    secret = frida.page.input_value("#authenticator_secret")
    frida.page.fill("main [name=code]", totp_code(secret))
    submit(frida)
    assert cast.users["frida"].authenticator_set.filter(type="totp").exists()
    frida.goto(reverse("core:site_configuration"))
    assert_on(frida, "core:site_configuration")
    frida.assert_accessible("site configuration after setting up TOTP")


# --- finding an opportunity --------------------------------------------------------------------------------

SEARCH_FORM = "main form#search-form"
RESULT_TITLES = "#search-results .opportunity-card-title a"
MARKERS = "#search-map .leaflet-marker-icon"


def result_titles(visit) -> list[str]:
    return visit.page.locator(RESULT_TITLES).all_inner_texts()


def update_search(visit, change, *, url_has: str) -> None:
    """Make a change that htmx sends (a submit or a ticked box); wait for its answer and for the URL to follow."""
    with visit.page.expect_response(lambda response: url_has in response.url):
        change()
    visit.page.wait_for_url(f"**{url_has}**")


def wait_for_results(visit, titles: list[str]) -> None:
    """Wait until the results are exactly `titles`, in any order (htmx swaps them in after its answer)."""
    visit.page.wait_for_function(
        "([selector, wanted]) => JSON.stringify([...document.querySelectorAll(selector)]"
        ".map(a => a.innerText.trim()).sort()) === JSON.stringify(wanted)",
        arg=[RESULT_TITLES, sorted(titles)],
    )


def open_map(visit) -> None:
    visit.page.locator("#map-disclosure > summary").click()
    visit.page.wait_for_selector(f"{MARKERS} >> nth=0")


def test_find_a_role_by_text_filters_and_map_then_share_and_go_back(visit, cast, opportunities):
    """Search by text → narrow with a filter (htmx; the URL follows) → open the post on the map → read the
    municipal unit's role card → share the search's URL → the back button restores the results. Run in Danish;
    every page it saw is then checked again in English."""
    from tests.opportunity_fixtures import NARROW_CATEGORY, SEARCH_TEXT

    about_older = sorted([opportunities.published_a.title, opportunities.published_u.title])
    care_home = opportunities.published_u
    person = visit(viewport=DESKTOP)
    outside = []
    person.page.on("request", lambda request: outside.append(request.url)
                   if not request.url.startswith((person.base_url, "data:")) else None)
    seen = []  # (what, path, map opened) of every page checked, for the English pass

    def check(what: str, *, map_open: bool = False) -> None:
        person.assert_accessible(f"{what} (da)")
        seen.append((what, urlsplit(person.page.url).path + "?" + urlsplit(person.page.url).query, map_open))

    person.goto(reverse("opportunities:search"))
    assert html_lang(person) == "da"
    everything = result_titles(person)
    assert set(about_older) < set(everything), "the published posts are not all listed"
    assert opportunities.draft_a.title not in everything, "a draft is listed"
    check("search")
    person.page.evaluate("window.notReloaded = true")

    person.page.fill(f"{SEARCH_FORM} [name=q]", SEARCH_TEXT)
    update_search(person, lambda: person.page.locator(f"{SEARCH_FORM} .search-bar button[type=submit]").click(),
                  url_has="q=%C3%A6ldre")
    wait_for_results(person, about_older)
    assert person.page.evaluate("window.notReloaded === true"), "the search reloaded the whole page"
    check("search by text")
    by_text = result_titles(person)

    # Narrow: the category's section is folded away on a first visit.
    checkbox = person.page.locator(f"#filter-categories-{NARROW_CATEGORY}")
    if not checkbox.is_visible():
        person.page.locator(f"details.filter-section:has(#filter-categories-{NARROW_CATEGORY}) > summary").click()
    update_search(person, checkbox.check, url_has=f"categories={NARROW_CATEGORY}")
    wait_for_results(person, [care_home.title])
    assert "q=%C3%A6ldre" in person.page.url, "narrowing lost the search text from the URL"
    assert person.page.evaluate("window.notReloaded === true"), "the filter reloaded the whole page"
    expect(person.page.locator("#search-count")).to_have_text(re.compile(r"^\D*\b1\b\D*$"))  # "1 found", in any words
    check("search narrowed by a filter")
    shared_url = person.page.url

    open_map(person)
    assert person.page.locator(MARKERS).count() == 1, "the map should show the one result with a place"
    assert person.page.locator("#search-map .leaflet-tile").count() == 0, "tiles were loaded"
    check("search with the map open", map_open=True)

    marker = person.page.locator(MARKERS).first
    assert marker.get_attribute("alt") == care_home.title
    marker.click()
    popup_link = person.page.locator("#search-map .leaflet-popup-content a")
    popup_link.wait_for()
    with person.page.expect_navigation():
        popup_link.click()
    assert_on(person, "opportunities:detail")
    assert person.page.url.endswith(care_home.get_absolute_url())
    role_card = person.page.locator("main section.role-card")
    card_text = role_card.inner_text()
    for text in (care_home.role_volunteer_tasks, care_home.role_staff_tasks, care_home.role_staff_contact,
                 cast.users["gitte"].name):
        assert text in card_text, f"the role card does not show {text!r}"
    assert role_card.locator(".alert").count() == 1, "the dagpenge/efterløn notice is missing"
    check("the care home's opportunity with its role card")

    # Share: the copied address shows someone else the same results.
    friend = visit(viewport=DESKTOP)
    friend.goto(urlsplit(shared_url).path + "?" + urlsplit(shared_url).query)
    assert result_titles(friend) == [care_home.title]
    assert friend.page.is_checked(f"#filter-categories-{NARROW_CATEGORY}")
    assert friend.page.input_value(f"{SEARCH_FORM} [name=q]") == SEARCH_TEXT
    friend.assert_accessible("the shared search (da)")

    # Back: to the narrowed search, then to the search by text only.
    person.page.go_back()
    person.page.wait_for_url(shared_url)
    wait_for_results(person, [care_home.title])
    person.assert_accessible("back to the narrowed search (da)")
    person.page.go_back()
    person.page.wait_for_function("() => !location.search.includes('categories=')")
    assert "q=%C3%A6ldre" in person.page.url
    wait_for_results(person, by_text)
    assert not person.page.is_checked(f"#filter-categories-{NARROW_CATEGORY}")
    person.assert_accessible("back to the search by text (da)")

    assert not outside, f"the pages fetched from other hosts (map tiles?): {outside}"

    english = visit(viewport=DESKTOP, language="en")
    for what, path, map_open in seen:
        english.goto(path)
        assert html_lang(english) == "en"
        if map_open:
            open_map(english)
        english.assert_accessible(f"{what} (en)")
