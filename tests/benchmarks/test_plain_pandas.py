"""The plain-pandas baseline (benchmarks/plain_pandas.py) gives exactly the engine's
poverty family: the speed comparison in benchmarks/engine.py means something only
while both compute the same rows.

Random data full of the spec's awkward cases (tests/engine/random_data.py, as the
engine's own checks use) goes through the real `compute` and through the baseline;
the six indicators' rows must be identical: the same keys and bit for bit the same
numerator, denominator, value and n.
"""

import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "engine"))

from plain_pandas import INDICATORS, LONG_TERM_YEARS, poverty_family, region_sets  # noqa: E402
from random_data import generate  # noqa: E402
from random_population import write_population  # noqa: E402

from armoedemonitor.engine.context import Params  # noqa: E402
from armoedemonitor.engine.run import compute  # noqa: E402
from armoedemonitor.results_table import KEY  # noqa: E402


def engine_rows(results: pd.DataFrame) -> pd.DataFrame:
    rows = results[results.indicator.isin(INDICATORS)]
    return rows.sort_values(KEY).reset_index(drop=True)


def assert_identical(ours: pd.DataFrame, engine: pd.DataFrame) -> None:
    theirs = engine_rows(engine)
    ours = ours.sort_values(KEY).reset_index(drop=True)
    keys = ours[KEY].merge(theirs[KEY], how="outer", indicator=True)
    apart = keys[keys._merge != "both"]
    assert apart.empty, f"rows in one only:\n{apart.head(20)}"
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)


def test_the_baseline_uses_the_engines_defaults():
    params = Params()
    assert params.poverty_line == "lage_inkomensgrens"
    assert LONG_TERM_YEARS == params.long_term_years
    assert region_sets() == dict(params.region_sets)
    assert params.exclude_nonpositive_income and not params.extra_thresholds


def random_data(folder: Path, seed: int, years: range) -> Path:
    folder.mkdir()
    for name, frame in generate(persons=600, years=years, seed=seed).items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    return folder


DATASETS = {
    # the engine tests' random data: students, institutions, unknown and negative
    # incomes, no adults, CBS's own percentage, merged gemeenten, no wijk or buurt
    "random_data": lambda folder: random_data(folder, seed=3, years=range(2014, 2022)),
    # families over the years, persons who skip years, incomes exactly on the line, a
    # gemeente outside every region set, and a year missing from the input (2011), so
    # that 2012-2014 have no long-term rows
    "random_population_gap": lambda folder: write_population(
        4, folder, first_year=2007, last_year=2021, missing_year=2011),
    # fewer years than long_term_years: no long-term indicator at all
    "three_years": lambda folder: random_data(folder, seed=5, years=range(2019, 2022)),
}


@pytest.mark.parametrize("dataset", DATASETS)
def test_plain_pandas_equals_the_engine(tmp_path, dataset):
    data = DATASETS[dataset](tmp_path / "data")
    engine = compute(data, tmp_path / "results", progress=False)
    ours = poverty_family(data)
    expected = [i for i in INDICATORS if dataset != "three_years" or not i.startswith("langdurig")]
    assert set(ours.indicator) == set(expected)
    assert_identical(ours, engine)
