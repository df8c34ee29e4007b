"""Migration flows of poor persons on a hand-built pair of years, and the accounting
identity as a property over random populations.

Low income is set with cbs_low_income_pct (50 = low, 150 = not low).
"""

import pytest
from engine_tables import make_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.engine import migration, poverty
from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families

GM_A, GM_B, GM_C = "GM0014", "GM0037", "GM0047"
KEY = ["indicator", "year", "region_level", "region_code", "breakdown", "category"]

# person: {year: (poor, gemeente, wijk, extra household fields)}
#  P1 GM_A both years, poor only in 2020         -> blijvers_in
#  P2 GM_A both years, poor only in 2019         -> blijvers_uit
#  P3 GM_A both years, poor in both              -> no flow
#  P4 GM_B -> GM_A, poor in 2020 only            -> instromers_verhuizing (GM_A)
#  P5 GM_A -> GM_B, poor in 2019 only            -> uitstromers_verhuizing (GM_A)
#  P6 no row in 2019, GM_A poor in 2020          -> nieuwkomers
#  P7 GM_A poor in 2019, no row in 2020          -> vertrekkers
#  P8 GM_A institutional in 2019 (so not poor), poor in 2020 -> blijvers_in
#  P9 GM_A both years, poor in both, moves from wijk WK001401 to WK001402
HISTORY = {
    1: {2019: (False, GM_A), 2020: (True, GM_A)},
    2: {2019: (True, GM_A), 2020: (False, GM_A)},
    3: {2019: (True, GM_A), 2020: (True, GM_A)},
    4: {2019: (False, GM_B), 2020: (True, GM_A)},
    5: {2019: (True, GM_A), 2020: (False, GM_B)},
    6: {2020: (True, GM_A)},
    7: {2019: (True, GM_A)},
    8: {2019: (True, GM_A, None, {"household_type": "institutioneel"}), 2020: (True, GM_A)},
    9: {2019: (True, GM_A, "WK001401"), 2020: (True, GM_A, "WK001402")},
}


def tables_from(history):
    households, members = [], []
    for person, years in history.items():
        for year, (poor, gemeente, *rest) in years.items():
            wijk = rest[0] if rest else None
            extra = rest[1] if len(rest) > 1 else {}
            hid = person * 10000 + year
            households.append({"year": year, "household_id": hid, "disposable_income": 20000.0,
                               "cbs_low_income_pct": 50.0 if poor else 150.0,
                               "municipality": gemeente, "district": wijk, **extra})
            members.append({"year": year, "person_id": person, "household_id": hid})
    persons = [{"person_id": p} for p in history]
    return households, members, persons


def compute(con, history, families):
    ctx = EngineContext.build(con, make_tables(con, *tables_from(history)))
    return run_families(ctx, families)


@pytest.fixture(scope="module")
def flows(backend):
    frame = compute(backend, HISTORY, [migration])
    return frame.set_index(["region_level", "region_code", "year", "category"]).value


def test_flows_in_a_gemeente(flows):
    # GM_A: P1, P8 in; P2 out; P4 moved in; P5 moved out; P6 new; P7 gone
    expected = {"blijvers_in": 2, "blijvers_uit": 1, "instromers_verhuizing": 1,
                "uitstromers_verhuizing": 1, "nieuwkomers": 1, "vertrekkers": 1}
    for flow, count in expected.items():
        assert flows["gemeente", GM_A, 2020, flow] == count, flow
    # identity: poor 2019 (P2, P3, P5, P7, P9) = 5; 2020 (P1, P3, P4, P6, P8, P9) = 6;
    # 5 + 2 − 1 + 1 − 1 + 1 − 1 = 6


def test_flows_in_totaal_count_moves_inside_as_staying(flows):
    # totaal: blijvers_in P1, P4, P8; blijvers_uit P2, P5; nieuwkomers P6; vertrekkers P7
    expected = {"blijvers_in": 3, "blijvers_uit": 2, "instromers_verhuizing": 0,
                "uitstromers_verhuizing": 0, "nieuwkomers": 1, "vertrekkers": 1}
    for flow, count in expected.items():
        assert flows["totaal", "totaal", 2020, flow] == count, flow


def test_region_without_poor_gets_zero_rows(flows):
    # GM_B: P4 left and P5 arrived, neither poor in the year that counts
    for flow in migration.FLOWS:
        assert flows["gemeente", GM_B, 2020, flow] == 0


def test_move_between_wijken(flows):
    # P9 (poor both years) moved from WK001401 to WK001402 and is still in the input
    assert flows["wijk", "WK001401", 2020, "uitstromers_verhuizing"] == 1
    assert flows["wijk", "WK001401", 2020, "vertrekkers"] == 0
    assert flows["wijk", "WK001402", 2020, "instromers_verhuizing"] == 1
    assert flows["wijk", "WK001402", 2020, "nieuwkomers"] == 0


def test_first_year_has_no_flows(flows):
    assert set(flows.index.get_level_values("year")) == {2020}


# ---- the accounting identity -----------------------------------------------------------

YEARS = (2019, 2020, 2021)
place = st.one_of(
    st.none(),  # no members row this year
    st.tuples(st.booleans(), st.sampled_from([GM_A, GM_B, GM_C]),
              st.sampled_from([None, "WK001401", "WK001402"]), st.booleans()),
)


def random_history(draws):
    history = {}
    for person, per_year in enumerate(draws, start=1):
        years = {}
        for year, spot in zip(YEARS, per_year, strict=True):
            if spot is None:
                continue
            poor, gemeente, wijk, in_scope = spot
            wijk = wijk if gemeente == GM_A else None  # wijk codes belong to GM0014
            extra = {} if in_scope else {"student_household": True}
            years[year] = (poor, gemeente, wijk, extra)
        if years:
            history[person] = years
    return history


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(place, min_size=3, max_size=3), min_size=1, max_size=8))
def test_accounting_identity_for_every_region_and_year(draws):
    """poor(t) = poor(t-1) + blijvers_in − blijvers_uit + instromers_verhuizing
    − uitstromers_verhuizing + nieuwkomers − vertrekkers, with poor(t) taken from
    laag_inkomen_personen's numerator (0 where that indicator has no row)."""
    history = random_history(draws)
    if not history:
        return
    con = connect("duckdb")  # the property runs on DuckDB only: Spark costs seconds a query
    try:
        frame = compute(con, history, [poverty, migration])
    finally:
        con.disconnect()
    total = frame[(frame.breakdown == "") & (frame.indicator == "laag_inkomen_personen")]
    poor = total.set_index(["region_level", "region_code", "year"]).numerator
    flows = frame[frame.indicator == "migratie_armoede"].pivot_table(
        index=["region_level", "region_code", "year"], columns="category", values="value")
    years_with_flows = set(flows.index.get_level_values("year"))
    present = {y for y in YEARS if any(y in h for h in history.values())}
    assert years_with_flows == {y for y in present if y - 1 in present}
    for (level, code, year), f in flows.iterrows():
        now = poor.get((level, code, year), 0.0)
        before = poor.get((level, code, year - 1), 0.0)
        assert now == (before + f.blijvers_in - f.blijvers_uit + f.instromers_verhuizing
                       - f.uitstromers_verhuizing + f.nieuwkomers - f.vertrekkers), (level, code, year)
    # every region with a poor person in t or t-1 has flow rows
    for (level, code, year), count in poor.items():
        if count and year + 1 in years_with_flows:
            assert (level, code, year + 1) in flows.index
        if count and year in years_with_flows:
            assert (level, code, year) in flows.index
