"""Read a release package (what the web app imports, after ``verify_release``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from armoedemonitor.errors import UserError
from armoedemonitor.results_table import RANGE_COLUMNS

INDICATOR_DTYPES = {
    "indicator": str, "region_level": str, "region_code": str, "breakdown": str,
    "category": str, "status": str,
}
COUNT_COLUMNS = ("numerator", "denominator", "value")


@dataclass
class Release:
    path: Path
    metadata: dict              # datapackage.json
    indicators: pd.DataFrame    # results schema + status + ranges; hidden values are NaN/<NA>
    definitions: pd.DataFrame
    output_check: str           # OUTPUT_CHECK.md

    @property
    def release_id(self) -> str:
        return self.metadata["version"]


def read_indicators(path: Path) -> pd.DataFrame:
    """indicators.csv with the results dtypes; '' stays '' in text columns."""
    frame = pd.read_csv(path, dtype=INDICATOR_DTYPES, keep_default_na=False,
                        na_values={column: [""] for column in (*COUNT_COLUMNS, "n", *RANGE_COLUMNS)})
    frame["year"] = frame["year"].astype("int16")
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    frame["n"] = frame["n"].astype("Int64")
    for column in RANGE_COLUMNS:
        frame[column] = frame[column].astype("float64") if column in frame else np.nan
    return frame


def irregular_files(path: Path) -> list[str]:
    """What in a release folder is not a plain file: a symbolic link (it could point at
    any file on the server), a folder, a device or a pipe. A release holds files only."""
    if path.is_symlink():
        return [f"{path} is een symbolische link, geen map"]
    problems = []
    for entry in sorted(path.iterdir()):
        if entry.is_symlink():
            problems.append(f"{entry.name} is een symbolische link; een release bevat alleen gewone bestanden")
        elif not entry.is_file():
            problems.append(f"{entry.name} is geen gewoon bestand; een release bevat alleen gewone bestanden")
    return problems


def read_release(path: str | Path) -> Release:
    path = Path(path)
    descriptor = path / "datapackage.json"
    if not path.is_dir() or not descriptor.is_file():
        raise UserError(f"{path} is geen release: datapackage.json ontbreekt.")
    problems = irregular_files(path)
    if problems:
        raise UserError(f"{path} is geen geldige release: " + "; ".join(problems))
    metadata = json.loads(descriptor.read_text("utf-8"))
    return Release(
        path=path,
        metadata=metadata,
        indicators=read_indicators(path / "indicators.csv"),
        definitions=pd.read_csv(path / "definitions.csv", dtype=str, keep_default_na=False),
        output_check=(path / "OUTPUT_CHECK.md").read_text("utf-8"),
    )
