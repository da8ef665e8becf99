"""Uploaded files are checked by their content, not their name, and images are re-encoded."""

import io

import puremagic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_IMAGE_MIME = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
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
    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image is too large. The limit is 4096 × 4096 pixels."))
        image.load()
        # EXIF is dropped below, so turn a phone photo the way its orientation tag says first.
        image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The image could not be read. Please try another file.")) from exc
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)  # Pillow writes no EXIF or text chunks unless asked to.
    size = buffer.tell()
    buffer.seek(0)
    upload.file = buffer
    upload.size = size
    if isinstance(upload, InMemoryUploadedFile):
        upload.content_type = f"image/{fmt.lower()}"
