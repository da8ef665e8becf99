"""Helpers shared by the organisation tests."""

from django.utils.text import slugify

from frivillig.organisations.models import Organisation


def organisation_data(**changes) -> dict:
    """Valid profile data for the services (as a form's cleaned_data would be)."""
    data = {
        "name": "Grønne Hænder på Frederiksberg",
        "cvr": "35215719",
        "description": "Vi passer byens træer og bede. Alle kan være med.",
        "description_language": "da",
        "website": "",
        "contact_name": "Åse Ørum",
        "contact_email": "kontakt@groenne.example.org",
        "contact_phone": "",
        "street_address": "Falkoner Allé 30",
        "postcode": "2000",
        "city": "Frederiksberg",
        "areas": [],
        "categories": [],
    }
    data.update(changes)
    return data


def form_data(**changes) -> dict:
    """Valid POST data for the create form."""
    data = {key: value for key, value in organisation_data().items() if key not in {"areas", "categories"}}
    data.update({"kind": "association", "accept_terms": "on"})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_organisation(name: str, **fields) -> Organisation:
    fields.setdefault("kind", Organisation.Kind.ASSOCIATION)
    return Organisation.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)
