"""The indicator registry: one place that says what each indicator is.

The engine, the release's ``definitions.csv``, the web pages and the docs all read this.
Entries live as data in ``definitions/data/indicators/<family>.toml`` (one file per
indicator family). The data keys are Dutch, as in the release's ``definitions.csv`` that
researchers and old releases share; :data:`FILE_KEYS` maps them once onto the English
attribute names of :class:`Indicator` (code English, domain terms and ids Dutch).
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
    name: str            # Dutch name shown to users
    explanation_b1: str  # plain-language (B1) Dutch explanation shown beside the number
    definition: str      # technical definition, as in docs/spec/indicators.md
    unit: str            # one of UNITS
    breakdowns: tuple[str, ...]
    name_en: str = ""
    explanation_en: str = ""


# Data key (TOML entry, definitions.csv column) -> Indicator attribute.
FILE_KEYS = {
    "naam": "name",
    "uitleg_b1": "explanation_b1",
    "definitie": "definition",
    "eenheid": "unit",
    "name_en": "name_en",
    "explanation_en": "explanation_en",
}


def file_row(entry: Indicator) -> dict[str, str]:
    """The entry under its data keys: a row of the release's ``definitions.csv``."""
    return {"id": entry.id} | {key: getattr(entry, attribute) for key, attribute in FILE_KEYS.items()}


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
                breakdowns=tuple(entry.get("breakdowns", [])),
                **{attribute: entry.get(key, "") for key, attribute in FILE_KEYS.items()},
            )
    return found


def get(ident: str) -> Indicator:
    try:
        return registry()[ident]
    except KeyError:
        raise KeyError(f"unknown indicator {ident!r}; see `armoedemonitor indicators`") from None
