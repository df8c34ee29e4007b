"""The synthetic population: schema, determinism and the invariants of a population."""

from __future__ import annotations

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from synth_data import make

from armoedemonitor.definitions import merger_map, municipalities

YEARLY = ("households", "members", "debt_restructuring")


def read(folder, name) -> pd.DataFrame:
    if name in YEARLY:
        table = ds.dataset(folder / name, format="parquet", partitioning="hive").to_table()
        frame = table.to_pandas()
        frame["year"] = frame["year"].astype(int)
        return frame
    return pq.read_table(folder / f"{name}.parquet").to_pandas()


def test_layout_and_dtypes(small):
    assert sorted(p.name for p in (small / "households").iterdir()) == [f"year={y}" for y in range(2003, 2020)]
    schemas = {name: pq.read_schema(small / name / "year=2005" / "part-0.parquet") for name in YEARLY}
    schemas["persons"] = pq.read_schema(small / "persons.parquet")
    schemas["parent_child"] = pq.read_schema(small / "parent_child.parquet")
    types = {name: {f.name: str(f.type) for f in schema} for name, schema in schemas.items()}
    assert types["persons"] == {"person_id": "int64", "birth_year": "int16", "sex": "string", "education": "string"}
    assert types["parent_child"] == {"child_id": "int64", "mother_id": "int64", "father_id": "int64"}
    assert types["households"] == {
        "household_id": "int64", "disposable_income": "double", "rent_allowance": "double",
        "n_adults": "int16", "n_minors": "int16", "household_type": "string",
        "student_household": "bool", "full_year_income": "bool", "main_income_source": "string",
        "wealth": "double", "municipality": "string", "district": "string", "neighbourhood": "string",
        "tenure": "string",
    }
    assert types["members"] == {"person_id": "int64", "household_id": "int64", "role": "string",
                                "employed": "bool", "benefit": "bool"}
    assert types["debt_restructuring"] == {"person_id": "int64"}


def test_same_seed_same_data_other_seed_other_data(small, tmp_path):
    again = make(tmp_path / "again", persons=4000)
    other = make(tmp_path / "other", persons=4000, seed=8)
    for name in ("persons", "parent_child", "households", "members", "debt_restructuring"):
        assert read(small, name).equals(read(again, name)), name
    assert not read(small, "households").equals(read(other, "households"))


def test_persons_and_parents(small):
    persons = read(small, "persons").set_index("person_id")
    links = read(small, "parent_child")
    assert persons.index.is_unique and links["child_id"].is_unique
    assert set(persons["sex"]) == {"M", "V"}
    assert set(persons["education"].dropna()) <= {"laag", "middelbaar", "hoog"}
    for column, sex in (("mother_id", "V"), ("father_id", "M")):
        known = links.dropna(subset=[column])
        parent = known[column].astype("int64")
        assert parent.isin(persons.index).all()
        assert (persons.loc[parent, "sex"] == sex).all()
        child_born = persons.loc[known["child_id"], "birth_year"].to_numpy()
        parent_born = persons.loc[parent, "birth_year"].to_numpy()
        assert (child_born - parent_born >= 15).all()
    # three generations: a grandchild whose parent also has a known parent
    has_parent = set(links["child_id"])
    parents = set(links["mother_id"].dropna().astype("int64")) | set(links["father_id"].dropna().astype("int64"))
    assert has_parent & parents


def test_households_follow_their_members(small):
    households = read(small, "households")
    members = read(small, "members")
    persons = read(small, "persons")
    assert not members.duplicated(["year", "person_id"]).any()
    assert not households.duplicated(["year", "household_id"]).any()
    m = members.merge(persons, on="person_id").merge(households, on=["year", "household_id"], validate="m:1")
    m["minor"] = m["year"] - m["birth_year"] < 18
    per = m.groupby(["year", "household_id"]).agg(
        size=("person_id", "size"), minors=("minor", "sum"), type=("household_type", "first"),
        adults=("n_adults", "first"), n_minors=("n_minors", "first"),
        breadwinners=("role", lambda r: (r == "hoofdkostwinner").sum()),
        partners=("role", lambda r: (r == "partner").sum()),
        kids=("role", lambda r: (r == "kind").sum()),
        others=("role", lambda r: (r == "overig").sum()),
    )
    assert len(per) == len(households)  # every household has members
    assert (per["adults"] + per["n_minors"] == per["size"]).all()
    assert (per["n_minors"] == per["minors"]).all()
    private = per[per["type"] != "institutioneel"]
    assert (private["breadwinners"] == 1).all()
    expected = {
        "eenpersoons": (private["size"] == 1),
        "paar": (private["partners"] == 1) & (private["kids"] == 0) & (private["others"] == 0),
        "paar_met_kinderen": (private["partners"] == 1) & (private["kids"] > 0) & (private["others"] == 0),
        "eenouder": (private["partners"] == 0) & (private["kids"] > 0) & (private["others"] == 0),
        "overig": private["others"] > 0,
    }
    for kind, rule in expected.items():
        assert (rule == (private["type"] == kind)).all(), kind
    assert set(per["type"]) == set(expected) | {"institutioneel"}


def test_codes_are_nested_and_of_their_year(small):
    households = read(small, "households")
    current = set(municipalities())
    old = merger_map()
    digits = households["municipality"].str[2:]
    assert (households["district"].str[:2] == "WK").all()
    assert (households["district"].str[2:6] == digits).all()
    assert (households["neighbourhood"].str[:8] == "BU" + households["district"].str[2:]).all()
    assert households["neighbourhood"].str.fullmatch(r"BU\d{8}").all()
    assert households["municipality"].isin(current | set(old)).all()
    # old codes only before the merger: Oldambt (2010), Westerwolde and Midden-Groningen (2018)
    since = {"GM1895": 2010, "GM1950": 2018, "GM1952": 2018}
    for code, new in old.items():
        years = households.loc[households["municipality"] == code, "year"]
        assert len(years) > 0 and years.max() < since[new], code
        later = households.loc[households["municipality"] == new, "year"]
        assert later.min() >= since[new], new


def test_incomes_and_flags(small):
    h = read(small, "households")
    assert set(h["main_income_source"]) == {"werk", "eigen_bedrijf", "uitkering", "pensioen", "overig"}
    care = h["household_type"] == "institutioneel"
    assert h.loc[care, "disposable_income"].isna().all()
    private = h[~care]
    assert 0 < private["disposable_income"].isna().mean() < 0.02       # a few unknown incomes
    assert (private["disposable_income"] < 0).any()                     # self-employed losses
    assert (~private["full_year_income"]).any() and private["student_household"].any()
    assert (h["wealth"] < 0).any() and (h["rent_allowance"] > 0).any()
    assert (h["rent_allowance"] >= 0).all()


def test_debt_restructuring_lasts_about_three_years(small):
    debt = read(small, "debt_restructuring")
    members = read(small, "members")
    assert len(debt) > 0
    assert debt.merge(members, on=["year", "person_id"]).shape[0] == len(debt)
    spells = debt.sort_values(["person_id", "year"])
    new_spell = spells.groupby("person_id")["year"].diff().ne(1)
    length = spells.groupby([spells["person_id"], new_spell.cumsum()]).size()
    assert length.max() <= 3
    assert (length == 3).any()


def test_size_scales_with_persons(tmp_path):
    """Rows grow in proportion to --persons (cost linear in N)."""
    sizes = [len(read(make(tmp_path / str(n), persons=n, last=2004), "members")) for n in (1000, 4000)]
    assert sizes[1] / sizes[0] == pytest.approx(4, rel=0.1)
    per_year = sizes[1] / 2
    assert per_year == pytest.approx(4000, rel=0.05)


def test_veenkolonien_lose_more_movers_than_they_gain(small):
    from armoedemonitor.definitions import region_sets

    veen = set(region_sets()["veenkolonien"].gemeenten)
    m = read(small, "members").merge(read(small, "households"), on=["year", "household_id"])
    m["veen"] = m["municipality"].replace(merger_map()).isin(veen)
    place = m.pivot_table(index="person_id", columns="year", values="veen", aggfunc="first")
    moved_out = moved_in = 0
    for year in range(2004, 2020):
        both = place[[year - 1, year]].dropna().astype(bool)
        moved_out += (both[year - 1] & ~both[year]).sum()
        moved_in += (~both[year - 1] & both[year]).sum()
    assert moved_out > moved_in


def test_the_validator_accepts_it(small):
    from armoedemonitor.sources.validate import validate_dataset

    validate_dataset(small)  # raises InputError listing every problem
