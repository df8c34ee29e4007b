"""The reference's building blocks on hand-worked examples (so the referee is checked too)."""

from __future__ import annotations

import math
from fractions import Fraction
from types import SimpleNamespace

import pytest
from spec_reference import (
    equivalence_factor,
    general_measures,
    gini,
    low_income,
    percentile_ranks,
    qsr,
    quantile,
    weighted_quantile,
)

TABLES = {
    "from_2018": {"1": [1.00, 1.32, 1.52, 1.73, 1.93], "2": [1.40, 1.69, 1.91, 2.09, 2.28]},
    "until_2017": {"1": [1.00, 1.33, 1.51, 1.76, 1.95], "3": [1.73, 1.95, 2.14, 2.32, 2.49]},
}


def test_equivalence_factor_table_formula_and_no_adults():
    assert equivalence_factor(2018, 2, 1, TABLES) == 1.69
    assert equivalence_factor(2017, 1, 1, TABLES) == 1.33
    assert equivalence_factor(2017, 3, 2, TABLES) == 2.14
    # 2018 has no row for 3 adults: (3 + 0.8 * 1) ** 0.5 = 3.8 ** 0.5
    assert equivalence_factor(2018, 3, 1, TABLES) == pytest.approx(3.8**0.5)
    # five minors fall outside the table: (2 + 4) ** 0.5
    assert equivalence_factor(2018, 2, 5, TABLES) == pytest.approx(6**0.5)
    # no adults, two minors: the oldest counts as adult -> 1 adult, 1 minor
    assert equivalence_factor(2018, 0, 2, TABLES) == 1.32
    assert equivalence_factor(2012, 0, 1, TABLES) == 1.00


def test_quantile_rule():
    assert quantile([1, 2, 3, 4], Fraction(1, 2)) == 2.5  # c_2 = 2 = 0.5 * 4 exactly
    assert quantile([1, 2, 3], Fraction(1, 2)) == 2  # smallest j with j > 1.5
    # q20 of 1..10: 0.2 * 10 = 2 exactly -> (2 + 3) / 2; q80: 8 exactly -> (8 + 9) / 2
    assert quantile(list(range(1, 11)), Fraction(1, 5)) == 2.5
    assert quantile(list(range(1, 11)), Fraction(4, 5)) == 8.5


def test_gini_and_qsr_by_hand():
    # x = 1, 2, 3, 4: 2 (1 + 4 + 9 + 16) / (4 * 10) - 5 / 4 = 60 / 40 - 1.25 = 0.25
    assert gini([4, 1, 3, 2]) == pytest.approx(0.25)
    assert gini([5, 5, 5]) == pytest.approx(0.0)
    # 1..10: top = 9 + 10 = 19 (above 8.5), bottom = 1 + 2 = 3 (at most 2.5)
    assert qsr(list(range(1, 11))) == (19, 3)


def test_percentile_ranks_share_ties():
    # sorted 10, 20, 20, 30: ranks 1, 2.5, 2.5, 4 -> 100 (r - 0.5) / 4
    ranks = percentile_ranks({"a": 20, "b": 10, "c": 30, "d": 20})
    assert ranks == {"a": 50.0, "b": 12.5, "c": 87.5, "d": 50.0}


def household(**fields):
    base = dict(
        household_type="eenpersoons",
        student_household=False,
        full_year_income=True,
        disposable_income=13000.0,
        rent_allowance=0.0,
        cbs_low_income_pct=None,
    )
    return SimpleNamespace(**{**base, **fields})


def test_low_income_rules():
    # (13000 - 1000) / 1 = 12000 < 12747 (2018 line)
    assert low_income(household(rent_allowance=1000.0), 1.0, 12747)
    assert not low_income(household(), 1.0, 12747 - 1)
    assert not low_income(household(disposable_income=12747.0), 1.0, 12747)  # strict <
    # CBS's own percentage decides where given, in both directions
    assert not low_income(household(disposable_income=5000.0, cbs_low_income_pct=100.0), 1, 12747)
    assert low_income(household(disposable_income=50000.0, cbs_low_income_pct=99.9), 1, 12747)
    # out of scope is never low income
    assert not low_income(household(student_household=True, disposable_income=5000.0), 1, 12747)
    assert not low_income(household(disposable_income=-10.0), 1.0, 12747)
    assert not low_income(household(full_year_income=False, disposable_income=10.0), 1, 12747)


def test_weighted_quantile_rule():
    # x 1, 2, 3 with w 1, 1, 2: N = 4, p·N = 2 = c_2 -> (2 + 3) / 2
    assert weighted_quantile([(3.0, 2), (1.0, 1), (2.0, 1)], Fraction(1, 2)) == 2.5
    # w 3, 1, 1: N = 5, p·N = 2.5, c_1 = 3 > 2.5 -> 1
    assert weighted_quantile([(1.0, 3), (2.0, 1), (3.0, 1)], Fraction(1, 2)) == 1.0
    # ten weights 0.1 (exact decimals): c_5 = 0.5 = N/2 -> (5 + 6) / 2
    tenths = [(float(i), Fraction("0.1")) for i in range(1, 11)]
    assert weighted_quantile(tenths, Fraction(1, 2)) == 5.5


def test_general_measures_by_hand():
    # 2, 4, 6, 8 (weight 1): median 5, arpt_60 = 3, only 2 below: arpr 1/4, fgt1 (1/3)/4,
    # fgt2 (1/3)²/4, watts ln(3/2)/4, rmpg (3 − 2)/3; q20: p·N = 0.8 < c_1 = 1 -> 2;
    # q80: p·N = 3.2 < c_4 -> 8; qsr = 0 (nobody above 8) / 2; gini 2·60/(4·20) − 5/4 = 0.25
    got = general_measures([(x, 1.0, "") for x in (2.0, 4.0, 6.0, 8.0)])
    assert got["", "median"] == 5.0 and got["", "arpt_60"] == pytest.approx(3.0)
    assert got["", "arpr_60"] == 0.25 and got["", "arpr_40"] == 0.0
    assert got["", "fgt1"] == pytest.approx(1 / 12) and got["", "fgt2"] == pytest.approx(1 / 36)
    assert got["", "watts"] == pytest.approx(math.log(1.5) / 4)
    assert got["", "rmpg"] == pytest.approx(1 / 3)
    assert (got["", "q20"], got["", "q80"], got["", "qsr"]) == (2.0, 8.0, 0.0)
    assert got["", "gini"] == pytest.approx(0.25) and got["", "mean"] == 5.0
    # weighted gini: x 1, 3 with w 1, 2 -> 4/21 (as for the persons 1, 3, 3)
    assert general_measures([(1.0, 1.0, "a"), (3.0, 2.0, "a")])["a", "gini"] == pytest.approx(4 / 21)
