"""Poverty family on a hand-built town; every expected value is worked out in a comment.

Thresholds (single person, EUR/year): 2017 12,533; 2018 12,747; 2019 13,083;
2020 13,200; 2021 13,500. Equivalence factors from 2018: e(1,1) = 1.32, e(2,0) = 1.40,
e(2,2) = 1.91; until 2017: e(1,1) = 1.33.
"""

import ibis
import pytest
from engine_tables import make_tables

from armoedemonitor.engine import poverty
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families

# 2020 households (P = person, age in 2020):
#  H1 GM0014/WK001401/BU00140101 eenouder, uitkering, 15000/1.32 = 11364 low: P1 (40, employed), P2 (10)
#  H2 GM0018 -> GM1952/WK001801/BU00180101 paar_met_kinderen, 60000/1.91 = 31414 not low:
#     P3 (45), P4 (44), P5 (5), P6 (17)
#  H3 GM0014/WK001401/no buurt eenpersoons, 12000 low: P7 (70, employed)
#  H4 GM0037 student household (out of scope): P8 (20)
#  H5 GM0037 institutioneel (out of scope): P9 (80)
#  H6 GM0114 part-year income (out of scope): P10 (30)
#  H7 GM0114 income unknown (out of scope): P11, P12
#  H8 GM0114 paar, 17000/1.40 = 12143 low: P13 (25, employed), P14 (23)
#  H9 GM0047 no adults, one minor (counts as adult: e = 1), overig, 10000 low: P15 (17)
BIRTH = {1: 1980, 2: 2010, 3: 1975, 4: 1976, 5: 2015, 6: 2003, 7: 1950, 8: 2000, 9: 1940,
         10: 1990, 11: 1970, 12: 1970, 13: 1995, 14: 1997, 15: 2003}


def town():
    h, m = [], []

    def household(year, hid, members, **fields):
        fields.setdefault("n_adults", sum(1 for p in members if year - BIRTH[p] >= 18))
        fields.setdefault("n_minors", len(members) - fields["n_adults"])
        h.append({"year": year, "household_id": hid, **fields})
        for p in members:
            m.append({"year": year, "person_id": p, "household_id": hid,
                      "employed": p in (1, 7, 13)})

    for year in (2017, 2018, 2019, 2020, 2021):  # H1 is low in every year: 15000/1.33, /1.32
        household(year, 1, [1, 2], disposable_income=15000.0, household_type="eenouder",
                  main_income_source="uitkering", municipality="GM0014",
                  district="WK001401", neighbourhood="BU00140101")
    household(2020, 2, [3, 4, 5, 6], disposable_income=60000.0, household_type="paar_met_kinderen",
              municipality="GM0018", district="WK001801", neighbourhood="BU00180101")
    # P7: 2017 not low (20000), 2018-2020 low (12000 < 12747, 13083, 13200): not long-term.
    for year, income in ((2017, 20000.0), (2018, 12000.0), (2019, 12000.0), (2020, 12000.0)):
        household(year, 3, [7], disposable_income=income, municipality="GM0014",
                  district="WK001401")
    household(2020, 4, [8], disposable_income=5000.0, student_household=True, municipality="GM0037")
    household(2020, 5, [9], disposable_income=3000.0, household_type="institutioneel",
              municipality="GM0037")
    household(2020, 6, [10], disposable_income=9000.0, full_year_income=False, municipality="GM0114")
    household(2020, 7, [11, 12], disposable_income=None, household_type="paar", municipality="GM0114")
    # P13: 2017 low in GM0037 (another household), 2018-2019 low alone in H8, 2020 low in
    # H8 with P14: long-term low in 2020 although the household and gemeente changed.
    household(2017, 20, [13], disposable_income=9000.0, municipality="GM0037")
    for year in (2018, 2019):
        household(year, 8, [13], disposable_income=10000.0, municipality="GM0114")
    household(2020, 8, [13, 14], disposable_income=17000.0, household_type="paar",
              municipality="GM0114")
    household(2020, 9, [15], disposable_income=10000.0, n_adults=0, n_minors=1,
              household_type="overig", main_income_source="overig", municipality="GM0047")
    persons = [{"person_id": p, "birth_year": b} for p, b in BIRTH.items()]
    return h, m, persons


@pytest.fixture(scope="module")
def results(backend):
    ctx = EngineContext.build(backend, make_tables(backend, *town()))
    return run_families(ctx, [poverty]).set_index(
        ["indicator", "year", "region_level", "region_code", "breakdown", "category"])


def check(results, indicator, year, level, code, numerator, denominator, breakdown="", category=""):
    row = results.loc[(indicator, year, level, code, breakdown, category)]
    assert (row.numerator, row.denominator, row.n) == (numerator, denominator, denominator)
    assert row.value == pytest.approx(numerator / denominator, rel=1e-12)


def test_households_by_region(results):
    ind = "laag_inkomen_huishoudens"
    # in scope H1, H2, H3, H8, H9; low H1, H3, H8, H9
    check(results, ind, 2020, "totaal", "totaal", 4, 5)
    check(results, ind, 2020, "gemeente", "GM0014", 2, 2)   # H1, H3
    check(results, ind, 2020, "gemeente", "GM1952", 0, 1)   # H2 (given as GM0018)
    check(results, ind, 2020, "gemeente", "GM0114", 1, 1)   # H8 (H6, H7 out of scope)
    check(results, ind, 2020, "gemeente", "GM0047", 1, 1)   # H9
    check(results, ind, 2020, "wijk", "WK001401", 2, 2)     # H1, H3
    check(results, ind, 2020, "buurt", "BU00140101", 1, 1)  # H1 only: H3 has no buurt
    check(results, ind, 2020, "veenkolonien", "veenkolonien", 2, 3)  # H2, H8, H9
    check(results, ind, 2020, "groningen", "groningen", 3, 4)        # H1, H2, H3, H9
    check(results, ind, 2020, "drenthe", "drenthe", 1, 1)            # H8
    assert ("laag_inkomen_huishoudens", 2020, "gemeente", "GM0037", "", "") not in results.index
    assert ("laag_inkomen_huishoudens", 2020, "gemeente", "GM0018", "", "") not in results.index


def test_households_by_household_type(results):
    ind, bd = "laag_inkomen_huishoudens", "household_type"
    for category, num, den in (("eenouder", 1, 1), ("paar_met_kinderen", 0, 1),
                               ("eenpersoons", 1, 1), ("paar", 1, 1), ("overig", 1, 1)):
        check(results, ind, 2020, "totaal", "totaal", num, den, bd, category)
    check(results, ind, 2020, "gemeente", "GM0014", 1, 1, bd, "eenpersoons")
    assert (ind, 2020, "totaal", "totaal", bd, "institutioneel") not in results.index


def test_persons_with_breakdowns(results):
    ind = "laag_inkomen_personen"
    # in scope P1-P7 minus P8.., i.e. P1-P7 of H1-H3, P13, P14, P15: 10; low P1, P2, P7, P13, P14, P15
    check(results, ind, 2020, "totaal", "totaal", 6, 10)
    # ages: 0-17 P2 low, P5, P6, P15 low; 18-29 P13, P14 low; 30-44 P1 low, P4; 45-64 P3; 65+ P7 low
    for category, num, den in (("0-17", 2, 4), ("18-29", 2, 2), ("30-44", 1, 2),
                               ("45-64", 0, 1), ("65+", 1, 1)):
        check(results, ind, 2020, "totaal", "totaal", num, den, "age_group", category)
    # uitkering: H1 (2/2); werk: H2 (0/4), H3 (1/1), H8 (2/2); overig: H9 (1/1)
    for category, num, den in (("uitkering", 2, 2), ("werk", 3, 7), ("overig", 1, 1)):
        check(results, ind, 2020, "totaal", "totaal", num, den, "main_income_source", category)
    check(results, ind, 2020, "gemeente", "GM0014", 3, 3)  # P1, P2, P7
    check(results, ind, 2020, "wijk", "WK001801", 0, 4)    # H2


def test_minors(results):
    ind = "laag_inkomen_minderjarigen"
    check(results, ind, 2020, "totaal", "totaal", 2, 4)  # P2, P15 of P2, P5, P6, P15
    check(results, ind, 2020, "totaal", "totaal", 2, 4, "age_group", "0-17")
    check(results, ind, 2020, "totaal", "totaal", 0, 2, "main_income_source", "werk")  # P5, P6
    assert (ind, 2020, "totaal", "totaal", "age_group", "18-29") not in results.index


def test_working_poor(results):
    ind = "werkende_armen"
    check(results, ind, 2020, "totaal", "totaal", 3, 4)  # employed P1, P7, P13 of P1, P7, P13, P14
    check(results, ind, 2020, "totaal", "totaal", 1, 2, "age_group", "18-29")  # P13 of P13, P14
    check(results, ind, 2020, "totaal", "totaal", 2, 3, "main_income_source", "werk")
    check(results, ind, 2020, "gemeente", "GM0014", 2, 2)  # P1, P7


def test_long_term_low_income_needs_four_years(results):
    ind = "langdurig_laag_inkomen_personen"
    # 2020: P1, P2 (H1 2017-2020) and P13 (GM0037 in 2017, GM0114 since) of 10 persons;
    # P7 was not low in 2017.
    check(results, ind, 2020, "totaal", "totaal", 3, 10)
    check(results, ind, 2020, "gemeente", "GM0114", 1, 2)  # P13 of P13, P14
    check(results, ind, 2020, "gemeente", "GM0014", 2, 3)  # P1, P2 of P1, P2, P7
    check(results, "langdurig_laag_inkomen_minderjarigen", 2020, "totaal", "totaal", 1, 4)  # P2
    # 2021: only H1 is in the input; both low 2018-2021
    check(results, ind, 2021, "totaal", "totaal", 2, 2)
    # 2017-2019 lack three earlier years in the input: no rows
    long_years = {key[1] for key in results.index if key[0].startswith("langdurig")}
    assert long_years == {2020, 2021}


def test_years_filter_keeps_earlier_input_years_for_long_term(backend):
    ctx = EngineContext.build(backend, make_tables(backend, *town()), years=(2020, 2021))
    assert ctx.output_years == (2020, 2021)
    frame = run_families(ctx, [poverty])
    assert set(frame.year) == {2020, 2021}
    total = frame[(frame.indicator == "langdurig_laag_inkomen_personen") & (frame.year == 2020)
                  & (frame.region_level == "totaal") & (frame.breakdown == "")]
    assert total[["numerator", "denominator"]].values.tolist() == [[3.0, 10.0]]


def test_person_in_two_gemeenten_counts_where_they_live_each_year(results):
    # P13 lives in GM0037 in 2017 (low) and in GM0114 from 2018.
    check(results, "laag_inkomen_personen", 2017, "gemeente", "GM0037", 1, 1)
    check(results, "laag_inkomen_personen", 2018, "gemeente", "GM0114", 1, 1)
    assert ("laag_inkomen_personen", 2017, "gemeente", "GM0114", "", "") not in results.index


def test_family_query_reads_only_the_small_sums(backend):
    """The person- and household-years are summed once per family (per year, finest
    region and breakdown); the breakdowns, region levels and indicators read those sums.
    Spark plans every branch of a query on its own, so a final query that still read the
    person-years would scan them once per branch: thousands of scans at real size."""
    ctx = EngineContext.build(backend, make_tables(backend, *town()))
    final = ibis.union(*poverty.indicators(ctx), distinct=False)
    sql = str(backend.compile(final))
    for block in ("person_years", "household_years"):
        assert ctx.table_name(block) not in sql
    totals = final.filter((final.region_level == "totaal") & (final.breakdown == "")
                          & (final.year == 2020)).to_pandas().set_index("indicator")
    assert totals.loc["laag_inkomen_personen", ["numerator", "denominator"]].tolist() == [6, 10]
