"""Engine test fixtures: one suite on every backend, as ibis tests its engines.

A test that takes ``backend`` runs once on DuckDB and once on PySpark (marked ``spark``,
so the root conftest keeps it on one xdist worker: one JVM per run). Each backend is one
connection for the whole run; ``engine_tables`` gives every dataset its own table names.

A known gap of one backend is declared on the test with
``@pytest.mark.backend_gap("pyspark", reason=...)``: the test is then a strict xfail on
that backend, so the build breaks once the gap is closed and the mark is stale.
"""

from __future__ import annotations

import pytest

from armoedemonitor.engine.backend import connect

BACKENDS = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "backend_gap(*backends, reason): a strict xfail on the named backends")


def pytest_collection_modifyitems(items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("backend") if callspec else None
        for mark in item.iter_markers("backend_gap"):
            if name in mark.args:
                item.add_marker(pytest.mark.xfail(strict=True, reason=mark.kwargs["reason"]))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    """A connection to each backend in turn (the ``backend`` test parameter)."""
    if request.param == "pyspark":
        pytest.importorskip("pyspark")
    con = connect(request.param)
    yield con
    if request.param == "duckdb":
        con.disconnect()
    else:  # the session stays (other tests reuse it); its cached building blocks go
        con._session.catalog.clearCache()


@pytest.fixture
def duck():
    """A fresh DuckDB connection (tests not yet moved onto ``backend``: test_bereik)."""
    con = connect("duckdb")
    yield con
    con.disconnect()


@pytest.fixture(scope="session")
def spark_backend():
    """The Spark session (test_bereik_spark, not yet moved onto ``backend``)."""
    pytest.importorskip("pyspark")
    return connect("pyspark")


@pytest.fixture(scope="session")
def synthetic_population(tmp_path_factory):
    """1 500 synthetic persons over 2003-2021 (seed 3): rows in every family, for the tests
    that compare whole runs (test_year_parts, test_families_alone)."""
    from armoedemonitor.synth import model
    from armoedemonitor.synth.scenario import load_scenario

    out = tmp_path_factory.mktemp("synth")
    model.generate(out, 1500, 2003, 2021, 3, load_scenario())
    return out
