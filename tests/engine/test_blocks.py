"""Building blocks on hand-built households: scope, equivalence factor, low income."""

import ibis
import pandas as pd
import pytest
from engine_tables import make_tables

from armoedemonitor.engine.blocks import CODED_CATEGORIES, category_code, category_label
from armoedemonitor.engine.context import EngineContext, Params
from armoedemonitor.engine.regions import with_region_columns
from armoedemonitor.errors import UserError


def blocks(con, households, members=None, params=None, persons=None):
    members = members or [{"year": h["year"], "person_id": 100 * h["year"] + h["household_id"],
                           "household_id": h["household_id"]} for h in households]
    ctx = EngineContext.build(con, make_tables(con, households, members, persons), params)
    hy = with_region_columns(ctx.household_years, ctx.fine_regions)  # the codes, not their number
    return ctx, hy.to_pandas().set_index(["year", "household_id"])


def test_equivalence_factor_uses_the_table_of_the_period_and_the_formula_outside(backend):
    households = [
        {"year": 2020, "household_id": 1, "n_adults": 2, "n_minors": 1},  # table from 2018: 1.69
        {"year": 2017, "household_id": 1, "n_adults": 2, "n_minors": 1},  # table until 2017: 1.67
        {"year": 2020, "household_id": 2, "n_adults": 3, "n_minors": 0},  # not in 2018 table: √3
        {"year": 2017, "household_id": 2, "n_adults": 3, "n_minors": 0},  # 2017 table: 1.73
        {"year": 2020, "household_id": 3, "n_adults": 1, "n_minors": 5},  # 5 minors: √(1+4) = √5
        {"year": 2020, "household_id": 4, "n_adults": 0, "n_minors": 2},  # oldest minor adult: e(1,1)=1.32
        {"year": 2017, "household_id": 4, "n_adults": 0, "n_minors": 1},  # e(1,0) = 1.00
    ]
    for h in households:
        h["disposable_income"] = 20000.0
    _, hy = blocks(backend, households)
    expected = {(2020, 1): 1.69, (2017, 1): 1.67, (2020, 2): 3 ** 0.5, (2017, 2): 1.73,
                (2020, 3): 5 ** 0.5, (2020, 4): 1.32, (2017, 4): 1.00}
    for key, factor in expected.items():
        assert hy.loc[key, "equivalence_factor"] == pytest.approx(factor, rel=1e-12), key
        assert hy.loc[key, "std_income"] == pytest.approx(20000 / factor, rel=1e-12), key


def test_in_scope_excludes_students_institutions_part_year_and_unknown_or_nonpositive_income(backend):
    base = {"year": 2020, "disposable_income": 10000.0}
    households = [
        {**base, "household_id": 1},                                        # in scope, low
        {**base, "household_id": 2, "student_household": True},
        {**base, "household_id": 3, "household_type": "institutioneel"},
        {**base, "household_id": 4, "full_year_income": False},
        {**base, "household_id": 5, "disposable_income": None},
        {**base, "household_id": 6, "disposable_income": -500.0},
        {**base, "household_id": 7, "disposable_income": 0.0},
    ]
    _, hy = blocks(backend, households)
    assert hy.loc[2020, "in_scope"].to_dict() == {1: True, 2: False, 3: False, 4: False,
                                                  5: False, 6: False, 7: False}
    # low income only for in-scope households, however low the income
    assert hy.loc[2020, "low_income"].to_dict() == {1: True, 2: False, 3: False, 4: False,
                                                    5: False, 6: False, 7: False}
    assert hy.loc[(2020, 5), "std_income"] != hy.loc[(2020, 5), "std_income"]  # unknown = null

    _, kept = blocks(backend, households, params=Params(exclude_nonpositive_income=False))
    assert kept.loc[2020, "in_scope"].to_dict()[6] and kept.loc[2020, "low_income"].to_dict()[6]


def test_low_income_subtracts_rent_allowance_and_follows_cbs_pct(backend):
    # 2020 threshold: 13,200 per single person.
    base = {"year": 2020}
    households = [
        {**base, "household_id": 1, "disposable_income": 13000.0},            # 13000 < 13200: low
        {**base, "household_id": 2, "disposable_income": 14000.0,
         "rent_allowance": 1000.0},                                             # 13000: low
        {**base, "household_id": 3, "disposable_income": 13300.0},            # not low
        {**base, "household_id": 4, "disposable_income": 13200.0},            # equal: not low (strict <)
        {**base, "household_id": 5, "disposable_income": 18000.0, "n_adults": 2,
         "household_type": "paar"},                                            # 18000/1.40 = 12857: low
        {**base, "household_id": 6, "disposable_income": 50000.0,
         "cbs_low_income_pct": 99.0},                                          # CBS says low
        {**base, "household_id": 7, "disposable_income": 1000.0,
         "cbs_low_income_pct": 100.0},                                         # CBS says not low
    ]
    _, hy = blocks(backend, households)
    assert hy.loc[2020, "low_income"].to_dict() == {1: True, 2: True, 3: False, 4: False,
                                                    5: True, 6: True, 7: False}


def test_year_without_threshold_is_refused_unless_supplied(backend):
    households = [{"year": 2023, "household_id": 1, "disposable_income": 14000.0}]
    with pytest.raises(UserError, match="2023"):
        blocks(backend, households)
    _, hy = blocks(backend, households, params=Params(extra_thresholds={2023: 15000}))
    assert hy.loc[(2023, 1), "low_income"]  # 14000 < 15000


def test_arop60_is_60_percent_of_the_median_over_persons(backend):
    # Persons' standardised incomes in in-scope households (2020):
    #   A 5000, H 8000, E 13000 (rent allowance 5000 not subtracted), B 15000 twice
    #   (21000 / 1.40, two persons), G 17000.  D is a student household (excluded).
    # N = 6, median = (13000 + 15000) / 2 = 14000, line = 8400: A and H are low.
    # (The household median would be 13000 -> 7800, and H would not be low.)
    base = {"year": 2020}
    households = [
        {**base, "household_id": 1, "disposable_income": 5000.0},
        {**base, "household_id": 2, "disposable_income": 8000.0},
        {**base, "household_id": 3, "disposable_income": 13000.0, "rent_allowance": 5000.0},
        {**base, "household_id": 4, "disposable_income": 21000.0, "n_adults": 2, "household_type": "paar"},
        {**base, "household_id": 5, "disposable_income": 17000.0},
        {**base, "household_id": 6, "disposable_income": 100.0, "student_household": True},
    ]
    members = [{"year": 2020, "person_id": i, "household_id": h}
               for i, h in enumerate([1, 2, 3, 4, 4, 5, 6])]
    _, hy = blocks(backend, households, members, Params(poverty_line="arop60"))
    assert hy.loc[2020, "low_income"].to_dict() == {1: True, 2: True, 3: False, 4: False,
                                                    5: False, 6: False}


def test_user_poverty_line_by_household_type_is_unequivalised(backend, tmp_path):
    line = tmp_path / "minimum120.csv"
    line.write_text("year,household_type,amount\n2020,,15000\n2020,paar,20000\n")
    base = {"year": 2020}
    households = [
        {**base, "household_id": 1, "disposable_income": 14000.0},                       # < 15000
        {**base, "household_id": 2, "disposable_income": 19000.0, "n_adults": 2,
         "household_type": "paar"},                                                       # < 20000
        {**base, "household_id": 3, "disposable_income": 21000.0, "n_adults": 2,
         "household_type": "paar"},                                                       # not low
        {**base, "household_id": 4, "disposable_income": 16000.0, "rent_allowance": 2000.0},  # 14000
        {**base, "household_id": 5, "disposable_income": 15500.0},                       # not low
    ]
    _, hy = blocks(backend, households, params=Params(poverty_line=str(line)))
    assert hy.loc[2020, "low_income"].to_dict() == {1: True, 2: True, 3: False, 4: True, 5: False}

    gap = tmp_path / "gap.csv"
    gap.write_text("year,household_type,amount\n2020,paar,20000\n")
    with pytest.raises(UserError, match="2020 eenpersoons"):
        blocks(backend, households, params=Params(poverty_line=str(gap)))
    bad = tmp_path / "bad.csv"
    bad.write_text("year,household_type,amount\n2020,,veel\n")
    with pytest.raises(UserError, match="regel"):
        blocks(backend, households, params=Params(poverty_line=str(bad)))


def test_merged_gemeente_codes_map_to_the_current_code(backend):
    households = [
        {"year": 2016, "household_id": 1, "disposable_income": 1.0, "municipality": "GM0018",
         "district": "WK001801", "neighbourhood": "BU00180101"},
        {"year": 2016, "household_id": 2, "disposable_income": 1.0, "municipality": "GM0014"},
    ]
    _, hy = blocks(backend, households)
    assert hy.loc[(2016, 1), "municipality"] == "GM1952"
    assert hy.loc[(2016, 1), "district"] == "WK001801"  # wijk and buurt are kept as given
    assert hy.loc[(2016, 2), "municipality"] == "GM0014"


def test_person_years_carry_age_and_their_household(backend):
    households = [{"year": 2020, "household_id": 7, "disposable_income": 9000.0,
                   "municipality": "GM0114"}]
    members = [{"year": 2020, "person_id": 1, "household_id": 7, "employed": True}]
    persons = [{"person_id": 1, "birth_year": 2003, "education": "hoog"}]
    ctx, _ = blocks(backend, households, members, persons=persons)
    row = with_region_columns(ctx.person_years, ctx.fine_regions).to_pandas().iloc[0]
    assert (row.age, row.municipality, row.low_income, row.employed, row.education) == (
        17, "GM0114", True, True, "hoog")


def test_households_in_the_same_gemeente_wijk_and_buurt_share_one_region_number(backend):
    households = [
        {"year": 2016, "household_id": 1, "municipality": "GM0018"},  # merged into GM1952
        {"year": 2016, "household_id": 2, "municipality": "GM1952"},
        {"year": 2017, "household_id": 3, "municipality": "GM1952"},  # no wijk: matches no wijk
        {"year": 2016, "household_id": 4, "municipality": "GM1952", "district": "WK195201"},
        {"year": 2016, "household_id": 5, "municipality": "GM0014"},
    ]
    for h in households:
        h["disposable_income"] = 1.0
    ctx, hy = blocks(backend, households)
    number = hy.fine_region
    assert number[(2016, 1)] == number[(2016, 2)] == number[(2017, 3)]
    assert len({number[(2016, 1)], number[(2016, 4)], number[(2016, 5)]}) == 3
    assert ctx.fine_regions.count().to_pandas() == 3


@pytest.mark.parametrize("column", sorted(CODED_CATEGORIES))
def test_coded_categories_are_named_again(backend, column):
    labels = CODED_CATEGORIES[column]
    values = ibis.memtable({"value": [*labels, None]}, schema={"value": "string"})
    coded = values.mutate(code=category_code(values.value, column))
    named = backend.execute(coded.mutate(label=category_label(coded.code, column)))
    assert named.code.tolist()[:-1] == list(range(len(labels)))
    assert named.label.tolist()[:-1] == list(labels)
    assert pd.isna(named.code.iloc[-1]) and pd.isna(named.label.iloc[-1])
