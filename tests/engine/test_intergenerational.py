"""Concurrent intergenerational poverty on hand-built families (2020, threshold 13,200;
a single person's equivalence factor is 1, so 12,000 is low and 30,000 is not)."""


import pytest
from engine_tables import make_tables

from armoedemonitor.engine import intergenerational
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families

POOR, RICH = 12000.0, 30000.0

# (person, birth year, household, income, gemeente, household fields) in 2020
#  C1 24 alone, poor; mother M1 poor, father F1 not poor -> eligible, parents poor
#  C2 25 alone, not poor; mother M2 poor                 -> eligible, parents poor
#  C3 23 alone in GM0037, poor; mother M3 not poor       -> eligible, parents not poor
#  C4 22 alone, not poor; father F4 not poor             -> eligible, parents not poor
#  C5 24 lives with mother M5 (poor household)           -> not eligible (shares a household)
#  C6 24 alone, poor; mother M6 institutional            -> not eligible (no in-scope parent)
#  C7 24 alone, poor; mother M7 institutional (not poor), father F7 not poor
#                                                        -> eligible, parents not poor
#  C8 30 alone, poor; mother M8 poor                     -> not eligible (age)
#  C9 24 student household; mother M9 poor               -> not eligible (own household)
#  C10 24 alone, poor; father P20 has no members row     -> not eligible
PEOPLE = [
    # id, name, birth, household, income, extra household fields
    (1, "C1", 1996, 101, POOR, {}), (2, "M1", 1970, 102, POOR, {}), (3, "F1", 1968, 103, RICH, {}),
    (4, "C2", 1995, 104, RICH, {}), (5, "M2", 1970, 105, POOR, {}),
    (6, "C3", 1997, 106, POOR, {"municipality": "GM0037"}), (7, "M3", 1970, 107, RICH, {}),
    (8, "C4", 1998, 108, RICH, {}), (9, "F4", 1970, 109, RICH, {}),
    (10, "C5", 1996, 110, None, {}), (11, "M5", 1970, 110, None, {}),
    (12, "C6", 1996, 112, POOR, {}), (13, "M6", 1970, 113, POOR, {"household_type": "institutioneel"}),
    (14, "C7", 1996, 114, POOR, {}), (15, "M7", 1970, 115, POOR, {"household_type": "institutioneel"}),
    (16, "F7", 1970, 116, RICH, {}),
    (17, "C8", 1990, 117, POOR, {}), (18, "M8", 1960, 118, POOR, {}),
    (19, "C9", 1996, 119, POOR, {"student_household": True}), (21, "M9", 1970, 121, POOR, {}),
    (22, "C10", 1996, 122, POOR, {}),
]
PARENTS = [(1, 2, 3), (4, 5, None), (6, 7, None), (8, None, 9), (10, 11, None), (12, 13, None),
           (14, 15, 16), (17, 18, None), (19, 21, None), (22, None, 20)]


def family():
    households, members = {}, []
    for pid, _, _, hid, income, extra in PEOPLE:
        members.append({"year": 2020, "person_id": pid, "household_id": hid})
        households.setdefault(hid, {"year": 2020, "household_id": hid, "disposable_income": income,
                                    **extra})
    # C5 and M5: a couple-like household of two adults, 15000 / 1.40 = 10,714 (low)
    households[110].update(disposable_income=15000.0, n_adults=2, household_type="overig")
    persons = [{"person_id": pid, "birth_year": birth} for pid, _, birth, *_ in PEOPLE]
    persons.append({"person_id": 20, "birth_year": 1970})
    links = [{"child_id": c, "mother_id": m, "father_id": f} for c, m, f in PARENTS]
    return list(households.values()), members, persons, links


@pytest.fixture(scope="module")
def results(backend):
    h, m, p, links = family()
    ctx = EngineContext.build(backend, make_tables(backend, h, m, p, parent_child=links))
    return run_families(ctx, [intergenerational]).set_index(
        ["indicator", "year", "region_level", "region_code", "breakdown", "category"])


def row(results, indicator, level="totaal", code="totaal"):
    return results.loc[(indicator, 2020, level, code, "", "")]


def check(results, indicator, numerator, denominator, level="totaal", code="totaal"):
    r = row(results, indicator, level, code)
    assert (r.numerator, r.denominator, r.n) == (numerator, denominator, denominator)
    assert r.value == pytest.approx(numerator / denominator, rel=1e-12)


def test_shares_over_eligible_children(results):
    # eligible: C1 (poor, parents poor), C2 (parents poor), C3 (poor), C4, C7 (poor)
    check(results, "generatiearmoede", 1, 5)                # C1
    check(results, "kind_arm_als_ouders_arm", 1, 2)         # C1 of C1, C2
    check(results, "kind_arm_als_ouders_niet_arm", 2, 3)    # C3, C7 of C3, C4, C7
    check(results, "ouders_arm_als_kind_arm", 1, 3)         # C1 of C1, C3, C7


def test_relative_risk_is_ratio_of_the_two_shares(results):
    # (1/2) / (2/3) = 0.75, behind it the 5 eligible children
    r = row(results, "relatief_risico_generatiearmoede")
    assert r.value == pytest.approx(0.75)
    assert r.numerator == pytest.approx(0.5) and r.denominator == pytest.approx(2 / 3)
    assert r.n == 5


def test_region_is_the_childs_household(results):
    # GM0037 holds only C3 (its mother lives in GM0014): 0 of 1; GM0014: C1 of C1, C2, C4, C7
    check(results, "generatiearmoede", 0, 1, "gemeente", "GM0037")
    check(results, "generatiearmoede", 1, 4, "gemeente", "GM0014")
    check(results, "kind_arm_als_ouders_niet_arm", 1, 1, "gemeente", "GM0037")
    check(results, "kind_arm_als_ouders_niet_arm", 1, 2, "gemeente", "GM0014")  # C7 of C4, C7
    # no child with poor parents in GM0037: that share is undefined
    assert ("kind_arm_als_ouders_arm", 2020, "gemeente", "GM0037", "", "") not in results.index


def test_relative_risk_has_no_row_when_a_share_is_undefined(results):
    # GM0037: parents-poor share undefined -> no ratio row; GM0014: (1/2) / (1/2) = 1
    assert ("relatief_risico_generatiearmoede", 2020, "gemeente", "GM0037", "", "") not in results.index
    assert row(results, "relatief_risico_generatiearmoede", "gemeente", "GM0014").value == 1.0


def test_relative_risk_has_no_row_when_other_children_are_never_poor(backend):
    # one child with poor parents (poor), one with non-poor parents (not poor): 1 / 0
    h = [{"year": 2020, "household_id": i, "disposable_income": inc}
         for i, inc in ((1, POOR), (2, POOR), (3, RICH), (4, RICH))]
    m = [{"year": 2020, "person_id": i, "household_id": i} for i in (1, 2, 3, 4)]
    p = [{"person_id": 1, "birth_year": 1996}, {"person_id": 2, "birth_year": 1970},
         {"person_id": 3, "birth_year": 1996}, {"person_id": 4, "birth_year": 1970}]
    links = [{"child_id": 1, "mother_id": 2}, {"child_id": 3, "mother_id": 4}]
    ctx = EngineContext.build(backend, make_tables(backend, h, m, p, parent_child=links))
    frame = run_families(ctx, [intergenerational])
    r = frame[(frame.indicator == "relatief_risico_generatiearmoede") & (frame.region_level == "totaal")]
    # share A = 1/1, share B = 0/1: the ratio 1 / 0 is undefined, so no row
    assert r.empty
    assert not frame[frame.indicator == "kind_arm_als_ouders_niet_arm"].empty


def test_nobody_outside_child_age_or_with_a_parent_at_home_is_counted(results):
    # C5 (with parent), C6 (parent out of scope), C8 (30), C9 (student), C10 (parent absent)
    # would otherwise make the totaal denominator larger than 5
    assert row(results, "generatiearmoede").denominator == 5
