"""The comparison that decides whether a speed rewrite or another backend gives the same results."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from compare_results import compare, relatively_apart, ulps_apart  # noqa: E402


def results() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["gini_inkomen", "laag_inkomen_personen"], "year": [2022, 2022],
        "region_level": ["totaal", "totaal"], "region_code": ["NL", "NL"],
        "breakdown": ["", ""], "category": ["", ""],
        "numerator": [np.nan, 250_000.0], "denominator": [np.nan, 2_000_000.0],
        "value": [0.2875, 0.125], "n": [2_000_000, 2_000_000],
    })


def test_floats_summed_in_another_order_pass_the_relative_bound_not_the_ulps_one():
    before, after = results(), results()
    after.loc[0, "value"] = 0.2875 * (1 + 3e-12)  # what another summation order gives
    assert ulps_apart(before.value.to_numpy(), after.value.to_numpy())[0] > 4
    assert not compare(before, after, max_ulps=4)
    assert compare(before, after, max_ulps=4, max_relative=1e-9)


def test_a_count_one_off_fails_the_relative_bound():
    before, after = results(), results()
    after.loc[1, "numerator"] += 1  # 1 in 250 000: 4e-6
    assert relatively_apart(before.numerator.to_numpy(), after.numerator.to_numpy())[1] == 1 / 250_001
    assert not compare(before, after, max_ulps=4, max_relative=1e-9)


def test_a_missing_value_or_row_is_never_within_bounds():
    before, after = results(), results()
    after.loc[0, "value"] = np.nan
    assert not compare(before, after, max_ulps=4, max_relative=1e-9)
    assert not compare(before, results().iloc[:1], max_ulps=4, max_relative=1e-9)
