"""Backend parity for the intergenerational, life-course, mobility and migration
families: hand-built datasets of their tests give the same rows on PySpark as on DuckDB
(whose values those tests check by hand). Two datasets only: Spark in local mode is slow,
and one session that plans many families on many datasets runs out of heap."""

import numpy as np
import pytest
from engine_tables import load, make_frames
from test_intergenerational import family
from test_mobility import population

from armoedemonitor.engine import intergenerational, lifecourse, migration, mobility
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families
from armoedemonitor.results_table import KEY

pytestmark = pytest.mark.spark

CASES = [
    (family, [intergenerational], {"generatiearmoede", "relatief_risico_generatiearmoede"}),
    (population, [mobility, lifecourse, migration],  # years 2005-2007, 2020-2021
     {"rang_rang_helling", "overgangsmatrix", "migratie_armoede",
      "arm_als_volwassene_niet_opgegroeid_arm"}),
]


@pytest.mark.parametrize(("dataset", "families", "expected"), CASES,
                         ids=["families", "life_histories"])
def test_duckdb_and_pyspark_agree(duck, spark_backend, dataset, families, expected):
    households, members, persons, links = dataset()
    frames = make_frames(households, members, persons, parent_child=links)
    results = [run_families(EngineContext.build(con, load(con, frames)), families)
               for con in (duck, spark_backend)]
    on_duckdb, on_spark = (r.set_index(KEY).sort_index() for r in results)
    assert len(on_duckdb) > 20
    assert set(on_duckdb.index.get_level_values("indicator")) >= expected
    assert on_duckdb.index.equals(on_spark.index)
    assert (on_duckdb.n == on_spark.n).all()
    for column in ("numerator", "denominator", "value"):
        np.testing.assert_allclose(on_spark[column].to_numpy(float),
                                   on_duckdb[column].to_numpy(float),
                                   rtol=1e-9, equal_nan=True, err_msg=column)
