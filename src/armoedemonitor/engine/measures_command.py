"""``armoedemonitor measures``: the EU income measures on any person-level file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import ibis
import typer

from armoedemonitor.errors import InputError, UserError


def parse_lines(text: str) -> tuple[float, ...]:
    """'0.4,0.5' -> (0.4, 0.5); each a fraction of the median between 0 and 1."""
    try:
        lines = tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise UserError(f"--lines moet een lijst van breuken zijn, zoals 0.4,0.5,0.6; niet {text!r}") from None
    if not lines or any(not 0 < p <= 1 for p in lines):
        raise UserError(f"--lines: elke grens is een breuk tussen 0 en 1 (zoals 0.6), niet {text!r}")
    return lines


def read_table(con, file: Path):
    """The file as a table: CSV (text, also Dutch ';' with decimal commas), Parquet or
    SPSS, through the project's one reader (SPSS streamed, never loaded whole)."""
    from armoedemonitor.sources.readers import open_file

    return numbered(open_file(con, file))


def check_columns(table, file: Path, income: str, weight: str | None, by: list[str]) -> None:
    """Every named column must exist."""
    problems = [
        f"{file}: kolom {column!r} ({role}) bestaat niet; kolommen zijn: "
        f"{', '.join(c for c in table.columns if c != '_row')}"
        for role, column in [("--income", income), ("--weight", weight), *(("--by", b) for b in by)]
        if column is not None and column not in table.columns
    ]
    if problems:
        raise InputError(problems)


def as_numbers(table, file: Path, columns: dict[str, str]):
    """Income and weight as float64. Text (CSV) is read as a number, with a decimal comma
    in a Dutch ';' file; values that are no number are refused, naming their rows. NaN
    is unknown (null), like an empty cell; an infinite value is refused."""
    from armoedemonitor.sources.readers import decimal_comma

    comma = decimal_comma(file)
    problems, numbers = [], {}
    for role, column in columns.items():
        value = table[column]
        if value.type().is_string():
            text = value.strip()
            text = text.replace(",", ".") if comma else text
            number = text.nullif("").try_cast("float64")
            bad = value.notnull() & (text != "") & number.isnull()
        elif value.type().is_numeric():
            number, bad = value.cast("float64"), ibis.literal(False)
        else:
            raise InputError([f"{file}: kolom {column!r} ({role}) is geen getal (type {value.type()})"])
        number = number.isnan().ifelse(ibis.null("float64"), number) if value.type().is_floating() else number
        numbers[column] = number
        if problem := offending(table, bad, column, f"{file}: kolom {column!r} ({role}) moet een getal zijn"):
            problems.append(problem)
        if problem := offending(table, number.notnull() & number.isinf(), column,
                                f"{file}: kolom {column!r} ({role}) mag niet oneindig zijn"):
            problems.append(problem)
    if problems:
        raise InputError(problems)
    return table.mutate(**numbers)


def offending(table, condition, column: str, message: str) -> str | None:
    """``message`` with how many rows meet ``condition`` and the first five, or None."""
    bad = table.filter(condition)
    count = int(bad.count().execute())
    if not count:
        return None
    first = bad.order_by("_row").limit(5).execute()
    examples = ", ".join(f"rij {int(row)}: {value!r}" for row, value in zip(first["_row"], first[column], strict=True))
    return f"{message}; {count} waarde(n) zijn dat niet ({examples})"


def numbered(table):
    """The table with ``_row``: the 1-based row number in the file (before any dropping)."""
    return table.mutate(_row=ibis.row_number() + 1)


def check_weights(table, file: Path, weight: str) -> None:
    """Negative weights make no sense: refuse them, naming the first rows."""
    negative = table.filter(table[weight] < 0)
    count = int(negative.count().execute())
    if count:
        rows = negative.order_by("_row").limit(5)._row.execute()
        raise InputError([f"{file}: kolom {weight!r} heeft {count} negatieve gewicht(en), "
                          f"eerste rijen: {', '.join(str(int(r)) for r in rows)}"])


def drop_missing(table, income: str, weight: str | None):
    """Rows with both income and weight known, and how many rows were dropped."""
    known = table[income].notnull()
    if weight:
        known &= table[weight].notnull()
    kept = table.filter(known)
    dropped = int(table.count().execute()) - int(kept.count().execute())
    return kept, dropped


def group_labels(frame, by: list[str]):
    """'' for the whole file, else the values of the --by columns joined with '|'."""
    if not by:
        return [""] * len(frame)
    parts = frame[by].astype(object).where(frame[by].notna(), "NA").astype(str)
    return parts.agg("|".join, axis=1)


def measures(
    file: Annotated[Path, typer.Argument(help="Bestand met één rij per persoon (.csv, .parquet of .sav).")],
    income: Annotated[str, typer.Option(help="Kolom met het (gestandaardiseerde) inkomen.")],
    weight: Annotated[str | None, typer.Option(help="Kolom met het gewicht (zonder: elk 1).")] = None,
    by: Annotated[list[str] | None, typer.Option(help="Kolom om naar uit te splitsen (herhaalbaar).")] = None,
    lines: Annotated[str, typer.Option(help="Armoedegrenzen als breuk van de mediaan.")] = "0.4,0.5,0.6,0.7",
    out: Annotated[Path | None, typer.Option(help="CSV-bestand voor de uitkomst (zonder: naar het scherm).")] = None,
) -> None:
    """EU-maten (mediaan, arpt/arpr, rmpg, qsr, gini, fgt, watts) op een personenbestand.

    Rows with missing income or weight are dropped; how many is reported.
    """
    import pandas as pd
    from rich.console import Console

    from armoedemonitor.engine import measures as m
    from armoedemonitor.engine.backend import connect

    by = list(by or [])
    fractions = parse_lines(lines)
    con = connect("duckdb")
    table = read_table(con, file)
    check_columns(table, file, income, weight, by)
    table = as_numbers(table, file, {"--income": income} | ({"--weight": weight} if weight else {}))
    if weight:
        check_weights(table, file, weight)
    table, dropped = drop_missing(table, income, weight)
    if int(table.count().execute()) == 0:
        raise UserError(f"{file}: geen rijen met een bekend inkomen{' en gewicht' if weight else ''}")
    if weight and float(table[weight].sum().execute()) == 0:
        raise UserError(f"{file}: kolom {weight!r} (--weight): alle gewichten zijn 0, "
                        "dus er valt niets te meten")

    parts = [m.summary(table, income, weight, (), fractions).assign(group="")]
    if by:
        grouped = m.summary(table, income, weight, by, fractions)
        parts.append(grouped.assign(group=group_labels(grouped, by)))
    result = pd.concat(parts, ignore_index=True)[["group", "measure", "value", "n", "weight_sum"]]

    if out:
        result.to_csv(out, index=False)
    else:
        result.to_csv(sys.stdout, index=False)
    missing = "inkomen of gewicht" if weight else "inkomen"
    Console(stderr=True).print(
        f"{dropped} rij(en) zonder {missing} weggelaten; {int(table.count().execute())} "
        f"rij(en) gebruikt.", highlight=False)
