"""Mobility on hand-built children: ranks, OLS and the transition matrix.

Every household here has n_adults 1, n_minors 0, so its equivalence factor is 1 and
standardised income = disposable income. Children born 1990 are 15-17 in 2005-2007
(parental income) and 30-31 in 2020-2021 (own income); K5 is born 1991.
"""

import ibis
import pandas as pd
import pytest
from engine_tables import make_tables

from armoedemonitor.engine import mobility
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families

CHILDHOOD, ADULT = (2005, 2006, 2007), (2020, 2021)
GM_A, GM_B = "GM0014", "GM0037"

# child: (birth, parental incomes by year, own incomes by year, upbringing gemeente, wijk)
CHILDREN = {
    1: (1990, {y: 10000.0 for y in CHILDHOOD}, {2020: 20000.0, 2021: 30000.0}, GM_A, None),
    2: (1990, {y: 20000.0 for y in CHILDHOOD}, {2020: 10000.0, 2021: 10000.0}, GM_A, None),
    3: (1990, {y: 30000.0 for y in CHILDHOOD}, {2020: 40000.0, 2021: 40000.0}, GM_B, "WK003701"),
    4: (1990, {y: 30000.0 for y in CHILDHOOD}, {2020: 50000.0, 2021: 50000.0}, GM_B, "WK003701"),
    5: (1991, {y: 25000.0 for y in CHILDHOOD}, {2020: 30000.0, 2021: 30000.0}, GM_B, None),
    # K6: only 2 parental years; K7: only 1 own year -> neither is ranked
    6: (1990, {2006: 1000.0, 2007: 1000.0}, {2020: 1000.0, 2021: 1000.0}, GM_A, None),
    7: (1990, {y: 1000.0 for y in CHILDHOOD}, {2021: 1000.0}, GM_A, None),
    # K8: lives with its mother (person 80) in 2020-2021: no own household -> not ranked
    8: (1990, {y: 1000.0 for y in CHILDHOOD}, {2020: 1000.0, 2021: 1000.0}, GM_A, None),
}


def population():
    households, members = [], []
    for child, (_, parental, own, gemeente, wijk) in CHILDREN.items():
        for year, income in [*parental.items(), *own.items()]:
            hid = child * 10000 + year
            place = {"municipality": gemeente, "district": wijk} if year in parental else {}
            households.append({"year": year, "household_id": hid, "disposable_income": income, **place})
            members.append({"year": year, "person_id": child, "household_id": hid})
            if child == 8 and year in own:
                members.append({"year": year, "person_id": 80, "household_id": hid})
                households[-1]["n_adults"] = 2
                households[-1]["disposable_income"] = 1400.0  # e(2,0) = 1.40
    persons = [{"person_id": c, "birth_year": spec[0]} for c, spec in CHILDREN.items()]
    persons.append({"person_id": 80, "birth_year": 1960})
    return households, members, persons, [{"child_id": 8, "mother_id": 80}]


@pytest.fixture(scope="module")
def results(backend):
    h, m, p, links = population()
    ctx = EngineContext.build(backend, make_tables(backend, h, m, p, parent_child=links))
    return run_families(ctx, [mobility]).set_index(
        ["indicator", "year", "region_level", "region_code", "breakdown", "category"])


def value(results, indicator, level="totaal", code="totaal", breakdown="", category=""):
    return results.loc[(indicator, 2021, level, code, breakdown, category)]


def test_ranks_regression_over_all_children(results):
    # cohort 1990 (N = 4): parental 10k -> 100·(1 − 0.5)/4 = 12.5, 20k -> 37.5, 30k twice ->
    # average rank 3.5 -> 75; own 10k (K2) 12.5, 25k (K1) 37.5, 40k 62.5, 50k 87.5.
    # cohort 1991: K5 alone -> 50, 50. Points (12.5, 37.5) (37.5, 12.5) (75, 62.5)
    # (75, 87.5) (50, 50): means 50, 50; Σdxdy = 2187.5, Σdx² = 2812.5 -> slope 7/9,
    # intercept 50 − 50·7/9 = 100/9, p25 = 100/9 + 25·7/9 = 275/9
    slope = value(results, "rang_rang_helling")
    assert slope.value == pytest.approx(7 / 9, rel=1e-12) and slope.n == 5
    assert value(results, "opwaartse_mobiliteit_p25").value == pytest.approx(275 / 9, rel=1e-12)


def test_regression_by_upbringing_region_keeps_overall_ranks(results):
    # GM_A: (12.5, 37.5), (37.5, 12.5): slope −1, intercept 25 + 25 = 50, p25 = 25
    assert value(results, "rang_rang_helling", "gemeente", GM_A).value == pytest.approx(-1.0)
    assert value(results, "opwaartse_mobiliteit_p25", "gemeente", GM_A).value == pytest.approx(25.0)
    # GM_B: (75, 62.5), (75, 87.5), (50, 50): Σdxdy = Σdx² = 7500/18 -> slope 1, intercept 0
    assert value(results, "rang_rang_helling", "gemeente", GM_B).value == pytest.approx(1.0)
    assert value(results, "opwaartse_mobiliteit_p25", "gemeente", GM_B).value == pytest.approx(25.0)
    # WK003701 holds K3 and K4, both at parental rank 75: no slope can be fitted
    assert ("rang_rang_helling", 2021, "wijk", "WK003701", "", "") not in results.index


def test_transition_matrix(results):
    # quintiles: K1 1×2, K2 2×1, K5 3×3, K3 4×4, K4 4×5
    bd = mobility.MATRIX
    cells = results.xs(("overgangsmatrix", 2021, "totaal", "totaal", bd),
                       level=["indicator", "year", "region_level", "region_code", "breakdown"])
    assert len(cells) == 20  # parental quintiles 1-4 present, 5 child quintiles each
    assert cells.loc["1×2"].value == 1.0 and cells.loc["1×1"].value == 0.0
    assert (cells.loc["4×4"].numerator, cells.loc["4×4"].denominator) == (1.0, 2.0)
    assert cells.loc["4×5"].value == 0.5 and cells.loc["4×5"].n == 2
    assert cells.loc["3×3"].value == 1.0 and cells.loc["2×1"].value == 1.0
    for parent_q in "1234":
        shares = [cells.loc[f"{parent_q}×{q}"].value for q in range(1, 6)]
        assert sum(shares) == pytest.approx(1.0)
    assert value(results, "overgangsmatrix", "wijk", "WK003701", bd, "4×5").value == 0.5


def test_percentile_rank_ties(backend):
    # 5, 5, 5, 9: ranks 1-3 average 2 -> 100·1.5/4 = 37.5; 9 -> 100·3.5/4 = 87.5
    t = ibis.memtable(pd.DataFrame({"c": [1, 1, 1, 1], "x": [5.0, 9.0, 5.0, 5.0]}))
    ranked = backend.execute(mobility.percentile_rank(t, "x", "c", "r")).sort_values("x")
    assert ranked.r.tolist() == [37.5, 37.5, 37.5, 87.5]


def test_quintile_bounds(backend):
    t = ibis.memtable(pd.DataFrame({"r": [0.5, 19.99, 20.0, 99.9, 100.0]}))
    got = backend.execute(t.mutate(q=mobility.quintile(t.r)).order_by("r")).q.tolist()
    assert got == [1, 1, 2, 5, 5]
