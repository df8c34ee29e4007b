"""Shared test setup: the path to the brief's shared folder (tests may read it)."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOCS_SPEC = Path(__file__).resolve().parents[1] / "docs" / "spec"


@pytest.fixture(scope="session")
def docs_spec() -> Path:
    """The contracts the project implements, in its own words (docs/spec/): always there."""
    return DOCS_SPEC


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


def pytest_collection_modifyitems(items):
    """Keep Spark tests on one xdist worker, so only one JVM starts per run."""
    for item in items:
        if item.get_closest_marker("spark"):
            item.add_marker(pytest.mark.xdist_group("spark"))


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Start every test in Dutch: a request to an /en/ page activates English for the thread."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()
