"""``armoedemonitor validate DATA_DIR``: check a data folder before computing anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def validate(
    data_dir: Annotated[
        Path,
        typer.Argument(help="Map met persons, parent_child, households, members en eventueel debt_restructuring."),
    ],
) -> None:
    """Controleer een map met microdata op het canonieke schema; noem elk probleem."""
    from rich.console import Console
    from rich.table import Table

    from armoedemonitor.sources.validate import validate_dataset

    console = Console()
    with console.status(f"{data_dir} controleren ..."):
        report = validate_dataset(data_dir)  # raises InputError: the CLI prints it, exit 2
    summary = Table("tabel", "bron", "jaar", "rijen", title=f"{data_dir}")
    for name, by_year in report.rows.items():
        source = report.sources[name]
        if not by_year:
            summary.add_row(name, source, "", "0")
        for year, count in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0])):
            summary.add_row(name, source, "" if year is None else str(year), f"{count:,}".replace(",", "."))
    console.print(summary)
    for note in report.notes:
        console.print(f"[yellow]Let op:[/yellow] {note}", highlight=False)
    console.print("[bold green]OK[/bold green]")


def map_cbs(
    cbs_dir: Annotated[
        Path,
        typer.Argument(help="Map met CBS Remote Access-bestanden (INHATAB, GBAPERSOONTAB, KINDOUDERTAB, ...)."),
    ],
    out: Annotated[Path, typer.Option(help="Map waarin de canonieke tabellen komen.")],
    years: Annotated[str, typer.Option(help="Inkomensjaren, bijvoorbeeld 2018-2022.")],
) -> None:
    """Zet CBS-microdatatabellen om naar het canonieke schema (zie docs/cbs-mapping.md)."""
    from rich.console import Console

    from armoedemonitor.sources.cbs import map_cbs as run_mapping
    from armoedemonitor.years import parse_years

    first, last = parse_years(years)
    console = Console()
    with console.status(f"{cbs_dir} omzetten ..."):
        report = run_mapping(cbs_dir, out, list(range(first, last + 1)))
    for name, count in report.rows.items():
        console.print(f"{name}: {count:,} rijen".replace(",", "."))
    for year, count in sorted(report.households_without_region.items()):
        console.print(f"[yellow]Let op:[/yellow] {year}: {count} huishoudens zonder adres weggelaten")
    console.print(f"[bold green]Geschreven naar {report.out_dir}[/bold green]")
