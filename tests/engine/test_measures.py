"""General measures on hand-built data (arithmetic in comments) and published values."""

from __future__ import annotations

import json
import math

import ibis
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_reference import general_measures

from armoedemonitor.engine import measures as m


@pytest.fixture(scope="module")
def duck():
    """The identities run many examples: DuckDB only (Spark costs seconds a query)."""
    connection = ibis.duckdb.connect()
    yield connection
    connection.disconnect()


def table(con, **columns):
    return ibis.memtable(pd.DataFrame(columns))


def value(con, expr, **keys):
    frame = con.execute(expr)
    for key, wanted in keys.items():
        frame = frame[frame[key] == wanted]
    assert len(frame) == 1, frame
    return frame.value.iloc[0]


# ---- quantiles -------------------------------------------------------------------------

def test_median_of_even_count_is_mean_of_middle_pair(backend):
    # N = 4, p·N = 2 = c_2 exactly -> (x_2 + x_3) / 2 = (2 + 3) / 2
    t = table(backend, x=[4.0, 1.0, 3.0, 2.0])
    assert value(backend, m.median(t, "x")) == 2.5


def test_median_of_odd_count_is_middle(backend):
    # N = 5, p·N = 2.5: c_3 = 3 is the first above -> 3
    t = table(backend, x=[5.0, 1.0, 3.0, 2.0, 4.0])
    assert value(backend, m.median(t, "x")) == 3.0


def test_quintiles_of_one_to_five(backend):
    # q20: p·N = 0.2·5 = 1 = c_1 -> (1 + 2) / 2; q80: p·N = 4 = c_4 -> (4 + 5) / 2
    t = table(backend, x=[1.0, 2.0, 3.0, 4.0, 5.0])
    assert value(backend, m.quantile(t, "x", 0.2)) == 1.5
    assert value(backend, m.quantile(t, "x", 0.8)) == 4.5


def test_quintile_where_float_product_is_inexact(backend):
    # 35 persons 1..35: 0.2·35 is 7.000000000000001 in floating point, yet c_7 = 7 must
    # count as hitting p·N exactly -> (7 + 8) / 2
    t = table(backend, x=[float(i) for i in range(1, 36)])
    assert value(backend, m.quantile(t, "x", 0.2)) == 7.5


def test_weighted_median(backend):
    # x 1, 2, 3 with w 1, 1, 2: N = 4, p·N = 2 = c_2 -> (2 + 3) / 2
    t = table(backend, x=[1.0, 2.0, 3.0], w=[1.0, 1.0, 2.0])
    assert value(backend, m.median(t, "x", "w")) == 2.5
    # w 3, 1, 1: N = 5, p·N = 2.5, c_1 = 3 > 2.5 -> 1
    t = table(backend, x=[1.0, 2.0, 3.0], w=[3.0, 1.0, 1.0])
    assert value(backend, m.median(t, "x", "w")) == 1.0


def test_real_weights_that_sum_to_half_count_as_exact(backend):
    # ten persons of weight 0.1: c_5 = 0.5 = N/2 mathematically (in floating point the
    # sums differ in the last bit) -> (5 + 6) / 2
    t = table(backend, x=[float(i) for i in range(1, 11)], w=[0.1] * 10)
    assert value(backend, m.median(t, "x", "w")) == 5.5


def test_ties_in_income(backend):
    # 1, 2, 2, 2, 9: N = 5, p·N = 2.5 -> c_3 = 3 -> 2; q20: p·N = 1 = c_1 -> (1 + 2) / 2
    t = table(backend, x=[2.0, 9.0, 2.0, 1.0, 2.0])
    assert value(backend, m.median(t, "x")) == 2.0
    assert value(backend, m.quantile(t, "x", 0.2)) == 1.5


def test_median_by_group_with_sizes(backend):
    # a: 1, 2 -> 1.5 (n 2, weight 3); b: 10 -> 10 (n 1, weight 1)
    t = table(backend, x=[1.0, 2.0, 10.0], w=[1.0, 2.0, 1.0], g=["a", "a", "b"])
    # a with w 1, 2: N = 3, p·N = 1.5, c_1 = 1, c_2 = 3 -> 2
    frame = backend.execute(m.median(t, "x", "w", by=["g"])).set_index("g")
    assert frame.loc["a"].tolist() == [2.0, 2, 3.0]
    assert frame.loc["b"].tolist() == [10.0, 1, 1.0]


# ---- inequality ------------------------------------------------------------------------

def test_gini_of_equal_incomes_is_zero(backend):
    t = table(backend, x=[7.0] * 5)
    assert value(backend, m.gini(t, "x")) == pytest.approx(0.0, abs=1e-15)


def test_gini_unweighted(backend):
    # 1, 2, 3, 4: 2·Σ i·x_i / (n·Σx) − (n+1)/n = 2·30 / 40 − 5/4 = 0.25
    t = table(backend, x=[3.0, 1.0, 4.0, 2.0])
    assert value(backend, m.gini(t, "x")) == pytest.approx(0.25, rel=1e-12)


def test_gini_weighted(backend):
    # x 1, 3 with w 1, 2: N = 3, c = 1, 3; 2·Σ w x c = 2·(1 + 18) = 38; Σ w² x = 1 + 12 = 13;
    # N·Σ w x = 3·7 = 21 -> (38 − 13) / 21 − 1 = 4/21 (as for the persons 1, 3, 3)
    t = table(backend, x=[3.0, 1.0], w=[2.0, 1.0])
    assert value(backend, m.gini(t, "x", "w")) == pytest.approx(4 / 21, rel=1e-12)


def test_gini_one_person_has_everything(backend):
    # 0, 0, 0, 10: 2·(4·10) / (4·10) − 5/4 = 0.75 = (n−1)/n
    t = table(backend, x=[0.0, 0.0, 0.0, 10.0])
    assert value(backend, m.gini(t, "x")) == pytest.approx(0.75, rel=1e-12)


def test_gini_undefined_without_income(backend):
    t = table(backend, x=[0.0, 0.0])
    assert value(backend, m.gini(t, "x")) is None or math.isnan(value(backend, m.gini(t, "x")))


def test_qsr(backend):
    # 1..10: q20: p·N = 2 = c_2 -> 2.5; q80: p·N = 8 = c_8 -> 8.5;
    # Σ_{x > 8.5} x = 19, Σ_{x ≤ 2.5} x = 3 -> 19/3
    t = table(backend, x=[float(i) for i in range(1, 11)])
    assert value(backend, m.qsr(t, "x")) == pytest.approx(19 / 3, rel=1e-12)


def test_qsr_per_group_uses_group_quintiles(backend):
    # group a: 1..5: q20 = 1.5, q80 = 4.5 -> 5 / 1; group b: 10·(1..5) -> 50 / 10
    xs = [float(i) for i in range(1, 6)]
    t = table(backend, x=xs + [10 * x for x in xs], g=["a"] * 5 + ["b"] * 5)
    assert value(backend, m.qsr(t, "x", by=["g"]), g="a") == pytest.approx(5.0)
    assert value(backend, m.qsr(t, "x", by=["g"]), g="b") == pytest.approx(5.0)


# ---- poverty ---------------------------------------------------------------------------

def test_poverty_measures_at_sixty_percent_of_median(backend):
    # 2, 4, 6, 8: median (4 + 6)/2 = 5, arpt_60 = 3; only 2 < 3.
    # arpr_60 = 1/4; fgt1 = (1 − 2/3)/4 = 1/12; fgt2 = (1/3)²/4 = 1/36;
    # watts = ln(3/2)/4; rmpg = (3 − 2)/3; arpt_40 = 2: strict < leaves nobody -> 0
    t = table(backend, x=[2.0, 4.0, 6.0, 8.0])
    result = m.summary(t, "x", execute=backend.execute).set_index("measure").value
    assert result["median"] == 5.0
    assert result["arpt_60"] == pytest.approx(3.0)
    assert result["arpt_40"] == pytest.approx(2.0)
    assert result["arpr_40"] == 0.0
    assert result["arpr_60"] == 0.25
    assert result["fgt0"] == 0.25
    assert result["fgt1"] == pytest.approx(1 / 12)
    assert result["fgt2"] == pytest.approx(1 / 36)
    assert result["watts"] == pytest.approx(math.log(1.5) / 4)
    assert result["rmpg"] == pytest.approx(1 / 3)
    assert result["mean"] == 5.0


def test_overall_threshold_is_reused_in_groups(backend):
    # whole file 1, 2, 10, 20: median 6, arpt_60 = 3.6. Group a (1, 2): both below ->
    # arpr_60 1, poor median 1.5 -> rmpg (3.6 − 1.5)/3.6; group b (10, 20): arpr 0, rmpg
    # undefined. With a threshold per group, a would have median 1.5 and arpr 0.5.
    t = table(backend, x=[1.0, 2.0, 10.0, 20.0], g=["a", "a", "b", "b"])
    result = m.summary(t, "x", by=["g"], execute=backend.execute).set_index(["g", "measure"]).value
    assert result["a", "arpt_60"] == pytest.approx(3.6)
    assert result["a", "arpr_60"] == 1.0
    assert result["a", "rmpg"] == pytest.approx(2.1 / 3.6)
    assert result["b", "arpr_60"] == 0.0
    assert pd.isna(result["b", "rmpg"])


def test_watts_skips_zero_incomes_but_counts_them_in_n(backend):
    # 0, 1, 10, 10 with z = 2: watts = ln(2/1) / 4 (the 0 counts only in N)
    t = table(backend, x=[0.0, 1.0, 10.0, 10.0])
    assert value(backend, m.watts(t, "x", 2.0)) == pytest.approx(math.log(2) / 4)


# ---- against the spec reference -------------------------------------------------------

def people() -> pd.DataFrame:
    """200 persons in 3 groups, incomes with many ties, real weights (multiples of 0.5)."""
    rng = np.random.default_rng(4)
    return pd.DataFrame({
        "x": np.round(rng.lognormal(10, 0.6, 200), -2),
        "w": rng.integers(1, 5, 200).astype(float) * 0.5,
        "g": rng.choice(["a", "b", "c"], 200),
    })


def test_summary_matches_the_spec_reference(backend):
    frame = people()
    got = m.summary(ibis.memtable(frame), "x", "w", ["g"], execute=backend.execute)
    expected = general_measures(list(frame.itertuples(index=False, name=None)))
    assert len(got) == len(expected) == 3 * 19  # 19 measures per group
    for row in got.itertuples():
        assert row.value == pytest.approx(expected[row.g, row.measure], rel=1e-12), (row.g, row.measure)
    whole = [(x, w, "") for x, w, _ in frame.itertuples(index=False, name=None)]
    gini = value(backend, m.gini(ibis.memtable(frame), "x", "w"))
    assert gini == pytest.approx(general_measures(whole)["", "gini"], rel=1e-12)


# ---- identities ------------------------------------------------------------------------

incomes = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 4)), min_size=1, max_size=10))
def test_integer_weights_equal_repeated_persons(duck, data):
    """A person of weight k counts exactly as k persons of weight 1."""
    weighted = table(duck, x=[float(x) for x, _ in data], w=[float(w) for _, w in data])
    repeated = table(duck, x=[float(x) for x, w in data for _ in range(w)])
    for measure in ("median", "gini", "qsr"):
        a = value(duck, getattr(m, measure)(weighted, "x", "w"))
        b = value(duck, getattr(m, measure)(repeated, "x"))
        assert (pd.isna(a) and pd.isna(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12)
    for p in (0.2, 0.8):
        assert value(duck, m.quantile(weighted, "x", p, "w")) == value(duck, m.quantile(repeated, "x", p))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(xs=st.lists(st.integers(1, 10**6), min_size=1, max_size=15))
def test_unweighted_gini_and_median_match_textbook_formulas(duck, xs):
    """G = 2·Σ i·x_i/(n·Σx) − (n+1)/n; median = middle value or mean of the middle pair."""
    t = table(duck, x=[float(x) for x in xs])
    s, n = sorted(xs), len(xs)
    expected_gini = 2 * sum(i * x for i, x in enumerate(s, 1)) / (n * sum(s)) - (n + 1) / n
    expected_median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    assert value(duck, m.gini(t, "x")) == pytest.approx(expected_gini, abs=1e-12)
    assert value(duck, m.median(t, "x")) == expected_median


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4), st.integers(0, 2)), min_size=1,
                     max_size=14))
def test_equal_incomes_split_over_rows_change_no_measure(duck, data):
    """``cumulative`` may keep equal incomes as several rows (one per buurt in the engine):
    Gini, S80/S20 and every quantile equal those of the merged distinct incomes. Few
    distinct incomes and weights 1-4, so blocks are split and p·N often falls exactly on a
    row's edge."""
    x = [float(v) * 1000.0 for v, _, _ in data]
    w = [float(k) for _, k, _ in data]
    buurt = [b for _, _, b in data]
    split = table(duck, g=[0] * len(data), _x=x, _W=w, buurt=buurt)
    split = split.group_by("g", "_x", "buurt").aggregate(_W=split._W.sum())  # unique per tie key
    rows = m.cumulative(split, ["g"], tie="buurt")
    merged = m._distinct_incomes(table(duck, g=[0] * len(data), _x=x, _w=w), ["g"])
    for measure in (m.gini_of_distinct, m.qsr_of_distinct):
        a, b = value(duck, measure(rows, ["g"])), value(duck, measure(merged, ["g"]))
        assert (pd.isna(a) and pd.isna(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12)
    for p in (0.2, 0.25, 0.5, 0.8):
        assert value(duck, m.quantile_of_distinct(rows, ["g"], p)) == \
            value(duck, m.quantile_of_distinct(merged, ["g"], p))


# ---- published values ------------------------------------------------------------------

def pip_table(con, shared_dir, name):
    """A PIP test file as PIP reads it: rows with missing or negative welfare dropped."""
    t = con.read_csv(shared_dir / "validation" / "pip_synthetic" / f"{name}.csv")
    return t.filter(t.welfare.notnull() & t.weight.notnull() & (t.welfare >= 0))


def test_pip_synthetic_gini_and_mean(backend, shared_dir):
    expected = json.loads((shared_dir / "validation/pip_synthetic/expected_stats.json").read_text())
    for name, stats in expected.items():
        t = pip_table(backend, shared_dir, name)
        gini = backend.execute(m.gini(t, "welfare", "weight"))
        mean = backend.execute(m.mean(t, "welfare", "weight"))
        assert gini.value[0] == pytest.approx(stats["gini"], rel=1e-9), name
        assert mean.value[0] == pytest.approx(stats["mean_weighted_measure"], rel=1e-9), name
        assert mean.n[0] == stats["nobs"], name
        assert mean.weight_sum[0] == pytest.approx(stats["sum_weight"], rel=1e-12), name


def test_pip_synthetic_poverty(backend, shared_dir):
    spec = json.loads((shared_dir / "validation/pip_synthetic/poverty_expected.json").read_text())
    t = pip_table(backend, shared_dir, "1_ABC_2000_income")
    line = float(backend.execute(t.welfare.mean()))  # the unweighted mean, as the file says
    assert line == pytest.approx(3617167.627451172, rel=1e-12)
    published = spec["published"]
    got = {
        "headcount": value(backend, m.fgt(t, "welfare", line, 0, "weight")),
        "poverty_gap": value(backend, m.fgt(t, "welfare", line, 1, "weight")),
        "poverty_severity": value(backend, m.fgt(t, "welfare", line, 2, "weight")),
        "watts": value(backend, m.watts(t, "welfare", line, "weight")),
    }
    for key, published_value in published.items():
        assert got[key] == pytest.approx(published_value, abs=1e-6), key


def test_eusilc_matches_laeken(backend, shared_dir):
    """laeken's published values for its eusilc data (eqIncome, weights rb050), rounded
    as published: arpt 10859.24, arpr 14.44 %, gini 26.49 %, qsr 3.97."""
    t = backend.read_csv(shared_dir / "validation" / "eusilc.csv")
    result = m.summary(t, "eqIncome", "rb050", execute=backend.execute).set_index("measure").value
    assert round(result["arpt_60"], 2) == 10859.24
    assert round(100 * result["arpr_60"], 2) == 14.44
    assert round(100 * result["gini"], 2) == 26.49
    assert round(result["qsr"], 2) == 3.97


def test_poverty_gap_measures_stay_at_sixty_percent_whatever_the_lines(backend):
    # 2, 3, 4, 5, 10: median 4; arpt_40 = 1.6 leaves nobody below, but fgt0 and rmpg
    # are at arpt_60 = 2.4: fgt0 = 1/5, rmpg = (2.4 − 2) / 2.4
    t = table(backend, x=[2.0, 3.0, 4.0, 5.0, 10.0])
    result = m.summary(t, "x", lines=(0.4,), execute=backend.execute).set_index("measure").value
    assert result["arpr_40"] == 0.0
    assert result["fgt0"] == pytest.approx(0.2)
    assert result["rmpg"] == pytest.approx(0.4 / 2.4)
    assert "arpt_60" not in result.index
