"""Readers: every storage format gives the same canonical table, on DuckDB and PySpark."""

from __future__ import annotations

import ibis
import pyarrow as pa
import pytest

from armoedemonitor.errors import InputError
from armoedemonitor.sources.readers import open_tables, open_tables_duckdb
from armoedemonitor.sources.schema import TABLES

from .conftest import valid_tables, write_canonical

FORMATS = ["parquet", "csv", "hive", "sav"]


def as_arrow(tables: dict[str, ibis.Table]) -> dict[str, pa.Table]:
    """Small test tables only: sorted by key so row order does not matter."""
    return {name: table.order_by(list(TABLES[name].key)).to_pyarrow() for name, table in tables.items()}


def assert_same(got: dict[str, pa.Table], expected: dict[str, pa.Table]) -> None:
    for name, table in expected.items():
        # string vs large_string is a transport detail; types are checked via ibis
        assert got[name].cast(table.schema).equals(table), name


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    return as_arrow(open_tables_duckdb(write_canonical(tmp_path_factory.mktemp("p"))))


def test_canonical_types_and_defaults(expected):
    households = expected["households"].to_pydict()
    # absent optional columns: no rent allowance received, CBS percentage unknown
    assert households["rent_allowance"] == [0.0] * 5
    assert households["cbs_low_income_pct"] == [None] * 5
    # household 12 in 2020 has unknown income: null, never 0
    assert households["disposable_income"] == [30000.0, 41000.5, None, 31000.0, 42000.0]
    assert expected["persons"]["education"].to_pylist() == ["laag", None, "middelbaar", "hoog", None, None, "laag"]


def test_schema_is_canonical(tmp_path):
    tables = open_tables_duckdb(write_canonical(tmp_path, fmt="csv"))
    for name, table in tables.items():
        assert dict(table.schema()) == {c.name: ibis.dtype(c.dtype) for c in TABLES[name].columns}


@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_reads_the_same(tmp_path, expected, fmt):
    got = as_arrow(open_tables_duckdb(write_canonical(tmp_path, fmt=fmt)))
    assert_same(got, expected)


def test_semicolon_csv(tmp_path, expected):
    data = write_canonical(tmp_path)
    (data / "persons.parquet").unlink()
    valid_tables()["persons"].to_csv(data / "persons.csv", sep=";", index=False)
    got = as_arrow(open_tables_duckdb(data))
    assert got["persons"].equals(expected["persons"])


def test_absent_debt_restructuring_reads_as_empty(tmp_path):
    tables = open_tables_duckdb(write_canonical(tmp_path, debt_restructuring=None))
    debt = tables["debt_restructuring"]
    assert debt.count().execute() == 0
    assert list(debt.columns) == ["year", "person_id"]


def test_missing_table_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="members: tabel ontbreekt"):
        open_tables_duckdb(write_canonical(tmp_path, members=None))


@pytest.mark.spark
def test_pyspark_reads_the_same(tmp_path, expected):
    from armoedemonitor.engine.backend import connect

    con = connect("pyspark")  # the engine's session: one JVM, one configuration
    data = write_canonical(tmp_path, formats={"persons": "csv", "households": "hive", "members": "sav"})
    got = as_arrow(open_tables(con, data))
    assert_same(got, expected)
