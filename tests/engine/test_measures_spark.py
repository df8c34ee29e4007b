"""The general measures give the same numbers on PySpark as on DuckDB."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from armoedemonitor.engine import measures as m
from armoedemonitor.engine.backend import connect

pytestmark = pytest.mark.spark


def people() -> pd.DataFrame:
    """200 persons in 3 groups, incomes with ties, integer and real weights."""
    rng = np.random.default_rng(4)
    return pd.DataFrame({
        "x": np.round(rng.lognormal(10, 0.6, 200), -2),  # rounded: many ties
        "w": rng.integers(1, 5, 200).astype(float) * 0.5,
        "g": rng.choice(["a", "b", "c"], 200),
    })


def test_summary_parity(spark_backend):
    frame = people()
    duck = connect("duckdb")
    duck.con.register("people", frame)
    spark_backend._session.createDataFrame(frame).createOrReplaceTempView("people")
    results = [
        m.summary(con.table("people"), "x", "w", ["g"], execute=con.execute)
        .sort_values(["g", "measure"]).reset_index(drop=True)
        for con in (duck, spark_backend)
    ]
    pd.testing.assert_frame_equal(results[0], results[1], check_dtype=False, rtol=1e-12)
    gini = [con.execute(m.gini(con.table("people"), "x", "w")).value[0] for con in (duck, spark_backend)]
    assert gini[0] == pytest.approx(gini[1], rel=1e-12)
