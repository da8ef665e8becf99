"""The certificate as a tagged PDF (PDF/UA-1), rendered by WeasyPrint from an HTML template.

Documents fall under the accessibility law too, so the PDF is tagged (headings, tables and reading order come from
the HTML) and carries the document's language and title. The text uses the site's IBM Plex Sans when its files are
there (static/vendor, made by `make assets`), otherwise the system's sans-serif (DejaVu Sans).
"""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from frivillig.core.models import SiteConfiguration

from .models import Certificate

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "dkfds" / "fonts"
FONTS = {"normal": "IBMPlexSans-Regular-Latin1.woff2", "bold": "IBMPlexSans-Bold-Latin1.woff2"}


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + certificate.get_absolute_url()


def _font_faces() -> list[dict]:
    faces = []
    for weight, name in FONTS.items():
        path = FONT_DIR / name
        if path.exists():
            faces.append({"weight": weight, "url": path.as_uri()})
    return faces


def certificate_context(certificate: Certificate) -> dict:
    """What the certificate's template shows: its kept content, with the dates as dates for formatting."""
    content = certificate.content
    items = [
        {**item, "first": date.fromisoformat(item["first"]), "last": date.fromisoformat(item["last"])}
        for item in content.get("items", [])
    ]
    return {
        "certificate": certificate,
        "content": content,
        "items": items,
        "issued": date.fromisoformat(content["issued"]),
        "verification_url": verification_url(certificate),
        "site_config": SiteConfiguration.get(),
        "font_faces": _font_faces(),
    }


def certificate_html(certificate: Certificate) -> str:
    """The HTML the PDF is made from, in the certificate's own language."""
    with translation.override(certificate.language):
        return render_to_string("hours/certificate_pdf.html", certificate_context(certificate))


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is only needed when a PDF is made

    html = certificate_html(certificate)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )
