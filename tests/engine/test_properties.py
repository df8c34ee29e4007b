"""Identities that hold for any input (hypothesis, few examples: each runs DuckDB)."""

import pandas as pd
import pytest
from engine_tables import make_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.engine import debt, inequality, poverty
from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families

# count shares (vermogen_top10_aandeel is a share too, but negative wealth may take it
# outside 0..1)
ADDITIVE = {"laag_inkomen_huishoudens", "laag_inkomen_personen", "laag_inkomen_minderjarigen",
          "langdurig_laag_inkomen_personen", "langdurig_laag_inkomen_minderjarigen",
          "werkende_armen", "wsnp_volwassenen", "wsnp_werkend", "wsnp_uitkering",
          "wsnp_laag_inkomen"}

household = st.fixed_dictionaries({
    "year": st.sampled_from([2017, 2018, 2019, 2020]),
    "disposable_income": st.one_of(st.none(), st.floats(-2000, 60000, allow_nan=False)),
    "rent_allowance": st.sampled_from([0.0, 1500.0]),
    "n_adults": st.integers(0, 3), "n_minors": st.integers(0, 3),
    "household_type": st.sampled_from(["eenpersoons", "paar", "eenouder", "overig", "institutioneel"]),
    "student_household": st.booleans(), "full_year_income": st.booleans(),
    "main_income_source": st.sampled_from(["werk", "uitkering", "pensioen"]),
    "municipality": st.sampled_from(["GM0014", "GM0018", "GM0114", "GM1952"]),
    "district": st.sampled_from([None, "WK001401", "WK011402"]),
    "wealth": st.one_of(st.none(), st.floats(-1e5, 1e6, allow_nan=False)),
    "employed": st.booleans(), "in_debt": st.booleans(),
})


def dataset(rows):
    households, members, persons, wsnp = [], [], [], []
    for hid, row in enumerate(rows, start=1):
        row = dict(row)
        employed, in_debt = row.pop("employed"), row.pop("in_debt")
        if row["n_adults"] + row["n_minors"] == 0:
            row["n_adults"] = 1
        households.append({**row, "household_id": hid})
        for k in range(row["n_adults"] + row["n_minors"]):
            pid = 10 * hid + k
            age = 40 - k if k < row["n_adults"] else 10 + k
            members.append({"year": row["year"], "person_id": pid, "household_id": hid,
                            "employed": employed and k == 0})
            persons.append({"person_id": pid, "birth_year": row["year"] - age})
            if in_debt:
                wsnp.append({"year": row["year"], "person_id": pid})
    return households, members, persons, wsnp


@pytest.fixture(scope="module")
def con():
    backend = connect("duckdb")
    yield backend
    backend.disconnect()


def compute(con, rows) -> pd.DataFrame:
    households, members, persons, wsnp = dataset(rows)
    ctx = EngineContext.build(con, make_tables(con, households, members, persons,
                                               debt_restructuring=wsnp))
    return run_families(ctx, [poverty, inequality, debt])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(household, min_size=1, max_size=12))
def test_shares_and_sums(con, rows):
    r = compute(con, rows)
    counted = r[r.indicator.isin(ADDITIVE)]
    if counted.empty:
        return  # nobody in scope: no shares, nothing to add up
    assert ((counted.value >= 0) & (counted.value <= 1)).all()
    assert (counted.numerator <= counted.denominator).all() and (counted.n == counted.denominator).all()

    # every unit has a category in each breakdown: category numerators sum to the total
    keys = ["indicator", "year", "region_level", "region_code"]
    total = counted[counted.breakdown == ""].set_index(keys)
    by_category = counted[counted.breakdown != ""].groupby([*keys, "breakdown"])[
        ["numerator", "denominator"]].sum().reset_index(level="breakdown")
    joined = by_category.join(total[["numerator", "denominator"]], rsuffix="_total")
    assert (joined.numerator == joined.numerator_total).all()
    assert (joined.denominator == joined.denominator_total).all()

    # gemeente numerators sum to the totaal (every unit has a gemeente)
    level = counted.groupby(["indicator", "year", "breakdown", "category", "region_level"])[
        ["numerator", "denominator"]].sum()
    gemeente = level.xs("gemeente", level="region_level")
    totaal = level.xs("totaal", level="region_level")
    assert gemeente.sort_index().equals(totaal.sort_index())


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(income=st.floats(1, 1e6, allow_nan=False), size=st.integers(1, 9),
       gemeenten=st.lists(st.sampled_from(["GM0014", "GM0114"]), min_size=9, max_size=9))
def test_gini_of_equal_incomes_is_zero(con, income, size, gemeenten):
    rows = [{"year": 2020, "disposable_income": income, "rent_allowance": 0.0, "n_adults": 1,
             "n_minors": 0, "household_type": "eenpersoons", "student_household": False,
             "full_year_income": True, "main_income_source": "werk", "municipality": gemeenten[i],
             "district": None, "wealth": income, "employed": False, "in_debt": False}
            for i in range(size)]
    r = compute(con, rows)
    gini = r[r.indicator.isin(["gini_inkomen", "gini_vermogen"])]
    assert len(gini) and (gini.value.abs() < 1e-12).all()
