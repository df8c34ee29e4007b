"""The check accepts a range as wide as the rules say: range_width, or wide_range_width
where the narrow one was not safe; a release made before wide_range_width has only the first."""

import numpy as np
import pandas as pd
import pytest

from armoedemonitor.disclosure.rules import load_rules
from armoedemonitor.errors import UserError
from armoedemonitor.release.verify import _ranges
from disclosure.helpers import rules_file


def problems_with(lower: float, upper: float, rules: dict) -> list[str]:
    table = pd.DataFrame({"region_level": ["gemeente"], "status": ["bereik"],
                          "value_lower": [lower], "value_upper": [upper]})
    found: list[str] = []
    _ranges(table, np.array([True]), rules, lambda mask, what: found.append(what) if mask.any() else None)
    return found


RULES = {"range_width": {"value": 5}, "wide_range_width": {"value": 10}}


@pytest.mark.parametrize(("lower", "upper", "ok"), [(0.35, 0.40, True), (0.30, 0.40, True), (0.30, 0.37, False),
                                                   (0.0, 0.2, False)])
def test_a_range_is_narrow_or_wide_and_nothing_else(lower, upper, ok):
    found = problems_with(lower, upper, RULES)
    assert found == ([] if ok else ["met een bereik dat niet 5 of 10 procentpunt breed is"])


def test_a_release_made_before_wide_ranges_allows_only_the_narrow_width():
    old = {"range_width": {"value": 5}}
    assert problems_with(0.35, 0.40, old) == []
    assert problems_with(0.30, 0.40, old) == ["met een bereik dat niet 5 procentpunt breed is"]


def test_the_default_rules_try_five_then_ten_points():
    assert load_rules().range_widths == (5, 10)


@pytest.mark.parametrize(("narrow", "wide", "widths"), [(5, 0, (5,)), (0, 0, ()), (4, 12, (4, 12))])
def test_range_widths_follow_the_rules_file(tmp_path, narrow, wide, widths):
    path = rules_file(tmp_path, range_width=narrow, wide_range_width=wide)
    assert load_rules(path).range_widths == widths


@pytest.mark.parametrize(("narrow", "wide"), [(5, 7), (5, 5), (10, 5), (0, 10)])
def test_a_wide_width_that_does_not_contain_the_narrow_range_is_refused(tmp_path, narrow, wide):
    # 7 is no multiple of 5: "35 tot 42 %" would not contain "40 tot 45 %".
    with pytest.raises(UserError, match="wide_range_width"):
        load_rules(rules_file(tmp_path, range_width=narrow, wide_range_width=wide))


def test_a_range_under_rules_that_allow_none_is_named_as_such():
    found = problems_with(0.35, 0.40, {"range_width": {"value": 0}, "wide_range_width": {"value": 0}})
    assert found == ["met een bereik, terwijl de regels geen bereik toestaan"]
