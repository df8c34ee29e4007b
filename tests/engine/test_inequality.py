"""Inequality, wealth and debt families on hand-built data (arithmetic in comments)."""

import pytest
from engine_tables import make_tables

from armoedemonitor.engine import debt, inequality
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families


def compute(con, households, members, persons=None, debt_rows=(), families=(inequality,)):
    ctx = EngineContext.build(con, make_tables(con, households, members, persons,
                                               debt_restructuring=debt_rows))
    return run_families(ctx, list(families)).set_index(
        ["indicator", "year", "region_level", "region_code", "breakdown", "category"])


def value(results, indicator, year, level="totaal", code="totaal"):
    return results.loc[(indicator, year, level, code, "", "")]


def income_and_wealth():
    h = [
        # 2020: persons' standardised incomes 10000 (H1), 20000 twice (H2: 28000 / 1.40),
        # 40000 (H3) in GM0014 and 30000 (H4) in GM0114; H5 is a student household.
        {"year": 2020, "household_id": 1, "disposable_income": 10000.0, "wealth": -5000.0},
        {"year": 2020, "household_id": 2, "disposable_income": 28000.0, "n_adults": 2,
         "household_type": "paar", "wealth": 100000.0},
        {"year": 2020, "household_id": 3, "disposable_income": 40000.0, "wealth": 20000.0},
        {"year": 2020, "household_id": 4, "disposable_income": 30000.0, "wealth": None,
         "municipality": "GM0114"},
        {"year": 2020, "household_id": 5, "disposable_income": 1000.0, "wealth": 1e6,
         "student_household": True},
    ]
    m = [{"year": 2020, "person_id": p, "household_id": hid}
         for p, hid in ((1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 5))]
    # 2021: eleven singles with equal income 20000 and wealth 1000, 2000, ..., 11000.
    for k in range(1, 12):
        h.append({"year": 2021, "household_id": 100 + k, "disposable_income": 20000.0,
                  "wealth": 1000.0 * k})
        m.append({"year": 2021, "person_id": 100 + k, "household_id": 100 + k})
    return h, m


@pytest.fixture(scope="module")
def results(backend):
    return compute(backend, *income_and_wealth())


def test_gini_of_income(results):
    # 2020 totaal: x = 10000, 20000, 20000, 30000, 40000; n = 5, Σx = 120000,
    # Σ i·x_i = 10000 + 40000 + 60000 + 120000 + 200000 = 430000,
    # G = 2·430000 / (5·120000) − 6/5 = 1.4333... − 1.2 = 0.2333...
    row = value(results, "gini_inkomen", 2020)
    assert row.value == pytest.approx(0.7 / 3, rel=1e-12) and row.n == 5
    # GM0014: 10000, 20000, 20000, 40000: Σ i·x = 270000, G = 540000/360000 − 5/4 = 0.25
    assert value(results, "gini_inkomen", 2020, "gemeente", "GM0014").value == pytest.approx(0.25)
    # 2021: equal incomes -> 0
    assert value(results, "gini_inkomen", 2021).value == pytest.approx(0.0, abs=1e-12)


def test_s80s20(results):
    # 2020 totaal, n = 5: 0.8·5 = 4 exactly -> q80 = (30000 + 40000)/2 = 35000, top sum 40000;
    # 0.2·5 = 1 exactly -> q20 = (10000 + 20000)/2 = 15000, bottom sum 10000; ratio 4.
    row = value(results, "s80s20", 2020)
    assert row.value == pytest.approx(4.0) and row.n == 5
    # GM0014, n = 4: q80 = x_4 = 40000 (3.2 -> j = 4), nobody above: 0 / 10000 = 0
    assert value(results, "s80s20", 2020, "gemeente", "GM0014").value == 0.0


def test_wealth_top10_share_and_gini(results):
    # 2020: in scope with known wealth -5000, 100000, 20000 (H4 unknown, H5 student);
    # N = 3, top ⌈0.3⌉ = 1: 100000 / 115000.
    row = value(results, "vermogen_top10_aandeel", 2020)
    assert (row.numerator, row.denominator, row.n) == (100000.0, 115000.0, 3)
    assert row.value == pytest.approx(100000 / 115000)
    # Gini: sorted -5000, 20000, 100000, Σ i·x = 335000, G = 670000/345000 − 4/3
    assert value(results, "gini_vermogen", 2020).value == pytest.approx(670000 / 345000 - 4 / 3)
    assert ("gini_vermogen", 2020, "gemeente", "GM0114", "", "") not in results.index
    # 2021: N = 11 -> top ⌈1.1⌉ = 2: 11000 + 10000 of Σ = 66000
    row = value(results, "vermogen_top10_aandeel", 2021)
    assert (row.numerator, row.denominator, row.n) == (21000.0, 66000.0, 11)
    # Gini of 1000·(1..11): Σ i² = 506, G = 2·506/(11·66) − 12/11 = 0.30303...
    assert value(results, "gini_vermogen", 2021).value == pytest.approx(2 * 506 / 726 - 12 / 11)


def test_top10_ties_do_not_change_the_sum(backend):
    # 12 households: N = 12 -> top 2; wealth 5, 5, 5 (a tie across the cut), then 1 ... 1.
    h = [{"year": 2020, "household_id": k, "disposable_income": 20000.0,
          "wealth": 5.0 if k <= 3 else 1.0} for k in range(1, 13)]
    m = [{"year": 2020, "person_id": k, "household_id": k} for k in range(1, 13)]
    row = value(compute(backend, h, m), "vermogen_top10_aandeel", 2020)
    assert (row.numerator, row.denominator, row.n) == (10.0, 24.0, 12)  # 5 + 5 of 15 + 9


def test_debt_restructuring(backend):
    # 2020 adults with a members row: A1 (H1, in scope, low, employed, WSNP),
    # A2 (H2, in scope, not low, benefit, WSNP), A3 (H3 institutional, low income but out of
    # scope, benefit, WSNP), A5 (H2), A7 (H2, WSNP in 2019 only). A4 is 16 (WSNP, not adult);
    # A6 is in WSNP in 2020 without a members row. A1's WSNP row appears twice.
    h = [{"year": 2020, "household_id": 1, "disposable_income": 9000.0, "municipality": "GM0014"},
         {"year": 2020, "household_id": 2, "disposable_income": 90000.0, "n_adults": 3,
          "n_minors": 1, "household_type": "overig", "municipality": "GM0114"},
         {"year": 2020, "household_id": 3, "disposable_income": 1000.0,
          "household_type": "institutioneel", "municipality": "GM0014"},
         {"year": 2019, "household_id": 2, "disposable_income": 90000.0, "municipality": "GM0114"}]
    m = [{"year": 2020, "person_id": 1, "household_id": 1, "employed": True},
         {"year": 2020, "person_id": 2, "household_id": 2, "benefit": True},
         {"year": 2020, "person_id": 3, "household_id": 3, "benefit": True},
         {"year": 2020, "person_id": 4, "household_id": 2, "role": "kind"},
         {"year": 2020, "person_id": 5, "household_id": 2},
         {"year": 2020, "person_id": 7, "household_id": 2},
         {"year": 2019, "person_id": 7, "household_id": 2}]
    persons = [{"person_id": p, "birth_year": 2020 - age}
               for p, age in ((1, 30), (2, 40), (3, 50), (4, 16), (5, 35), (6, 45), (7, 60))]
    wsnp = [{"year": 2020, "person_id": p} for p in (1, 1, 2, 3, 4, 6)] + [{"year": 2019, "person_id": 7}]
    r = compute(backend, h, m, persons, wsnp, families=(debt,))
    expected = {"wsnp_volwassenen": (3, 5),   # A1, A2, A3 of A1, A2, A3, A5, A7
                "wsnp_werkend": (1, 3),       # A1
                "wsnp_uitkering": (2, 3),     # A2, A3
                "wsnp_laag_inkomen": (1, 3)}  # A1 (A3's household is not in scope)
    for indicator, (num, den) in expected.items():
        row = value(r, indicator, 2020)
        assert (row.numerator, row.denominator, row.n) == (num, den, den), indicator
        assert row.value == pytest.approx(num / den)
    row = value(r, "wsnp_volwassenen", 2020, "gemeente", "GM0114")
    assert (row.numerator, row.denominator) == (1, 3)  # A2 of A2, A5, A7
    assert ("wsnp_werkend", 2020, "gemeente", "GM0114", "", "") in r.index
    # 2019: A7 in WSNP (household H2 of 2019)
    assert (value(r, "wsnp_volwassenen", 2019).numerator, value(r, "wsnp_volwassenen", 2019).n) == (1, 1)


def test_top10_profile(backend):
    # 2020: eleven singles k = 1..11, wealth 1000·k, income 10000·k, breadwinner born 1960 + k
    # (age 60 − k), education 'hoog' for even k, 'laag' for odd k, unknown for k = 3; the member
    # of k = 5 is not a hoofdkostwinner (no known breadwinner). N = 11: top10 = k 10, 11.
    h = [{"year": 2020, "household_id": k, "disposable_income": 10000.0 * k, "wealth": 1000.0 * k}
         for k in range(1, 12)]
    m = [{"year": 2020, "person_id": k, "household_id": k,
          "role": "overig" if k == 5 else "hoofdkostwinner"} for k in range(1, 12)]
    persons = [{"person_id": k, "birth_year": 1960 + k,
                "education": None if k == 3 else ("hoog" if k % 2 == 0 else "laag")}
               for k in range(1, 12)]
    r = compute(backend, h, m, persons)
    expected = {
        "top10×leeftijd": (99, 2),          # 50 + 49
        "top10×hoog_opgeleid": (1, 2),      # k = 10
        "top10×inkomen": (210000, 2),       # 100000 + 110000
        "overig×leeftijd": (440, 8),        # Σ (60 − k) over k = 1..9 without 5 = 480 − 40
        "overig×hoog_opgeleid": (4, 7),     # k = 2, 4, 6, 8 of 1, 2, 4, 6, 7, 8, 9
        "overig×inkomen": (450000, 9),      # 10000 · (1 + ... + 9)
    }
    for category, (num, den) in expected.items():
        row = r.loc[("vermogen_top10_profiel", 2020, "totaal", "totaal", "groep×kenmerk", category)]
        assert (row.numerator, row.denominator, row.n) == (num, den, den), category
        assert row.value == pytest.approx(num / den)
