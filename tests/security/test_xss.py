"""Every XSS vector (xss_vectors.VECTORS) in every field that renders user text, on the pages that show it.

Each field is first written with harmless text, and every page it is listed on must show that text (so the list of
pages stays true). Then it is written with the vectors, as many to a value as the field's length allows: every
value is rendered on the field's first page, and each of its other pages with one value in turn (all of them on
all pages would take minutes). No page may show anything dangerous that its harmless render did not
(xss_vectors.dangers). Markdown fields get every vector in one document here, and each vector on its own in
`test_markdown_sanitises_each_vector`.

The rows are written through the models (an UPDATE per value): the forms would refuse many vectors (a phone
number of digits, a URL without spaces), and a page must be safe whatever is stored. E-mail and URL fields get
the vectors inside values their validators accept ("<svg/onload=…>"@example.org, https://…/?v=…). The guard at
the end makes every text field of our models either appear in FIELDS or in NOT_RENDERED_AS_TEXT, with the reason.

E-mails are plain text only (no HTML alternative is ever attached): `test_e_mails_are_plain_text` keeps it so.
"""

import copy
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import markdown as markdown_lib
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, models
from django.template import Context, Template

from frivillig.core.markdown import ALLOWED_TAGS, render_markdown
from tests.module_data import built_once

from .xss_vectors import VECTORS, dangers, survivors
from .xss_world import PAGES, Browsers, build_world, forget_caches, render

MARKDOWN_TAGS = frozenset(ALLOWED_TAGS)


@dataclass(frozen=True)
class Field:
    key: str  # "app.Model.field"; "@…" names a second row, "[…]" a key of a JSON field
    row: Callable  # world -> the row written to
    pages: tuple[str, ...]  # keys of xss_world.PAGES
    kind: str = "text"  # "text", "markdown", "email" or "url"
    path: tuple = ()  # for a JSON field: the path to the value inside it

    @property
    def model_key(self) -> str:
        return self.key.split("@")[0].split("[")[0]

    @property
    def max_length(self) -> int | None:
        if self.path:
            return None
        label, name = self.model_key.rsplit(".", 1)
        return apps.get_model(label)._meta.get_field(name).max_length


def _config(w):
    from frivillig.core.models import SiteConfiguration

    return SiteConfiguration.objects.get(pk=1)


def _vocabulary(model: str, slug: str) -> Callable:
    return lambda w: apps.get_model("core", model).objects.get(slug=slug)


def _user(name: str) -> Callable:
    return lambda w: w.cast.users[name]


def _opportunity(name: str) -> Callable:
    return lambda w: getattr(w.opportunities, name)


def _application(name: str) -> Callable:
    return lambda w: getattr(w.applications, name)


def _event_of_ane_u(kind: str) -> Callable:
    return lambda w: w.applications.ane_u.events.filter(kind=kind).last()


def _certificate(w):
    return w.hours.certificate


def _latest_audit(w):
    from frivillig.core.models import AuditLog

    return AuditLog.objects.first()


def fields_of(row: Callable, pages: tuple[str, ...], names: str, prefix: str, kind: str = "text") -> list[Field]:
    return [Field(f"{prefix}.{name}", row, pages, kind) for name in names.split()]


CONFIG = "core.SiteConfiguration"
ORG = "organisations.Organisation"
OPP = "opportunities.Opportunity"
A_OPP_PAGES = ("opportunity", "opportunity_edit", "preview")

FIELDS: list[Field] = [
    # site configuration, written by coordinators
    Field(f"{CONFIG}.municipality_name", _config,
          ("privacy", "home", "opportunity_u", "min_side", "site_configuration")),
    Field(f"{CONFIG}.portal_name", _config, ("privacy", "home", "min_side", "site_configuration")),
    Field(f"{CONFIG}.tagline_da", _config, ("privacy", "home", "min_side", "site_configuration")),
    Field(f"{CONFIG}.tagline_en", _config, ("home@en", "site_configuration")),
    Field(f"{CONFIG}.intro_da", _config, ("home", "site_configuration")),
    Field(f"{CONFIG}.intro_en", _config, ("home@en", "site_configuration")),
    Field(f"{CONFIG}.primary_colour", _config, ("site_configuration",)),
    Field(f"{CONFIG}.contact_email", _config, ("privacy", "home", "site_configuration"), "email"),
    Field(f"{CONFIG}.contact_phone", _config, ("privacy", "home", "site_configuration")),
    Field(f"{CONFIG}.contact_address", _config, ("privacy", "home", "site_configuration")),
    Field(f"{CONFIG}.accessibility_statement_url", _config, ("privacy", "home", "site_configuration"), "url"),
    *fields_of(_config, ("privacy", "site_configuration"),
               "data_controller_name data_controller_cvr data_controller_address dpo_name dpo_phone", CONFIG),
    Field(f"{CONFIG}.dpo_email", _config, ("privacy", "site_configuration"), "email"),
    Field(f"{CONFIG}.hourly_value_source", _config, ("site_configuration",)),
    Field(f"{CONFIG}.thank_you_thresholds", _config, ("site_configuration",)),
    # vocabularies, written by coordinators
    Field("core.Category.name_da", _vocabulary("Category", "aeldre"),
          ("directory", "search", "opportunity", "min_side", "categories")),
    Field("core.Category.name_en", _vocabulary("Category", "aeldre"), ("search@en", "categories")),
    Field("core.Area.name_da", _vocabulary("Area", "nord"),
          ("saved_searches", "home", "search", "opportunity", "areas")),
    Field("core.Area.name_en", _vocabulary("Area", "nord"), ("home@en", "areas")),
    Field("core.PolicyArea.name_da", _vocabulary("PolicyArea", "aeldre"), ("search", "opportunity", "policy_areas")),
    Field("core.PolicyArea.name_en", _vocabulary("PolicyArea", "aeldre"), ("search@en", "policy_areas")),
    Field("core.TargetGroup.name_da", _vocabulary("TargetGroup", "aeldre"), ("search", "opportunity")),
    Field("core.TargetGroup.name_en", _vocabulary("TargetGroup", "aeldre"), ("search@en",)),
    Field("core.SpokenLanguage.name_da", _vocabulary("SpokenLanguage", "engelsk"), ("search", "opportunity_u")),
    Field("core.SpokenLanguage.name_en", _vocabulary("SpokenLanguage", "engelsk"), ("opportunity_u@en",)),
    Field("core.AuditLog.action", _latest_audit, ("audit_log",)),
    Field("core.AuditLog.target_repr", _latest_audit, ("audit_log",)),
    # people
    Field("accounts.User.name", _user("ane"), ("thank", "min_side", "profile_edit", "organisation_hours")),
    Field("accounts.User.name@bo", _user("bo"), ("invitation", "members", "audit_log")),
    Field("accounts.User.email", _user("ane"), ("min_side",), "email"),
    Field("accounts.User.email@bo", _user("bo"), ("members",), "email"),
    Field("accounts.VolunteerProfile.phone", lambda w: w.cast.users["ane"].profile, ("min_side", "profile_edit")),
    # organisations
    Field(f"{ORG}.name", lambda w: w.cast["A"],
          ("organisation", "home", "directory", "opportunity", "shift", "my_hours", "inbox_guest", "members")),
    Field(f"{ORG}.description", lambda w: w.cast["A"], ("home", "directory", "organisation", "org_edit")),
    Field(f"{ORG}.website", lambda w: w.cast["A"], ("organisation", "opportunity", "org_edit"), "url"),
    Field(f"{ORG}.contact_email", lambda w: w.cast["A"], ("organisation", "org_edit"), "email"),
    *fields_of(lambda w: w.cast["A"], ("organisation", "org_edit"),
               "cvr contact_name contact_phone street_address postcode city", ORG),
    Field("organisations.Invitation.email", lambda w: w.invitation, ("invitation", "members"), "email"),
    # opportunities
    Field(f"{OPP}.title", _opportunity("published_a"),
          ("feed", "search", "opportunity", "apply", "shift", "min_side", "my_hours", "manage_list", "inbox_guest")),
    Field(f"{OPP}.summary", _opportunity("published_a"),
          ("feed", "search", "opportunity", "application_guest", "shift", "preview")),
    Field(f"{OPP}.description", _opportunity("published_a"), A_OPP_PAGES, "markdown"),
    Field(f"{OPP}.contact_email", _opportunity("published_a"), A_OPP_PAGES, "email"),
    *fields_of(_opportunity("published_a"), A_OPP_PAGES,
               "skills street_address postcode city accessibility_note contact_name contact_phone", OPP),
    *fields_of(_opportunity("published_u"), ("opportunity_u", "preview_u"),
               "role_volunteer_tasks role_staff_tasks role_staff_contact", OPP),
    Field(f"{OPP}.unpublished_reason", lambda w: w.unpublished, ("manage_list", "preview_unpublished")),
    # applications
    Field("applications.Application.name", _application("guest_a"), ("application_guest", "inbox", "inbox_guest")),
    Field("applications.Application.name@minor", _application("minor_u"), ("guardian_consent",)),
    Field("applications.Application.email", _application("guest_a"), ("application_guest", "inbox_guest"), "email"),
    Field("applications.Application.guardian_email", _application("guest_a"), ("application_guest",), "email"),
    *fields_of(_application("guest_a"), ("application_guest", "inbox_guest"), "phone message",
               "applications.Application"),
    Field("applications.ApplicationEvent.text", _event_of_ane_u("status"), ("application_ane_u", "inbox_u")),
    Field("applications.ApplicationEvent.text@note", _event_of_ane_u("note"), ("inbox_u",)),
    # saved searches
    Field("suggestions.SavedSearch.name", lambda w: w.saved_search, ("unsubscribe", "saved_searches")),
    Field("suggestions.SavedSearch.query", lambda w: w.saved_search, ("saved_searches",)),
    # shifts and events
    Field("shifts.Event.title", lambda w: w.shifts.event, ("event", "min_side", "manage_events", "event_edit")),
    Field("shifts.Event.description", lambda w: w.shifts.event, ("event", "event_edit"), "markdown"),
    Field("shifts.Shift.place", lambda w: w.shifts.tomorrow,
          ("signup_ane", "shift", "opportunity", "my_shifts", "manage_shift", "opportunity_shifts")),
    Field("shifts.Shift.note", lambda w: w.shifts.tomorrow, ("signup_ane", "shift", "manage_shift", "shift_edit")),
    Field("shifts.Shift.cancel_reason", lambda w: w.cancelled,
          ("shift_cancelled", "signup_cancelled", "manage_shift_cancelled")),
    Field("shifts.SignUp.name", lambda w: w.shifts.full.signups.get(status="held"),
          ("signup_held", "manage_shift_full")),
    Field("shifts.SignUp.name@attendance", lambda w: w.hours.guest_signup, ("signup_guest", "manage_shift_past")),
    Field("shifts.SignUp.email", lambda w: w.shifts.full.signups.get(status="held"),
          ("signup_held", "manage_shift_full"), "email"),
    Field("shifts.SignUp.phone", lambda w: w.shifts.full.signups.get(status="held"), ("manage_shift_full",)),
    # hours and the certificate (its content is a snapshot, kept as issued)
    Field("hours.HoursEntry.note", lambda w: w.hours.pending, ("my_hours", "organisation_hours")),
    Field("hours.HoursEntry.reject_reason", lambda w: w.rejected, ("my_hours",)),
    *[
        Field(f"hours.Certificate.content[{'.'.join(map(str, path))}]", _certificate, ("verify", "certificate_html"),
              path=path)
        for path in (("volunteer",), ("issuer",), ("municipality",), ("items", 0, "organisation"),
                     ("items", 0, "role"))
    ],
]

NOT_RENDERED_AS_TEXT: dict[str, str] = {
    **{f"core.{model}.slug": "a slug: letters, digits and hyphens (SlugField)"
       for model in ("Category", "Area", "PolicyArea", "TargetGroup", "SpokenLanguage")},
    "organisations.Organisation.slug": "a slug made from the name: letters, digits and hyphens",
    "core.AuditLog.target_type": "the model's label, written by our code; not shown",
    "core.AuditLog.target_id": "a primary key, written by our code; not shown",
    "core.AuditLog.details": "JSON written by our code; the audit log page does not show it",
    "accounts.User.password": "a password hash; never shown",
    "accounts.VolunteerProfile.preferred_language": "a choice (da/en)",
    "organisations.Organisation.kind": "a choice",
    "organisations.Organisation.description_language": "a choice (da/en)",
    "organisations.Organisation.search_text": "the folded search column made from name and description; not shown",
    "organisations.Membership.role": "a choice",
    "organisations.Invitation.role": "a choice",
    "organisations.Invitation.token": "a random token",
    "opportunities.Opportunity.language": "a choice (da/en)",
    "opportunities.Opportunity.time_commitment": "a choice",
    "opportunities.Opportunity.status": "a choice",
    "opportunities.Opportunity.search_text": "the folded search column made from the texts; not shown",
    "applications.Application.language": "a choice (da/en)",
    "applications.Application.status": "a choice",
    "applications.Application.token": "a random token",
    "applications.Application.guardian_token": "a random token",
    "applications.ApplicationEvent.kind": "a choice",
    "applications.ApplicationEvent.from_status": "a choice",
    "applications.ApplicationEvent.to_status": "a choice",
    "suggestions.SavedSearch.frequency": "a choice",
    "suggestions.SavedSearch.language": "a choice (da/en)",
    "suggestions.SavedSearch.token": "a random token",
    "shifts.Event.kind": "a choice",
    "shifts.Event.language": "a choice (da/en)",
    "shifts.ShiftSeries.weekdays": "ISO weekday numbers written by the weekly-pattern form (\"1,3\"); not shown",
    "shifts.Shift.uid": "a random token (the iCalendar UID)",
    "shifts.SignUp.language": "a choice (da/en)",
    "shifts.SignUp.status": "a choice",
    "shifts.SignUp.attendance": "a choice",
    "shifts.SignUp.token": "a random token",
    "shifts.CalendarFeed.token": "a random token",
    "hours.HoursEntry.status": "a choice",
    "hours.ThankYou.message": "shown in no page, only in the plain-text thank-you e-mail (test_e_mails_are_plain_text)",
    "hours.Certificate.code": "a code from an alphabet of digits and capitals, made by our code",
    "hours.Certificate.language": "a choice (da/en)",
}

# --- the values written: harmless first, then the vectors, packed as many to a value as fit ----------------------

HARMLESS = {"text": "Hrml", "markdown": "Hrml", "email": "hrml@example.org", "url": "https://example.org/hrml"}
EMAIL_DOMAIN = "@example.org"
URL_PREFIX = "https://example.org/?v="


def storable(vector: str) -> bool:
    """PostgreSQL cannot store NUL characters (and the forms refuse them); SQLite can, so it gets those too."""
    return "\x00" not in vector or connection.vendor == "sqlite"


def as_email_part(vector: str) -> str:
    """A vector inside a quoted local part ("…"@example.org), which Django's EmailValidator accepts."""
    return vector.replace("\\", "\\\\").replace('"', '\\"').replace(" ", "\\ ")


def as_url_part(vector: str) -> str:
    """A vector in a URL's query, which URLValidator accepts: whitespace becomes "/", which HTML also reads as a
    separator between attributes."""
    return "/".join(vector.split())


def pack(parts: list[str], room: int | None, separator: str) -> list[list[str]]:
    """The parts, first fit by decreasing length, into as few values of at most `room` characters as may be."""
    if room is None:
        return [parts] if parts else []
    bins: list[list[str]] = []
    for part in sorted((part for part in parts if len(part) <= room), key=len, reverse=True):
        for values in bins:
            if len(separator.join([*values, part])) <= room:
                values.append(part)
                break
        else:
            bins.append([part])
    return bins


def values_for(field: Field) -> list[tuple[str, int]]:
    """The values to write into `field`, each with the number of vectors it carries."""
    vectors = [vector for vector in VECTORS if storable(vector)]
    prefix, suffix, separator = "", "", " "
    if field.kind == "markdown":
        separator = "\n\n"
    elif field.kind == "email":
        vectors, separator = _fitting(vectors, as_email_part, _valid_email), "\\ "
        prefix, suffix = '"', f'"{EMAIL_DOMAIN}'
    elif field.kind == "url":
        vectors, prefix, separator = _fitting(vectors, as_url_part, _valid_url), URL_PREFIX, "/"
    room = None if field.max_length is None else field.max_length - len(prefix) - len(suffix)
    return [(prefix + separator.join(parts) + suffix, len(parts)) for parts in pack(vectors, room, separator)]


def _fitting(vectors: list[str], convert: Callable, valid: Callable) -> list[str]:
    return [convert(vector) for vector in vectors if valid(convert(vector))]


def _valid_email(part: str) -> bool:
    return _passes(EmailValidator(), f'"{part}"{EMAIL_DOMAIN}')


def _valid_url(part: str) -> bool:
    return _passes(URLValidator(), URL_PREFIX + part)


def _passes(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def write(field: Field, row, value: str) -> None:
    """Store `value` in the field's row, and forget the caches that would still show the old text."""
    model = type(row)
    if field.path:
        content = copy.deepcopy(model.objects.get(pk=row.pk).content)
        target = content
        for step in field.path[:-1]:
            target = target[step]
        target[field.path[-1]] = value
        model.objects.filter(pk=row.pk).update(content=content)
    else:
        model.objects.filter(pk=row.pk).update(**{field.model_key.rsplit(".", 1)[1]: value})
    forget_caches()


# --- the tests -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end; each test rolls back its own writes."""
    with built_once(django_db_blocker):
        yield build_world()


@pytest.fixture
def browsers(world, db):
    return Browsers(world)


def markup_allowed(field: Field) -> frozenset[str]:
    return MARKDOWN_TAGS if field.kind == "markdown" else frozenset()


def rounds(field: Field, values: list) -> list[tuple[str, str]]:
    """(page, value) pairs to render: every value on the field's first page, and each other page with one value
    in turn, so every page that shows the field is rendered with vectors in it and the whole stays fast."""
    first, *others = field.pages
    pairs = [(first, value) for value in values]
    pairs += [(page, values[index % len(values)]) for index, page in enumerate(others)]
    return sorted(pairs, key=lambda pair: values.index(pair[1]))


@pytest.mark.parametrize("field", FIELDS, ids=[field.key for field in FIELDS])
def test_no_vector_survives(field, browsers):
    row = field.row(browsers.world)
    allowed = markup_allowed(field)
    write(field, row, HARMLESS[field.kind])
    baselines = {}
    for page in field.pages:
        html, nonce = render(browsers, page)
        assert HARMLESS[field.kind] in html, f"{field.key} is not shown on {page}: correct its pages"
        baselines[page] = dangers(html, nonce=nonce, markup_allowed=allowed)

    found, written = [], None
    for page, value in rounds(field, [value for value, _count in values_for(field)]):
        if value != written:
            write(field, row, value)
            written = value
        html, nonce = render(browsers, page)
        alive = dangers(html, nonce=nonce, markup_allowed=allowed) - baselines[page]
        found.extend((page, survivor, value[:80]) for survivor in sorted(alive.elements()))
    assert not found, f"{field.key}: {len(found)} dangers survived, e.g. {found[:5]}"


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_sanitises_each_vector(vector):
    baseline = str(render_markdown("Hrml"))
    assert not survivors(str(render_markdown(vector)), baseline, markup_allowed=MARKDOWN_TAGS)


def contexts(vector: str) -> list[str]:
    """Where the vector would do harm if nothing cleaned it: as HTML, in quoted attributes, as unsanitised Markdown,
    evaluated as a template, and after a careless normalisation (NFKC, NUL dropped)."""
    normalised = unicodedata.normalize("NFKC", vector).replace("\x00", "")
    return [
        f"<p>{vector}</p>",
        f'<input value="{vector}">',
        f"<input value='{vector}'>",
        markdown_lib.markdown(vector),
        Template(vector).render(Context()),
        f"<p>{normalised}</p>",
    ]


@pytest.mark.parametrize("vector", VECTORS)
def test_the_checker_sees_each_vector_where_nothing_cleans_it(vector):
    """Without escaping or sanitising, every vector is caught in at least one context: the checker can fail."""
    assert any(survivors(html, "<p>Hrml</p>") for html in contexts(vector))


def test_e_mails_are_plain_text(world, db, settings, mailoutbox, django_capture_on_commit_callbacks):
    """No e-mail has an HTML part, so no user text can be markup in one; the text shows the vector as written."""
    from frivillig.applications import services as application_services
    from frivillig.hours import services as hours_services
    from frivillig.opportunities import services as opportunity_services
    from frivillig.shifts import services as shift_services

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    vector, users = VECTORS[0], world.cast.users
    with django_capture_on_commit_callbacks(execute=True):
        application_services.application_set_status(application=world.applications.ane_u, status="declined",
                                                    actor=users["gitte"], message=vector)
        hours_services.thank_send(organisation=world.cast["A"], volunteer=users["ane"], actor=users["bo"],
                                  message=vector)
        shift_services.shift_message(shift=world.shifts.tomorrow, actor=users["bo"], message=vector)
        opportunity_services.opportunity_unpublish(opportunity=world.opportunities.published_a,
                                                   coordinator=users["dorte"], reason=vector)
    assert len(mailoutbox) >= 4
    for message in mailoutbox:
        assert not getattr(message, "alternatives", []), f"{message.subject}: an HTML part"
    assert all(vector in message.body for message in mailoutbox)


def test_there_are_no_html_e_mail_templates():
    from pathlib import Path

    from django.conf import settings

    templates = Path(settings.BASE_DIR) / "templates"
    assert not [path for pattern in ("email/**/*.html", "account/email/*.html", "mfa/email/*.html")
                for path in templates.glob(pattern)]


def text_fields() -> set[str]:
    """Every character, text and JSON field of our own models, as "app.Model.field"."""
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("frivillig."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_text_field_is_tested_or_has_a_reason():
    tested = {field.model_key for field in FIELDS}
    fields = text_fields()
    untested = fields - tested - set(NOT_RENDERED_AS_TEXT)
    assert not untested, f"Add these to FIELDS (with their pages) or to NOT_RENDERED_AS_TEXT with a reason: {untested}"
    assert not (tested & set(NOT_RENDERED_AS_TEXT)), "A field is both tested and said not to be rendered"
    assert not (set(NOT_RENDERED_AS_TEXT) - fields), "NOT_RENDERED_AS_TEXT names fields that no longer exist"
    assert {page for field in FIELDS for page in field.pages} <= set(PAGES)


def figures() -> tuple[int, int, int]:
    """Vectors, fields, and (vector, field) placements: what the terminal summary reports."""
    placements = sum(count for field in FIELDS for _value, count in values_for(field))
    return len(VECTORS), len(FIELDS), placements
