"""The one command, ``armoedemonitor``: each stage contributes its subcommands.

Subcommands live beside the code they drive (``<stage>/commands.py``) and import their
heavy dependencies inside the function, so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

from armoedemonitor.errors import UserError

app = typer.Typer(
    name="armoedemonitor",
    help="Monitor of (intergenerational) poverty: microdata -> indicators -> safe releases -> web app.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# (module, function, command name). Order is the order of `armoedemonitor --help`.
COMMANDS = [
    ("armoedemonitor.sources.commands", "validate", "validate"),
    ("armoedemonitor.sources.commands", "map_cbs", "map-cbs"),
    ("armoedemonitor.synth.commands", "synth", "synth"),
    ("armoedemonitor.engine.commands", "compute", "compute"),
    ("armoedemonitor.engine.measures_command", "measures", "measures"),
    ("armoedemonitor.release.commands", "release", "release"),
    ("armoedemonitor.release.commands", "check", "check"),
    ("armoedemonitor.web.commands", "import_release", "import-release"),
    ("armoedemonitor.web.commands", "serve", "serve"),
    ("armoedemonitor.web.commands", "backup", "backup"),
    ("armoedemonitor.web.commands", "restore", "restore"),
]

for module_name, function_name, command_name in COMMANDS:
    # A missing module is a broken install, not an unbuilt stage: let it fail loudly.
    app.command(command_name)(getattr(importlib.import_module(module_name), function_name))


@app.command("indicators")
def indicators() -> None:
    """List every indicator in the registry: id, Dutch name, unit and breakdowns."""
    from rich.table import Table

    from armoedemonitor.registry import registry

    table = Table("id", "naam", "eenheid", "uitsplitsingen", title="Indicatoren")
    for entry in registry().values():
        table.add_row(entry.id, entry.name, entry.unit, ", ".join(entry.breakdowns))
    Console().print(table)


def main() -> None:
    """Entry point: user errors become a clear message and exit code 2, no traceback."""
    try:
        app()
    except UserError as error:
        Console(stderr=True).print(f"[bold red]Fout:[/bold red] {error}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
