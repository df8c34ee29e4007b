"""Tiny canonical datasets built from rows, loaded into a real backend (DuckDB or Spark).

``make_tables(con, households=[...], members=[...], persons=[...])`` fills every
column the caller leaves out with a neutral default (in scope, full year, no rent
allowance), so a test states only what matters for it.
"""

from __future__ import annotations

import itertools

import pandas as pd

HOUSEHOLD_DEFAULTS = {
    "rent_allowance": 0.0, "cbs_low_income_pct": None, "n_adults": 1, "n_minors": 0,
    "household_type": "eenpersoons", "student_household": False, "full_year_income": True,
    "main_income_source": "werk", "wealth": None, "municipality": "GM0014",
    "district": None, "neighbourhood": None,
}
MEMBER_DEFAULTS = {"role": "hoofdkostwinner", "employed": False, "benefit": False}
PERSON_DEFAULTS = {"birth_year": 1980, "sex": "V", "education": None}

DTYPES = {
    "persons": {"person_id": "int64", "birth_year": "int16", "sex": "string", "education": "string"},
    "parent_child": {"child_id": "int64", "mother_id": "Int64", "father_id": "Int64"},
    "households": {
        "year": "int16", "household_id": "int64", "disposable_income": "float64",
        "rent_allowance": "float64", "cbs_low_income_pct": "float64", "n_adults": "int16",
        "n_minors": "int16", "household_type": "string", "student_household": "bool",
        "full_year_income": "bool", "main_income_source": "string", "wealth": "float64",
        "municipality": "string", "district": "string", "neighbourhood": "string",
    },
    "members": {"year": "int16", "person_id": "int64", "household_id": "int64", "role": "string",
                "employed": "bool", "benefit": "bool"},
    "debt_restructuring": {"year": "int16", "person_id": "int64"},
}
SPARK_TYPES = {"int64": "bigint", "Int64": "bigint", "int16": "smallint", "string": "string",
               "float64": "double", "bool": "boolean"}
SPARK_DDL = {table: ", ".join(f"{c} {SPARK_TYPES[t]}" for c, t in columns.items())
             for table, columns in DTYPES.items()}
_names = itertools.count()


def frame(table: str, rows: list[dict], defaults: dict | None = None) -> pd.DataFrame:
    rows = [{**(defaults or {}), **row} for row in rows]
    columns = DTYPES[table]
    df = pd.DataFrame(rows, columns=list(columns))
    for column, dtype in columns.items():
        if dtype in ("float64",):
            df[column] = pd.to_numeric(df[column], errors="raise").astype("float64")
        else:
            df[column] = df[column].astype(dtype)
    return df


def make_frames(households, members, persons=None, parent_child=(), debt_restructuring=()):
    """Canonical pandas frames; persons default to every member with birth_year 1980."""
    if persons is None:
        persons = [{"person_id": pid} for pid in sorted({m["person_id"] for m in members})]
    return {
        "households": frame("households", households, HOUSEHOLD_DEFAULTS),
        "members": frame("members", members, MEMBER_DEFAULTS),
        "persons": frame("persons", persons, PERSON_DEFAULTS),
        "parent_child": frame("parent_child", list(parent_child)),
        "debt_restructuring": frame("debt_restructuring", list(debt_restructuring)),
    }


def load(con, frames: dict[str, pd.DataFrame]):
    """Create the frames as tables in the backend (unique names per call)."""
    suffix = next(_names)
    tables = {}
    for name, df in frames.items():
        table_name = f"{name}_{suffix}"
        if con.name == "duckdb":
            con.con.register("frame_view", df)
            con.con.execute(f"CREATE TABLE {table_name} AS SELECT * FROM frame_view")
            con.con.unregister("frame_view")
        else:
            rows = df.astype(object).where(df.notna(), None).values.tolist()
            con._session.createDataFrame(rows, schema=SPARK_DDL[name]).createOrReplaceTempView(table_name)
        tables[name] = con.table(table_name)
    return tables


def make_tables(con, *args, **kwargs):
    return load(con, make_frames(*args, **kwargs))
