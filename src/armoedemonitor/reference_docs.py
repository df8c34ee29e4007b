"""The reference pages that are written from the code, so they cannot drift from it:
``docs/cli.md`` (every command and option of ``armoedemonitor``) and
``docs/indicators.md`` (every indicator of the registry). ``tests/test_docs.py`` fails
when a page differs from what this module writes; run
``python -m armoedemonitor.reference_docs`` to rewrite them.
"""

from __future__ import annotations

from pathlib import Path

import typer

GENERATED = "<!-- Written by `python -m armoedemonitor.reference_docs`; do not edit by hand. -->"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def cli_markdown() -> str:
    from armoedemonitor.cli import app

    group = typer.main.get_command(app)
    lines = [GENERATED, "", "# Command line: `armoedemonitor`", "", _cell(group.help or ""), ""]
    with group.make_context("armoedemonitor", [], resilient_parsing=True) as context:
        for name in group.list_commands(context):  # type: ignore[attr-defined]
            command = group.get_command(context, name)  # type: ignore[attr-defined]
            lines += [f"## `armoedemonitor {name}`", "", _cell(command.help or ""), ""]
            arguments = [p for p in command.params if p.param_type_name == "argument"]
            options = [p for p in command.params if p.param_type_name == "option" and p.name != "help"]
            if arguments:
                lines += [f"- `{p.name.upper()}`: {_cell(getattr(p, 'help', '') or '')}" for p in arguments]
                lines.append("")
            if options:
                lines += ["| option | betekenis | standaard |", "|---|---|---|"]
                for option in options:
                    names = ", ".join(f"`{o}`" for o in option.opts + option.secondary_opts)
                    default = "" if option.required or option.default in (None, False, ()) else f"`{option.default}`"
                    required = " (verplicht)" if option.required else ""
                    lines.append(f"| {names} | {_cell(option.help or '')}{required} | {default} |")
                lines.append("")
    return "\n".join(lines)


def indicators_markdown() -> str:
    from armoedemonitor.registry import registry

    lines = [GENERATED, "", "# Indicators", "",
             "Every indicator the engine computes, from the registry "
             "(`definitions/data/indicators/<family>.toml`). The B1 text is what users read "
             "beside the number; the definition is the technical one (docs/spec/indicators.md).", ""]
    family = None
    for entry in registry().values():
        if entry.family != family:
            family = entry.family
            lines += [f"## {family}", ""]
        lines += [f"### `{entry.id}`: {entry.name}", "",
                  f"- eenheid: {entry.unit}; uitsplitsingen: {', '.join(entry.breakdowns) or 'geen'}",
                  f"- B1: {_cell(entry.explanation_b1)}",
                  f"- definitie: {_cell(entry.definition)}",
                  f"- English: {entry.name_en}: {_cell(entry.explanation_en)}", ""]
    return "\n".join(lines)


PAGES = {"cli.md": cli_markdown, "indicators.md": indicators_markdown}


def write(docs: Path) -> None:
    for name, page in PAGES.items():
        (docs / name).write_text(page(), encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).resolve().parents[2] / "docs")
