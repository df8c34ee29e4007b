"""Facts the dashboard shows beside a release: national CBS figures and Dutch definitions.

Both are data files in ``data/`` with their sources. National figures are published
shares for whole years only; a year without a published figure stays absent, never
estimated.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NATIONAL_CODE = "nederland"
# Households the explanation page prices the low-income line for: (label, adults, minors).
EXAMPLE_HOUSEHOLDS = (
    (_("alleenstaande"), 1, 0),
    (_("alleenstaande ouder met 1 kind"), 1, 1),
    (_("paar zonder kinderen"), 2, 0),
    (_("paar met 2 kinderen"), 2, 2),
)


def _load(name: str) -> dict:
    return tomllib.loads(files(__package__).joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class NationalFigure:
    year: int
    value: float
    source: str
    note: str = ""
    note_en: str = ""

    @property
    def note_text(self) -> str:
        english = (get_language() or "nl").startswith("en")
        return self.note_en if english else self.note


@cache
def _national() -> dict[str, dict[int, NationalFigure]]:
    return {
        indicator: {
            entry["year"]: NationalFigure(
                entry["year"], float(entry["value"]), entry["bron"],
                entry.get("toelichting", ""), entry.get("note_en", ""),
            )
            for entry in entries
        }
        for indicator, entries in _load("nederland.toml").items()
    }


def national(indicator_id: str) -> dict[int, NationalFigure]:
    """Published national shares of one indicator by year (empty when CBS has none here)."""
    return _national().get(indicator_id, {})


@cache
def _definitions_nl() -> dict[str, str]:
    return {key: entry["definitie"] for key, entry in _load("definities_nl.toml").items()}


def definition_nl(indicator_id: str) -> str:
    return _definitions_nl().get(indicator_id, "")


@dataclass(frozen=True)
class Threshold:
    """The CBS lage-inkomensgrens of one year; 'published' or derived from the CPI."""

    year: int
    per_year: float
    published: bool
    source: str

    @property
    def per_month(self) -> float:
        return self.per_year / 12


@cache
def thresholds() -> list[Threshold]:
    """The engine's own threshold file (definitions/data/thresholds.toml), with status."""
    text = files("armoedemonitor.definitions").joinpath("data", "thresholds.toml").read_text("utf-8")
    table = tomllib.loads(text)["lage_inkomensgrens"]["single_person_eur_per_year"]
    return [
        Threshold(int(year), float(entry["value"]), entry["status"] == "published", entry.get("source", ""))
        for year, entry in sorted(table.items())
    ]
