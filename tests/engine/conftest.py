"""Engine test fixtures: a fresh DuckDB connection per test, one Spark session per run.

Helpers that build canonical tables live in ``engine_tables``.
"""

from __future__ import annotations

import pytest

from armoedemonitor.engine.backend import connect


@pytest.fixture
def duck():
    con = connect("duckdb")
    yield con
    con.disconnect()


@pytest.fixture(scope="session")
def spark_backend():
    """One local Spark session for the whole run (shared with the measures tests)."""
    pytest.importorskip("pyspark")
    return connect("pyspark")
