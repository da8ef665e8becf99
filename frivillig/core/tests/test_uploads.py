"""Uploads are judged by their content and re-encoded, so nothing but a clean image is ever stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from frivillig.core.models import SiteConfiguration
from frivillig.core.uploads import validate_image_upload

from .utils import site_configuration_data

LIMIT = 1024 * 1024
ORIENTATION, MAKE, GPS_INFO = 0x0112, 0x010F, 0x8825


def image_bytes(fmt: str, *, size=(40, 20), exif: bool = True, orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, "#0b5a3e")
    buffer = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[MAKE] = "SecretCam"
        tags[ORIENTATION] = orientation
        tags[GPS_INFO] = {1: "N", 2: (55.0, 40.0, 43.0)}
        image.save(buffer, format=fmt, exif=tags.tobytes())
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_an_image_with_exif_is_re_encoded_without_it(fmt):
    original = image_bytes(fmt)
    assert Image.open(io.BytesIO(original)).getexif()[MAKE] == "SecretCam"
    file = upload(f"photo.{fmt.lower()}", original)

    validate_image_upload(file, max_bytes=LIMIT)

    file.seek(0)
    cleaned = file.read()
    assert b"SecretCam" not in cleaned
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == fmt
    assert "exif" not in image.info
    assert not image.getexif()
    assert file.size == len(cleaned)


def test_a_phone_photo_is_turned_upright_before_its_exif_is_dropped():
    file = upload("phone.jpg", image_bytes("JPEG", size=(40, 20), orientation=6), "image/jpeg")
    validate_image_upload(file, max_bytes=LIMIT)
    file.seek(0)
    assert Image.open(file).size == (20, 40)


def test_anything_hidden_after_the_image_data_is_dropped():
    polyglot = image_bytes("PNG", exif=False) + b"<script>alert(document.cookie)</script>"
    file = upload("logo.png", polyglot)
    validate_image_upload(file, max_bytes=LIMIT)
    file.seek(0)
    assert b"<script>" not in file.read()


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "logo.png"), ("JPEG", "logo.jpg"), ("WEBP", "logo.webp")])
def test_the_file_is_named_for_what_it_is(fmt, name):
    """Storage and web servers pick the Content-Type from the name: a PNG called .html must not be served as HTML."""
    file = upload("logo.html", image_bytes(fmt))
    validate_image_upload(file, max_bytes=LIMIT)
    assert file.name == name
    assert file.content_type == f"image/{fmt.lower()}"


def test_a_big_upload_in_a_temporary_file_is_re_encoded_in_that_file():
    """Django moves a big upload's temporary file into place, so the clean image must be written into it."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    original = image_bytes("JPEG")
    file = TemporaryUploadedFile("photo.jpg", "image/jpeg", len(original), None)
    file.write(original)
    file.seek(0)
    validate_image_upload(file, max_bytes=LIMIT)
    with open(file.temporary_file_path(), "rb") as stored:
        content = stored.read()
    file.close()
    assert b"SecretCam" not in content
    assert Image.open(io.BytesIO(content)).format == "JPEG"


@pytest.mark.parametrize(
    "content",
    [
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        b"<html><body>not an image</body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100,
        b"\x89PNG\r\n\x1a\n" + b"broken" * 20,
        b"",
    ],
    ids=["svg-xml", "svg", "html-doctype", "html", "exe", "broken-png", "empty"],
)
def test_what_is_not_an_image_is_refused_even_when_named_png(content):
    with pytest.raises(ValidationError):
        validate_image_upload(upload("logo.png", content), max_bytes=LIMIT)


def test_a_gif_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    with pytest.raises(ValidationError):
        validate_image_upload(upload("logo.png", buffer.getvalue()), max_bytes=LIMIT)


def test_a_file_over_the_limit_is_refused():
    content = image_bytes("PNG", exif=False)
    with pytest.raises(ValidationError, match="for stor"):
        validate_image_upload(upload("logo.png", content), max_bytes=len(content) - 1)


def test_a_file_at_the_limit_is_accepted():
    content = image_bytes("PNG", exif=False)
    validate_image_upload(upload("logo.png", content), max_bytes=len(content))


def test_too_many_pixels_are_refused():
    with pytest.raises(ValidationError):
        huge = upload("huge.png", image_bytes("PNG", size=(5000, 4000), exif=False))
        validate_image_upload(huge, max_bytes=10 * LIMIT)


# --- through the site configuration form ------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_a_logo_is_stored_re_encoded(client_for, media):
    data = site_configuration_data(logo=upload("logo.png", image_bytes("PNG")))
    response = client_for("dorte").post(reverse("core:site_configuration"), data)
    assert response.status_code == 302
    logo = SiteConfiguration.get().logo
    assert logo.name.startswith("site/")
    stored = (media / logo.name).read_bytes()
    assert b"SecretCam" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"


@pytest.mark.django_db
def test_an_svg_logo_is_a_form_error_not_a_500(client_for, media):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    data = site_configuration_data(logo=upload("logo.png", svg))
    response = client_for("dorte").post(reverse("core:site_configuration"), data)
    assert response.status_code == 200
    assert 'id="id_logo-error"' in response.content.decode()
    assert not SiteConfiguration.get().logo
    assert not list(media.rglob("*.*"))


@pytest.mark.django_db
def test_a_too_big_logo_is_a_form_error(client_for, media, settings):
    content = image_bytes("PNG", exif=False)
    settings.LOGO_MAX_BYTES = len(content) - 1
    data = site_configuration_data(logo=upload("logo.png", content))
    response = client_for("dorte").post(reverse("core:site_configuration"), data)
    assert response.status_code == 200
    assert 'id="id_logo-error"' in response.content.decode()
    assert not SiteConfiguration.get().logo
