"""How a results table is cut into the (indicator, year) tables that workers protect."""

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.control import exceptions_by_table, group_frames, table_groups
from armoedemonitor.disclosure.rules import COUNT_UNIT, SHARE_UNIT


def test_each_group_frame_is_the_groups_rows_with_their_positions():
    table = pd.DataFrame({
        "indicator": pd.array(["b", "a", "b", "a", "c"], dtype="str"),
        "year": np.array([2020, 2020, 2021, 2020, 2020], dtype="int16"),
        "region_code": pd.array(["x", "y", "z", "w", "v"], dtype="str"),
        "numerator": [1.0, 2.0, 3.0, 4.0, 5.0],
    })
    units = pd.Series([SHARE_UNIT, SHARE_UNIT, SHARE_UNIT, SHARE_UNIT, COUNT_UNIT])
    groups = table_groups(table, units)
    assert [(indicator, year, list(rows)) for indicator, year, rows, _ in groups] == [
        ("a", 2020, [1, 3]), ("b", 2020, [0]), ("b", 2021, [2]), ("c", 2020, [4])]
    frames = group_frames(table, groups)
    for (_, _, rows, _), frame in zip(groups, frames, strict=True):
        pd.testing.assert_frame_equal(frame, table.iloc[rows])
    assert list(frames[0]["region_code"]) == ["y", "w"] and list(frames[0].index) == [1, 3]
    assert group_frames(table, []) == []


def test_relation_exceptions_are_sorted_per_indicator_and_year():
    exceptions = {
        "laag_inkomen_personen|2020|numerator|totaal|gemeente|GM0014||": "<=",
        "laag_inkomen_personen|2021|numerator|totaal|gemeente|GM0014||": "vervallen",
        "laag_inkomen_personen_x|2020|denominator|gebied|gemeente|GM0014||": "<=",
    }
    assert exceptions_by_table(exceptions) == {
        ("laag_inkomen_personen", "2020"): {"laag_inkomen_personen|2020|numerator|totaal|gemeente|GM0014||": "<="},
        ("laag_inkomen_personen", "2021"): {
            "laag_inkomen_personen|2021|numerator|totaal|gemeente|GM0014||": "vervallen"},
        ("laag_inkomen_personen_x", "2020"): {
            "laag_inkomen_personen_x|2020|denominator|gebied|gemeente|GM0014||": "<="},
    }
