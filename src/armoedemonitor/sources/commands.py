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
