"""Uploaded files are checked by their content, not their name, and images are re-encoded."""

import io
from pathlib import PurePath

import puremagic
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_IMAGE_MIME = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
# The stored file is named for what it is: storage and web servers pick the Content-Type from the extension, so a
# PNG uploaded as "logo.html" must not be served as HTML.
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
MAX_PIXELS = 4096 * 4096


def sniff_mime(upload) -> str:
    head = upload.read(2048)
    upload.seek(0)
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return ""
    return matches[0].mime_type if matches else ""


def validate_image_upload(upload, *, max_bytes: int) -> None:
    """Refuse anything that is not a PNG, JPEG or WebP by content, or that is too big; then re-encode it."""
    if upload.size > max_bytes:
        raise ValidationError(_("The file is too big. The limit is %(limit)s.") % {"limit": filesizeformat(max_bytes)})
    mime = sniff_mime(upload)
    if mime not in ALLOWED_IMAGE_MIME:
        raise ValidationError(_("Only PNG, JPEG and WebP images can be uploaded. SVG, HTML and programs are refused."))
    reencode_image(upload, ALLOWED_IMAGE_MIME[mime])


def reencode_image(upload, fmt: str) -> None:
    """Re-encode in place: this drops EXIF (including GPS) and anything hidden after the image data."""
    image = _open(upload)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    try:
        image.save(buffer, format=fmt)  # Pillow writes no EXIF or text chunks unless asked to.
    except (OSError, ValueError, KeyError) as exc:  # a mode the format cannot hold
        raise ValidationError(_("The image could not be read. Please try another file.")) from exc
    _replace_content(upload, buffer.getvalue(), fmt)


def _open(upload) -> Image.Image:
    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image is too large. The limit is 4096 × 4096 pixels."))
        image.load()
        # EXIF is dropped below, so turn a phone photo the way its orientation tag says first.
        return ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many kinds of error on crafted files
        raise ValidationError(_("The image could not be read. Please try another file.")) from exc


def _replace_content(upload, data: bytes, fmt: str) -> None:
    """Write the clean image into the upload's own file: Django stores a small upload from memory but moves a big
    one's temporary file into place, and either way it must be the clean image that is stored."""
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(data)
    upload.file.flush()
    upload.file.seek(0)
    upload.size = len(data)
    upload.name = f"{PurePath(upload.name or '').stem or 'image'}.{EXTENSIONS[fmt]}"
    upload.content_type = f"image/{fmt.lower()}"
