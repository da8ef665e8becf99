"""Random and extreme input to every anonymous form and the main signed-in forms (issue 6, fuzzing).

Each form starts from input that works, and hypothesis changes it: fields replaced by huge strings (100,000
characters), control characters, NUL bytes, emoji, combining marks and right-to-left text, by text where a number,
date or choice belongs, by several values where one is expected (a duplicated key); fields left out; unknown
fields added. Whatever comes, the answer is never a server error. When the form is shown again, it says what is
wrong and the inputs hold what the person typed (every value a browser can show).

Each example runs in a savepoint that is rolled back, over one set of data built for the module, with the cache
(where the rate limits count) emptied first. The generation is derandomized, so CI sends the same input each run.
"""

import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.module_data import built_once
from tests.signin import sign_in

# Examples per form; FUZZ_EXAMPLES=500 for a longer hunt (CI keeps the default, about a minute in all).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 30))
# The examples sent, by form (and by link page), and the server errors; tests/conftest.py prints them at the end.
CASES_RUN: dict[str, int] = {}
LINK_CASES_RUN: dict[str, int] = {}
SERVER_ERRORS: dict[str, int] = {}

# --- what is sent -------------------------------------------------------------------------------------------

HUGE = ["x" * 100_000, "Ærø 👩🏽‍🚒 " * 10_000, "a\u0301" * 50_000, "\u202e" + "עברית " * 16_000]
NUL = ["\x00", "før\x00efter", "\x00" * 10, "2000\x00", "a@example.org\x00", "\x00<b>"]
UNICODE = ["👩‍👩‍👧‍👦🏳️‍🌈", "Z̷̛̛͚̈́a̵l̸g̷o̶", "مرحبا بالعالم", "\u202eolleh", "שלום", "𝕳𝖊𝖑𝖑𝖔", "ﷺ", "０１２３", "١٢٣",
           "\u200b\ufeff\u2028", "ß\u0130ﬃ"]
WRONG_TYPE = [
    "", " ", "0", "-1", "1e400", "NaN", "inf", "99999999999999999999999", "-0", "0x1F", "1,5", "2024-02-30",
    "0000-00-00", "9999-12-31", "10000-01-01", "1-1-1", "25:61", "24:00", "23:59:60", "null", "true", "[]", "{}",
    "on", "yes", "<script>alert(1)</script>", "\"'><img src=x>", "' OR 1=1 --", "%s%n%x", "{{ 7*7 }}",
    "{% debug %}", "../../etc/passwd", "javascript:alert(1)", "//evil.example.org", "/\r\nSet-Cookie: x=1",
]
# Every character that can be posted: NUL and control characters too, but no lone surrogates (not valid UTF-8).
ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=("Cs",))
# One kind of trouble per example, so that every kind reaches every form.
THEMES = {
    "nul": st.one_of(st.sampled_from(NUL), st.text(ANY_CHARACTER, max_size=8).map(lambda text: f"{text}\x00{text}")),
    "control": st.text(st.characters(codec="utf-8", categories=("Cc",)), min_size=1, max_size=10),
    "huge": st.sampled_from(HUGE),
    "unicode": st.sampled_from(UNICODE),
    "wrong type": st.sampled_from(WRONG_TYPE),
    "any": st.text(ANY_CHARACTER, max_size=30),
}
FIELD_NAME = st.text(st.characters(codec="ascii", categories=("L", "N", "Pc", "Pd")), min_size=1, max_size=12)


def mutant(valid, text: st.SearchStrategy) -> st.SearchStrategy:
    """What a field may hold instead of its valid value: the example's kind of text, or several values (a
    duplicated key, or a list where one value belongs)."""
    values = valid if isinstance(valid, list) else [valid]
    return st.one_of(text, text, st.lists(text, min_size=2, max_size=3), st.just(values * 2), st.just(values + [""]))


@st.composite
def payloads(draw, valid: dict) -> dict:
    """The valid input with each field kept, changed or left out, and maybe unknown fields added."""
    text = THEMES[draw(st.sampled_from(sorted(THEMES)), label="theme")]
    data = {}
    for name, value in valid.items():
        action = draw(st.sampled_from(("change", "keep", "change", "keep", "drop")))
        if action == "keep":
            data[name] = value
        elif action == "change":
            data[name] = draw(mutant(value, text))
    for name, value in draw(st.dictionaries(FIELD_NAME, text, max_size=2)).items():
        data.setdefault(name, value)
    return data


# --- the forms ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """A form as a person uses it: who (a cast name or the visitor), where, and input that works.

    `rerender`: a 200 (or 400) answer is the form again, so it must show an error and keep the input; `bound_by`:
    the field without which a GET form is just shown, not checked. `query`: the input goes in the query string (a
    GET form, or a POST whose page reads its query, with `body` posted as it is). `files`: upload fields.
    """

    name: str
    role: str
    url: Callable
    valid: Callable
    method: str = "POST"
    rerender: bool = True
    bound_by: str = ""
    query: bool = False
    body: Callable | None = None
    files: tuple[str, ...] = ()


def _url(name: str, **kwargs) -> Callable:
    """A URL whose kwargs are attributes of the world (`"pk": "shift.pk"`) or literals."""

    def build(world) -> str:
        return reverse(name, kwargs={key: world.resolve(value) for key, value in kwargs.items()})

    return build


def _const(data: dict) -> Callable:
    return lambda world: dict(data)


def _today(days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


GUEST = {"name": "Fie Fuzz", "email": "fie-fuzz@example.org", "phone": "20 30 40 50"}
ORGANISATION = {
    "name": "Fuzzforeningen", "kind": "association", "cvr": "10150817", "description": "Vi prøver alt.",
    "description_language": "da", "contact_email": "kontakt@fuzz.example.org", "postcode": "2000", "city": "Frb.",
    "website": "https://fuzz.example.org", "contact_name": "Fie", "contact_phone": "20304050",
    "street_address": "Vej 1",
}


def _opportunity(world) -> dict:
    return {
        "title": "Fuzzet opslag", "summary": "Kort.", "description": "Lang **tekst**.", "language": "da",
        "categories": [str(world.category)], "time_commitment": "regular", "hours_per_week": "2,5",
        "postcode": "2000", "city": "Frederiksberg", "minimum_age": "18", "volunteers_wanted": "3",
        "start_date": _today(10), "end_date": _today(100), "application_deadline": _today(50),
        "latitude": "55.68", "longitude": "12.53", "area": str(world.area), "contact_email": "a@example.org",
    }


def _shift(world) -> dict:
    return {"date": _today(10), "start_time": "18:00", "end_time": "20:00", "capacity": "4", "place": "Salen",
            "note": "Husk madpakke."}


def _pattern(world) -> dict:
    return {"weekdays": ["2", "4"], "start_time": "18:00", "end_time": "20:00", "first_date": _today(7),
            "last_date": _today(28), "capacity": "4", "place": "", "note": ""}


def _event(world) -> dict:
    return {"title": "Kursus", "kind": "course", "description": "Lær noget.", "language": "da", "is_published": "on",
            "start_date": _today(14), "start_time": "17:00", "end_date": _today(14), "end_time": "21:00",
            "capacity": "12", "place": "Salen"}


def _hours(world) -> dict:
    prefix = f"e{world.engagement.pk}"
    return {"engagement": str(world.engagement.pk), f"{prefix}-date": _today(-1), f"{prefix}-hours": "2,5",
            f"{prefix}-note": "Gåtur"}


def _profile(world) -> dict:
    return {"name": "Ane Fuzz", "birth_year": "1990", "phone": "20304050", "preferred_language": "da",
            "interests": [str(world.category)], "areas": [str(world.area)], "availability": ["weekdays"],
            "notifications": ["reminders"]}


def _site_configuration(world) -> dict:
    from django.forms.models import model_to_dict

    from frivillig.core.forms import SiteConfigurationForm
    from frivillig.core.models import SiteConfiguration

    fields = [name for name in SiteConfigurationForm.Meta.fields if name != "logo"]
    values = model_to_dict(SiteConfiguration.get(), fields=fields)
    return {name: "" if value is None else str(value) for name, value in values.items()}


ANONYMOUS = [
    Form("guest application", "visitor", _url("applications:apply", pk="opportunities.published_a.pk"),
         _const(GUEST | {"birth_year": "1990", "message": "Jeg vil gerne.", "guardian_email": ""})),
    Form("guardian consent", "visitor",
         _url("applications:guardian_consent", token="applications.minor_u.guardian_token"),
         _const({"consent": "yes"})),
    Form("application withdraw", "visitor", _url("applications:withdraw", token="applications.guest_a.token"),
         _const({}), rerender=False),
    Form("application confirm", "visitor", _url("applications:confirm", token="applications.unconfirmed_a.token"),
         _const({}), rerender=False),
    Form("guest shift sign-up", "visitor", _url("shifts:signup_create", pk="shift.pk"), _const(GUEST)),
    Form("sign-up confirm", "visitor", _url("shifts:signup_confirm", token="held_signup.token"), _const({}),
         rerender=False),
    Form("sign-up cancel", "visitor", _url("shifts:signup_cancel", token="confirmed_signup.token"), _const({}),
         rerender=False),
    Form("saved-search unsubscribe", "visitor", _url("suggestions:unsubscribe", token="saved_search.token"),
         _const({}), rerender=False),
    Form("saved-search undo", "visitor", _url("suggestions:resubscribe", token="saved_search.token"), _const({}),
         rerender=False),
    Form("certificate verification", "visitor", _url("hours:verify_form"), _const({"code": "ABCD-EFGH-JK23"}),
         method="GET", query=True, bound_by="code"),
    Form("search page", "visitor", _url("opportunities:search"),
         _const({"q": "ældre", "categories": ["kultur"], "areas": ["nord"], "time_commitment": ["regular"],
                 "suits": ["seniors"], "no_danish": "1", "sort": "newest", "side": "2"}),
         method="GET", query=True, rerender=False),
    Form("search feed", "visitor", _url("opportunities:feed"),
         _const({"q": "ældre", "categories": ["kultur"], "areas": ["nord"], "online": "1"}),
         method="GET", query=True, rerender=False),
    Form("organisation directory", "visitor", _url("organisations:directory"),
         _const({"q": "besøg", "kind": "association", "area": "nord", "category": "kultur", "verified": "on",
                 "side": "2"}),
         method="GET", query=True, rerender=False),
    Form("event calendar", "visitor", _url("shifts:calendar"), _const({"maaned": "2030-02", "type": "course",
                                                                     "visning": "liste"}),
         method="GET", query=True, rerender=False),
    Form("language switch", "visitor", _url("core:set_language"), _const({"language": "en", "next": "/muligheder/"}),
         rerender=False),
    Form("sign-up (allauth)", "visitor", _url("account_signup"),
         _const({"email": "ny-fuzz@example.org", "password1": "Hemmelig-Kode-42", "password2": "Hemmelig-Kode-42"})),
    Form("sign-in (allauth)", "visitor", _url("account_login"),
         lambda world: {"login": world.cast.users["ane"].email, "password": world.password, "remember": "on"}),
    Form("sign-in code request", "visitor", _url("account_request_login_code"),
         lambda world: {"email": world.cast.users["ane"].email}),
    Form("sign-in code confirm", "visitor", _url("account_confirm_login_code"), _const({"code": "ABC123"})),
    Form("password reset", "visitor", _url("account_reset_password"),
         lambda world: {"email": world.cast.users["ane"].email}),
    Form("password reset from key", "visitor", lambda world: world.reset_url,
         _const({"password1": "Ny-Hemmelig-Kode-42", "password2": "Ny-Hemmelig-Kode-42"})),
]

SIGNED_IN = [
    Form("volunteer profile", "ane", _url("accounts:profile_edit"), _profile),
    Form("organisation create", "ane", _url("organisations:create"), _const(ORGANISATION | {"accept_terms": "on"}),
         files=("logo",)),
    Form("organisation edit", "bo", _url("organisations:edit", slug="cast.A.slug"), _const(ORGANISATION),
         files=("logo",)),
    Form("opportunity create", "bo", _url("opportunities:create", slug="cast.A.slug"), _opportunity),
    Form("opportunity edit", "gitte", _url("opportunities:edit", slug="cast.U.slug", pk="opportunities.published_u.pk"),
         lambda world: _opportunity(world) | {"role_volunteer_tasks": "Læser højt.", "role_staff_tasks": "Pleje.",
                                              "role_staff_contact": "Hanne", "role_confirm": "on",
                                              "insurance_covered": "on"}),
    Form("apply as signed-in", "carl", _url("applications:apply", pk="opportunities.published_a.pk"),
         _const({"name": "Carl", "phone": "20304050", "birth_year": "1980", "message": "Hej.", "guardian_email": ""})),
    Form("inbox status", "bo", _url("applications:set_status", slug="cast.A.slug", pk="applications.guest_a.pk"),
         lambda world: {"status": "accepted", "message": "Velkommen!", "start_date": _today(3)}),
    Form("inbox note", "bo", _url("applications:add_note", slug="cast.A.slug", pk="applications.guest_a.pk"),
         _const({"text": "Ringet op."})),
    Form("saved search create", "ane", _url("suggestions:saved_search_create"),
         _const({"name": "Ældre", "frequency": "weekly", "language": "da"})),
    Form("saved search create (its search)", "ane", _url("suggestions:saved_search_create"),
         _const({"q": "ældre hjælp", "categories": ["kultur"], "areas": ["nord"], "sort": "deadline"}), query=True,
         rerender=False, body=_const({"name": "Ældre", "frequency": "weekly", "language": "da"})),
    Form("shift create", "bo", _url("shifts:opportunity_shifts", slug="cast.A.slug", pk="opportunities.published_a.pk"),
         _shift),
    Form("shift weekly pattern", "bo",
         _url("shifts:weekly_pattern", slug="cast.A.slug", pk="opportunities.published_a.pk"), _pattern),
    Form("shift edit", "bo", _url("shifts:shift_edit", slug="cast.A.slug", pk="shift.pk"), _shift),
    Form("shift message", "bo", _url("shifts:shift_message", slug="cast.A.slug", pk="shift.pk"),
         _const({"message": "Husk madpakke."})),
    Form("event create", "bo", _url("shifts:event_create", slug="cast.A.slug"), _event),
    Form("hours logging", "ane", _url("hours:my_hours"), _hours),
    Form("hours decide", "bo", _url("hours:decide", slug="cast.A.slug"),
         lambda world: {"entries": [str(world.hours.pending.pk)], "decision": "reject", "reason": "Forkert dag."}),
    Form("thank-you", "bo", _url("hours:thank", slug="cast.A.slug", pk="engagement.pk"),
         _const({"message": "Tak for din indsats!"})),
    Form("certificate create", "ane", _url("hours:certificate"), _const({"language": "en"})),
    Form("opportunity pause (its way back)", "bo",
         _url("opportunities:pause", slug="cast.A.slug", pk="opportunities.published_a.pk"),
         _const({"next": "/organisationer/"}), rerender=False),
    Form("organisation verify (its way back)", "dorte", _url("organisations:verify", slug="cast.B.slug"),
         _const({"verified": "1", "next": "/organisationer/koordinator/verificering/"}), rerender=False),
    Form("site configuration", "dorte", _url("core:site_configuration"), _site_configuration, files=("logo",)),
]

FORMS = ANONYMOUS + SIGNED_IN


# --- the world the forms work on ----------------------------------------------------------------------------


@dataclass
class World:
    cast: object
    opportunities: object
    applications: object
    hours: object
    shift: object
    held_signup: object
    confirmed_signup: object
    saved_search: object
    category: int
    area: int
    password: str
    reset_url: str = ""

    @property
    def engagement(self):
        return self.hours.engagement

    def resolve(self, path):
        """"opportunities.published_a.pk" → that attribute; anything else is itself."""
        if not isinstance(path, str) or "." not in path:
            return path
        value = self
        for part in path.split("."):
            value = value[part] if part in ("A", "B", "U") else getattr(value, part)
        return value


def _build_world() -> World:
    from frivillig.core.cast import CAST_PASSWORD, build_cast
    from frivillig.core.models import Area, Category
    from tests import signup_fixtures
    from tests.application_fixtures import build_applications
    from tests.hours_fixtures import build_hours
    from tests.opportunity_fixtures import build_opportunities

    cast = build_cast()
    cast.opportunities = build_opportunities(cast)
    cast.applications = build_applications(cast)
    hours = build_hours(cast)  # accepts ane's application to A: her engagement
    shift = signup_fixtures.shift_for(cast.opportunities.published_a, capacity=10)
    return World(
        cast=cast,
        opportunities=cast.opportunities,
        applications=cast.applications,
        hours=hours,
        shift=shift,
        held_signup=signup_fixtures.guest_signup(signup_fixtures.shift_for(cast.opportunities.published_a)),
        confirmed_signup=signup_fixtures.guest_signup(
            signup_fixtures.shift_for(cast.opportunities.published_a), email="bekraeftet@example.org", confirm=True
        ),
        saved_search=cast.users["ane"].saved_searches.create(name="Ældre", query="q=%C3%A6ldre"),
        category=Category.objects.get(slug="kultur").pk,
        area=Area.objects.get(slug="nord").pk,
        password=CAST_PASSWORD,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The data, built once for the module inside a transaction that is rolled back at the end."""
    with built_once(django_db_blocker):
        yield _build_world()


@pytest.fixture(scope="module")
def client():
    """One client for the module: each new one loads the middleware again, and WhiteNoise then indexes every
    static file, which would cost more than the fuzzing."""
    return Client()


def _reach(client: Client, form: Form, world: World) -> Client:
    """The client as the form's person, at the point where the form is reached (a code asked for, a reset link
    opened)."""
    client.cookies.clear()
    if form.role != "visitor":
        return sign_in(client, world.cast.users[form.role])
    if form.name == "sign-in code confirm":
        client.post(reverse("account_request_login_code"), {"email": world.cast.users["ane"].email})
    if form.name == "password reset from key":
        world.reset_url = client.get(_reset_link(world))["Location"]
    return client


def _reset_link(world: World) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = type(world.cast.users["ane"]).objects.get(pk=world.cast.users["ane"].pk)
    return reverse("account_reset_password_from_key",
                   kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})


# --- what the answer must be --------------------------------------------------------------------------------

ERROR_MARKS = ('class="form-error-message"', 'class="alert alert-error"')
TEXT_INPUTS = {"text", "email", "tel", "url", "number", "date", "time", "search", "datetime-local"}


class TypedValues(HTMLParser):
    """What a page's form holds, by field name: the values of text inputs and text areas, and the options of radio
    buttons and checkboxes (value, checked)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.options: dict[str, list[tuple[str, bool, str]]] = {}
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name, kind = attributes.get("name"), attributes.get("type") or "text"
        if tag == "input" and name and kind in TEXT_INPUTS:
            self.values.setdefault(name, []).append(attributes.get("value") or "")
        elif tag == "input" and name and kind in ("radio", "checkbox"):
            self.options.setdefault(name, []).append((attributes.get("value"), "checked" in attributes, kind))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # HTML drops a newline right after <textarea>, and Django writes one there.
            self.values.setdefault(self._textarea, []).append("".join(self._text).removeprefix("\n"))
            self._textarea = None

    def lost_choices(self, name: str, sent) -> set[str]:
        """Options the person chose that are not ticked: the last value sent to radio buttons (the one a form
        reads), every value sent to checkboxes."""
        chosen = sent if isinstance(sent, list) else [sent]
        radio = any(kind == "radio" for _value, _checked, kind in self.options.get(name, []))
        chosen = chosen[-1:] if radio else chosen
        return {value for value, checked, _kind in self.options.get(name, []) if value in chosen and not checked}


def displayable(value) -> bool:
    """Text a browser shows back as it was typed: no control characters (a browser drops NUL and turns CR LF
    into LF)."""
    return isinstance(value, str) and all(character in "\t\n" or ord(character) >= 32 for character in value) and (
        "\x7f" not in value
    )


def check_answer(form: Form, response, sent: dict) -> None:
    status = response.status_code
    assert status < 500, f"{form.name}: {status}"
    if not form.rerender or status not in (200, 400) or "text/html" not in response.get("Content-Type", ""):
        return
    # Nothing sent is no submission: a browser always sends a form's text inputs (and a GET form its key field).
    if not sent or (form.bound_by and form.bound_by not in sent):
        return
    html = response.content.decode()
    assert any(mark in html for mark in ERROR_MARKS), f"{form.name}: the form came back without saying what is wrong"
    parser = TypedValues()
    parser.feed(html)
    for name, value in sent.items():
        typed = value[-1] if isinstance(value, list) and value else value
        if name in parser.values and displayable(typed):
            assert typed in parser.values[name], f"{form.name}: {name!r} lost what was typed"
        assert not parser.lost_choices(name, value), f"{form.name}: {name!r} lost what was chosen"


def send(client: Client, form: Form, url: str, data: dict, world: World):
    if form.method == "GET":
        return client.get(url, data)
    if form.query:
        return client.post(f"{url}?{urlencode(data, doseq=True)}", form.body(world) if form.body else {})
    return client.post(url, data)


def _upload(draw) -> dict:
    """Sometimes a file that is not the image it claims to be."""
    junk = draw(st.sampled_from([None, b"", b"GIF89a\x00\x00", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"x" * 2000]))
    if junk is None:
        return {}
    name = draw(st.sampled_from(["logo.png", "logo.jpg", "\x00.png", "../../logo.png", "👍.webp", "x" * 300]))
    return {"logo": SimpleUploadedFile(name, junk, content_type="image/png")}


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.large_base_example,
                           HealthCheck.data_too_large],
)
@given(data=st.data())
def test_form_takes_any_input_without_a_server_error(form, world, client, db, django_capture_on_commit_callbacks,
                                                     data):
    cache.clear()  # the rate limits count there; fuzzing must never meet them
    with transaction.atomic():
        _reach(client, form, world)
        url = form.url(world)
        sent = data.draw(payloads(form.valid(world)), label="input")
        files = _upload(data.draw) if form.files else {}
        # What runs on commit (e-mails, the search cache) runs here too: in production its failure is the request's.
        with counted(form.name), django_capture_on_commit_callbacks(execute=True):
            response = send(client, form, url, sent | files, world)
        check_answer(form, response, sent)
        transaction.set_rollback(True)


@contextmanager
def counted(name: str, cases: dict[str, int] = CASES_RUN):
    """Count the case, and a server error if it is one (the test client raises the view's exception)."""
    cases[name] = cases.get(name, 0) + 1
    try:
        yield
    except Exception:
        SERVER_ERRORS[name] = SERVER_ERRORS.get(name, 0) + 1
        raise


FORGETFUL_PAGES = [
    ('<span class="form-error-message">Fejl</span><input type="text" name="name" value="">', "'name' lost what"),
    ('<span class="form-error-message">Fejl</span><input type="text" name="name" value="Fie">'
     '<input type="radio" name="kind" value="course">', "'kind' lost what was chosen"),
    ('<input type="text" name="name" value="Fie">', "without saying what is wrong"),
]


@pytest.mark.parametrize(("html", "complaint"), FORGETFUL_PAGES)
def test_the_checks_catch_a_form_that_forgets(html, complaint):
    from django.http import HttpResponse

    form = Form("a form", "visitor", _const(""), _const({}))
    with pytest.raises(AssertionError, match=complaint):
        check_answer(form, HttpResponse(html), {"name": "Fie", "kind": ["talk", "course"]})


# --- the links e-mails carry --------------------------------------------------------------------------------

# The pages a secret token in the path opens; a token that is not one must be a 404, whatever it holds.
LINKS = [
    "applications:mine", "applications:confirm", "applications:withdraw", "applications:guardian_consent",
    "shifts:signup", "shifts:signup_confirm", "shifts:signup_cancel", "shifts:signup_ics", "shifts:personal_feed",
    "organisations:invitation", "suggestions:unsubscribe", "suggestions:resubscribe", "hours:verify",
    "hours:certificate_pdf", "account_confirm_email",
]
NOT_FOUND = {301, 302, 404, 405}  # a redirect to the code's normal spelling, 405 for a POST to a GET page
TOKEN = st.one_of(*THEMES.values()).filter(bool)


@settings(max_examples=EXAMPLES * 2, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(LINKS), token=TOKEN, method=st.sampled_from(["get", "post"]))
def test_a_made_up_link_is_not_found(world, client, db, name, token, method):
    cache.clear()
    with transaction.atomic():
        sign_in(client, world.cast.users["ane"])  # her own certificate's PDF is behind sign-in
        kwarg = "key" if name == "account_confirm_email" else "code" if name.startswith("hours:") else "token"
        url = reverse(name, kwargs={kwarg: "TOKEN"}).replace("TOKEN", quote(token, safe=""))
        with counted(name, LINK_CASES_RUN):
            response = getattr(client, method)(url)
        allowed = NOT_FOUND | ({200} if name == "account_confirm_email" else set())  # allauth explains on a page
        assert response.status_code in allowed, f"{method.upper()} {url[:200]!r}: {response.status_code}"
        transaction.set_rollback(True)


# --- what the forms let through ------------------------------------------------------------------------------


def test_control_characters_the_forms_accept_do_not_break_the_feed(world, client, db):
    """Forms refuse NUL but take other control characters; the RSS feed (XML 1.0 cannot hold them) must still work
    when a published title, summary or category holds them."""
    from frivillig.core.models import Category

    opportunity = world.opportunities.published_a
    type(opportunity).objects.filter(pk=opportunity.pk).update(title="Besøg\x01ven\x1b[31m", summary="Kort\x08.")
    Category.objects.filter(slug="besoegsven").update(name_da="Besøgs\x0bven")
    assert client.get(reverse("opportunities:feed"), {"q": "ven\x02"}).status_code == 200
    response = client.get(reverse("opportunities:feed"))
    assert response.status_code == 200
    assert "<title>Besøgven[31m</title>" in response.content.decode()
