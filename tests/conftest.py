"""Fixtures for the standing tests and journeys, and the size of the URL-permission matrix at the end of a run."""

import pytest

MATRIX_TEST = "tests/test_url_permissions.py::test_url_permission["
MATRIX_CASES = pytest.StashKey[int]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    config.stash[MATRIX_CASES] = sum(1 for item in items if item.nodeid.startswith(MATRIX_TEST))


def pytest_terminal_summary(terminalreporter, config):
    cases = config.stash.get(MATRIX_CASES, 0)
    if not cases and getattr(config.option, "numprocesses", None):
        # Under pytest-xdist the workers collect, not this process: count the matrix's cases directly.
        from tests.test_url_permissions import CASES

        cases = len(CASES)
    if cases:
        terminalreporter.write_line(f"URL-permission matrix: {cases} URL × role cases")


@pytest.fixture
def opportunities(cast):
    """The cast's opportunities (tests/opportunity_fixtures.py), also reachable as `cast.opportunities`."""
    from tests.opportunity_fixtures import build_opportunities

    cast.opportunities = build_opportunities(cast)
    return cast.opportunities

