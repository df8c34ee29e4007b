"""Find the canonical tables in a data folder and open them on any Ibis backend.

A table NAME is one of ``NAME.parquet``, ``NAME.csv``, ``NAME.sav`` or a folder ``NAME/``
of Parquet files (optionally hive-partitioned, e.g. ``year=2020/``). SPSS files are
converted chunk by chunk to a temporary Parquet file, so every backend reads Parquet or
CSV and nothing person-level passes through Python in one piece.

Readers do not check rules: run :func:`armoedemonitor.sources.validate.validate_dataset`
first; a dataset that passes it casts cleanly here.
"""

from __future__ import annotations

import atexit
import codecs
import csv
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from armoedemonitor.errors import InputError
from armoedemonitor.sources.schema import TABLES, Table

SUFFIXES = (".parquet", ".csv", ".sav")


@dataclass(frozen=True)
class TableSource:
    """Where one table lives: ``kind`` is 'parquet', 'folder', 'csv' or 'sav'."""

    table: str
    path: Path
    kind: str

    @property
    def hive(self) -> bool:
        return self.kind == "folder" and any(
            p.is_dir() and "=" in p.name for p in self.path.iterdir()
        )

    @property
    def parquet_glob(self) -> str:
        return str(self.path / "**" / "*.parquet") if self.kind == "folder" else str(self.path)


def find_sources(data_dir: Path, name: str) -> list[TableSource]:
    """Every file or folder in ``data_dir`` that could hold table ``name``."""
    found = [
        TableSource(name, data_dir / f"{name}{suffix}", suffix[1:])
        for suffix in SUFFIXES
        if (data_dir / f"{name}{suffix}").is_file()
    ]
    if (data_dir / name).is_dir():
        found.append(TableSource(name, data_dir / name, "folder"))
    return found


def locate_tables(data_dir: Path) -> dict[str, TableSource | None]:
    """One source per canonical table (None for an absent optional table).

    Raises InputError for a missing data folder, a missing required table or a table
    given twice (e.g. both persons.csv and persons.parquet): which one is meant is the
    user's call, not ours.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError([f"{data_dir}: datamap niet gevonden"])
    located: dict[str, TableSource | None] = {}
    problems = []
    for name, table in TABLES.items():
        found = find_sources(data_dir, name)
        if len(found) > 1:
            names = ", ".join(s.path.name for s in found)
            problems.append(f"{name}: tabel meer dan eens gegeven ({names}); houd er één")
        elif not found and not table.optional:
            problems.append(
                f"{name}: tabel ontbreekt (verwacht {name}.parquet, {name}.csv, {name}.sav "
                f"of een map {name}/ met Parquet-bestanden in {data_dir})"
            )
        located[name] = found[0] if len(found) == 1 else None
    if problems:
        raise InputError(problems)
    return located


def csv_header(path: Path) -> tuple[str, list[str]]:
    """The delimiter (',' or ';': Dutch exports often use ';') and column names.

    Readers pass these to DuckDB explicitly: its sniffer would otherwise skip
    malformed leading rows silently instead of reporting them.
    """
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        header = handle.readline()
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    names = next(csv.reader([header], delimiter=delimiter), [])
    return delimiter, [name.strip() for name in names]


def decimal_comma(path: Path) -> bool:
    """Dutch Excel writes CSV with ';' between fields and a decimal comma in numbers."""
    return path.suffix.lower() == ".csv" and csv_header(path)[0] == ";"


def utf8_problem(path: Path) -> str | None:
    """Where a CSV file stops being UTF-8 (DuckDB's own error is a byte dump), or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk[: error.start].count(b"\n")
                return (f"{path.name}: het bestand is geen UTF-8 (regel {line}); sla het op als "
                        "'CSV UTF-8' (in Excel: Opslaan als, CSV UTF-8)")
            line += chunk.count(b"\n")
    return None


def duckdb_csv_options(path: Path) -> dict:
    """read_csv options for DuckDB: dialect and columns fixed, every value as text."""
    delimiter, names = csv_header(path)
    return {"header": True, "auto_detect": False, "delim": delimiter, "quote": '"',
            "escape": '"', "columns": dict.fromkeys(names, "VARCHAR")}


@cache
def sav_cache() -> Path:
    """One temporary folder per process for converted SPSS files, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="armoedemonitor-sav-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def sav_as_parquet(path: Path, chunksize: int = 200_000) -> Path:
    """Convert an SPSS file to Parquet once per file version, in chunks.

    SPSS has no null for strings: an empty string is read as null (unknown).
    """

    stat = path.stat()
    digest = hashlib.sha256(f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}".encode())
    target = sav_cache() / f"{path.stem}-{digest.hexdigest()[:16]}.parquet"
    if target.exists():
        return target
    partial = target.with_suffix(".partial")
    writer = None
    try:
        for frame, _meta in _sav_chunks(path, chunksize):
            batch = pa.Table.from_pandas(frame, preserve_index=False)
            batch = pa.table({
                name: pc.if_else(pc.equal(col, ""), None, col) if pa.types.is_string(col.type)
                or pa.types.is_large_string(col.type) else col
                for name, col in zip(batch.column_names, batch.columns, strict=True)
            })
            if writer is None:
                schema = pa.schema(
                    [f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in batch.schema]
                )
                writer = pq.ParquetWriter(partial, schema)
            writer.write_table(batch.cast(writer.schema))
        if writer is None:  # no rows: keep the columns
            _, meta = _sav_read(path, metadataonly=True)
            pq.write_table(pa.table({c: pa.array([], pa.string()) for c in meta.column_names}), partial)
    finally:
        if writer is not None:
            writer.close()
    partial.rename(target)
    return target


def _sav_read(path: Path, **options):
    """pyreadstat.read_sav, with a broken file named in the error (its own says only
    "Unable to read from file")."""
    import pyreadstat

    try:
        return pyreadstat.read_sav(str(path), **options)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError) as error:
        raise InputError([f"{path}: geen leesbaar SPSS-bestand (.sav): {error}"]) from None


def _sav_chunks(path: Path, chunksize: int):
    """The rows of an SPSS file in chunks of ``chunksize``, never the whole file at once."""
    offset = 0
    while True:
        frame, meta = _sav_read(path, row_offset=offset, row_limit=chunksize)
        if frame.empty:
            return
        yield frame, meta
        offset += chunksize


def _read_raw(con: ibis.BaseBackend, source: TableSource) -> ibis.Table:
    """The table as stored: CSV columns as text, Parquet with its own types."""
    spark = con.name == "pyspark"
    if source.kind == "csv":
        if spark:
            return con.read_csv(str(source.path), header=True, sep=csv_header(source.path)[0])
        options = duckdb_csv_options(source.path)
        return con.read_csv(str(source.path), columns=options.pop("columns"), **options)
    if source.kind == "sav":
        return con.read_parquet(str(sav_as_parquet(source.path)))
    if source.kind == "folder" and spark:
        return con.read_parquet(str(source.path))
    if source.kind == "folder":
        return con.read_parquet(source.parquet_glob, hive_partitioning=source.hive, union_by_name=True)
    return con.read_parquet(str(source.path))


def open_file(con: ibis.BaseBackend, path: Path) -> ibis.Table:
    """One CSV, Parquet or SPSS file as stored (CSV columns as text; SPSS streamed)."""
    kind = path.suffix.lower()[1:]
    if not path.is_file():
        raise InputError([f"{path}: bestand niet gevonden"])
    if f".{kind}" not in SUFFIXES:
        raise InputError([f"{path}: onbekend formaat {path.suffix!r}; gebruik .csv, .parquet of .sav"])
    if kind == "csv" and (problem := utf8_problem(path)):
        raise InputError([problem])
    return _read_raw(con, TableSource(path.stem, path, kind))


def canonical(raw: ibis.Table, table: Table) -> ibis.Table:
    """Select the canonical columns in order, cast, and add absent optional columns."""
    columns = {}
    for column in table.columns:
        if column.name in raw.columns:
            columns[column.name] = raw[column.name].cast(column.dtype)
        else:
            columns[column.name] = ibis.literal(column.default, type=column.dtype)
    return raw.select(**columns)


def empty_table(table: Table) -> ibis.Table:
    """An absent optional table: no rows, canonical columns (works on every backend)."""
    schema = ibis.schema({c.name: c.dtype for c in table.columns})
    return ibis.memtable(schema.to_pyarrow().empty_table())


def open_tables(con: ibis.BaseBackend, data_dir: Path | str) -> dict[str, ibis.Table]:
    """Every canonical table of ``data_dir`` as an Ibis table on backend ``con``."""
    located = locate_tables(Path(data_dir))
    return {
        name: canonical(_read_raw(con, source), TABLES[name])
        if source is not None
        else empty_table(TABLES[name])
        for name, source in located.items()
    }


def open_tables_duckdb(data_dir: Path | str) -> dict[str, ibis.Table]:
    """open_tables on a fresh in-process DuckDB connection."""
    return open_tables(ibis.duckdb.connect(), data_dir)
