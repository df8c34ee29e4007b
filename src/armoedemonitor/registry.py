"""The indicator registry: one place that says what each indicator is.

The engine, the release's ``definitions.csv``, the web pages and the docs all read this.
Entries live as data in ``definitions/data/indicators/<family>.toml`` (one file per
indicator family), each with the fields of :class:`Indicator`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

UNITS = {"aandeel", "aantal", "ratio", "helling", "rang", "euro", "index"}


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    naam: str            # Dutch name shown to users
    uitleg_b1: str       # plain-language (B1) explanation shown beside the number
    definitie: str       # technical definition, as in spec/indicators.md
    eenheid: str         # one of UNITS
    breakdowns: tuple[str, ...]
    name_en: str = ""
    explanation_en: str = ""


@cache
def registry() -> dict[str, Indicator]:
    """All indicators by id, in family-file order."""
    folder = files("armoedemonitor.definitions").joinpath("data", "indicators")
    found: dict[str, Indicator] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".toml"):
            continue
        family = path.name.removesuffix(".toml")
        for ident, entry in tomllib.loads(path.read_text("utf-8")).items():
            if ident in found:
                raise ValueError(f"indicator {ident!r} is defined twice ({path.name})")
            if entry["eenheid"] not in UNITS:
                raise ValueError(f"indicator {ident!r}: unknown eenheid {entry['eenheid']!r}")
            found[ident] = Indicator(
                id=ident,
                family=family,
                naam=entry["naam"],
                uitleg_b1=entry["uitleg_b1"],
                definitie=entry["definitie"],
                eenheid=entry["eenheid"],
                breakdowns=tuple(entry.get("breakdowns", [])),
                name_en=entry.get("name_en", ""),
                explanation_en=entry.get("explanation_en", ""),
            )
    return found


def get(ident: str) -> Indicator:
    try:
        return registry()[ident]
    except KeyError:
        raise KeyError(f"unknown indicator {ident!r}; see `armoedemonitor indicators`") from None
