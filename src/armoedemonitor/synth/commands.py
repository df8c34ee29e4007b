"""``armoedemonitor synth``: write a synthetic population in the canonical schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armoedemonitor.errors import UserError
from armoedemonitor.years import parse_years


def synth(
    out: Annotated[Path, typer.Option("--out", help="Map waarin de tabellen komen (Parquet).")],
    persons: Annotated[int, typer.Option("--persons", help="Aantal personen (ongeveer, per jaar).")] = 100_000,
    years: Annotated[str, typer.Option("--years", help="Jaren, bijvoorbeeld 2003-2022.")] = "2003-2022",
    seed: Annotated[int, typer.Option("--seed", help="Startwaarde van het toeval: zelfde seed, zelfde data.")] = 1,
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="TOML met parameters die afwijken van het standaardscenario.")
    ] = None,
) -> None:
    """Maak een synthetische bevolking van Groningen en Drenthe (canoniek schema, per jaar)."""
    from armoedemonitor.progress import StepProgress
    from armoedemonitor.synth.model import generate
    from armoedemonitor.synth.scenario import load_scenario

    if persons < 100:
        raise UserError("--persons moet minstens 100 zijn.")
    first, last = parse_years(years)
    parameters = load_scenario(scenario)
    with StepProgress("synth {task.description}") as progress:
        task = progress.add_task("jaren", total=last - first + 1)

        def advance(year: int) -> None:
            progress.update(task, advance=1, description=str(year))

        generate(out, persons, first, last, seed, parameters, on_year=advance)
