"""Life course indicators on hand-built life histories.

Low income is set directly with cbs_low_income_pct (50 = low, 150 = not low). Input
years 2010-2013 (childhood, ages 14-17 for persons born 1996) and 2022 (ages 26).
"""


import pytest
from engine_tables import make_tables

from armoedemonitor.engine import lifecourse
from armoedemonitor.engine.context import EngineContext, Params
from armoedemonitor.engine.run import run_families

CHILDHOOD = (2010, 2011, 2012, 2013)
GM_A, GM_B, GM_C = "GM0014", "GM0037", "GM0047"

# person: {year: (low, gemeente, extra household fields)}
#  A1 poor 2010, 2011, not 2012, 2013: 2 of 4 = half -> grew up poor; upbringing region
#     = 2013 (GM_B); 2022 poor, lives in GM_A
#  A2 poor 2010 of 2010-2012; 2013 institutional (not observed): 1 of 3 -> not grew up
#     poor; upbringing = 2012 (GM_A); 2022 poor in GM_A
#  A3 no row in 2010; poor 2011-2013: 3 of 3 -> grew up poor; upbringing GM_A; 2022 not
#     poor, lives in GM_C
#  A4 rows only in 2012, 2013 (2 years < 3): childhood undefined -> not counted; 2022 poor
#  A5 never poor: not grew up poor; 2022 not poor in GM_A
#  A6 always poor, 2022 still lives with parent P6 -> not counted
#  A7 born 1986: 36 in 2022 -> not counted
LIVES = {
    1: {2010: (True, GM_A), 2011: (True, GM_A), 2012: (False, GM_A), 2013: (False, GM_B),
        2022: (True, GM_A)},
    2: {2010: (True, GM_A), 2011: (False, GM_A), 2012: (False, GM_A),
        2013: (True, GM_B, {"household_type": "institutioneel"}), 2022: (True, GM_A)},
    3: {2011: (True, GM_A), 2012: (True, GM_A), 2013: (True, GM_A), 2022: (False, GM_C)},
    4: {2012: (True, GM_A), 2013: (True, GM_A), 2022: (True, GM_A)},
    5: {**{y: (False, GM_A) for y in CHILDHOOD}, 2022: (False, GM_A)},
    6: {**{y: (True, GM_A) for y in CHILDHOOD}, 2022: (True, GM_A)},
    7: {**{y: (True, GM_A) for y in CHILDHOOD}, 2022: (True, GM_A)},
}
BIRTH = {1: 1996, 2: 1996, 3: 1996, 4: 1996, 5: 1996, 6: 1996, 7: 1986, 60: 1970}


def histories():
    households, members = [], []
    for person, years in LIVES.items():
        for year, (low, gemeente, *extra) in years.items():
            hid = person * 10000 + year
            households.append({"year": year, "household_id": hid, "disposable_income": 20000.0,
                               "cbs_low_income_pct": 50.0 if low else 150.0,
                               "municipality": gemeente, **(extra[0] if extra else {})})
            members.append({"year": year, "person_id": person, "household_id": hid})
            if person == 6:  # P6 lives with A6 in every year
                members.append({"year": year, "person_id": 60, "household_id": hid})
                households[-1]["n_adults"] = 2
    persons = [{"person_id": p, "birth_year": b} for p, b in BIRTH.items()]
    return households, members, persons, [{"child_id": 6, "mother_id": 60}]


def compute(con, region_of="upbringing"):
    h, m, p, links = histories()
    ctx = EngineContext.build(con, make_tables(con, h, m, p, parent_child=links),
                              Params(region_of=region_of))
    return run_families(ctx, [lifecourse]).set_index(
        ["indicator", "year", "region_level", "region_code", "breakdown", "category"])


@pytest.fixture(scope="module")
def results(backend):
    return compute(backend)


def row(results, indicator, level="totaal", code="totaal", year=2022):
    return results.loc[(indicator, year, level, code, "", "")]


def check(results, indicator, numerator, denominator, level="totaal", code="totaal"):
    r = row(results, indicator, level, code)
    assert (r.numerator, r.denominator, r.n) == (numerator, denominator, denominator)
    assert r.value == pytest.approx(numerator / denominator, rel=1e-12)


def test_totals(results):
    # counted: A1 (grew up poor, poor), A3 (grew up poor), A2 (poor), A5
    check(results, "arm_als_volwassene_opgegroeid_arm", 1, 2)       # A1 of A1, A3
    check(results, "arm_als_volwassene_niet_opgegroeid_arm", 1, 2)  # A2 of A2, A5
    r = row(results, "relatief_risico_opgroeien_in_armoede")
    assert (r.value, r.numerator, r.denominator, r.n) == (1.0, 0.5, 0.5, 4)


def test_upbringing_region(results):
    # A1 grew up in GM_B (its last year at 12-17 in scope); A2, A3, A5 in GM_A
    check(results, "arm_als_volwassene_opgegroeid_arm", 1, 1, "gemeente", GM_B)
    check(results, "arm_als_volwassene_opgegroeid_arm", 0, 1, "gemeente", GM_A)   # A3
    check(results, "arm_als_volwassene_niet_opgegroeid_arm", 1, 2, "gemeente", GM_A)
    # GM_A: 0 / (1/2) = 0; GM_B: nobody who grew up not poor -> undefined, no row
    assert row(results, "relatief_risico_opgroeien_in_armoede", "gemeente", GM_A).value == 0.0
    assert ("relatief_risico_opgroeien_in_armoede", 2022, "gemeente", GM_B, "", "") not in results.index


def test_current_region(backend):
    # in 2022: A1, A2, A5 in GM_A, A3 in GM_C
    results = compute(backend, "current")
    check(results, "arm_als_volwassene_opgegroeid_arm", 1, 1, "gemeente", GM_A)
    check(results, "arm_als_volwassene_opgegroeid_arm", 0, 1, "gemeente", GM_C)
    check(results, "arm_als_volwassene_niet_opgegroeid_arm", 1, 2, "gemeente", GM_A)
    assert ("arm_als_volwassene_opgegroeid_arm", 2022, "gemeente", GM_B, "", "") not in results.index


def test_childhood_years_are_not_adult_years(results):
    # in 2010-2013 everybody born 1996 is 14-17 and A7 (born 1986) is 24-27 but has no
    # childhood record: no rows for those years
    assert set(results.index.get_level_values("year")) == {2022}
