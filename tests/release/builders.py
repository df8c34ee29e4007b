"""Small hand-built results tables for the release tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

COLUMNS = ["indicator", "year", "region_level", "region_code", "breakdown", "category",
           "numerator", "denominator", "value", "n"]


def share_row(indicator, level, code, numerator, denominator, breakdown="", category="", year=2020):
    return dict(indicator=indicator, year=year, region_level=level, region_code=code,
                breakdown=breakdown, category=category, numerator=float(numerator),
                denominator=float(denominator), value=numerator / denominator, n=int(denominator))


def model_row(indicator, level, code, value, n, year=2020):
    return dict(indicator=indicator, year=year, region_level=level, region_code=code, breakdown="",
                category="", numerator=np.nan, denominator=np.nan, value=float(value), n=int(n))


def hierarchical_shares(indicator="laag_inkomen_huishoudens", year=2020):
    """Two gemeenten with two wijken each; one wijk has only 4 poor households.

    GM0014: WK001401 (40/200), WK001402 (4/150)  -> GM0014 44/350
    GM0037: WK003701 (60/300), WK003702 (30/100) -> GM0037 90/400
    totaal: 134/750
    """
    rows = [
        share_row(indicator, "totaal", "totaal", 134, 750, year=year),
        share_row(indicator, "gemeente", "GM0014", 44, 350, year=year),
        share_row(indicator, "gemeente", "GM0037", 90, 400, year=year),
        share_row(indicator, "wijk", "WK001401", 40, 200, year=year),
        share_row(indicator, "wijk", "WK001402", 4, 150, year=year),
        share_row(indicator, "wijk", "WK003701", 60, 300, year=year),
        share_row(indicator, "wijk", "WK003702", 30, 100, year=year),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def write_results(frame: pd.DataFrame, folder: Path, parameters: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame = frame.copy()
    frame["year"] = frame["year"].astype("int16")
    frame["n"] = frame["n"].astype("int64")
    table = pa.Table.from_pandas(frame[COLUMNS], preserve_index=False)
    table = table.replace_schema_metadata({
        "armoedemonitor.notice": "niet onthullingsgecontroleerd",
        "armoedemonitor.parameters": json.dumps(parameters or {"region_sets": {}}),
    })
    pq.write_table(table, folder / "results.parquet")
    return folder
