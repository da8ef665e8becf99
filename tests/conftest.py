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
    xss_summary(terminalreporter)


XSS_TEST = "tests/security/test_xss.py::test_no_vector_survives["


def xss_summary(terminalreporter) -> None:
    """How many XSS vectors went into how many fields, and in how many fields one survived (issue 6)."""
    reports = [report for reports in terminalreporter.stats.values() for report in reports
               if getattr(report, "when", "") == "call" and getattr(report, "nodeid", "").startswith(XSS_TEST)]
    if not reports:
        return
    from tests.security.test_xss import figures

    vectors, fields, placements = figures()
    failed = sum(1 for report in reports if report.failed)
    terminalreporter.write_line(
        f"XSS: {vectors} vectors × {fields} fields ({placements} vector placements), "
        f"{failed} fields with a survivor"
    )


# The fuzzing figures (tests/security/): each test module counts what it sent. Under pytest-xdist every worker counts
# its own and hands them to the controller, which prints the sums. The hooks are named apart, with `specname`, so
# that another hook of the same name in this file cannot replace them.
FUZZ_FIGURES = pytest.StashKey[dict]()


def fuzz_figures() -> dict:
    """This process's figures: API cases by operation, form cases by form (made-up links by page), server errors."""
    import sys

    api = sys.modules.get("tests.security.test_api_schemathesis")
    forms = sys.modules.get("tests.security.test_form_fuzz")
    return {
        "api": dict(api.CASES_RUN) if api else {},
        "forms": dict(forms.CASES_RUN) if forms else {},
        "links": dict(forms.LINK_CASES_RUN) if forms else {},
        "form_errors": dict(forms.SERVER_ERRORS) if forms else {},
    }


def add_fuzz_figures(total: dict, figures: dict) -> dict:
    for kind, counts in figures.items():
        for name, count in counts.items():
            total.setdefault(kind, {})[name] = total.get(kind, {}).get(name, 0) + count
    return total


@pytest.hookimpl(specname="pytest_sessionfinish")
def pytest_sessionfinish_fuzz(session):
    if hasattr(session.config, "workeroutput"):  # an xdist worker
        session.config.workeroutput["fuzz_figures"] = fuzz_figures()


@pytest.hookimpl(specname="pytest_testnodedown", optionalhook=True)
def pytest_testnodedown_fuzz(node, error):
    total = node.config.stash.get(FUZZ_FIGURES, {})
    node.config.stash[FUZZ_FIGURES] = add_fuzz_figures(total, getattr(node, "workeroutput", {}).get("fuzz_figures", {}))


@pytest.hookimpl(specname="pytest_terminal_summary")
def pytest_terminal_summary_fuzz(terminalreporter, config):
    figures = config.stash.get(FUZZ_FIGURES, None) or fuzz_figures()
    if figures.get("api"):
        terminalreporter.write_line(
            f"API fuzzing: {sum(figures['api'].values())} schemathesis cases over {len(figures['api'])} operations"
        )
    if figures.get("forms"):
        errors = sum(figures.get("form_errors", {}).values())
        terminalreporter.write_line(
            f"Form fuzzing: {sum(figures['forms'].values())} cases over {len(figures['forms'])} forms, "
            f"{errors} server errors"
        )
    if figures.get("links"):
        terminalreporter.write_line(
            f"Link fuzzing: {sum(figures['links'].values())} made-up tokens over {len(figures['links'])} link pages"
        )


# The size of the IDOR probe (tests/test_idor_probes.py): its URL × role cases that ran, counted from their reports,
# which pytest-xdist's workers hand to the controller too.
IDOR_TEST = "tests/test_idor_probes.py::test_idor_probe["


@pytest.hookimpl(specname="pytest_terminal_summary")
def pytest_terminal_summary_idor(terminalreporter, config):
    reports = [report for reports in terminalreporter.stats.values() for report in reports
               if getattr(report, "when", "") == "call" and getattr(report, "nodeid", "").startswith(IDOR_TEST)]
    if reports:
        failed = sum(1 for report in reports if report.failed)
        terminalreporter.write_line(f"IDOR probes: {len(reports)} URL × role cases, {failed} with a hole")


@pytest.fixture
def opportunities(cast):
    """The cast's opportunities (tests/opportunity_fixtures.py), also reachable as `cast.opportunities`."""
    from tests.opportunity_fixtures import build_opportunities

    cast.opportunities = build_opportunities(cast)
    return cast.opportunities

