"""``armoedemonitor compute``: microdata folder -> raw indicator results."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

import typer

from armoedemonitor.errors import UserError
from armoedemonitor.years import parse_years

GEMEENTE = re.compile(r"^GM\d{4}$")


def parse_thresholds(items: list[str]) -> dict[int, float]:
    """['2023=15000'] -> {2023: 15000.0}."""
    found = {}
    for item in items:
        match = re.fullmatch(r"\s*(\d{4})\s*=\s*(\d+(?:\.\d+)?)\s*", item)
        if not match:
            raise UserError(f"--threshold {item!r}: gebruik JAAR=EURO, bijvoorbeeld 2023=15000")
        found[int(match[1])] = float(match[2])
    return found


def parse_wealth_limits(items: list[str]) -> dict[int, tuple[float, float]]:
    """['2016=24437/48874'] -> {2016: (24437.0, 48874.0)}; without '/SAMEN' it is twice ALLEEN."""
    found = {}
    for item in items:
        match = re.fullmatch(r"\s*(\d{4})\s*=\s*(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?)\s*)?", item)
        if not match:
            raise UserError(f"--vermogensgrens {item!r}: gebruik JAAR=ALLEEN/SAMEN in euro, "
                            "bijvoorbeeld 2016=24437/48874")
        single = float(match[2])
        found[int(match[1])] = (single, float(match[3]) if match[3] else 2 * single)
    return found


def _checked(name: str, codes, source: str) -> tuple[str, ...]:
    codes = tuple(str(c).strip() for c in codes)
    bad = [c for c in codes if not GEMEENTE.match(c)]
    if bad or not codes:
        raise UserError(f"{source}: regioset {name!r} heeft geen of ongeldige gemeentecodes "
                        f"{', '.join(bad[:5])} (verwacht GM + 4 cijfers)")
    return codes


def parse_region_sets(items: list[str]) -> dict[str, tuple[str, ...]] | None:
    """Named default sets and/or files; None (the defaults) when none are given.

    A file is TOML with tables ``[naam] gemeenten = ["GM0014", ...]``, or a text/CSV
    file with one gemeente code per line (the set is named after the file).
    """
    if not items:
        return None
    from armoedemonitor.engine.context import default_region_sets

    defaults = default_region_sets()
    chosen: dict[str, tuple[str, ...]] = {}
    for item in items:
        path = Path(item)
        if item in defaults:
            chosen[item] = defaults[item]
        elif path.is_file() and path.suffix == ".toml":
            try:
                data = tomllib.loads(path.read_text("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise UserError(f"{path}: geen geldig TOML ({error})") from None
            for name, entry in data.items():
                if not isinstance(entry, dict) or "gemeenten" not in entry:
                    raise UserError(f"{path}: [{name}] mist de lijst 'gemeenten'")
                chosen[name] = _checked(name, entry["gemeenten"], str(path))
        elif path.is_file():
            lines = [line.split(",")[0] for line in path.read_text("utf-8").splitlines()]
            chosen[path.stem] = _checked(path.stem, [c for c in lines if c.strip()], str(path))
        else:
            raise UserError(f"--region-set {item!r}: geen bekende regioset "
                            f"({', '.join(defaults)}) en geen bestand")
    return chosen


def compute(
    data_dir: Annotated[Path, typer.Argument(help="Map met de microdata (canoniek schema).")],
    out: Annotated[Path, typer.Option("--out", help="Map voor results.parquet en results.csv.")],
    years: Annotated[str | None, typer.Option(help="Uitvoerjaren, bijvoorbeeld 2018-2022.")] = None,
    backend: Annotated[str, typer.Option(help="duckdb of pyspark.")] = "duckdb",
    poverty_line: Annotated[str, typer.Option(
        help="lage_inkomensgrens, arop60 of een CSV (year,household_type,amount).")] = "lage_inkomensgrens",
    region_set: Annotated[list[str] | None, typer.Option(
        "--region-set", help="Naam van een regioset of bestand; herhaalbaar.")] = None,
    threshold: Annotated[list[str] | None, typer.Option(
        "--threshold", help="Lage-inkomensgrens JAAR=EURO voor een ontbrekend jaar; herhaalbaar.")] = None,
    vermogensgrens: Annotated[list[str] | None, typer.Option(
        "--vermogensgrens",
        help="Vermogensgrens huurtoeslag JAAR=ALLEEN/SAMEN (euro) voor een ontbrekend jaar; herhaalbaar.")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Vervang een bestaande --out-map (pas als alles klaar is).")] = False,
    family: Annotated[list[str] | None, typer.Option(
        "--family", help="Alleen deze indicatorfamilie: poverty, inequality, debt, intergenerational, "
                         "lifecourse, mobility, migration of bereik; herhaalbaar. Standaard alle.")] = None,
) -> None:
    """Bereken alle indicatoren uit microdata (ruwe uitkomsten: blijven in Remote Access)."""
    from rich.console import Console

    from armoedemonitor.engine.run import FAMILIES, family_named
    from armoedemonitor.engine.run import compute as run_compute

    frame = run_compute(
        data_dir, out, years=parse_years(years) if years else None, backend=backend, poverty_line=poverty_line,
        region_sets=parse_region_sets(region_set or []),
        thresholds=parse_thresholds(threshold or []), overwrite=overwrite,
        wealth_limits=parse_wealth_limits(vermogensgrens or []),
        families=[f for f in FAMILIES if f in {family_named(n) for n in family}] if family else None,
    )
    Console().print(f"{len(frame)} uitkomsten geschreven naar {out}/results.parquet en results.csv "
                    "(niet beveiligd: niet buiten de beveiligde omgeving brengen)")
