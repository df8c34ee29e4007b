"""A small valid canonical dataset, written in any format; other tests may reuse it.

Three generations in two households, years 2020 and 2021:
  persons 1 (1950, V) + 2 (1952, M) -> child 3 (1975, V); 3 + 4 (1973, M) -> children
  5 (2005) and 6 (2010, mother only known); 7 (1980) lives alone in 2020.
  2020: household 10 = {1, 2}, 11 = {3, 4, 5, 6}, 12 = {7};  2021: 10 and 11 again.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from armoedemonitor.sources.schema import TABLES

ARROW = {"int64": pa.int64(), "int16": pa.int16(), "float64": pa.float64(),
         "string": pa.string(), "boolean": pa.bool_()}


def valid_tables() -> dict[str, pd.DataFrame]:
    persons = pd.DataFrame({
        "person_id": [1, 2, 3, 4, 5, 6, 7],
        "birth_year": [1950, 1952, 1975, 1973, 2005, 2010, 1980],
        "sex": ["V", "M", "V", "M", "V", "M", "M"],
        "education": ["laag", None, "middelbaar", "hoog", None, None, "laag"],
    })
    parent_child = pd.DataFrame({
        "child_id": [3, 5, 6], "mother_id": [1, 3, 3], "father_id": [2, 4, None],
    })
    def household(year, hid, income, adults, minors, kind, source, gm, wk, bu):
        return {"year": year, "household_id": hid, "disposable_income": income,
                "n_adults": adults, "n_minors": minors, "household_type": kind,
                "student_household": False, "full_year_income": income is not None,
                "main_income_source": source, "wealth": 1000.0 if income else None,
                "municipality": gm, "district": wk, "neighbourhood": bu}
    households = pd.DataFrame([
        household(2020, 10, 30000.0, 2, 0, "paar", "pensioen", "GM0014", "WK001401", "BU00140102"),
        household(2020, 11, 41000.5, 2, 2, "paar_met_kinderen", "werk", "GM0014", "WK001401", "BU00140101"),
        household(2020, 12, None, 1, 0, "eenpersoons", "uitkering", "GM1680", None, None),
        household(2021, 10, 31000.0, 2, 0, "paar", "pensioen", "GM0014", "WK001401", "BU00140102"),
        household(2021, 11, 42000.0, 2, 2, "paar_met_kinderen", "werk", "GM0014", "WK001402", "BU00140201"),
    ])
    def members_of(year, hid, people):
        return [{"year": year, "person_id": pid, "household_id": hid, "role": role,
                 "employed": role in ("hoofdkostwinner", "partner") and hid != 10,
                 "benefit": hid == 12} for pid, role in people]
    members = pd.DataFrame(
        members_of(2020, 10, [(1, "hoofdkostwinner"), (2, "partner")])
        + members_of(2020, 11, [(3, "hoofdkostwinner"), (4, "partner"), (5, "kind"), (6, "kind")])
        + members_of(2020, 12, [(7, "hoofdkostwinner")])
        + members_of(2021, 10, [(1, "hoofdkostwinner"), (2, "partner")])
        + members_of(2021, 11, [(3, "hoofdkostwinner"), (4, "partner"), (5, "kind"), (6, "kind")])
    )
    debt = pd.DataFrame({"year": [2020], "person_id": [7]})
    return {"persons": persons, "parent_child": parent_child, "households": households,
            "members": members, "debt_restructuring": debt}


def canonical_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """Arrow table with canonical types where the values fit them; other columns keep
    their own type, so malformed test data stays malformed on disk."""
    schema = TABLES[name]
    known = {c.name: ARROW[c.dtype] for c in schema.columns}
    table = pa.Table.from_pandas(frame, preserve_index=False)
    columns = {}
    for field_ in table.schema:
        column = table[field_.name]
        target = known.get(field_.name)
        if target is not None:
            try:
                column = column.cast(target)  # safe cast: 1975.5 -> int16 raises
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                pass
        columns[field_.name] = column
    return pa.table(columns)


def write_table(data_dir: Path, name: str, frame: pd.DataFrame | pa.Table, fmt: str) -> None:
    if isinstance(frame, pa.Table):  # exactly as given (e.g. a real NaN, which pandas calls null)
        pq.write_table(frame, data_dir / f"{name}.parquet")
    elif fmt == "parquet":
        pq.write_table(canonical_arrow(name, frame), data_dir / f"{name}.parquet")
    elif fmt == "csv":
        frame.to_csv(data_dir / f"{name}.csv", index=False)
    elif fmt == "hive":  # folder partitioned by year= (or plain folder without a year)
        table = canonical_arrow(name, frame)
        cols = ["year"] if "year" in frame.columns else None
        pq.write_to_dataset(table, data_dir / name, partition_cols=cols)
    elif fmt == "sav":
        import pyreadstat
        pyreadstat.write_sav(frame, str(data_dir / f"{name}.sav"))
    else:
        raise ValueError(fmt)


def write_canonical(tmp_path: Path, fmt: str = "parquet", formats: dict | None = None,
                    **overrides) -> Path:
    """Write the valid dataset to tmp_path/data; return that folder.

    ``overrides``: table name -> DataFrame that replaces it, a function DataFrame ->
    DataFrame applied to it, or None to leave the table out. ``formats`` per table
    overrides ``fmt`` ('parquet', 'csv', 'hive', 'sav').
    """
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    tables = valid_tables()
    for name, frame in tables.items():
        override = overrides.get(name, frame)
        if name in overrides and override is None:
            continue
        if callable(override):
            override = override(frame.copy())
        write_table(data_dir, name, override, (formats or {}).get(name, fmt))
    return data_dir


@pytest.fixture
def canonical_dir(tmp_path):
    return write_canonical(tmp_path)
