"""Writing the canonical tables: persons and parent_child once, the rest per year."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from armoedemonitor.synth.state import NONE, State

YEARLY = ("households", "members", "debt_restructuring")


def write_year(out: Path, year: int, tables: dict[str, pa.Table]) -> None:
    """Hive layout ``NAME/year=YYYY/part-0.parquet``: the year lives in the folder name
    only, as readers (DuckDB, Spark, pyarrow) refuse or override a second copy in the file."""
    for name in YEARLY:
        folder = out / name / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(tables[name].drop_columns(["year"]), folder / "part-0.parquet")


def write_persons(out: Path, state: State) -> None:
    """Everyone who appears in a written year, and their parents among them."""
    written = np.flatnonzero(state.written)
    education = np.array(["laag", "middelbaar", "hoog", None], dtype=object)[state.education[written]]
    persons = pa.table({
        "person_id": pa.array(written + 1, pa.int64()),
        "birth_year": pa.array(state.birth_year[written].astype(np.int16)),
        "sex": pa.array(np.where(state.female[written], "V", "M"), pa.string()),
        "education": pa.array(education, pa.string()),
    })
    pq.write_table(persons, out / "persons.parquet")

    mother, father = state.mother[written], state.father[written]
    mother_known = (mother != NONE) & state.written[np.maximum(mother, 0)]
    father_known = (father != NONE) & state.written[np.maximum(father, 0)]
    linked = mother_known | father_known
    parent_child = pa.table({
        "child_id": pa.array(written[linked] + 1, pa.int64()),
        "mother_id": pa.array(mother[linked] + 1, pa.int64(), mask=~mother_known[linked]),
        "father_id": pa.array(father[linked] + 1, pa.int64(), mask=~father_known[linked]),
    })
    pq.write_table(parent_child, out / "parent_child.parquet")
