"""The OpenAPI document is honest and well-formed, and the documentation page is rendered from it."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from frivillig.api.views import type_label

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/opportunities", "get"): {"200", "404", "422"},
    ("/api/v1/opportunities/{opportunity_id}", "get"): {"200", "404", "422"},
    ("/api/v1/organisations", "get"): {"200", "404", "422"},
}
PARAMETER_KEYS = {"name", "in", "description", "required", "deprecated", "schema", "example", "examples"}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def refs(node):
    """Every $ref anywhere in the document."""
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_the_document_is_openapi_3_1_with_our_operations(schema):
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "Frivillig API"
    assert schema["info"]["version"] == "1"
    assert schema["servers"][0]["url"]
    declared = {(path, method) for path, methods in schema["paths"].items() for method in methods}
    assert declared == set(OPERATIONS)


def test_every_operation_declares_each_response_it_can_give(schema):
    for (path, method), statuses in OPERATIONS.items():
        operation = schema["paths"][path][method]
        assert set(operation["responses"]) == statuses, path
        for status, response in operation["responses"].items():
            assert response["description"], (path, status)
            assert response["content"]["application/json"]["schema"]["$ref"], (path, status)
        assert operation["operationId"] and operation["summary"], path


def test_every_reference_resolves_and_every_parameter_is_well_formed(schema):
    components = schema["components"]["schemas"]
    for ref in refs(schema):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in components, ref
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            names = [parameter["name"] for parameter in operation["parameters"]]
            assert len(names) == len(set(names)), path
            for parameter in operation["parameters"]:
                assert set(parameter) <= PARAMETER_KEYS, parameter
                assert parameter["in"] in {"query", "path"}
                assert parameter["description"], parameter["name"]
                # OpenAPI: a parameter's `examples` is a map of Example objects; a JSON Schema list is invalid.
                assert not isinstance(parameter.get("examples"), list), parameter["name"]
                if parameter["in"] == "path":
                    assert parameter["required"] is True
                    assert f"{{{parameter['name']}}}" in path


def test_the_list_takes_the_search_pages_filters(schema):
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/opportunities"]["get"]["parameters"]}
    assert set(parameters) == {
        "q", "categories", "target_groups", "policy_areas", "areas", "time_commitment", "suits", "languages",
        "no_danish", "wheelchair", "child_certificate", "online", "sort", "page", "page_size", "lang",
    }
    assert parameters["categories"]["type"] == "array"
    assert parameters["page_size"]["maximum"] == 100
    assert parameters["sort"]["enum"] == ["relevance", "newest", "deadline"]


def test_an_item_has_at_least_the_fields_the_issue_asks_for(schema):
    item = schema["components"]["schemas"]["OpportunityOut"]
    assert {"id", "title", "summary", "organisation", "url", "categories", "area"} <= set(item["properties"])
    assert set(item["required"]) == set(item["properties"])


def test_type_labels_read_like_types():
    assert type_label({"type": "array", "items": {"$ref": "#/components/schemas/Term"}}).text == "Term[]"
    assert type_label({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}).text == (
        "string (date) | null"
    )
    assert type_label({"type": "integer", "minimum": 1, "maximum": 100}).text == "integer (minimum: 1, maximum: 100)"
    assert type_label({"enum": ["da", "en"], "type": "string"}).text == '"da" | "en"'


def test_the_documentation_page_shows_every_operation_and_parameter(client, schema, settings):
    settings.SITE_URL = "https://frivillig.example.org"
    client.cookies["django_language"] = "en"
    response = client.get(reverse("api_docs"))
    assert response.status_code == 200
    page = response.content.decode().replace("<wbr>", "")  # line-break hints in long paths
    assert "<h1>Public API</h1>" in page
    assert 'href="https://frivillig.example.org/api/v1/openapi.json"' in page
    for path, methods in schema["paths"].items():
        assert f"GET {path}" in page
        for parameter in methods["get"]["parameters"]:
            assert f"<code>{parameter['name']}</code>" in page
    for name in schema["components"]["schemas"]:
        shown = f'id="schema-{name}"' in page
        assert shown == (name not in {"OpportunityFilters", "OrganisationFilters", "PageParams", "LanguageParam"}), name
    assert "curl 'https://frivillig.example.org/api/v1/opportunities?q=lektiehj%C3%A6lp&amp;areas=nord" in page


def test_the_example_responses_are_valid_json_that_fits_the_schema(client):
    from frivillig.api.schemas import OpportunityDetailOut, OpportunityPage, OrganisationPage

    page = client.get(reverse("api_docs")).content.decode()
    blocks = [json.loads(unescape(text)) for text in re.findall(r"<pre[^>]*><code>(\{.*?)</code></pre>", page, re.S)]
    assert len(blocks) == 5  # three operations, then the 404 and 422 examples
    OpportunityPage.model_validate(blocks[0])
    OpportunityDetailOut.model_validate(blocks[1])
    OrganisationPage.model_validate(blocks[2])
    assert blocks[3]["detail"]
    assert blocks[4]["detail"][0]["loc"] == ["query", "page"]


def test_the_documentation_page_is_in_danish_by_default(client):
    response = client.get(reverse("api_docs"))
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
    assert 'lang="en"' in response.content.decode()  # the schema's English descriptions are marked as such
