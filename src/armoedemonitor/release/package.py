"""Write a release: disclosure control applied to a results table, as an immutable
Frictionless data package. Nothing is half-written: the package is built in a hidden
folder beside the target and renamed into place only after the audit passed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from armoedemonitor import __version__
from armoedemonitor.definitions import region_sets as default_region_sets
from armoedemonitor.disclosure.audit import AuditTotals
from armoedemonitor.disclosure.control import Protected, protect
from armoedemonitor.disclosure.rules import Rules, disclosure_unit, load_rules
from armoedemonitor.errors import InputError, UserError
from armoedemonitor.registry import FILE_KEYS, file_row, registry
from armoedemonitor.release.output_check import output_check
from armoedemonitor.results_table import (
    COLUMNS,
    KEY,
    MEASURES,
    NAMES,
    RANGE_COLUMNS,
    STATUSES,
    SUPPRESSED,
)
from armoedemonitor.staging import staged_folder

DEFINITION_COLUMNS = ["id", *FILE_KEYS]


class ReleaseRefused(UserError):
    """The release would not be safe or would overwrite an existing one."""


def _field(name: str, kind: str, description: str, **extra) -> dict:
    return {"name": name, "type": kind, "description": description, **extra}


INDICATORS_SCHEMA = {"fields": [
    _field("indicator", "string", "indicator-id (zie definitions.csv)"),
    _field("year", "integer", "jaar"),
    _field("region_level", "string", "totaal, gemeente, wijk, buurt of een regioset"),
    _field("region_code", "string", "CBS-code van het gebied, 'totaal' of de naam van de regioset"),
    _field("breakdown", "string", "uitsplitsing (leeg: geen)"),
    _field("category", "string", "categorie van de uitsplitsing (leeg: geen)"),
    _field("numerator", "number", "teller, afgerond (leeg: onderdrukt of niet van toepassing)"),
    _field("denominator", "number", "noemer, afgerond (leeg: onderdrukt of niet van toepassing)"),
    _field("value", "number", "waarde: aandeel als fractie 0..1, aantal afgerond, of modelcijfer"),
    _field("n", "integer", "aantal personen of huishoudens achter de waarde, afgerond"),
    _field("status", "string", ", ".join(STATUSES), constraints={"required": True, "enum": list(STATUSES)}),
    _field(RANGE_COLUMNS[0], "number", "alleen bij status bereik: ondergrens van het aandeel (fractie 0..1)"),
    _field(RANGE_COLUMNS[1], "number", "alleen bij status bereik: bovengrens van het aandeel (fractie 0..1)"),
], "missingValues": [""]}
PUBLISHED_COLUMNS = [field["name"] for field in INDICATORS_SCHEMA["fields"]]
DEFINITIONS_SCHEMA = {"fields": [_field(name, "string", name) for name in DEFINITION_COLUMNS],
                      "primaryKey": ["id"], "missingValues": [""]}
SUPPRESSED_SCHEMA = {"fields": [
    *INDICATORS_SCHEMA["fields"][:6],
    _field("status", "string", "primair of secundair", constraints={"enum": list(SUPPRESSED)}),
    _field("reden", "string", "klein, aandeel, model, secundair of 'gekoppeld aan <indicator>'"),
], "missingValues": [""]}


def read_results(results_dir: Path) -> tuple[pd.DataFrame, dict]:
    """results.parquet and its armoedemonitor metadata (JSON values decoded)."""
    path = Path(results_dir) / "results.parquet"
    if not path.is_file():
        raise UserError(f"{path} bestaat niet: geef de map die `armoedemonitor compute` schreef.")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError([f"{path}: geen leesbaar Parquet-bestand (kapot of afgebroken?): "
                          f"{str(error).splitlines()[0][:200]}"]) from None
    missing = [column for column in NAMES if column not in table.column_names]
    if missing:
        raise InputError([f"{path}: kolommen ontbreken: {', '.join(missing)}"])
    wrong = [f"kolom {name} is {table.schema.field(name).type}, verwacht {kind}"
             for name, kind in COLUMNS.items() if not _has_kind(table.schema.field(name).type, kind)]
    if wrong:
        raise InputError([f"{path}: {problem}" for problem in wrong])
    problems = _non_finite(table, path)
    if problems:
        raise InputError(problems)
    metadata = {}
    for key, value in (table.schema.metadata or {}).items():
        key = key.decode()
        if key.startswith("armoedemonitor."):
            text = value.decode()
            try:
                metadata[key.removeprefix("armoedemonitor.")] = json.loads(text)
            except json.JSONDecodeError:
                metadata[key.removeprefix("armoedemonitor.")] = text
    frame = table.to_pandas()[NAMES]
    for column in ("breakdown", "category"):
        frame[column] = frame[column].fillna("")
    problems = []
    duplicated = frame.duplicated(KEY)
    if duplicated.any():
        rows = ", ".join(str(i) for i in frame.index[duplicated][:5])
        problems.append(f"{path}: {duplicated.sum()} rijen dubbel op {', '.join(KEY)} (rijen {rows} ...)")
    if frame["n"].isna().any() or (frame["n"] < 0).any():
        rows = ", ".join(str(i) for i in frame.index[frame["n"].isna() | (frame["n"] < 0)][:5])
        problems.append(f"{path}: kolom n is leeg of negatief (rijen {rows} ...)")
    if problems:
        raise InputError(problems)
    return frame, metadata


def _non_finite(table: pa.Table, path: Path) -> list[str]:
    """Every number column must be finite or empty: NaN and infinity are no figures
    (unknown is empty), and a release must never publish them."""
    problems = []
    for column in MEASURES:
        values = table.column(column)
        if not pa.types.is_floating(values.type):
            continue
        bad = pc.fill_null(pc.invert(pc.is_finite(values)), False)
        if pc.any(bad).as_py():
            rows = np.flatnonzero(bad.to_numpy(zero_copy_only=False))
            listed = ", ".join(str(row) for row in rows[:5])
            problems.append(f"{path}: kolom {column} heeft {len(rows)} waarden die geen eindig getal "
                            f"zijn (NaN of oneindig; onbekend hoort leeg te zijn), rijen {listed}"
                            f"{' ...' if len(rows) > 5 else ''}")
    return problems


def _has_kind(arrow_type: pa.DataType, kind: str) -> bool:
    """Whether a stored column fits the contract's logical type (any width will do)."""
    if kind == "string":
        return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) or pa.types.is_null(arrow_type)
    if kind.startswith("int"):
        return pa.types.is_integer(arrow_type)
    return pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type) or pa.types.is_null(arrow_type)


def units_for(frame: pd.DataFrame, path: Path) -> pd.Series:
    known = registry()
    unknown = sorted(set(frame["indicator"].unique()) - set(known))
    if unknown:
        raise InputError([f"{path}/results.parquet: kolom indicator: onbekende indicatoren "
                          f"{', '.join(unknown)} (zie `armoedemonitor indicators`)"])
    return frame["indicator"].map({ident: disclosure_unit(ident, entry.unit) for ident, entry in known.items()})


def region_sets_for(metadata: dict) -> dict[str, tuple[str, ...]]:
    """Member gemeenten of each region set: from the results' parameters, else the default."""
    given = (
        (metadata.get("parameters") or {}).get("region_sets")
        if isinstance(metadata.get("parameters"), dict) else None
    )
    if isinstance(given, dict):
        return {name: tuple(members) for name, members in given.items()}
    return {key: entry.gemeenten for key, entry in default_region_sets().items()}


def definitions_table(indicators: list[str]) -> pd.DataFrame:
    entries = registry()
    return pd.DataFrame(
        [file_row(entries[ident]) for ident in entries if ident in set(indicators)],
        columns=DEFINITION_COLUMNS,
    )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


REGION_LEVELS = ("totaal", "gemeente", "wijk", "buurt", "regiosets")


def select(frame: pd.DataFrame, years: tuple[int, int] | None, levels: set[str] | None) -> pd.DataFrame:
    """The part of the results to publish: a release need not hold everything computed.

    ``levels`` names region levels; 'regiosets' stands for every named region set.
    Suppression and the audit run on the selection only, as it is what leaves.
    """
    keep = pd.Series(True, index=frame.index)
    if years is not None:
        keep &= frame["year"].between(*years)
    if levels is not None:
        unknown = levels - set(REGION_LEVELS)
        if unknown:
            raise UserError(f"--levels: onbekend niveau {', '.join(sorted(unknown))}; "
                            f"kies uit {', '.join(REGION_LEVELS)}")
        is_set = ~frame["region_level"].isin(REGION_LEVELS[:4])
        keep &= frame["region_level"].isin(levels) | (is_set & ("regiosets" in levels))
    selected = frame[keep].reset_index(drop=True)
    if selected.empty:
        raise UserError("De selectie (--years/--levels) bevat geen cijfers.")
    return selected


def write_release(results_dir: Path, out: Path, rules_path: Path | None = None,
                  on_block=None, years: tuple[int, int] | None = None,
                  levels: set[str] | None = None) -> tuple[Path, Protected]:
    """Protect ``results_dir``/results.parquet (or the selected part) and write it to ``out``."""
    results_dir, out = Path(results_dir), Path(out)
    if out.exists():
        raise ReleaseRefused(f"{out} bestaat al. Een release wordt nooit overschreven: kies een nieuwe map.")
    rules = load_rules(rules_path)
    frame, metadata = read_results(results_dir)
    if years is not None or levels is not None:
        frame = select(frame, years, levels)
        metadata["selection"] = {"years": list(years) if years else "alle",
                                 "levels": sorted(levels) if levels else "alle"}
    units = units_for(frame, results_dir)
    sets = region_sets_for(metadata)
    protected = protect(frame, units, rules, sets, on_block)
    totals = protected.audit.totals()
    if not totals.ok:
        failures = protected.audit.failures
        lines = [f"{f.indicator} {f.year} rij {f.row} ({f.quantity}): bereik {f.width:g} < {f.required:g}"
                 for f in failures[:20]]
        raise ReleaseRefused(f"De audit keurt de release af: {len(failures)} onderdrukte cijfers zijn "
                             "te nauwkeurig terug te rekenen:\n- " + "\n- ".join(lines))

    created = datetime.now(UTC)
    with staged_folder(out) as staging:
        _write_package(staging, out.name, created, frame, metadata, rules, sets, protected, totals)
    return out, protected


def _write_package(folder: Path, name: str, created: datetime, frame: pd.DataFrame, metadata: dict,
                   rules: Rules, sets: dict, protected: Protected, totals: AuditTotals) -> None:
    table = protected.table
    table[PUBLISHED_COLUMNS].to_csv(folder / "indicators.csv", index=False, lineterminator="\n")
    definitions_table(sorted(table["indicator"].unique())).to_csv(
        folder / "definitions.csv", index=False, lineterminator="\n")
    suppressed = table.loc[table["status"].isin(SUPPRESSED), KEY + ["status", "reden"]]
    suppressed.to_csv(folder / "onderdrukt.csv", index=False, lineterminator="\n")
    release_id = f"{created:%Y.%m.%d-%H%M%S}"
    (folder / "OUTPUT_CHECK.md").write_text(
        output_check(release_id, table, rules, protected, totals, frame), encoding="utf-8")

    resources = [
        ("indicators", "indicators.csv", "text/csv", INDICATORS_SCHEMA),
        ("definitions", "definitions.csv", "text/csv", DEFINITIONS_SCHEMA),
        ("onderdrukt", "onderdrukt.csv", "text/csv", SUPPRESSED_SCHEMA),
        ("output-check", "OUTPUT_CHECK.md", "text/markdown", None),
    ]
    descriptor = {
        "name": "armoedemonitor-release",
        "title": f"Armoedemonitor release {release_id}",
        "version": release_id,
        "created": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "engine_version": __version__,
        "description": "Cijfers over (generatie)armoede na onthullingscontrole; zie OUTPUT_CHECK.md.",
        "input": {
            "description": "results.parquet van `armoedemonitor compute` (niet onthullingsgecontroleerd)",
            "rows": int(len(frame)),
            "notice": metadata.get("notice", ""),
        },
        "parameters": metadata.get("parameters", {}),
        "selection": metadata.get("selection", "alles"),
        "rules": {"file": rules.source, **rules.as_metadata()},
        "region_sets": {key: list(members) for key, members in sets.items()},
        "relation_exceptions": protected.exceptions,
        "audit": audit_summary(totals),
        "resources": [],
    }
    for resource_name, path, mediatype, schema in resources:
        entry = {
            "name": resource_name, "path": path, "mediatype": mediatype, "encoding": "utf-8",
            "bytes": (folder / path).stat().st_size, "hash": f"sha256:{sha256(folder / path)}",
        }
        if schema is not None:
            entry.update({"profile": "tabular-data-resource", "format": "csv", "schema": schema})
        else:
            entry["format"] = "md"
        descriptor["resources"].append(entry)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def audit_summary(totals: AuditTotals) -> dict:
    return {
        "passed": totals.ok,
        "protected_quantities": totals.quantities,
        "linear_programmes": totals.linear_programmes,
        "blocks": totals.blocks,
        "smallest_range": (None if totals.smallest is None else "onbegrensd" if totals.smallest == float("inf")
                           else round(totals.smallest, 3)),
        "seconds": round(totals.seconds, 3),
    }
