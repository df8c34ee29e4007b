"""Verify a release from its own files only: hashes, the data package, the rules and
the audit. This is what ``armoedemonitor check`` runs and what the web app runs before
it imports a release.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from armoedemonitor.disclosure.audit import AuditResult
from armoedemonitor.disclosure.control import audit_tables
from armoedemonitor.disclosure.rules import ADDITIVE_UNITS, COUNT_UNIT, SHARE_UNIT, disclosure_unit, range_widths
from armoedemonitor.errors import UserError
from armoedemonitor.release.package import sha256
from armoedemonitor.release.read import irregular_files, read_indicators
from armoedemonitor.results_table import (
    HIDDEN_NUMBERS,
    KEY,
    MEASURES,
    RANGE_COLUMNS,
    RANGE_STATUS,
    STATUSES,
    SUPPRESSED,
)

DEEP_LEVELS = ("wijk", "buurt")
# From this size of indicators.csv the schema validation runs in a process of its own
# while the audit runs: a tenth of the check at real size (41 s of 463 over twenty years
# down to buurt), needing nothing else. Below it a new process costs more than it saves.
APART_FROM_BYTES = 20_000_000
# A number as `release` writes it, always finite: at most 15 digits before the point.
PLAIN_DECIMAL = r"^-?[0-9]{1,15}(\.[0-9]+)?$"


class ReleaseCheckError(UserError):
    """A release fails its check; ``problems`` names every thing that is off."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = list(problems)
        super().__init__(f"Release {path} is afgekeurd:\n- " + "\n- ".join(self.problems))


@dataclass
class CheckReport:
    path: Path
    release_id: str
    resources: list[str] = field(default_factory=list)
    rows: int = 0
    audit: AuditResult | None = None


def _hashes(path: Path, descriptor: dict) -> list[str]:
    problems = []
    listed = set()
    for resource in descriptor.get("resources", []):
        name = resource.get("path", "")
        listed.add(name)
        file = path / name
        if not file.is_file():
            problems.append(f"{name} ontbreekt")
            continue
        expected = str(resource.get("hash", "")).removeprefix("sha256:")
        if sha256(file) != expected:
            problems.append(f"{name}: sha256 klopt niet met datapackage.json (bestand is veranderd)")
    for required in ("indicators.csv", "definitions.csv", "onderdrukt.csv", "OUTPUT_CHECK.md"):
        if required not in listed:
            problems.append(f"datapackage.json noemt {required} niet")
    return problems


def _frictionless(path: Path) -> list[str]:
    from frictionless import Package

    package = Package(str(path / "datapackage.json"))
    problems = []
    for resource in package.resources:  # the tables; OUTPUT_CHECK.md has no schema
        if resource.path.endswith(".csv"):
            for task in resource.validate().tasks:
                problems += [f"{task.name}: {error.message}" for error in task.errors[:5]]
    return problems


def _frictionless_beside(path: Path) -> Callable[[], list[str]]:
    """Start the schema validation of a large release in its own process; the returned
    function waits for its problems (a small release is validated at once)."""
    if (path / "indicators.csv").stat().st_size < APART_FROM_BYTES:
        problems = _frictionless(path)
        return lambda: problems
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    future = pool.submit(_frictionless, path)
    pool.shutdown(wait=False)  # no more work: the worker ends after this one; result() waits
    return future.result


def _rules(table: pd.DataFrame, units: pd.Series, rules: dict) -> list[str]:
    """Re-apply the rules to the published numbers."""
    problems = []
    base, min_n, sides, model_n = (rules[key]["value"] for key in
                                   ("rounding_base", "min_n", "min_n_share_sides", "min_n_model"))
    published = table["status"].isin(["ok", "afgerond"])
    hidden = table["status"].isin(HIDDEN_NUMBERS)
    share = (units == SHARE_UNIT).to_numpy()
    count = (units == COUNT_UNIT).to_numpy()
    model = ~units.isin(ADDITIVE_UNITS).to_numpy()

    def report(mask: np.ndarray, what: str) -> None:
        if mask.any():
            rows = table.loc[mask, KEY].head(3).astype(str).agg("/".join, axis=1)
            problems.append(f"indicators.csv: {mask.sum()} rijen {what} (bv. {'; '.join(rows)})")

    values = {c: table[c].astype("float64").to_numpy() for c in ("numerator", "denominator", "value")}
    n = table["n"].astype("float64").to_numpy()
    report(hidden.to_numpy() & (~np.isnan(values["value"]) | ~np.isnan(values["numerator"])
                                | ~np.isnan(values["denominator"]) | ~np.isnan(n)),
           "met status primair/secundair/bereik hebben toch een waarde")
    _ranges(table, share, rules, report)
    pub = published.to_numpy()
    report(pub & (n < min_n), f"gepubliceerd met n onder {min_n}")
    report(pub & model & (n < model_n), f"modelcijfer gepubliceerd met n onder {model_n}")
    report(pub & share & ((values["numerator"] < sides) | (values["denominator"] < min_n)
                          | (values["denominator"] - values["numerator"] < sides)),
           f"aandeel gepubliceerd met teller, noemer of noemer min teller onder {sides}")
    report(pub & count & (values["value"] < min_n), f"aantal gepubliceerd onder {min_n}")
    report(pub & share & ((values["value"] < 0) | (values["value"] > 1)),
           "met een aandeel buiten 0..1")
    for column, mask in (("numerator", share), ("denominator", share), ("value", count), ("n", np.ones_like(share))):
        data = n if column == "n" else values[column]
        off = pub & mask & ~np.isnan(data) & (np.mod(data, base) != 0)
        report(off, f"met {column} geen veelvoud van {base}")
    report(pub & model & (~np.isnan(values["numerator"]) | ~np.isnan(values["denominator"])),
           "modelcijfer met teller of noemer")
    return problems


def _ranges(table: pd.DataFrame, share: np.ndarray, rules: dict, report: Callable) -> None:
    """A range only for a share above wijk level, with status bereik, as wide as the rules say
    (range_width, or wide_range_width where that is not safe; a release made before
    wide_range_width existed has only the first)."""
    low, high = (table[c].to_numpy(dtype="float64") for c in RANGE_COLUMNS)
    is_range = (table["status"] == RANGE_STATUS).to_numpy()
    widths = range_widths(*(rules.get(key, {}).get("value", 0) for key in ("range_width", "wide_range_width")))
    report(~is_range & (~np.isnan(low) | ~np.isnan(high)), "met een bereik maar zonder status bereik")
    report(is_range & (np.isnan(low) | np.isnan(high)), "met status bereik maar zonder onder- of bovengrens")
    report(is_range & (~share | table["region_level"].isin(DEEP_LEVELS).to_numpy()),
           "met een bereik dat geen aandeel boven wijkniveau is")
    allowed = np.zeros(len(table), dtype=bool)
    for width in widths:
        allowed |= np.abs(high - low - width / 100) <= 1e-6
    report(is_range & ~allowed,
           f"met een bereik dat niet {' of '.join(f'{width:g}' for width in widths)} procentpunt breed is" if widths
           else "met een bereik, terwijl de regels geen bereik toestaan")


def _not_finite(path: Path) -> list[str]:
    """Number columns hold finite numbers or nothing: 'nan', 'inf' and the like are refused
    (the table schema would accept them as numbers). A plain decimal (nearly every value)
    passes on its pattern; only the other texts are parsed (a second full parse of the file
    took 4 s at real size, all of it before the audit could start)."""
    wanted = (*MEASURES, *RANGE_COLUMNS)
    raw = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        include_columns=wanted, include_missing_columns=True,
        column_types=dict.fromkeys(wanted, pa.string())))
    problems = []
    for column in wanted:
        text = raw[column]
        if text.null_count == len(text):
            continue  # not in the file
        other = pc.and_(pc.not_equal(text, ""), pc.invert(pc.match_substring_regex(text, PLAIN_DECIMAL)))
        suspect = np.flatnonzero(other.to_numpy(zero_copy_only=False))
        numbers = pd.to_numeric(pd.Series(text.take(suspect).to_pylist(), dtype=object), errors="coerce")
        bad = suspect[~np.isfinite(numbers.to_numpy(dtype="float64"))]
        if len(bad):
            rows = ", ".join(str(row + 2) for row in bad[:5])
            problems.append(f"indicators.csv: kolom {column} heeft {len(bad)} waarden die geen eindig "
                            f"getal zijn (regels {rows})")
    return problems


def _primary_reasons(table: pd.DataFrame, suppressed: pd.DataFrame) -> tuple[pd.Series, bool]:
    """Each row's published primary reason ('' for none) from onderdrukt.csv, and whether
    onderdrukt.csv names exactly the hidden cells of indicators.csv. ``release`` lists them
    in the same order, which is checked column by column first; in any other order they are
    matched by key (a few seconds more at real size)."""
    hidden = table["status"].isin(SUPPRESSED).to_numpy()
    listed = table.loc[hidden, KEY]
    is_primary = (table["status"] == "primair").to_numpy()
    if len(listed) == len(suppressed) and all(
            np.array_equal(listed[column].astype(str).to_numpy(dtype=object), suppressed[column].to_numpy(dtype=object))
            for column in KEY):
        reden = np.full(len(table), "", dtype=object)
        reden[hidden] = suppressed["reden"].to_numpy(dtype=object)
        return pd.Series(np.where(is_primary, reden, ""), index=table.index), True
    keys = _keys(table)
    reasons = dict(zip(_keys(suppressed), suppressed["reden"], strict=False))
    primary = [reasons.get(key, "") if flagged else "" for key, flagged in zip(keys, is_primary, strict=True)]
    return pd.Series(primary, index=table.index), set(keys[hidden]) == set(reasons)


def _keys(table: pd.DataFrame) -> pd.Series:
    """Each row's KEY columns as one string 'a|b|...', column by column (a row-wise
    join took minutes on a release of every year down to buurt)."""
    joined = table[KEY[0]].astype(str)
    for column in KEY[1:]:
        joined = joined + "|" + table[column].astype(str)
    return joined


def verify_release(path: str | Path, on_table: Callable[[int], None] | None = None) -> CheckReport:
    """Check everything; raise ReleaseCheckError naming every problem found.

    ``on_table(total)`` is called after each table's audit (for a progress bar). A file
    that does not fit its schema is all that is reported, as when it was validated first.
    """
    path = Path(path)
    descriptor_path = path / "datapackage.json"
    if not path.is_dir() or not descriptor_path.is_file():
        raise ReleaseCheckError(path, ["datapackage.json ontbreekt"])
    problems = irregular_files(path)
    if problems:
        raise ReleaseCheckError(path, problems)
    try:
        descriptor = json.loads(descriptor_path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ReleaseCheckError(path, [f"datapackage.json is geen geldige JSON: {error}"]) from None
    problems = descriptor_shape(descriptor)
    if problems:
        raise ReleaseCheckError(path, problems)
    problems = _hashes(path, descriptor)
    if problems:
        raise ReleaseCheckError(path, problems)
    schema_problems = _frictionless_beside(path)
    try:
        problems = _not_finite(path / "indicators.csv")
        report = None if problems else _check_content(path, descriptor, on_table)
    except Exception:
        first = schema_problems()
        if first:  # the file itself is off: that is what to name
            raise ReleaseCheckError(path, first) from None
        raise
    problems = schema_problems() + problems
    if problems:
        raise ReleaseCheckError(path, problems)
    return report


def _check_content(path: Path, descriptor: dict, on_table: Callable[[int], None] | None) -> CheckReport:
    """The rules and the audit, from the release's own tables."""
    table = read_indicators(path / "indicators.csv")
    definitions = pd.read_csv(path / "definitions.csv", dtype=str, keep_default_na=False)
    suppressed = pd.read_csv(path / "onderdrukt.csv", dtype=str, keep_default_na=False)
    unit_of = dict(zip(definitions["id"], definitions["eenheid"], strict=False))
    missing = sorted(set(table["indicator"]) - set(unit_of))
    if missing:
        raise ReleaseCheckError(path, [f"definitions.csv mist de indicatoren {', '.join(missing)}"])
    units = table["indicator"].map({ident: disclosure_unit(ident, unit) for ident, unit in unit_of.items()})
    problems = [f"indicators.csv: onbekende status {s!r}" for s in set(table["status"]) - set(STATUSES)]
    problems += _rules(table, units, descriptor["rules"])

    primary, same_cells = _primary_reasons(table, suppressed)
    if not same_cells:
        problems.append("onderdrukt.csv en de status in indicators.csv noemen niet dezelfde cellen")
    recorded = SimpleNamespace(**{key: rule["value"] for key, rule in descriptor["rules"].items()
                                  if isinstance(rule, dict)})
    sets = {name: tuple(members) for name, members in descriptor.get("region_sets", {}).items()}
    hidden = table["status"].isin(HIDDEN_NUMBERS).to_numpy()
    audit = audit_tables(table, units, sets, descriptor.get("relation_exceptions", {}), hidden,
                         primary, recorded, exact=False, on_done=on_table)
    for failure in audit.failures[:20]:
        problems.append(f"audit: {failure.indicator} {failure.year} ({failure.quantity}) in rij "
                        f"{failure.row + 2} van indicators.csv is terug te rekenen tot een bereik van "
                        f"{failure.width:g} (eis: {failure.required:g})")
    if problems:
        raise ReleaseCheckError(path, problems)
    return CheckReport(path, descriptor.get("version", ""),
                       [r["path"] for r in descriptor["resources"]], len(table), audit)


def descriptor_shape(descriptor: object) -> list[str]:
    """What is wrong with the form of datapackage.json, before any field is used: an
    object with a list of resources (path and hash as text) and rules with values."""
    if not isinstance(descriptor, dict):
        return [f"datapackage.json is geen object maar {type(descriptor).__name__}"]
    problems = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(
            isinstance(r, dict) and isinstance(r.get("path"), str) and isinstance(r.get("hash", ""), str)
            for r in resources):
        problems.append("datapackage.json: resources is geen lijst van bestanden met path en hash")
    rules = descriptor.get("rules")
    needed = ("rounding_base", "min_n", "min_n_share_sides", "min_n_model")
    if not isinstance(rules, dict) or not all(isinstance(rules.get(k), dict) and "value" in rules[k] for k in needed):
        problems.append(f"datapackage.json: rules is geen tabel met een value voor {', '.join(needed)}")
    for name in ("region_sets", "relation_exceptions"):
        if not isinstance(descriptor.get(name, {}), dict):
            problems.append(f"datapackage.json: {name} is geen tabel")
    return problems
