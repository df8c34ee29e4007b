"""Facts as data: low-income thresholds, equivalence scales, huurtoeslag limits and regions.

The TOML files in ``data/`` carry their sources; this module only reads them, so a
fact changes in one place and every stage (engine, synth, web) sees the same value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


def _load(name: str) -> dict:
    return tomllib.loads(files(__package__).joinpath("data", name).read_text("utf-8"))


@cache
def low_income_thresholds() -> dict[int, float]:
    """CBS lage-inkomensgrens for a single person, EUR per year, by income year."""
    table = _load("thresholds.toml")["lage_inkomensgrens"]["single_person_eur_per_year"]
    return {int(year): float(entry["value"]) for year, entry in table.items()}


@cache
def huurtoeslag_wealth_limits() -> dict[int, tuple[float, float]]:
    """Huurtoeslag vermogensgrens by year: (alleen, samen), EUR on 1 January."""
    table = _load("huurtoeslag.toml")["vermogensgrens"]
    return {int(year): (float(e["alleen"]), float(e["samen"])) for year, e in table.items()}


@dataclass(frozen=True)
class EquivalenceScale:
    """CBS equivalence factors: a table per period, the formula outside the table."""

    from_2018: dict[int, list[float]]
    until_2017: dict[int, list[float]]

    def table_for(self, year: int) -> dict[int, list[float]]:
        return self.from_2018 if year >= 2018 else self.until_2017

    def factor(self, year: int, adults: int, minors: int) -> float:
        """e(a, m); a household without adults counts its oldest minor as an adult."""
        if adults == 0 and minors > 0:
            adults, minors = 1, minors - 1
        row = self.table_for(year).get(adults)
        if row is not None and minors < len(row):
            return row[minors]
        return (adults + 0.8 * minors) ** 0.5


@cache
def equivalence_scale() -> EquivalenceScale:
    data = _load("thresholds.toml")["equivalence"]

    def table(key: str) -> dict[int, list[float]]:
        return {int(a): [float(v) for v in row] for a, row in data[key].items()}

    return EquivalenceScale(from_2018=table("from_2018"), until_2017=table("until_2017"))


@dataclass(frozen=True)
class Municipality:
    code: str
    naam: str
    provincie: str


@dataclass(frozen=True)
class RegionSet:
    id: str
    naam: str
    gemeenten: tuple[str, ...]


@cache
def municipalities() -> dict[str, Municipality]:
    """Current municipalities of Groningen and Drenthe by CBS code."""
    return {
        code: Municipality(code, entry["naam"], entry["provincie"])
        for code, entry in _load("regions.toml")["gemeenten"].items()
    }


@cache
def merger_map() -> dict[str, str]:
    """Old gemeente code -> current code (samenvoegingen), for like-with-like trends."""
    mapping: dict[str, str] = {}
    for current, entry in _load("regions.toml")["samenvoegingen"].items():
        for old in entry["uit"]:
            mapping[old] = current
    return mapping


@cache
def region_sets() -> dict[str, RegionSet]:
    """The named region sets the engine reports on by default."""
    return {
        key: RegionSet(key, entry["naam"], tuple(entry["gemeenten"]))
        for key, entry in _load("regions.toml")["regiosets"].items()
    }
