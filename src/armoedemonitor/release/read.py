"""Read a release package (what the web app imports, after ``verify_release``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from armoedemonitor.errors import UserError

INDICATOR_DTYPES = {
    "indicator": str, "region_level": str, "region_code": str, "breakdown": str,
    "category": str, "status": str,
}
COUNT_COLUMNS = ("numerator", "denominator", "value")


@dataclass
class Release:
    path: Path
    metadata: dict              # datapackage.json
    indicators: pd.DataFrame    # results schema + status; suppressed values are NaN/<NA>
    definitions: pd.DataFrame
    output_check: str           # OUTPUT_CHECK.md

    @property
    def release_id(self) -> str:
        return self.metadata["version"]


def read_indicators(path: Path) -> pd.DataFrame:
    """indicators.csv with the results dtypes; '' stays '' in text columns."""
    frame = pd.read_csv(path, dtype=INDICATOR_DTYPES, keep_default_na=False,
                        na_values={column: [""] for column in (*COUNT_COLUMNS, "n")})
    frame["year"] = frame["year"].astype("int16")
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    frame["n"] = frame["n"].astype("Int64")
    return frame


def read_release(path: str | Path) -> Release:
    path = Path(path)
    descriptor = path / "datapackage.json"
    if not descriptor.is_file():
        raise UserError(f"{path} is geen release: datapackage.json ontbreekt.")
    metadata = json.loads(descriptor.read_text("utf-8"))
    return Release(
        path=path,
        metadata=metadata,
        indicators=read_indicators(path / "indicators.csv"),
        definitions=pd.read_csv(path / "definitions.csv", dtype=str, keep_default_na=False),
        output_check=(path / "OUTPUT_CHECK.md").read_text("utf-8"),
    )
