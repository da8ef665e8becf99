"""JSON-LD for an opportunity's page: a schema.org JobPosting with employmentType VOLUNTEER.

Search engines and aggregators read it; `opportunity_jsonld` returns the text for a
`<script type="application/ld+json">` element with <, > and & escaped, so no text an organisation writes can
close the element.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from frivillig.core.markdown import render_markdown
from frivillig.core.models import SiteConfiguration

from .models import Opportunity

SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _end_of_day(day: datetime.date) -> str:
    moment = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(moment).isoformat()


def _address(opportunity: Opportunity) -> dict:
    locality = opportunity.city or (opportunity.area.name if opportunity.area else "")
    address = {
        "@type": "PostalAddress",
        "streetAddress": opportunity.street_address,
        "postalCode": opportunity.postcode,
        "addressLocality": locality or SiteConfiguration.get().municipality_name,
        "addressCountry": "DK",
    }
    return {key: value for key, value in address.items() if value}


def _location(opportunity: Opportunity) -> dict:
    """jobLocation for a place, jobLocationType TELECOMMUTE for online roles (both for a role that is both)."""
    location = {}
    has_place = bool(opportunity.street_address or opportunity.postcode or opportunity.has_point or opportunity.area)
    if opportunity.is_online:
        location["jobLocationType"] = "TELECOMMUTE"
        location["applicantLocationRequirements"] = {"@type": "Country", "name": "Denmark"}
    if has_place or not opportunity.is_online:
        place = {"@type": "Place", "address": _address(opportunity)}
        if opportunity.has_point:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(opportunity.latitude),
                "longitude": float(opportunity.longitude),
            }
        location["jobLocation"] = place
    return location


def job_posting(opportunity: Opportunity, *, absolute_url) -> dict:
    """The JobPosting as a dict. `absolute_url(path)` makes a path absolute (request.build_absolute_uri)."""
    organisation = opportunity.organisation
    posted = opportunity.published_at or opportunity.created_at
    valid_through = opportunity.application_deadline or opportunity.end_date
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": str(render_markdown(opportunity.description)),
        "inLanguage": opportunity.language,
        "url": absolute_url(opportunity.get_absolute_url()),
        "datePosted": timezone.localdate(posted).isoformat() if posted else None,
        "validThrough": _end_of_day(valid_through) if valid_through else None,
        "jobStartDate": opportunity.start_date.isoformat() if opportunity.start_date else None,
        "employmentType": "VOLUNTEER",
        "totalJobOpenings": opportunity.volunteers_wanted,
        "directApply": False,
        "hiringOrganization": {
            "@type": "Organization",
            "name": organisation.name,
            "url": absolute_url(organisation.get_absolute_url()),
            **({"sameAs": organisation.website} if organisation.website else {}),
        },
        **_location(opportunity),
    }
    return {key: value for key, value in data.items() if value is not None}


def opportunity_jsonld(opportunity: Opportunity, *, absolute_url) -> SafeString:
    """The JobPosting as text that is safe inside a script element."""
    text = json.dumps(job_posting(opportunity, absolute_url=absolute_url), cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(SCRIPT_ESCAPES))  # noqa: S308 - <, > and & are escaped above
