"""Primary suppression and rounding on hand-built rows."""

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.rounding import round_count, round_share
from armoedemonitor.disclosure.rules import load_rules

from .helpers import count_row, frame, share_row


def test_round_count_half_up_and_unknown_stays_unknown():
    # base 5: 2 -> 0, 2.5 -> 5 (half up), 3 -> 5, 7 -> 5, 12.5 -> 15, 1234 -> 1235
    got = round_count(np.array([2, 2.5, 3, 7, 12.5, 1234, np.nan]), 5)
    np.testing.assert_array_equal(got, [0, 5, 5, 5, 15, 1235, np.nan])
    np.testing.assert_array_equal(round_share(np.array([0.12345, 0.9996]), 3), [0.123, 1.0])


def test_primary_reasons_per_rule():
    rules = load_rules()
    rows = frame([
        share_row("wijk", "WK000101", 40, 200),   # passes everything
        share_row("wijk", "WK000102", 4, 150),    # numerator 4 < 10
        share_row("wijk", "WK000103", 145, 150),  # rest 150 - 145 = 5 < 10
        share_row("wijk", "WK000104", 3, 8),      # n = 8 < 10, denominator 8 < 10, teller 3, rest 5
        count_row("wijk", "WK000105", 9),         # count 9 < 10
        count_row("wijk", "WK000106", 10),        # count 10: exactly the threshold, passes
        {**count_row("wijk", "WK000107", 0.31), "n": 99},   # model-like, n 99 < 100
        {**count_row("wijk", "WK000108", 0.31), "n": 100},  # model-like, n 100 passes
    ])
    units = pd.Series(["aandeel"] * 4 + ["aantal"] * 2 + ["model"] * 2)
    codes = primary_reasons(rows, units, rules).tolist()
    assert codes == ["", "teller", "rest", "n,noemer,teller,rest", "n", "", "model", ""]
    assert [public_reasons(c) for c in codes] == ["", "aandeel", "aandeel", "klein,aandeel", "klein", "", "model", ""]
