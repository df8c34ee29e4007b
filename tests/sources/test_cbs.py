"""CBS mapping on small hand-made files in CBS form (.sav, .csv, .parquet).

The scenario, income year 2020 (expected values follow from these lines):
  persons 1 (1950 V) + 2 (1952 M) -> 3 (1975 V); 3 + 4 (1973 M) -> 5 (2005 V) and
  6 (2010 M, father unknown: RIN 000000000); 7 (1980 M); 8 (2001 V, student).
  Households by main breadwinner: 1 = {1, 2}, 3 = {3, 4, 5, 6}, 7 = {7}, 8 = {8}.
  Addresses on 1 January 2021: 1 -> object 101 (GM0014/WK001401/BU00140101);
  3 moved on 16 June 2020 from object 102 (GM1680) to 103 (GM0014/WK001402/BU00140201);
  8 -> object 104 (gemeente known, wijk and buurt unknown); 7 has no address.
"""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest

from armoedemonitor.errors import InputError
from armoedemonitor.sources.cbs import map_cbs


def rin(n):
    return f"{n:09d}"


def write_cbs(folder, persons_sex=None):
    folder.mkdir()
    persons = pd.DataFrame({
        "RINPERSOONS": "R", "RINPERSOON": [rin(i) for i in range(1, 9)],
        "GBAGEBOORTEJAAR": ["1950", "1952", "1975", "1973", "2005", "2010", "1980", "2001"],
        "GBAGESLACHT": persons_sex or ["2", "1", "2", "1", "2", "1", "1", "2"],
    })
    pyreadstat.write_sav(persons, str(folder / "GBAPERSOON2022TABV1.sav"))
    (folder / "KINDOUDER2022TABV1.csv").write_text(
        "RINPERSOONS;RINPERSOON;RINPERSOONSpa;RINPERSOONpa;RINPERSOONSMa;RINPERSOONMa\n"
        f"R;{rin(3)};R;{rin(2)};R;{rin(1)}\n"
        f"R;{rin(5)};R;{rin(4)};R;{rin(3)}\n"
        f"R;{rin(6)};R;000000000;R;{rin(3)}\n"
        f"R;{rin(7)};R;;R;\n"  # no known parent: not a parent_child row
    )
    pd.DataFrame({"RINPERSOONS": "R", "RINPERSOON": [rin(1), rin(3), rin(4)],
                  "OPLNIVSOI2021AGG4HBmetNIRWO": ["1111", "2121", "3112"]}).to_parquet(
        folder / "HOOGSTEOPL2022TABV1.parquet")
    households = pd.DataFrame({
        "RINPERSOONSHKW": "R", "RINPERSOONHKW": [rin(1), rin(3), rin(7), rin(8)],
        "INHBESTINKH": [30000.0, 9999999999.0, 12000.5, 9000.0],
        "INHARMLAG": [150.0, -1.0, 85.0, 70.0],
        "INHSAMHH": ["22", "31", "11", "13"],
        "INHPOPIIV": ["1", "1", "1", "2"],
        "INHBBIHJ": ["25", "11", "22", "26"],
    })
    pyreadstat.write_sav(households.assign(INHBESTINKH=1.0), str(folder / "INHA2020TABV1.sav"))  # old version
    pyreadstat.write_sav(households, str(folder / "INHA2020TABV2.sav"))
    members = [(1, 1), (2, 1), (3, 3), (4, 3), (5, 3), (6, 3), (7, 7), (8, 8)]
    pd.DataFrame({"RINPERSOONS": "R", "RINPERSOON": [rin(p) for p, _ in members],
                  "RINPERSOONSHKW": "R", "RINPERSOONHKW": [rin(h) for _, h in members]}).to_csv(
        folder / "KOPPELPERSOONHUISHOUDEN2020V1.csv", index=False)
    pd.DataFrame({"RINPERSOONS": "R", "RINPERSOON": [rin(p) for p in (1, 2, 3, 4, 5, 6, 7, 8)],
                  "INPPOSHHK": ["2", "3", "2", "4", "5", "5", "1", "1"],
                  "INPSECJ": ["25", "25", "11", "22", "31", "31", "21", "26"]}).to_parquet(
        folder / "INPA2020TABV1.parquet")
    pyreadstat.write_sav(pd.DataFrame({"RINPERSOONSHKW": ["R"] * 3, "RINPERSOONHKW": [rin(1), rin(3), rin(8)],
                                       "VEHW1000VERH": [50000.0, 99999999999.0, -2500.0]}),
                         str(folder / "VEH2020TABV1.sav"))
    (folder / "GBAADRESOBJECT2022BUSV1.csv").write_text(
        "RINPERSOONS,RINPERSOON,GBADATUMAANVANGADRESHOUDING,GBADATUMEINDEADRESHOUDING,SOORTOBJECTNUMMER,RINOBJECTNUMMER\n"
        f"R,{rin(1)},19900101,,V,101\n"
        f"R,{rin(3)},20000101,20200615,V,102\n"
        f"R,{rin(3)},20200616,,V,103\n"
        f"R,{rin(8)},20190901,20250101,V,104\n"
    )
    (folder / "VSLGWB2022TAB03V1.csv").write_text(
        "SOORTOBJECTNUMMER,RINOBJECTNUMMER,gem2020,wc2020,bc2020\n"
        "V,101,0014,001401,00140101\n"
        "V,102,1680,168001,16800101\n"
        "V,103,0014,001402,00140201\n"
        "V,104,0014,--------,--------\n"
    )
    (folder / "WSNP2022V1.csv").write_text(
        "RINPERSOON,WSNPDATUMAANVANG,WSNPDATUMEINDE\n"
        f"{rin(4)},20190301,20200301\n"
        f"{rin(2)},20210101,\n"
    )
    return folder


@pytest.fixture
def mapped(tmp_path):
    cbs = write_cbs(tmp_path / "cbs")
    report = map_cbs(cbs, tmp_path / "canonical", [2020])
    out = tmp_path / "canonical"
    keys = {"persons": "person_id", "parent_child": "child_id", "households": "household_id",
            "members": "person_id", "debt_restructuring": "person_id"}
    tables = {name: pq.read_table(out / f"{name}.parquet").sort_by(key) for name, key in keys.items()}
    return report, tables


def rows(table, _key=None):
    return table.to_pylist()


def column(table, name):
    return table[name].to_pylist()


def test_persons_sex_and_education(mapped):
    _, tables = mapped
    persons = tables["persons"]
    assert column(persons, "person_id") == list(range(1, 9))
    assert column(persons, "sex") == ["V", "M", "V", "M", "V", "M", "M", "V"]  # 1 = man, 2 = vrouw
    assert column(persons, "education") == ["laag", None, "middelbaar", "hoog", None, None, None, None]
    assert persons.schema.field("birth_year").type == "int16"


def test_parent_links_with_unknown_parent_as_null(mapped):
    _, tables = mapped
    links = tables["parent_child"]
    assert column(links, "child_id") == [3, 5, 6]  # 7 has no known parent
    assert column(links, "mother_id") == [1, 3, 3]
    assert column(links, "father_id") == [2, 4, None]


def test_households(mapped):
    report, tables = mapped
    households = rows(tables["households"], "household_id")
    assert [h["household_id"] for h in households] == [1, 3, 8]  # 7 has no address
    assert report.households_without_region == {2020: 1}
    one, three, eight = households
    assert (one["household_type"], one["main_income_source"], one["disposable_income"],
            one["cbs_low_income_pct"], one["wealth"]) == ("paar", "pensioen", 30000.0, 150.0, 50000.0)
    assert (one["municipality"], one["district"], one["neighbourhood"]) == ("GM0014", "WK001401", "BU00140101")
    # sentinels 9999999999 (income), 99999999999 (wealth) and INHARMLAG -1 are unknown: null
    assert (three["disposable_income"], three["wealth"], three["cbs_low_income_pct"]) == (None, None, None)
    # address on 1 January 2021: the new one, not the one left in June 2020
    assert (three["municipality"], three["district"]) == ("GM0014", "WK001402")
    # 5 (2020 - 2005 = 15) and 6 (10) are minors; 3 and 4 adults
    assert (three["n_adults"], three["n_minors"], three["household_type"]) == (2, 2, "paar_met_kinderen")
    assert (eight["student_household"], eight["main_income_source"], eight["wealth"]) == (True, "overig", -2500.0)
    assert eight["district"] is None and eight["neighbourhood"] is None
    assert tables["households"].schema.field("year").type == "int16"


def test_members_roles_work_and_benefit(mapped):
    _, tables = mapped
    members = rows(tables["members"], "person_id")
    assert [m["person_id"] for m in members] == [1, 2, 3, 4, 5, 6, 8]  # 7's household left out
    assert [m["role"] for m in members] == ["hoofdkostwinner", "partner", "hoofdkostwinner", "partner",
                                            "kind", "kind", "hoofdkostwinner"]
    assert [m["employed"] for m in members] == [False, False, True, False, False, False, False]
    assert [m["benefit"] for m in members] == [False, False, False, True, False, False, False]


def test_debt_restructuring_spells_overlapping_the_year(mapped):
    _, tables = mapped
    assert rows(tables["debt_restructuring"], "person_id") == [{"year": 2020, "person_id": 4}]


def test_latest_file_version_is_used(mapped):
    report, _ = mapped
    assert report.inputs["INHATAB"] == ["INHA2020TABV2.sav"]


def test_missing_cbs_table(tmp_path):
    cbs = write_cbs(tmp_path / "cbs")
    (cbs / "INPA2020TABV1.parquet").unlink()
    with pytest.raises(InputError, match="INPATAB: geen bestand voor 2020"):
        map_cbs(cbs, tmp_path / "out", [2020])
    assert not (tmp_path / "out").exists()


def test_invalid_result_writes_nothing(tmp_path):
    cbs = write_cbs(tmp_path / "cbs", persons_sex=["2", "1", "2", "-", "2", "1", "1", "2"])
    with pytest.raises(InputError, match="kolom sex: waarde ontbreekt"):
        map_cbs(cbs, tmp_path / "out", [2020])
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["cbs"]


def test_corrupt_sav_names_the_file(tmp_path):
    cbs = write_cbs(tmp_path / "cbs")
    (cbs / "GBAPERSOON2022TABV1.sav").write_bytes(b"$FL2 truncated")
    with pytest.raises(InputError, match=r"GBAPERSOON2022TABV1.sav: geen leesbaar SPSS-bestand"):
        map_cbs(cbs, tmp_path / "out", [2020])
    assert not (tmp_path / "out").exists()
