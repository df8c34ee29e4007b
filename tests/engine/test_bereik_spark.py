"""huurtoeslag_niet_gebruik gives the same rows on PySpark as on DuckDB (the hand-worked town)."""

import engine_tables
import pytest
from test_bereik import TOWN_2020, frames_for, rows_of

pytestmark = pytest.mark.spark


def test_duckdb_and_pyspark_agree(duck, spark_backend, monkeypatch):
    monkeypatch.setitem(engine_tables.SPARK_DDL, "households",
                        engine_tables.SPARK_DDL["households"] + ", tenure string")
    on_duckdb = rows_of(duck, frames_for(TOWN_2020)).sort_index()
    on_spark = rows_of(spark_backend, frames_for(TOWN_2020)).sort_index()
    assert len(on_duckdb) == 26  # totaal, gemeenten, region sets; total and 5 categories
    assert on_duckdb.index.equals(on_spark.index)
    for column in ("numerator", "denominator", "value", "n"):
        assert on_duckdb[column].tolist() == pytest.approx(on_spark[column].tolist()), column
