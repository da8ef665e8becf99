"""The shapes the public API reads and writes: query parameters in, JSON out.

Field descriptions end up in the OpenAPI document and on the human documentation page, so they are written for
the developer who reads them there.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

Language = Literal["da", "en"]
TimeCommitment = Literal["one_off", "short_term", "regular", "flexible"]
Suits = Literal["youth", "seniors", "families", "groups"]
Sort = Literal["relevance", "newest", "deadline"]
ChildCertificate = Literal["required", "not_required"]
OrganisationKind = Literal["association", "informal_group", "municipal_unit"]
# PostgreSQL text cannot hold NUL, so a NUL in a parameter would reach the database as a server error: the document
# forbids it, and such a value answers 422 like any other malformed one.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL)]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


# --- query parameters --------------------------------------------------------------------------------------


class OpportunityFilters(Schema):
    """The search page's filters. Lists are repeated parameters: `?categories=idraet&categories=kultur`."""

    q: Text = Field(
        "",
        max_length=200,
        description="Free text. Every word must match; Danish stems, compounds and typos are understood.",
    )
    categories: list[Text] = Field([], description="Category slugs; any of them matches.")
    target_groups: list[Text] = Field([], description="Target group slugs; any of them matches.")
    policy_areas: list[Text] = Field([], description="Municipal policy area slugs; any of them matches.")
    areas: list[Text] = Field([], description="Area-of-the-city slugs; any of them matches.")
    time_commitment: list[TimeCommitment] = Field([], description="Time commitments; any of them matches.")
    suits: list[Suits] = Field([], description="Who the role suits; every value given must hold.")
    languages: list[Text] = Field([], description="Spoken-language slugs the role can be done in; any matches.")
    no_danish: bool = Field(False, description="Only roles that need no Danish.")
    wheelchair: bool = Field(False, description="Only wheelchair-accessible roles.")
    child_certificate: list[ChildCertificate] = Field(
        [], description="required or not_required: whether the role needs a child protection certificate."
    )
    online: bool = Field(False, description="Only roles that can be done online.")
    sort: Sort = Field("relevance", description="relevance (best match first with q), newest, or deadline (soonest).")


class OrganisationFilters(Schema):
    q: Text = Field("", max_length=200, description="Free text in the name and description; every word must match.")
    kind: OrganisationKind | None = Field(None, description="Only organisations of this kind.")
    area: Text = Field("", description="Only organisations active in this area of the city (slug).")
    category: Text = Field("", description="Only organisations working in this category (slug).")


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}."
    )
    lang: Language = Field("da", description="Language of category, area and other vocabulary names: da or en.")


class LanguageParam(Schema):
    lang: Language = Field("da", description="Language of vocabulary names: da or en.")


# --- responses ---------------------------------------------------------------------------------------------


class Term(Schema):
    """An entry of one of the portal's vocabularies (category, area, target group …)."""

    slug: str = Field(examples=["lektiehjaelp"])
    name: str = Field(description="In the language asked for with `lang`.", examples=["Lektiehjælp og læsning"])


class OrganisationRef(Schema):
    id: int = Field(examples=[12])
    name: str = Field(examples=["Lektiecaféen på Solbjerg"])
    url: str = Field(
        description="The organisation's public page.",
        examples=["https://frivillig.example.org/organisationer/lektiecafe-solbjerg/"],
    )
    verified: bool = Field(description="Verified by the municipality (municipal units always are).")


class Point(Schema):
    latitude: float = Field(examples=[55.6781])
    longitude: float = Field(examples=[12.5321])


class Address(Schema):
    street_address: str
    postcode: str
    city: str


class RoleCard(Schema):
    """A municipal unit's division of work between the volunteer and paid staff, confirmed by its manager."""

    volunteer_tasks: str
    staff_tasks: str
    staff_contact: str
    confirmed_at: datetime | None
    insurance_covered: bool = Field(description="Covered by the municipality's volunteer insurance.")


class OpportunityOut(Schema):
    id: int = Field(examples=[42])
    title: str = Field(examples=["Lektiehjælper til 4.–6. klasse"])
    summary: str = Field(examples=["Hjælp børn med matematik og dansk to timer om ugen."])
    organisation: OrganisationRef
    url: str = Field(
        description="The opportunity's public page, where people apply.",
        examples=["https://frivillig.example.org/muligheder/42/"],
    )
    categories: list[Term]
    area: Term | None = Field(description="Area of the city, if the role has one.")
    time_commitment: TimeCommitment
    is_online: bool
    no_danish_required: bool
    requires_child_certificate: bool = Field(description="The volunteer needs a child protection certificate.")
    minimum_age: int | None = Field(examples=[18])
    application_deadline: date | None = Field(examples=["2026-09-30"])
    published_at: datetime | None = Field(examples=["2026-05-04T09:30:00+02:00"])
    language: Language = Field(description="The language the organisation wrote the text in.")


class OpportunityDetailOut(OpportunityOut):
    description: str = Field(description="Markdown, as written by the organisation.")
    target_groups: list[Term]
    policy_areas: list[Term]
    languages: list[Term] = Field(description="Languages the role can be done in.")
    suits: list[Suits]
    wheelchair_accessible: bool
    accessibility_note: str
    hours_per_week: float | None
    start_date: date | None
    end_date: date | None
    volunteers_wanted: int | None
    address: Address | None
    point: Point | None
    role_card: RoleCard | None = Field(description="Only for municipal units' roles.")


class OrganisationOut(Schema):
    id: int = Field(examples=[12])
    name: str = Field(examples=["Lektiecaféen på Solbjerg"])
    kind: OrganisationKind
    url: str = Field(
        description="The organisation's public page.",
        examples=["https://frivillig.example.org/organisationer/lektiecafe-solbjerg/"],
    )
    verified: bool = Field(description="Verified by the municipality (municipal units always are).")
    areas: list[Term]
    categories: list[Term]


class PageOut(Schema):
    count: int = Field(description="Items matching, over all pages.", examples=[57])
    page: int = Field(examples=[2])
    pages: int = Field(description="Number of pages (at least 1).", examples=[3])
    next: str | None = Field(
        description="Absolute URL of the next page, or null on the last.",
        examples=["https://frivillig.example.org/api/v1/opportunities?q=lektiehj%C3%A6lp&page=3"],
    )
    previous: str | None = Field(
        description="Absolute URL of the previous page, or null on the first.",
        examples=["https://frivillig.example.org/api/v1/opportunities?q=lektiehj%C3%A6lp&page=1"],
    )


class OpportunityPage(PageOut):
    items: list[OpportunityOut]


class OrganisationPage(PageOut):
    items: list[OrganisationOut]


class ErrorOut(Schema):
    detail: str = Field(
        description="What went wrong, in words.", examples=["There is no published opportunity with id 42."]
    )


class ValidationIssue(Schema):
    type: str = Field(description="The kind of error, e.g. int_parsing.", examples=["int_parsing"])
    loc: list[str | int] = Field(description="Where: the parameter's source and name.", examples=[["query", "page"]])
    msg: str = Field(examples=["Input should be a valid integer, unable to parse string as an integer"])
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]
