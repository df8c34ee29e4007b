"""The engine agrees with an independent pandas reading of the spec on random data."""

import numpy as np
import pandas as pd
import pytest
import reference_pandas
from engine_tables import load
from random_data import generate

from armoedemonitor.engine import debt, inequality, poverty
from armoedemonitor.engine.context import EngineContext, default_region_sets
from armoedemonitor.engine.run import run_families


def compare(engine: pd.DataFrame, reference: pd.DataFrame) -> None:
    key = reference_pandas.KEY
    engine = engine.set_index(key).sort_index()
    reference = reference.set_index(key).sort_index()
    only_engine = engine.index.difference(reference.index)
    only_reference = reference.index.difference(engine.index)
    assert not len(only_engine) and not len(only_reference), (
        f"rows only in engine: {list(only_engine[:5])}; only in reference: {list(only_reference[:5])}")
    assert (engine.n == reference.n).all()
    for column in ("numerator", "denominator", "value"):
        np.testing.assert_allclose(engine[column].to_numpy(float), reference[column].to_numpy(float),
                                   rtol=1e-9, atol=1e-12, equal_nan=True, err_msg=column)


@pytest.mark.parametrize("seed", [1, 2])
def test_engine_matches_independent_pandas(duck, seed):
    frames = generate(persons=450, years=range(2016, 2022), seed=seed)  # ~200 households a year
    ctx = EngineContext.build(duck, load(duck, frames))
    engine = run_families(ctx, [poverty, inequality, debt])
    reference = reference_pandas.indicators(frames, default_region_sets())
    assert set(engine.indicator) == set(reference.indicator)
    compare(engine, reference)
