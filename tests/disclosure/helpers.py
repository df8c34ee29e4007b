"""Rules with changed values, and small hand-built results tables."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.rules import Rules, load_rules

COLUMNS = ["indicator", "year", "region_level", "region_code", "breakdown", "category",
           "numerator", "denominator", "value", "n"]


def rules_file(folder: Path, **values: int) -> Path:
    """The default rules file with some values replaced."""
    text = files("armoedemonitor.disclosure").joinpath("default_rules.toml").read_text("utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"(\[{key}\]\nvalue = )\d+", rf"\g<1>{value}", text)
        assert count == 1, key
    path = folder / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rules_with(folder: Path, **values: int) -> Rules:
    return load_rules(rules_file(folder, **values))


def count_row(level, code, value, breakdown="", category="", indicator="x", year=2020):
    return dict(indicator=indicator, year=year, region_level=level, region_code=code,
                breakdown=breakdown, category=category, numerator=np.nan, denominator=np.nan,
                value=float(value), n=int(value))


def share_row(level, code, numerator, denominator, breakdown="", category="", indicator="x", year=2020):
    return dict(indicator=indicator, year=year, region_level=level, region_code=code,
                breakdown=breakdown, category=category, numerator=float(numerator),
                denominator=float(denominator), value=numerator / denominator, n=int(denominator))


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def status_of(table: pd.DataFrame, code: str, category: str = "", indicator: str | None = None) -> str:
    mask = (table["region_code"] == code) & (table["category"] == category)
    if indicator is not None:
        mask &= table["indicator"] == indicator
    (status,) = table.loc[mask, "status"]
    return status
