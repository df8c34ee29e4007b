"""CLI: ``armoedemonitor release`` and ``armoedemonitor check``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


def release(
    results_dir: Annotated[Path, typer.Argument(help="Map met results.parquet (van `compute`).")],
    out: Annotated[Path, typer.Option("--out", help="Nieuwe map voor de release; wordt nooit overschreven.")],
    rules: Annotated[
        Path | None, typer.Option("--rules", help="Regelbestand (TOML); standaard de ingebouwde regels.")
    ] = None,
    years: Annotated[
        str | None, typer.Option("--years", help="Alleen deze jaren publiceren, bijvoorbeeld 2018-2022.")
    ] = None,
    levels: Annotated[
        str | None, typer.Option("--levels", help="Alleen deze niveaus: totaal,gemeente,wijk,buurt,regiosets.")
    ] = None,
) -> None:
    """Pas onthullingscontrole toe en schrijf een release (datapakket) die naar buiten mag."""
    from armoedemonitor.progress import StepProgress
    from armoedemonitor.release.package import write_release
    from armoedemonitor.years import parse_years

    console = Console(soft_wrap=True)
    with StepProgress(console=console, transient=True) as progress:
        task = progress.add_task("onthullingscontrole", total=None)

        def on_block(label: str, total: int) -> None:
            progress.update(task, total=total, advance=1, description=f"onthullingscontrole: {label}")

        path, protected = write_release(
            results_dir, out, rules, on_block,
            years=parse_years(years) if years else None,
            levels={level.strip() for level in levels.split(",") if level.strip()} if levels else None,
        )
    counts = protected.table["status"].value_counts()
    console.print(
        f"Release geschreven naar {path}: {counts.get('afgerond', 0) + counts.get('ok', 0)} cijfers "
        f"gepubliceerd, {counts.get('primair', 0)} primair en {counts.get('secundair', 0)} secundair "
        f"weggelaten; audit geslaagd ({protected.audit.linear_programmes} lineaire programma's, "
        f"{protected.audit.seconds:.1f} s).",
        highlight=False,
    )


@contextmanager
def audit_progress(console: Console, then: str = "") -> Iterator[Callable[[int], None]]:
    """A progress bar over the tables a check audits; yields its ``on_table(total)``.
    ``then`` names what follows the last table (the bar stays, its clock running)."""
    from armoedemonitor.progress import StepProgress

    with StepProgress(console=console, transient=True) as progress:
        task = progress.add_task("controle: tabellen", total=None)

        def on_table(total: int) -> None:
            progress.update(task, total=total, advance=1)
            if then and progress.tasks[0].finished:
                progress.update(task, description=then)

        yield on_table


def check(
    release_dir: Annotated[Path, typer.Argument(help="Map van een release.")],
) -> None:
    """Controleer een release: hashes, datapakket, regels en audit."""
    from armoedemonitor.release.verify import verify_release

    console = Console(soft_wrap=True)
    with audit_progress(console) as on_table:
        report = verify_release(release_dir, on_table)
    console.print(
        f"Release {report.release_id} in {report.path} is in orde: {report.rows} rijen, "
        f"{len(report.resources)} bestanden, audit geslaagd "
        f"({len(report.audit.findings)} beschermde aantallen).",
        highlight=False,
    )
