"""The browser journey of issue 4: find → apply as a guest → confirm → the organisation answers and accepts → the
volunteer sees it on the link page → creates an account and finds it on Min side.

Run in Danish; every page it saw is then opened again in English, and axe checks each one in both languages.
"""

from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation

from frivillig.applications.models import Application, Engagement
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_journeys import (
    NEW_PASSWORD,
    SEARCH_FORM,
    assert_on,
    follow_link,
    link_in,
    mail_to,
    signed_in_as,
    submit,
    update_search,
    wait_for_results,
)

GUEST = "lise.holm@example.org"


def status_label(status: str, language: str = "da") -> str:
    with translation.override(language):
        return str(Application.Status(status).label)


def test_apply_as_a_guest_get_accepted_and_keep_it_in_a_new_account(visit, cast, opportunities):
    from tests.opportunity_fixtures import NARROW_CATEGORY, SEARCH_TEXT

    care_home = opportunities.published_u
    unit = care_home.organisation
    seen: list[tuple[str, str, object]] = []  # (what, path, who) of every page checked, for the English pass

    def check(person, what: str, who=None) -> None:
        person.assert_accessible(f"{what} (da)")
        parts = urlsplit(person.page.url)
        seen.append((what, parts.path + (f"?{parts.query}" if parts.query else ""), who))

    # Find: free text, then a filter narrows it to the care home's role.
    lise = visit(viewport=DESKTOP)
    lise.goto(reverse("opportunities:search"))
    lise.page.fill(f"{SEARCH_FORM} [name=q]", SEARCH_TEXT)
    update_search(lise, lambda: lise.page.locator(f"{SEARCH_FORM} .search-bar button[type=submit]").click(),
                  url_has="q=%C3%A6ldre")
    wait_for_results(lise, sorted([opportunities.published_a.title, care_home.title]))
    checkbox = lise.page.locator(f"#filter-categories-{NARROW_CATEGORY}")
    if not checkbox.is_visible():
        lise.page.locator(f"details.filter-section:has(#filter-categories-{NARROW_CATEGORY}) > summary").click()
    update_search(lise, checkbox.check, url_has=f"categories={NARROW_CATEGORY}")
    wait_for_results(lise, [care_home.title])
    check(lise, "search narrowed to one role")
    follow_link(lise, care_home.get_absolute_url())
    assert_on(lise, "opportunities:detail")
    check(lise, "the role's page")

    # Apply as a guest: an empty form first, then the real thing.
    follow_link(lise, reverse("applications:apply", kwargs={"pk": care_home.pk}))
    assert_on(lise, "applications:apply")
    check(lise, "apply form")
    submit(lise)
    assert lise.page.locator(".form-error-message, .alert-error").count() > 0, "an empty form was accepted"
    lise.assert_accessible("apply form with errors (da)")
    lise.page.fill("main [name=name]", "Lise Holm")
    lise.page.fill("main [name=email]", GUEST)
    lise.page.fill("main [name=phone]", "+45 38 21 40 00")
    lise.page.fill("main [name=birth_year]", "1958")
    lise.page.fill("main [name=message]", "Jeg læser gerne højt om tirsdagen.")
    submit(lise)
    lise.page.wait_for_selector("#sent-to")
    lise.assert_accessible("check your e-mail (da)")
    application = Application.objects.get(email=GUEST)
    assert application.status == Application.Status.UNCONFIRMED
    assert application.submitted_at is None, "the organisation sees an unconfirmed application"

    # Confirm the e-mail: the link opens a page; only its button confirms.
    confirm_path = link_in(mail_to(GUEST), f"/ansoegning/{application.token}/bekraeft/")
    lise.goto(confirm_path)
    assert_on(lise, "applications:confirm")
    check(lise, "confirm the application")
    submit(lise)
    assert_on(lise, "applications:mine")
    application.refresh_from_db()
    assert application.status == Application.Status.NEW
    assert status_label("new") in lise.page.locator("main").inner_text()
    check(lise, "the application's own page, new")
    assert mail_to(cast.users["gitte"].email), "the unit's admin was not told"

    # The unit answers: first in dialogue with a message, then accepted.
    gitte = visit(as_user=cast.users["gitte"], viewport=DESKTOP)
    gitte.goto(reverse("applications:inbox", kwargs={"slug": unit.slug}))
    check(gitte, "the unit's inbox", cast.users["gitte"])
    detail_path = reverse("applications:inbox_detail", kwargs={"slug": unit.slug, "pk": application.pk})
    follow_link(gitte, detail_path)
    assert "lise.holm@example.org" in gitte.page.locator("main").inner_text()
    check(gitte, "the application in the inbox", cast.users["gitte"])
    set_status_path = reverse("applications:set_status", kwargs={"slug": unit.slug, "pk": application.pk})
    status_submit = f"main form[action='{set_status_path}'] button[type=submit]"
    gitte.page.locator("main input[name=status][value=in_dialogue]").check()
    gitte.page.fill("main [name=message]", "Tak, Lise! Kan du komme forbi til en kop kaffe torsdag kl. 10?")
    submit(gitte, status_submit)
    gitte.assert_accessible("after answering (da)")
    gitte.page.locator("main input[name=status][value=accepted]").check()
    submit(gitte, status_submit)
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    engagement = Engagement.objects.get(application=application)
    assert engagement.volunteer is None
    gitte.assert_accessible("after accepting (da)")

    # Lise follows the link in the answer's e-mail and sees "accepted".
    lise.goto(link_in(mail_to(GUEST), application.get_absolute_url()))
    main = lise.page.locator("main").inner_text()
    assert status_label("accepted") in main
    assert "kop kaffe torsdag" in main, "the unit's message is not on the applicant's page"
    check(lise, "the application's own page, accepted")

    # She creates an account with the same address; once it is verified, the application is hers on Min side.
    lise.goto(reverse("account_signup"))
    lise.page.fill("main [name=email]", GUEST)
    lise.page.fill("main [name=password1]", NEW_PASSWORD)
    lise.page.fill("main [name=password2]", NEW_PASSWORD)
    submit(lise)
    lise.goto(link_in(mail_to(GUEST), "/konto/confirm-email/"))
    submit(lise)
    assert signed_in_as(lise)
    lise.goto(reverse("accounts:min_side"))
    main = lise.page.locator("main").inner_text()
    assert care_home.title in main and status_label("accepted") in main, "the application is not on Min side"
    application.refresh_from_db()
    engagement.refresh_from_db()
    assert application.user is not None and application.user.email == GUEST
    assert engagement.volunteer == application.user
    lise.assert_accessible("Min side with the application (da)")
    lise.goto(reverse("applications:my_applications"))
    lise.assert_accessible("my applications (da)")

    # The English pass: every page seen, opened again in English.
    for what, path, who in seen:
        person = visit(as_user=who, language="en", viewport=DESKTOP)
        person.goto(path)
        assert person.page.get_attribute("html", "lang") == "en"
        person.assert_accessible(f"{what} (en)")
