"""``armoedemonitor measures``: the EU income measures on any person-level file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import duckdb
import ibis
import typer

from armoedemonitor.errors import InputError, UserError

READERS = {".csv": "read_csv", ".parquet": "read_parquet", ".sav": "sav"}


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
    """The file as a table in DuckDB: CSV, Parquet or SPSS (.sav, via pyreadstat)."""
    if not file.is_file():
        raise UserError(f"bestand niet gevonden: {file}")
    reader = READERS.get(file.suffix.lower())
    if reader is None:
        raise UserError(f"{file}: onbekend formaat {file.suffix!r}; gebruik .csv, .parquet of .sav")
    if reader == "sav":
        import pyreadstat

        frame, _ = pyreadstat.read_sav(str(file))
        con.con.register("measures_sav", frame)  # DuckDB reads the frame in place
        con.con.execute("CREATE TEMP TABLE measures_input AS SELECT * FROM measures_sav")
        con.con.unregister("measures_sav")
        return con.table("measures_input")
    try:
        return getattr(con, reader)(str(file), table_name="measures_input")
    except duckdb.Error as error:
        raise UserError(f"{file}: kan het bestand niet lezen ({error})") from None


def check_columns(table, file: Path, income: str, weight: str | None, by: list[str]) -> None:
    """Every named column must exist; income and weight must hold numbers only."""
    problems = []
    for role, column in [("--income", income), ("--weight", weight), *(("--by", b) for b in by)]:
        if column is not None and column not in table.columns:
            problems.append(f"{file}: kolom {column!r} ({role}) bestaat niet; "
                            f"kolommen zijn: {', '.join(table.columns)}")
        elif column is not None and role != "--by" and not table[column].type().is_numeric():
            problems.append(not_numeric(numbered(table), file, column, role))
    if problems:
        raise InputError(problems)


def not_numeric(table, file: Path, column: str, role: str) -> str:
    """A clear message for a text column: how many values are not numbers, and where."""
    text = table[column]
    bad = table.filter(text.notnull() & text.cast("string").try_cast("float64").isnull())
    count = int(bad.count().execute())
    if not count:
        return f"{file}: kolom {column!r} ({role}) is geen getal (type {text.type()})"
    first = bad.order_by("_row").limit(5).execute()
    examples = ", ".join(f"rij {int(row)}: {value!r}" for row, value in zip(first["_row"], first[column], strict=True))
    return (f"{file}: kolom {column!r} ({role}) moet een getal zijn; {count} waarde(n) zijn "
            f"dat niet ({examples})")


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
    table = numbered(table)
    if weight:
        check_weights(table, file, weight)
    table, dropped = drop_missing(table, income, weight)
    if int(table.count().execute()) == 0:
        raise UserError(f"{file}: geen rijen met een bekend inkomen{' en gewicht' if weight else ''}")

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
