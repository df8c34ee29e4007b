"""Progress maths worked out by hand, for increases and decreases (spec 4.4)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armoedemonitor.web.programme.services.progress import (
    ACHTER,
    GEEN_GEGEVENS,
    LET_OP,
    OP_KOERS,
    aggregate,
    expected_share,
    progress,
    status,
    worst,
)

MARGINS = {"op_koers": 0.15, "let_op": 0.30}


def test_increase():
    # baseline 10, target 30, actual 25: (25 - 10) / (30 - 10) = 15 / 20 = 0.75
    assert progress(10, 30, 25, "hoger_beter") == pytest.approx(0.75)


def test_decrease_uses_the_same_formula():
    # poverty 20 % -> target 15 %, now 18 %: (18 - 20) / (15 - 20) = -2 / -5 = 0.4
    assert progress(20, 15, 18, "lager_beter") == pytest.approx(0.4)
    # overshoot to 14 %: (14 - 20) / (15 - 20) = 6 / 5 = 1.2
    assert progress(20, 15, 14, "lager_beter") == pytest.approx(1.2)
    # wrong way, 22 %: (22 - 20) / (15 - 20) = -0.4 (not actual/target = 1.47)
    assert progress(20, 15, 22, "lager_beter") == pytest.approx(-0.4)


def test_unknown_actual_is_no_progress_not_zero():
    assert progress(0, 10, None, "hoger_beter") is None
    assert status(None, 0.5, MARGINS) == GEEN_GEGEVENS


def test_target_equal_to_baseline_is_met_or_not_by_direction():
    assert progress(5, 5, 4, "lager_beter") == 1.0
    assert progress(5, 5, 6, "lager_beter") == 0.0
    assert progress(5, 5, 6, "hoger_beter") == 1.0


def test_expected_share_is_the_straight_line():
    # 2025-08-01 -> 2026-08-31 is 395 days; to 2026-02-01 is 184 days
    assert expected_share(date(2025, 8, 1), date(2026, 8, 31), date(2026, 2, 1)) == pytest.approx(184 / 395)
    assert expected_share(date(2025, 8, 1), date(2026, 8, 31), date(2027, 1, 1)) == 1.0
    assert expected_share(date(2025, 8, 1), date(2026, 8, 31), date(2025, 1, 1)) == 0.0


def test_status_follows_the_path_over_the_period():
    # 2025-08-01 -> 2026-08-31 is 395 days; 2026-02-14 is day 197: the path is at 197 / 395
    start, end, halfway = date(2025, 8, 1), date(2026, 8, 31), date(2026, 2, 14)
    on_path = expected_share(start, end, halfway)
    assert on_path == pytest.approx(197 / 395)
    # 125 of 250 from 0: progress 0.5 >= 0.4987 -> op koers, not achter
    assert status(progress(0, 250, 125, "hoger_beter"), on_path, MARGINS) == OP_KOERS
    # 60 of 250 = 0.24, below 0.4987 * 0.70 = 0.349 -> achter
    assert status(progress(0, 250, 60, "hoger_beter"), on_path, MARGINS) == ACHTER
    # a goal that must go down, 20 % -> 10 %: 15 % halfway is on course, 18 % is behind
    assert status(progress(20, 10, 15, "lager_beter"), on_path, MARGINS) == OP_KOERS
    assert status(progress(20, 10, 18, "lager_beter"), on_path, MARGINS) == ACHTER
    # before the period nothing is achter; from its end the target itself counts
    assert status(progress(0, 250, 0, "hoger_beter"), expected_share(start, end, date(2025, 6, 1)), MARGINS) == OP_KOERS
    assert status(progress(0, 250, 125, "hoger_beter"), expected_share(start, end, end), MARGINS) == ACHTER


def test_path_can_start_where_a_count_stood_when_the_period_began():
    # 100 of 250 counted before the period: share 0.4 at the start, 1 at the end;
    # on day 197 of 395: 0.4 + 0.6 * 197 / 395 = 0.6992
    start, end = date(2025, 8, 1), date(2026, 8, 31)
    assert expected_share(start, end, date(2026, 2, 14), 0.4) == pytest.approx(0.4 + 0.6 * 197 / 395)
    assert expected_share(start, end, date(2025, 1, 1), 0.4) == 0.4
    assert expected_share(start, end, date(2027, 1, 1), 0.4) == 1.0
    # already past the target before the period: the target itself is the path
    assert expected_share(start, end, date(2026, 2, 14), 1.3) == 1.0


def test_status_against_the_path_with_margins():
    # expected 0.5: on course from 0.5 * 0.85 = 0.425, let op from 0.5 * 0.70 = 0.35
    assert status(0.45, 0.5, MARGINS) == OP_KOERS
    assert status(0.425, 0.5, MARGINS) == OP_KOERS
    assert status(0.40, 0.5, MARGINS) == LET_OP
    assert status(0.30, 0.5, MARGINS) == ACHTER
    # wider margins make the same progress "op koers"
    assert status(0.30, 0.5, {"op_koers": 0.5, "let_op": 0.6}) == OP_KOERS


def test_margins_are_configurable_in_settings(settings):
    from armoedemonitor.web.programme.services.progress import margins

    settings.PROGRAMME_STATUS_MARGINS = {"op_koers": 0.05}
    assert margins() == {"op_koers": 0.05, "let_op": 0.30}
    assert status(0.45, 0.5) == LET_OP  # 0.45 < 0.5 * 0.95


def test_aggregations():
    rows = [{"waarde": 2.0, "teller": 3.0, "noemer": 10.0}, {"waarde": 3.0, "teller": 5.0, "noemer": 30.0}]
    assert aggregate(rows, "som") == 5.0
    assert aggregate(rows, "gemiddelde") == 2.5
    assert aggregate(rows, "laatste") == 3.0
    # (3 + 5) / (10 + 30) = 8 / 40 = 20 %, not the mean of 30 % and 16.7 %
    assert aggregate(rows, "ratio_van_sommen") == pytest.approx(20.0)
    assert aggregate([{"waarde": None, "teller": None, "noemer": None}], "som") is None


def test_worst_status_wins():
    assert worst([OP_KOERS, LET_OP, GEEN_GEGEVENS]) == LET_OP
    assert worst([OP_KOERS, ACHTER]) == ACHTER
    assert worst([]) == GEEN_GEGEVENS
    assert worst([GEEN_GEGEVENS, OP_KOERS]) == OP_KOERS


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, finite, finite)
def test_decrease_mirrors_increase(baseline, target, actual):
    if abs(target - baseline) < 1e-6:
        return
    up = progress(baseline, target, actual, "hoger_beter")
    down = progress(-baseline, -target, -actual, "lager_beter")
    assert up == pytest.approx(down)


@given(finite, finite)
def test_baseline_is_zero_and_target_is_one(baseline, target):
    if abs(target - baseline) < 1e-6:
        return
    assert progress(baseline, target, baseline, "hoger_beter") == 0
    assert progress(baseline, target, target, "lager_beter") == pytest.approx(1)
