"""The disclosure-control rules of a release, read from a TOML file with their sources.

Every threshold lives in the rules file (``default_rules.toml`` unless the user gives
one), so an output checker reads the values and their source in one place, and the
release records exactly the rules it applied.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from armoedemonitor.errors import UserError

# Units (registry ``eenheid``) whose numerator/denominator or value are counts that add up
# over regions and categories; every other unit is a model-like value.
SHARE_UNIT = "aandeel"
COUNT_UNIT = "aantal"
ADDITIVE_UNITS = {SHARE_UNIT, COUNT_UNIT}
MODEL_UNIT = "model"
# Shares whose numerator and denominator are amounts (euros of wealth), not counts of
# persons or households: they do not add up over regions and get the model-like rule.
AMOUNT_SHARES = {"vermogen_top10_aandeel"}


def disclosure_unit(indicator: str, eenheid: str) -> str:
    """How disclosure control treats an indicator: 'aandeel', 'aantal' or 'model'."""
    if eenheid in ADDITIVE_UNITS and indicator not in AMOUNT_SHARES:
        return eenheid
    return MODEL_UNIT

def range_widths(narrow: int, wide: int) -> tuple[int, ...]:
    """The widths (percentage points) a range is tried at, narrowest first: none when
    range_width is 0, and wide_range_width only when it is not 0."""
    return tuple(width for width in (narrow, wide) if width) if narrow else ()


RULE_KEYS = (
    "min_n",
    "min_n_share_sides",
    "min_n_model",
    "rounding_base",
    "share_decimals",
    "protection_width",
    "range_width",
    "wide_range_width",
)


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    uitleg: str
    explanation: str
    bron: str


@dataclass(frozen=True)
class Rules:
    """The rules by key; attribute access for the values used in code."""

    rules: dict[str, Rule]
    source: str  # the file they were read from, for the record

    def __getattr__(self, key: str) -> int:
        try:
            return self.__dict__["rules"][key].value
        except KeyError:
            raise AttributeError(key) from None

    @property
    def range_widths(self) -> tuple[int, ...]:
        return range_widths(self.range_width, self.wide_range_width)

    def as_metadata(self) -> dict:
        return {
            key: {"value": rule.value, "uitleg": rule.uitleg, "bron": rule.bron}
            for key, rule in self.rules.items()
        }


def load_rules(path: Path | None = None) -> Rules:
    """Read and validate a rules file: every key present, values whole and positive."""
    if path is None:
        text = files(__package__).joinpath("default_rules.toml").read_text("utf-8")
        source = "armoedemonitor/disclosure/default_rules.toml"
    else:
        path = Path(path)
        if not path.is_file():
            raise UserError(f"Regelbestand {path} bestaat niet.")
        text = path.read_text("utf-8")
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Regelbestand {source} is geen geldige TOML: {error}") from None
    problems = []
    rules: dict[str, Rule] = {}
    for key in RULE_KEYS:
        entry = data.get(key)
        if not isinstance(entry, dict):
            problems.append(f"regel '{key}' ontbreekt")
            continue
        value = entry.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"regel '{key}': value moet een geheel getal >= 0 zijn, niet {value!r}")
            continue
        missing = [field for field in ("uitleg", "bron") if not entry.get(field)]
        if missing:
            problems.append(f"regel '{key}': {', '.join(missing)} ontbreekt")
            continue
        rules[key] = Rule(key, value, entry["uitleg"], entry.get("explanation", ""), entry["bron"])
    unknown = sorted(set(data) - set(RULE_KEYS))
    if unknown:
        problems.append(f"onbekende regels: {', '.join(unknown)}")
    if "rounding_base" in rules and rules["rounding_base"].value < 1:
        problems.append("regel 'rounding_base': value moet minstens 1 zijn")
    if "range_width" in rules and "wide_range_width" in rules:
        narrow, wide = rules["range_width"].value, rules["wide_range_width"].value
        if wide and (narrow == 0 or wide <= narrow or wide % narrow):
            problems.append("regel 'wide_range_width': value moet 0 zijn of een veelvoud van range_width dat "
                            f"groter is ({narrow}), niet {wide}")
    if problems:
        raise UserError(f"Regelbestand {source} klopt niet:\n- " + "\n- ".join(problems))
    return Rules(rules, source)
