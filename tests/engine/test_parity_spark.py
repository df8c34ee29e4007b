"""Backend parity: every engine indicator gives the same rows on DuckDB and PySpark.

One Spark session (the session fixture), one small random dataset, one query per family.
Agreement between engines does not prove correctness: test_independent does that.
"""

import numpy as np
import pytest
from engine_tables import load
from random_data import generate

from armoedemonitor.engine import debt, inequality, poverty
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families
from armoedemonitor.results_table import KEY

pytestmark = pytest.mark.spark


def test_duckdb_and_pyspark_agree(duck, spark_backend):
    frames = generate(persons=160, years=range(2017, 2022), seed=7)
    results = [run_families(EngineContext.build(con, load(con, frames)), [poverty, inequality, debt])
               for con in (duck, spark_backend)]
    on_duckdb, on_spark = (r.set_index(KEY).sort_index() for r in results)
    assert len(on_duckdb) > 1000
    assert on_duckdb.index.equals(on_spark.index)
    assert (on_duckdb.n == on_spark.n).all()
    for column in ("numerator", "denominator", "value"):
        np.testing.assert_allclose(on_spark[column].to_numpy(float), on_duckdb[column].to_numpy(float),
                                   rtol=1e-9, equal_nan=True, err_msg=column)
