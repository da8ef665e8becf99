"""The API's human documentation page, rendered from the OpenAPI document at request time so it cannot drift.

Swagger UI fails axe and loads scripts from a CDN, so this is a plain DKFDS page: endpoints, parameters,
responses, an example request and an example response (built from the schema's examples) for each operation,
and every data type.
"""

import json
from dataclasses import dataclass
from itertools import cycle
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .api import api

EXAMPLE_SITE = "https://frivillig.example.org"
REF_PREFIX = "#/components/schemas/"
# What each operation's example request asks for: path parameters and query parameters (lists repeat).
EXAMPLE_REQUESTS = {
    "opportunity_list": (
        {}, [("q", "lektiehjælp"), ("areas", "nord"), ("areas", "frederiksberg-c"), ("page_size", "10")]
    ),
    "opportunity_detail": ({"opportunity_id": "42"}, [("lang", "en")]),
    "organisation_list": ({}, [("kind", "municipal_unit"), ("q", "bibliotek")]),
}
ERROR_TYPES = ("ErrorOut", "ValidationErrorOut")
BOUND_KEYWORDS = ("minimum", "maximum", "maxLength")
PLACEHOLDERS = {"string": "", "integer": 1, "number": 1.5, "boolean": False}
FORMAT_EXAMPLES = {"date": "2026-09-30", "date-time": "2026-05-04T09:30:00+02:00"}


@dataclass(frozen=True)
class TypeLabel:
    """How a schema reads in a table, e.g. `Term[]` or `string (date) | null`; `ref` is a data type to link."""

    text: str
    ref: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    type: TypeLabel
    required: bool
    default: str
    description: str
    location: str = ""


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    type: TypeLabel


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    path_html: str
    summary: str
    description: str
    parameters: list[Field]
    responses: list[Response]
    example_url: str
    example_response: str


@dataclass(frozen=True)
class DataType:
    name: str
    description: str
    fields: list[Field]


def ref_name(schema: dict) -> str:
    return schema.get("$ref", "").removeprefix(REF_PREFIX)


def type_label(schema: dict) -> TypeLabel:
    label = base_type_label(schema)
    bounds = [f"{key}: {schema[key]}" for key in BOUND_KEYWORDS if key in schema]
    return TypeLabel(f"{label.text} ({', '.join(bounds)})", label.ref) if bounds else label


def base_type_label(schema: dict) -> TypeLabel:
    if "$ref" in schema:
        return TypeLabel(ref_name(schema), ref_name(schema))
    if "anyOf" in schema:
        labels = [type_label(option) for option in schema["anyOf"]]
        return TypeLabel(" | ".join(label.text for label in labels), next((lb.ref for lb in labels if lb.ref), ""))
    if "enum" in schema:
        return TypeLabel(" | ".join(json.dumps(value, ensure_ascii=False) for value in schema["enum"]))
    if schema.get("type") == "array":
        inner = type_label(schema.get("items", {}))
        text = f"({inner.text})[]" if " | " in inner.text else f"{inner.text}[]"
        return TypeLabel(text, inner.ref)
    if "format" in schema:
        return TypeLabel(f"{schema.get('type', 'string')} ({schema['format']})")
    return TypeLabel(schema.get("type", "any"))


def breakable(text: str) -> str:
    """Escaped, with line-break opportunities after / and before ? and &: long paths then fit a 320 px screen."""
    escaped = escape(text).replace("/", "/<wbr>").replace("?", "<wbr>?").replace("&amp;", "<wbr>&amp;")
    return mark_safe(escaped)  # noqa: S308 - escaped above


def with_code(text: str) -> str:
    """Escape the text and show its `backticked` parts as code, as the OpenAPI descriptions write them."""
    parts = text.split("`")
    html = "".join(
        f"<code>{breakable(part)}</code>" if odd else escape(part) for odd, part in zip(cycle((False, True)), parts)
    )
    return mark_safe(html)  # noqa: S308 - every part is escaped


def shown_default(schema: dict) -> str:
    if "default" not in schema or schema["default"] in ("", [], None):
        return ""
    return json.dumps(schema["default"], ensure_ascii=False)


def example_value(schema: dict, components: dict):
    """An example built from the schema: its `examples`, else the first choice, else a placeholder by type."""
    if "$ref" in schema:
        return example_value(components[ref_name(schema)], components)
    if schema.get("examples"):
        return schema["examples"][0]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return example_value(options[0], components) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: example_value(prop, components) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [example_value(schema.get("items", {}), components)]
    return FORMAT_EXAMPLES.get(schema.get("format"), PLACEHOLDERS.get(kind))


def example_json(schema: dict, components: dict) -> str:
    text = json.dumps(example_value(schema, components), ensure_ascii=False, indent=2)
    return text.replace(EXAMPLE_SITE, settings.SITE_URL)


def response_schema(response: dict) -> dict:
    return response.get("content", {}).get("application/json", {}).get("schema", {})


def example_url(operation_id: str, path: str) -> str:
    path_params, query = EXAMPLE_REQUESTS.get(operation_id, ({}, []))
    for name, value in path_params.items():
        path = path.replace(f"{{{name}}}", value)
    return settings.SITE_URL + path + (f"?{urlencode(query)}" if query else "")


def parameter(entry: dict) -> Field:
    schema = entry.get("schema", {})
    return Field(
        name=entry["name"],
        type=type_label(schema),
        required=entry.get("required", False),
        default=shown_default(schema),
        description=with_code(schema.get("description") or entry.get("description", "")),
        location=entry["in"],
    )


def operation(method: str, path: str, spec: dict, components: dict) -> Operation:
    # Status codes are ints in ninja's in-process schema and strings once it is JSON.
    responses = {str(status): answer for status, answer in spec.get("responses", {}).items()}
    return Operation(
        id=spec["operationId"],
        method=method.upper(),
        path=path,
        path_html=breakable(path),
        summary=spec.get("summary", ""),
        description=with_code(spec.get("description", "")),
        parameters=[parameter(entry) for entry in spec.get("parameters", [])],
        responses=[
            Response(status, answer.get("description", ""), type_label(response_schema(answer)))
            for status, answer in responses.items()
        ],
        example_url=example_url(spec["operationId"], path),
        example_response=example_json(response_schema(responses.get("200", {})), components),
    )


def data_type(name: str, schema: dict) -> DataType:
    required = set(schema.get("required", []))
    fields = [
        Field(name=key, type=type_label(prop), required=key in required, default=shown_default(prop),
              description=with_code(prop.get("description", "")))
        for key, prop in schema.get("properties", {}).items()
    ]
    return DataType(name=name, description=with_code(schema.get("description", "")), fields=fields)


def referenced(node) -> set[str]:
    if isinstance(node, dict):
        found = {ref_name(node)} if "$ref" in node else set()
        return found.union(*(referenced(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(referenced(value) for value in node))
    return set()


def response_types(schema: dict, components: dict) -> set[str]:
    """The data types the responses use, directly or nested (query parameter groups are left out)."""
    responses = [spec.get("responses", {}) for methods in schema.get("paths", {}).values() for spec in methods.values()]
    names, pending = set(), referenced(responses)
    while pending:
        name = pending.pop()
        names.add(name)
        pending |= referenced(components.get(name, {})) - names
    return names


def documentation(schema: dict) -> dict:
    components = schema.get("components", {}).get("schemas", {})
    operations = [
        operation(method, path, spec, components)
        for path, methods in schema.get("paths", {}).items()
        for method, spec in methods.items()
    ]
    errors = {name: example_json({"$ref": f"{REF_PREFIX}{name}"}, components) for name in ERROR_TYPES}
    returned = response_types(schema, components)
    return {
        "operations": operations,
        "data_types": [data_type(name, spec) for name, spec in components.items() if name in returned],
        "error_examples": errors,
    }


def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_params={})
    openapi_url = settings.SITE_URL + reverse("api:openapi-json")
    context = documentation(schema) | {
        "info": schema["info"],
        "base_url": breakable(settings.SITE_URL + reverse("api:api-root")),
        "openapi_url": openapi_url,
        "openapi_label": breakable(openapi_url),
    }
    return render(request, "api/docs.html", context)
