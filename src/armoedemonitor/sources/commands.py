"""``armoedemonitor validate DATA_DIR``: check a data folder before computing anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def validate(
    data_dir: Annotated[Path, typer.Argument(help="Folder with persons, parent_child, households, members and optionally debt_restructuring.")],
) -> None:
    """Check a microdata folder against the canonical schema; list every problem found."""
    from rich.console import Console
    from rich.table import Table

    from armoedemonitor.sources.validate import validate_dataset

    console = Console()
    with console.status(f"Checking {data_dir} ..."):
        report = validate_dataset(data_dir)  # raises InputError: the CLI prints it, exit 2
    summary = Table("table", "source", "year", "rows", title=f"{data_dir}")
    for name, by_year in report.rows.items():
        source = report.sources[name]
        if not by_year:
            summary.add_row(name, source, "", "0")
        for year, count in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0])):
            summary.add_row(name, source, "" if year is None else str(year), f"{count:,}".replace(",", "."))
    console.print(summary)
    for note in report.notes:
        console.print(f"[yellow]Note:[/yellow] {note}", highlight=False)
    console.print("[bold green]OK[/bold green]")


def map_cbs(
    cbs_dir: Annotated[Path, typer.Argument(help="Folder with CBS Remote Access files (INHATAB, GBAPERSOONTAB, KINDOUDERTAB, ...).")],
    out: Annotated[Path, typer.Option(help="Folder to write the canonical tables to.")],
    years: Annotated[str, typer.Option(help="Income years, e.g. 2018-2022.")],
) -> None:
    """Turn CBS microdata tables into the canonical schema (see docs/cbs-mapping.md)."""
    from rich.console import Console

    from armoedemonitor.sources.cbs import map_cbs as run_mapping
    from armoedemonitor.years import parse_years

    first, last = parse_years(years)
    console = Console()
    with console.status(f"Mapping {cbs_dir} ..."):
        report = run_mapping(cbs_dir, out, list(range(first, last + 1)))
    for name, count in report.rows.items():
        console.print(f"{name}: {count:,} rows".replace(",", "."))
    for year, count in sorted(report.households_without_region.items()):
        console.print(f"[yellow]Note:[/yellow] {year}: {count} households without an address left out")
    console.print(f"[bold green]Written to {report.out_dir}[/bold green]")
