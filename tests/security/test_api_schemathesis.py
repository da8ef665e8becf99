"""The public API against its own OpenAPI document (issue 6, fuzzing).

schemathesis reads /api/v1/openapi.json from the WSGI application in-process and generates requests for every
operation: the document's examples, boundary values (its coverage phase) and random valid and invalid input. Each
answer must not be a server error and must be one the document declares, with the declared status, content type,
headers and body. Data is behind the API (the cast's organisations, published roles and drafts), and the
generation is derandomized, so CI sends the same cases every run.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from frivillig.api.tests.conftest import make_opportunity
from frivillig.wsgi import application

OPENAPI_PATH = "/api/v1/openapi.json"
OPERATIONS = 3
# Fuzzing examples per operation; the examples and coverage phases add their own cases on top.
FUZZ_EXAMPLES = 150
# At least this many cases per operation, so that all of them together send at least 500.
MINIMUM_CASES_PER_OPERATION = 170
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# The cases sent, by operation; tests/conftest.py prints the total at the end of the run.
CASES_RUN: dict[str, int] = {}

# The document as the running application serves it; serving it reads no database, so it loads at collection.
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, application)


def test_the_document_has_every_operation():
    """The case floor below is per operation: the total holds only if no operation disappeared from the document."""
    assert sum(1 for result in schema.get_all_operations()) == OPERATIONS


@pytest.fixture
def api_cases(db, cast, opportunities, request):
    """The data behind the API, and after the run a check that the operation was fuzzed as much as claimed."""
    from frivillig.opportunities.models import Opportunity

    make_opportunity(cast["B"], title="Telefonrådgiver", area=None, is_online=True, minimum_age=16)
    make_opportunity(cast["B"], title="Kladde hos B", status=Opportunity.Status.DRAFT)
    # Outside Django's test client each request would close the test's connection (and its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    sent: list[str] = []
    yield sent
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    assert len(sent) >= MINIMUM_CASES_PER_OPERATION, f"only {len(sent)} cases for {request.node.nodeid}"


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_document(case, api_cases):
    api_cases.append(case.operation.label)
    CASES_RUN[case.operation.label] = CASES_RUN.get(case.operation.label, 0) + 1
    case.call_and_validate(checks=CHECKS)


# schemathesis sends no NUL in a query string (many servers cut it off), so those cases are written out here: on
# PostgreSQL such a value reached the database as a server error before the document forbade it.
NUL_PARAMETERS = [
    "/api/v1/opportunities?q=ven%00",
    "/api/v1/opportunities?categories=aeldre&categories=%00",
    "/api/v1/opportunities?areas=nord%00&languages=%00",
    "/api/v1/organisations?q=%00",
    "/api/v1/organisations?area=%00",
    "/api/v1/organisations?category=kultur%00",
]


@pytest.mark.parametrize("url", NUL_PARAMETERS)
def test_a_nul_in_a_parameter_is_a_malformed_parameter(client, db, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
