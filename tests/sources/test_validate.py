"""Validation: a valid dataset passes; each malformed input gives its own precise problem.

Expected counts and keys are worked out by hand from the dataset in conftest.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.errors import InputError
from armoedemonitor.sources import validate
from armoedemonitor.sources.validate import InvalidDataset, validate_dataset

from .conftest import canonical_arrow, valid_tables, write_canonical

# The default, where each table of this dataset is one query, and one year per query
# (Validator.parts), as members are checked at national size: the same findings.
PART_ROWS = pytest.mark.parametrize("part_rows", [validate.PART_ROWS, 1], ids=["whole", "per_year"])


@PART_ROWS
def test_valid_dataset_passes_with_rows_per_year(tmp_path, monkeypatch, part_rows):
    monkeypatch.setattr(validate, "PART_ROWS", part_rows)
    report = validate_dataset(write_canonical(tmp_path))
    # 7 persons, 3 children; 3 households in 2020 and 2 in 2021; 7 + 6 members
    assert report.rows == {
        "persons": {None: 7}, "parent_child": {None: 3},
        "households": {2020: 3, 2021: 2}, "members": {2020: 7, 2021: 6},
        "debt_restructuring": {2020: 1},
    }
    assert report.notes == []


def test_absent_debt_restructuring_is_empty(tmp_path):
    report = validate_dataset(write_canonical(tmp_path, debt_restructuring=None))
    assert report.rows["debt_restructuring"] == {}


def test_unknown_column_is_a_note_not_a_problem(tmp_path):
    data = write_canonical(tmp_path, persons=lambda f: f.assign(postcode="9700"))
    assert validate_dataset(data).notes == ["persons.parquet: kolom(men) genegeerd: postcode"]


def test_large_but_real_amounts_pass(tmp_path):
    # a household with 5 million income and 2 billion wealth exists; below every limit
    validate_dataset(write_canonical(tmp_path, households=change(0, disposable_income=5e6, wealth=2e9)))


def test_optional_columns_present_and_valid(tmp_path):
    data = write_canonical(tmp_path, households=lambda f: f.assign(
        rent_allowance=0.0, cbs_low_income_pct=[80.0, 120.0, None, 85.5, 130.0]))
    validate_dataset(data)


def append(name: str, **row):
    return lambda frame: pd.concat([frame, pd.DataFrame([row])], ignore_index=True)


def change(row: int, **values):
    def apply(frame):
        frame = frame.astype({c: object for c in values})
        for column, value in values.items():
            frame.loc[row, column] = value
        return frame
    return apply


# id, overrides for write_canonical, expected (table, column, rule start, count, keys),
# and further problems the same fault causes. Row numbers refer to conftest.valid_tables.
CASES = [
    ("duplicate person_id",
     dict(persons=append("persons", person_id=3, birth_year=1975, sex="V", education="middelbaar")),
     ("persons", "person_id", "dubbele sleutel", 2, (("3",),)), []),
    ("birth_year before 1900", dict(persons=change(6, birth_year=1899)),
     ("persons", "birth_year", "buiten 1900..", 1, (("7",),)), []),
    ("birth_year not a number (csv)", dict(persons=change(3, birth_year="abc"), formats={"persons": "csv"}),
     ("persons", "birth_year", "geen geldige int16", 1, (("4",),)), []),
    ("birth_year not whole",
     dict(persons=lambda f: f.assign(birth_year=f.birth_year.astype(float)).pipe(change(2, birth_year=1975.5))),
     ("persons", "birth_year", "geen geldige int16", 1, (("3",),)), []),
    ("sex outside M/V", dict(persons=change(1, sex="X")),
     ("persons", "sex", "waarde niet in (M, V)", 1, (("2",),)), []),
    ("education unknown level", dict(persons=change(0, education="hbo")),
     ("persons", "education", "waarde niet in (laag, middelbaar, hoog)", 1, (("1",),)), []),
    ("person_id null", dict(persons=append("persons", person_id=None, birth_year=1990, sex="M", education=None),
                            formats={"persons": "csv"}),
     ("persons", "person_id", "waarde ontbreekt", 1, ((None,),)), []),
    ("sex column missing", dict(persons=lambda f: f.drop(columns="sex")),
     ("persons", "sex", "kolom ontbreekt", None, ()), []),
    # the parent_child checks that need no birth year still run (they once crashed here)
    ("birth_year column missing", dict(persons=lambda f: f.drop(columns="birth_year")),
     ("persons", "birth_year", "kolom ontbreekt", None, ()), []),
    ("child listed twice", dict(parent_child=append("parent_child", child_id=5, mother_id=3, father_id=None)),
     ("parent_child", "child_id", "dubbele sleutel", 2, (("5",),)), []),
    ("mother not in persons", dict(parent_child=change(2, mother_id=99)),
     ("parent_child", "mother_id", "niet gevonden in persons", 1, (("6",),)), []),
    ("child without parents", dict(parent_child=append("parent_child", child_id=7, mother_id=None, father_id=None)),
     ("parent_child", "mother_id, father_id", "geen ouder", 1, (("7",),)), []),
    ("eigen ouder", dict(parent_child=append("parent_child", child_id=7, mother_id=7, father_id=None)),
     ("parent_child", "mother_id, father_id", "eigen ouder", 1, (("7",),)),
     [("parent_child", "mother_id", "moeder niet voor het kind geboren", 1, (("7",),))]),
    ("father born after child", dict(parent_child=change(0, father_id=7)),  # 7: 1980, child 3: 1975
     ("parent_child", "father_id", "vader niet voor het kind geboren", 1, (("3",),)), []),
    ("ancestry cycle", dict(
        persons=lambda f: pd.concat([f, pd.DataFrame({"person_id": [20, 21], "birth_year": [1990, 1990],
                                                      "sex": ["V", "V"], "education": [None, None]})]),
        parent_child=lambda f: pd.concat([f, pd.DataFrame({"child_id": [20, 21], "mother_id": [21, 20],
                                                           "father_id": [None, None]})])),
     ("parent_child", "child_id", "eigen voorouder", 2, (("20",), ("21",))),
     [("parent_child", "mother_id", "moeder niet voor het kind geboren", 2, (("20",), ("21",)))]),
    ("household key twice", dict(households=lambda f: pd.concat([f, f.iloc[[3]]])),
     ("households", "year, household_id", "dubbele sleutel", 2, (("2021", "10"),)), []),
    ("household_type unknown", dict(households=change(0, household_type="gezin")),
     ("households", "household_type", "waarde niet in", 1, (("2020", "10"),)), []),
    ("main_income_source unknown", dict(households=change(4, main_income_source="loon")),
     ("households", "main_income_source", "waarde niet in", 1, (("2021", "11"),)), []),
    ("municipality code malformed", dict(households=change(2, municipality="GM14")),
     ("households", "municipality", r"past niet op ^GM\d{4}$", 1, (("2020", "12"),)), []),
    ("district outside its municipality", dict(households=change(4, district="WK001501", neighbourhood="BU00150101")),
     ("households", "district", "begint niet met de cijfers van de gemeente", 1, (("2021", "11"),)), []),
    ("neighbourhood outside its district", dict(households=change(4, neighbourhood="BU00140301")),
     ("households", "neighbourhood", "begint niet met de cijfers van de wijk", 1, (("2021", "11"),)), []),
    ("neighbourhood without district outside municipality", dict(households=change(2, neighbourhood="BU00140101")),
     ("households", "neighbourhood", "begint niet met de cijfers van de gemeente", 1, (("2020", "12"),)), []),
    ("neighbourhood code malformed", dict(households=change(1, neighbourhood="BU123")),
     ("households", "neighbourhood", r"past niet op ^BU\d{8}$", 1, (("2020", "11"),)), []),
    ("negative n_minors", dict(households=change(2, n_adults=2, n_minors=-1)),  # sum 1 = 1 member
     ("households", "n_minors", "negatief", 1, (("2020", "12"),)), []),
    ("member count differs", dict(households=change(1, n_minors=3)),  # 2 + 3 = 5, members 4
     ("households", "n_adults, n_minors", "n_adults + n_minors wijkt af", 1, (("2020", "11"),)), []),
    ("NaN income (csv)", dict(households=change(0, disposable_income="NaN"), formats={"households": "csv"}),
     ("households", "disposable_income", "NaN of oneindig", 1, (("2020", "10"),)), []),
    ("CBS unknown code as income", dict(households=change(0, disposable_income=9999999999.0)),
     ("households", "disposable_income", "CBS-code voor onbekend", 1, (("2020", "10"),)), []),
    ("CBS unknown code as wealth", dict(households=change(0, wealth=99999999999.0)),
     ("households", "wealth", "CBS-code voor onbekend", 1, (("2020", "10"),)), []),
    ("implausible income", dict(households=change(0, disposable_income=1e300)),
     ("households", "disposable_income", "onwaarschijnlijk bedrag", 1, (("2020", "10"),)), []),
    ("implausible negative income", dict(households=change(0, disposable_income=-2e9)),
     ("households", "disposable_income", "onwaarschijnlijk bedrag", 1, (("2020", "10"),)), []),
    ("infinite income (csv)", dict(households=change(0, disposable_income="inf"), formats={"households": "csv"}),
     ("households", "disposable_income", "NaN of oneindig", 1, (("2020", "10"),)), []),
    ("income not a number (csv)",
     dict(households=change(0, disposable_income="onbekend"), formats={"households": "csv"}),
     ("households", "disposable_income", "geen geldige float64", 1, (("2020", "10"),)), []),
    ("boolean not a boolean (csv)",
     dict(households=change(3, student_household="misschien"), formats={"households": "csv"}),
     ("households", "student_household", "geen geldige boolean", 1, (("2021", "10"),)), []),
    ("null in a required boolean", dict(households=change(1, full_year_income=None)),
     ("households", "full_year_income", "waarde ontbreekt", 1, (("2020", "11"),)), []),
    ("null rent_allowance", dict(households=lambda f: f.assign(rent_allowance=[0.0, None, 0.0, 0.0, 0.0])),
     ("households", "rent_allowance", "waarde ontbreekt", 1, (("2020", "11"),)), []),
    ("NaN cbs_low_income_pct", dict(households=lambda f: canonical_arrow("households", f).append_column(
        "cbs_low_income_pct", pa.array([80.0, math.nan, None, 85.0, 90.0], from_pandas=False))),
     ("households", "cbs_low_income_pct", "NaN of oneindig", 1, (("2020", "11"),)), []),
    ("member twice in a year", dict(members=append("members", year=2020, person_id=7, household_id=12, role="overig",
                                                   employed=False, benefit=True)),
     ("members", "year, person_id", "dubbele sleutel", 2, (("2020", "7"),)),
     [("households", "n_adults, n_minors", "n_adults + n_minors wijkt af", 1, (("2020", "12"),))]),
    ("member of unknown household", dict(members=change(6, household_id=13)),
     ("members", "household_id", "huishouden staat dat jaar niet in households", 1, (("2020", "7"),)),
     [("households", "n_adults, n_minors", "n_adults + n_minors wijkt af", 1, (("2020", "12"),))]),
    ("member not in persons", dict(members=change(6, person_id=99)),
     ("members", "person_id", "niet gevonden in persons", 1, (("2020", "99"),)), []),
    ("role unknown", dict(members=change(4, role="ouder")),
     ("members", "role", "waarde niet in", 1, (("2020", "5"),)), []),
    ("debt restructuring twice", dict(debt_restructuring=lambda f: pd.concat([f, f])),
     ("debt_restructuring", "year, person_id", "dubbele sleutel", 2, (("2020", "7"),)), []),
    ("debt restructuring of unknown person", dict(debt_restructuring=lambda f: f.assign(person_id=[99])),
     ("debt_restructuring", "person_id", "niet gevonden in persons", 1, (("2020", "99"),)), []),
    ("debt year not a number",
     dict(debt_restructuring=lambda f: f.assign(year=["2020x"]), formats={"debt_restructuring": "csv"}),
     ("debt_restructuring", "year", "geen geldige int16", 1, (("2020x", "7"),)), []),
]


def fingerprint(problem):
    return (problem.table, problem.column, problem.rule, problem.count, problem.keys)


def files_in(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


@PART_ROWS
@pytest.mark.parametrize(("overrides", "expected", "also"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_input_names_table_column_rule_count_and_keys(tmp_path, monkeypatch, overrides,
                                                                 expected, also, part_rows):
    monkeypatch.setattr(validate, "PART_ROWS", part_rows)
    data = write_canonical(tmp_path, **overrides)
    before = files_in(tmp_path)
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(data)
    found = [fingerprint(p) for p in raised.value.findings]
    wanted = [expected, *also]
    assert len(found) == len(wanted), raised.value
    for (table, column, rule, count, keys), got in zip(sorted(wanted), sorted(found), strict=True):
        assert got[:2] == (table, column)
        assert got[2].startswith(rule), got[2]
        assert got[3:] == (count, keys)
    message = str(raised.value)
    assert f"kolom {expected[1]}" in message and expected[0] in message
    assert files_in(tmp_path) == before  # validation writes nothing


def problems_for(data: Path) -> str:
    with pytest.raises(InputError) as raised:
        validate_dataset(data)
    return str(raised.value)


def test_missing_table_and_other_problems_together(tmp_path):
    message = problems_for(write_canonical(tmp_path, persons=None, members=change(4, role="ouder")))
    assert "- persons: tabel ontbreekt" in message
    assert "members.parquet, kolom role: waarde niet in" in message
    assert "niet gevonden in persons" not in message  # checks that need persons are skipped


def test_table_given_twice(tmp_path):
    data = write_canonical(tmp_path)
    valid_tables()["persons"].to_csv(data / "persons.csv", index=False)
    assert "persons: tabel meer dan eens gegeven (persons.parquet, persons.csv)" in problems_for(data)


def test_missing_data_folder(tmp_path):
    assert "datamap niet gevonden" in problems_for(tmp_path / "nowhere")


def test_file_that_is_not_parquet(tmp_path):
    data = write_canonical(tmp_path)
    (data / "persons.parquet").write_text("person_id,birth_year\n1,1950\n")
    message = problems_for(data)
    assert "persons.parquet: bestand niet leesbaar" in message
    # checks that need persons are skipped, not reported as a flood of follow-on errors
    assert "niet gevonden in persons" not in message


def test_empty_file(tmp_path):
    data = write_canonical(tmp_path, formats={"members": "csv"})
    (data / "members.csv").write_text("")
    assert "members.csv: bestand is leeg" in problems_for(data)


def test_csv_that_does_not_parse(tmp_path):
    data = write_canonical(tmp_path, formats={"persons": "csv"})
    (data / "persons.csv").write_text("person_id,birth_year,sex,education\n1,1950,V\n2,1952,M,laag,extra,more\n")
    message = problems_for(data)
    assert "persons.csv: bestand niet leesbaar (Invalid Input Error: CSV Error on Line: 2" in message
    assert message.count("\n- ") == 1  # checks of other tables that need persons are skipped


def test_corrupt_sav(tmp_path):
    data = write_canonical(tmp_path, persons=None)
    (data / "persons.sav").write_bytes(b"not an spss file")
    assert "persons.sav: bestand niet leesbaar" in problems_for(data)


def test_header_only_households(tmp_path):
    data = write_canonical(tmp_path, formats={"households": "csv"},
                           households=lambda f: f.iloc[0:0])
    message = problems_for(data)
    assert "households.csv: tabel heeft geen rijen" in message
    # all 13 member rows now point at a household that does not exist
    assert "huishouden staat dat jaar niet in households: 13 rijen" in message


@PART_ROWS
def test_keys_across_years_come_in_key_order(tmp_path, monkeypatch, part_rows):
    """Checked part after part (one year each, then the rows without a year), the counts
    add up over the parts and the first keys are those of the earliest years."""
    monkeypatch.setattr(validate, "PART_ROWS", part_rows)
    no_year = {"year": None, "person_id": 1, "household_id": 99, "role": "kind",
               "employed": False, "benefit": False}
    data = write_canonical(tmp_path, households=lambda f: f[f.year == 2021].assign(household_id=[20, 21]),
                           members=lambda f: pd.concat([f, pd.DataFrame([no_year])], ignore_index=True))
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(data)
    found = {(p.table, p.rule.split(":")[0]): p for p in raised.value.findings}
    missing = found["members", "huishouden staat dat jaar niet in households"]
    assert missing.count == 7 + 6  # every members row with a year; 2021's point at 10 and 11
    assert missing.keys == (("2020", "1"), ("2020", "2"), ("2020", "3"), ("2020", "4"), ("2020", "5"))
    counted = found["households", "n_adults + n_minors wijkt af van het aantal leden"]
    assert counted.count == 2 and counted.keys == (("2021", "20"), ("2021", "21"))
    assert found["members", "waarde ontbreekt (leeg mag niet)"].keys == ((None, "1"),)


def test_all_problems_are_reported_at_once(tmp_path):
    data = write_canonical(tmp_path, persons=change(1, sex="X"), members=change(4, role="ouder"))
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(data)
    assert {(p.table, p.column) for p in raised.value.findings} == {("persons", "sex"), ("members", "role")}


def test_keys_are_the_first_five_in_key_order(tmp_path):
    extra = pd.DataFrame({"person_id": range(100, 110), "birth_year": 1800, "sex": "M", "education": None})
    data = write_canonical(tmp_path, persons=lambda f: pd.concat([f, extra.iloc[::-1]]))
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(data)
    [problem] = raised.value.findings
    assert problem.count == 10
    assert problem.keys == (("100",), ("101",), ("102",), ("103",), ("104",))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shifts=st.lists(st.integers(min_value=-3, max_value=3), min_size=5, max_size=5))
def test_member_count_rule_flags_exactly_the_changed_households(tmp_path_factory, shifts):
    """Adding k != 0 to a household's n_minors breaks the count rule for it alone."""
    tmp_path = tmp_path_factory.mktemp("h")
    valid = valid_tables()["households"]
    # keep n_minors >= 0 so only the count rule can fire
    shifts = [max(s, -int(m)) for s, m in zip(shifts, valid.n_minors, strict=True)]
    data = write_canonical(tmp_path, households=lambda f: f.assign(n_minors=f.n_minors + np.array(shifts)))
    changed = [(str(y), str(h)) for y, h, s in zip(valid.year, valid.household_id, shifts, strict=True) if s]
    if not changed:
        validate_dataset(data)
        return
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(data)
    [problem] = raised.value.findings
    assert problem.rule.startswith("n_adults + n_minors wijkt af")
    assert problem.count == len(changed)
    assert set(problem.keys) == set(changed)
