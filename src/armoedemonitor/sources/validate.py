"""Check a data folder against the canonical schema (docs/spec/microdata.md), in DuckDB.

Every rule of the spec is a SQL condition on one row. Per table one aggregate query
counts the rows breaking each rule (``count_if(...)``, duplicate keys via
a joined hash aggregate); a second query per table does the same for rules that join
other tables. Only for a failing rule are the first five offending keys fetched. Nothing
person-level comes back to Python, and DuckDB works out of core, so this scales to full CBS files.

Values are read as stored and cast with ``TRY_CAST``: a value that does not cast breaks
the "geen geldige <type>" rule, and the typed value (null for such values) feeds the other rules, so
one bad value is reported once, under the rule it breaks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from armoedemonitor.errors import InputError
from armoedemonitor.limits import duckdb_settings
from armoedemonitor.numbers import format_number
from armoedemonitor.sources.cbs_codes import sentinel_amounts
from armoedemonitor.sources.readers import (
    TableSource,
    duckdb_csv_options,
    find_sources,
    sav_as_parquet,
)
from armoedemonitor.sources.schema import TABLES, Column, Table

READ_ERRORS = (duckdb.IOException, duckdb.InvalidInputException, duckdb.ConversionException,
               duckdb.OutOfRangeException)
SQL_BUGS = (duckdb.BinderException, duckdb.ParserException, duckdb.CatalogException)
MAX_KEYS = 5
PART_ROWS = 40_000_000  # rows of a by-year table per query (Validator.parts)
MAX_GENERATIONS = 100  # ancestry walks stop here; real pedigrees are far shallower
INTEGER_SOURCE = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                  "UINTEGER", "UBIGINT")
NUMERIC_SOURCE = (*INTEGER_SOURCE, "FLOAT", "DOUBLE", "DECIMAL")


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (table, file, column), which rule, how many rows, examples."""

    table: str
    file: str
    column: str
    rule: str
    count: int | None = None
    key_names: tuple[str, ...] = ()
    keys: tuple[tuple, ...] = ()
    values: tuple[str, ...] = ()
    detail: str = ""

    def __str__(self) -> str:
        where = f"{self.file}" + (f", kolom {self.column}" if self.column else "")
        text = f"{where}: {self.rule}"
        if self.detail:
            text += f" ({self.detail})"
        if self.count is not None:
            text += f": {self.count} {'rij' if self.count == 1 else 'rijen'}"
        if self.keys:
            names = ", ".join(self.key_names)
            shown = []
            for key, value in zip(self.keys, self.values or ("",) * len(self.keys), strict=True):
                key_text = "(" + ", ".join("null" if k is None else str(k) for k in key) + ")"
                shown.append(key_text + (f" {value}" if value else ""))
            text += f"; eerste ({names}): " + "; ".join(shown)
        return text


class InvalidDataset(InputError):
    """InputError that also carries the structured problems, for tests and tools."""

    def __init__(self, data_dir: Path, problems: list[Problem]):
        self.findings = problems
        super().__init__([str(p) for p in problems])
        count = len(problems)
        self.args = (f"{data_dir}: {count} {'probleem' if count == 1 else 'problemen'} in de invoer\n"
                     + "\n".join(f"- {p}" for p in self.problems),)


@dataclass
class ValidationReport:
    """What a valid dataset holds: rows per table and year (None = no year column)."""

    data_dir: Path
    rows: dict[str, dict[int | None, int]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """A rule as a SQL condition on one row of the checked relation."""

    column: str
    rule: str
    condition: str
    needs: tuple[str, ...]  # "table.column" that must be readable for the check to run
    shows: str = ""  # SQL expression shown next to each offending key


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw(name: str) -> str:
    return q("raw_" + name)


def fits(name: str) -> str:
    """The column telling whether a value matches its column's pattern: the typed view
    matches each value once, however many rules read the answer."""
    return q("fits_" + name)


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def scan_sql(source: TableSource) -> str:
    """A DuckDB table function reading the source as stored (CSV as text)."""
    if source.kind == "csv":
        options = duckdb_csv_options(source.path)
        columns = ", ".join(f"{sql_text(name)}: 'VARCHAR'" for name in options.pop("columns"))
        settings = ", ".join(f"{key}={sql_text(v) if isinstance(v, str) else str(v).lower()}"
                             for key, v in options.items())
        return f"read_csv({sql_text(str(source.path))}, {settings}, columns={{{columns}}})"
    if source.kind == "sav":
        return f"read_parquet({sql_text(str(sav_as_parquet(source.path)))})"
    if source.kind == "folder":
        hive = "true" if source.hive else "false"
        return (f"read_parquet({sql_text(source.parquet_glob)}, hive_partitioning={hive}, "
                "union_by_name=true)")
    return f"read_parquet({sql_text(str(source.path))})"


def typed_sql(column: Column, source_type: str) -> str:
    """Cast a stored value to the canonical type; null when it does not fit exactly."""
    value, target = raw(column.name), column.sql_type
    stored = source_type.split("(")[0]
    numeric = stored in NUMERIC_SOURCE
    if stored == target:  # Parquet as written by synth or map-cbs: nothing to convert
        return value
    if column.dtype in ("int64", "int16") and stored in INTEGER_SOURCE:
        return f"TRY_CAST({value} AS {target})"  # null when out of range; never rounds
    if column.dtype in ("int64", "int16"):
        # TRY_CAST rounds '1.5' to 2: demand that the value is a whole number
        return (f"CASE WHEN TRY_CAST({value} AS DOUBLE) = TRY_CAST({value} AS {target}) "
                f"THEN TRY_CAST({value} AS {target}) END")
    if column.dtype == "boolean" and numeric:
        return f"CASE WHEN {value} IN (0, 1) THEN {value} = 1 END"
    if column.dtype == "string":
        return f"CAST({value} AS VARCHAR)"
    return f"TRY_CAST({value} AS {target})"


def column_checks(table: Table, column: Column) -> list[Check]:
    """The rules that follow from a column's schema entry."""
    c, needs = q(column.name), (f"{table.name}.{column.name}",)
    shown = f"'waarde ' || {raw(column.name)}"
    checks = [Check(column.name, f"geen geldige {column.dtype}",
                    f"{raw(column.name)} IS NOT NULL AND {c} IS NULL", needs, shown)]
    if not column.nullable:
        checks.append(Check(column.name, "waarde ontbreekt (leeg mag niet)",
                            f"{raw(column.name)} IS NULL", needs))
    if column.dtype == "float64":
        checks.append(Check(column.name, "NaN of oneindig (onbekend moet leeg zijn)",
                            f"{c} IS NOT NULL AND NOT isfinite({c})", needs, shown))
    if column.plausible is not None:
        codes = ", ".join(repr(v) for v in sentinel_amounts())
        checks += [
            Check(column.name, "CBS-code voor onbekend (onbekend moet leeg zijn)",
                  f"{c} IN ({codes})", needs, shown),
            Check(column.name,
                  f"onwaarschijnlijk bedrag (niet onder {format_number(column.plausible)} in absolute waarde)",
                  f"isfinite({c}) AND abs({c}) >= {column.plausible!r} AND {c} NOT IN ({codes})",
                  needs, shown),
        ]
    if column.allowed:
        allowed = ", ".join(sql_text(v) for v in column.allowed)
        checks.append(Check(column.name, f"waarde niet in ({', '.join(column.allowed)})",
                            f"{c} IS NOT NULL AND {c} NOT IN ({allowed})", needs, shown))
    if column.pattern:
        checks.append(Check(column.name, f"past niet op {column.pattern}",
                            f"{c} IS NOT NULL AND NOT {fits(column.name)}",
                            needs, shown))
    return checks


def unique_check(table: Table) -> Check:
    return Check(", ".join(table.key), "dubbele sleutel (moet uniek zijn)",
                 "dup.key_count IS NOT NULL", tuple(f"{table.name}.{k}" for k in table.key))


def in_years(years: str | None) -> str:
    """A WHERE clause keeping the rows of one part of a by-year table (see
    ``Validator.parts``); nothing when the table is checked whole."""
    return f"WHERE year {years}" if years else ""


def duplicates_join(table: Table, years: str | None) -> str:
    """Join the keys that occur more than once (a hash aggregate: cheaper than a window)."""
    keys = ", ".join(f"{q(k)} AS {q('dup_' + k)}" for k in table.key)
    on = " AND ".join(f"dup.{q('dup_' + k)} = t.{q(k)}" for k in table.key)
    return (f"LEFT JOIN (SELECT {keys}, count(*) AS key_count FROM typed_{table.name} "
            f"{in_years(years)} GROUP BY ALL HAVING count(*) > 1) dup ON {on}")


def table_checks(table: Table) -> list[Check]:
    """Single-table rules: schema-derived, key uniqueness and the spec's value rules."""
    checks = [check for column in table.columns for check in column_checks(table, column)]
    checks.append(unique_check(table))
    this_year = datetime.date.today().year
    if table.name == "persons":
        checks.append(Check("birth_year", f"buiten 1900..{this_year}",
                            f"birth_year NOT BETWEEN 1900 AND {this_year}",
                            ("persons.birth_year",), "'waarde ' || birth_year"))
    if table.name == "parent_child":
        checks += [
            Check("mother_id, father_id", "geen ouder (een kind heeft er minstens één)",
                  f"{raw('mother_id')} IS NULL AND {raw('father_id')} IS NULL",
                  ("parent_child.mother_id", "parent_child.father_id")),
            Check("mother_id, father_id", "eigen ouder",
                  "child_id = mother_id OR child_id = father_id",
                  ("parent_child.child_id", "parent_child.mother_id", "parent_child.father_id")),
        ]
    if table.name == "households":
        gm, wk, bu = (fits(c) for c in ("municipality", "district", "neighbourhood"))
        checks += [
            Check(c, "negatief", f"{c} < 0", (f"households.{c}",), f"'waarde ' || {c}")
            for c in ("n_adults", "n_minors")
        ]
        checks += [
            Check("district", "begint niet met de cijfers van de gemeente",
                  f"{gm} AND {wk} AND substr(district, 3, 4) <> substr(municipality, 3, 4)",
                  ("households.district", "households.municipality"),
                  "district || ' in ' || municipality"),
            Check("neighbourhood", "begint niet met de cijfers van de wijk",
                  f"{wk} AND {bu} AND substr(neighbourhood, 3, 6) <> substr(district, 3, 6)",
                  ("households.district", "households.neighbourhood"),
                  "neighbourhood || ' in ' || district"),
            Check("neighbourhood", "begint niet met de cijfers van de gemeente",
                  f"district IS NULL AND {gm} AND {bu} "
                  "AND substr(neighbourhood, 3, 4) <> substr(municipality, 3, 4)",
                  ("households.district", "households.neighbourhood", "households.municipality"),
                  "neighbourhood || ' in ' || municipality"),
        ]
    return checks


def exists_check(table: str, column: str, target: str, alias: str) -> Check:
    return Check(column, f"niet gevonden in {target}",
                 f"t.{q(column)} IS NOT NULL AND {alias}.found IS NULL",
                 (f"{table}.{column}", f"{target}.{'person_id' if target == 'persons' else 'household_id'}"),
                 f"'waarde ' || t.{q(column)}")


KNOWN_PERSONS_SQL = """
CREATE OR REPLACE TEMP TABLE known_persons AS
SELECT person_id, min(birth_year) AS birth_year, true AS found FROM typed_persons GROUP BY person_id
"""


def persons_join(alias: str, column: str) -> str:
    return f"LEFT JOIN known_persons {alias} ON {alias}.person_id = t.{q(column)}"


def cross_checks(table: Table, years: str | None) -> tuple[str, list[Check]]:
    """Rules that join other tables: (the joins, the checks). A year-keyed join reads only
    the part's years of the other table (DuckDB does not carry the filter across)."""
    if table.name == "parent_child":
        joins = "\n".join([persons_join("c", "child_id"), persons_join("m", "mother_id"),
                           persons_join("f", "father_id"),
                           "LEFT JOIN cycle_members cy ON cy.person_id = t.child_id"])
        born = ("persons.birth_year",)
        return joins, [
            exists_check("parent_child", "child_id", "persons", "c"),
            exists_check("parent_child", "mother_id", "persons", "m"),
            exists_check("parent_child", "father_id", "persons", "f"),
            Check("mother_id", "moeder niet voor het kind geboren", "m.birth_year >= c.birth_year",
                  ("parent_child.child_id", "parent_child.mother_id", *born),
                  "'geboren ' || m.birth_year || ', kind ' || c.birth_year"),
            Check("father_id", "vader niet voor het kind geboren", "f.birth_year >= c.birth_year",
                  ("parent_child.child_id", "parent_child.father_id", *born),
                  "'geboren ' || f.birth_year || ', kind ' || c.birth_year"),
            Check("child_id", "eigen voorouder (kringloop in de ouder-kindrelaties)",
                  "cy.person_id IS NOT NULL", ("parent_child.child_id", "parent_child.mother_id",
                                               "parent_child.father_id", *born)),
        ]
    if table.name == "households":
        joins = (f"LEFT JOIN (SELECT year, household_id, count(*) AS n FROM typed_members "
                 f"{in_years(years)} GROUP BY ALL) m ON m.year = t.year AND m.household_id = t.household_id")
        return joins, [Check(
            "n_adults, n_minors", "n_adults + n_minors wijkt af van het aantal leden",
            "t.n_adults + t.n_minors <> coalesce(m.n, 0)",
            ("households.n_adults", "households.n_minors", "households.year",
             "households.household_id", "members.year", "members.household_id"),
            "'n_adults + n_minors = ' || (t.n_adults + t.n_minors) || ', leden = ' || coalesce(m.n, 0)",
        )]
    if table.name in ("members", "debt_restructuring"):
        joins = [persons_join("p", "person_id")]
        checks = [exists_check(table.name, "person_id", "persons", "p")]
        if table.name == "members":
            joins.append(f"LEFT JOIN (SELECT DISTINCT year, household_id, true AS found FROM "
                         f"typed_households {in_years(years)}) h "
                         "ON h.year = t.year AND h.household_id = t.household_id")
            checks.append(Check("household_id", "huishouden staat dat jaar niet in households",
                                "t.year IS NOT NULL AND t.household_id IS NOT NULL AND h.found IS NULL",
                                ("members.year", "members.household_id",
                                 "households.year", "households.household_id"),
                                "'jaar ' || t.year || ', huishouden ' || t.household_id"))
        return "\n".join(joins), checks
    return "", []


PARENT_EDGES_SQL = """
CREATE OR REPLACE TEMP VIEW parent_edges AS
SELECT child_id AS child, mother_id AS parent FROM typed_parent_child WHERE mother_id IS NOT NULL
UNION ALL
SELECT child_id, father_id FROM typed_parent_child WHERE father_id IS NOT NULL
"""

# An edge to an older parent goes back in time; a cycle needs at least one edge that does
# not. Valid data has none, so the walk below (which cannot spill: at national size it
# would not fit in DuckDB's default memory) runs only when there are such edges.
SUSPECT_EDGES_SQL = """
CREATE OR REPLACE TEMP TABLE suspect_edges AS
SELECT e.child, e.parent FROM parent_edges e
LEFT JOIN known_persons c ON c.person_id = e.child LEFT JOIN known_persons p ON p.person_id = e.parent
WHERE e.child <> e.parent
  AND (c.birth_year IS NULL OR p.birth_year IS NULL OR p.birth_year >= c.birth_year)
"""

NO_CYCLES_SQL = "CREATE OR REPLACE TEMP TABLE cycle_members AS SELECT NULL::BIGINT AS person_id WHERE false"

CYCLE_SQL = f"""
CREATE OR REPLACE TEMP TABLE cycle_members AS
WITH RECURSIVE walk(start, ancestor, path) AS (
    SELECT child, parent, [child] FROM suspect_edges
    UNION ALL
    SELECT w.start, e.parent, list_append(w.path, w.ancestor)
    FROM walk w JOIN parent_edges e ON e.child = w.ancestor
    WHERE w.ancestor <> w.start AND NOT list_contains(w.path, w.ancestor)
      AND len(w.path) < {MAX_GENERATIONS}
)
SELECT DISTINCT unnest(path) AS person_id FROM walk WHERE ancestor = start
"""


class Validator:
    """One validation run over one data folder, on its own DuckDB connection."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.con = duckdb.connect(config=duckdb_settings())
        self.con.execute("SET enable_progress_bar = false")  # the CLI shows its own status
        self.problems: list[Problem] = []
        self.report = ValidationReport(self.data_dir)
        self.readable: set[str] = set()  # "table.column" that exist and can be read
        self.files: dict[str, str] = {}
        self.year_parts: dict[str, list[str]] = {}  # by-year table -> its parts (``parts``)

    def problem(self, table: str, column: str, rule: str, **kwargs) -> None:
        self.problems.append(Problem(table, self.files.get(table, table), column, rule, **kwargs))

    def run(self) -> ValidationReport:
        if not self.data_dir.is_dir():
            raise InputError([f"{self.data_dir}: datamap niet gevonden"])
        for name, table in TABLES.items():
            found = find_sources(self.data_dir, name)
            if len(found) > 1:
                names = ", ".join(s.path.name for s in found)
                self.problem(name, "", f"tabel meer dan eens gegeven ({names}); houd er één")
                self.define_empty(table)
            elif not found and not table.optional:
                self.problem(name, "", f"tabel ontbreekt (verwacht {name}.parquet, {name}.csv, "
                                       f"{name}.sav of een map {name}/ met Parquet-bestanden)")
                self.define_empty(table)
            else:
                self.open(table, found[0] if found else None)
        self.con.execute(KNOWN_PERSONS_SQL)  # once, not once per table and part
        self.find_cycles()
        for name in TABLES:
            self.check(TABLES[name], lambda years, name=name: cross_checks(TABLES[name], years),
                       count_rows=False)
        if self.problems:
            raise InvalidDataset(self.data_dir, self.problems)
        return self.report

    def find_cycles(self) -> None:
        """cycle_members: the persons on a cycle of parent-child links (none when the
        links or birth years cannot be read: the check then does not run)."""
        self.con.execute(NO_CYCLES_SQL)
        if {"parent_child.child_id", "parent_child.mother_id", "parent_child.father_id",
                "persons.person_id", "persons.birth_year"} <= self.readable:
            self.con.execute(PARENT_EDGES_SQL)
            self.con.execute(SUSPECT_EDGES_SQL)
            if self.con.execute("SELECT count(*) FROM suspect_edges").fetchone()[0]:
                self.con.execute(CYCLE_SQL)

    def open(self, table: Table, source: TableSource | None) -> None:
        """Define views raw_<table> and typed_<table>; note missing or unreadable input."""
        self.define_empty(table)  # replaced below when the table can be read
        if source is None:  # an absent optional table: empty
            self.readable |= {f"{table.name}.{c.name}" for c in table.columns}
            self.report.sources[table.name] = "(absent: empty)"
            self.report.rows[table.name] = {}
            return
        self.files[table.name] = source.path.name + ("/" if source.kind == "folder" else "")
        self.report.sources[table.name] = self.files[table.name]
        if source.kind != "folder" and source.path.stat().st_size == 0:
            self.problem(table.name, "", "bestand is leeg")
            return
        if source.kind == "folder" and not any(source.path.rglob("*.parquet")):
            self.problem(table.name, "", "map bevat geen Parquet-bestanden")
            return
        try:
            self.con.execute(f"CREATE VIEW source_{table.name} AS SELECT * FROM {scan_sql(source)}")
            stored = dict(self.con.execute(
                f"SELECT column_name, column_type FROM (DESCRIBE source_{table.name})").fetchall())
        except Exception as error:  # any reader failure means the same thing to the user
            if isinstance(error, SQL_BUGS):
                raise
            self.problem(table.name, "", "bestand niet leesbaar", detail=first_line(error))
            return
        selected = []
        for column in table.columns:
            if column.name in stored:
                typed = typed_sql(column, stored[column.name])
                selected.append(f"{q(column.name)} AS {raw(column.name)}")
                selected.append(f"{typed} AS {q(column.name)}")
                if column.pattern:
                    selected.append(f"regexp_full_match({typed}, {sql_text(column.pattern)}) "
                                    f"AS {fits(column.name)}")
                self.readable.add(f"{table.name}.{column.name}")
            elif column.optional:
                default = "NULL" if column.default is None else repr(column.default)
                selected.append(f"CAST({default} AS {column.sql_type}) AS {q(column.name)}")
            else:
                self.problem(table.name, column.name, "kolom ontbreekt")
                selected.append(f"NULL::{column.sql_type} AS {q(column.name)}")
        unknown = sorted(set(stored) - {c.name for c in table.columns})
        if unknown:
            self.report.notes.append(f"{self.files[table.name]}: kolom(men) genegeerd: {', '.join(unknown)}")
        self.con.execute(f"CREATE OR REPLACE VIEW typed_{table.name} AS SELECT {', '.join(selected)} "
                         f"FROM source_{table.name}")
        self.check(table, lambda years: (duplicates_join(table, years), table_checks(table)),
                   count_rows=True)

    def define_empty(self, table: Table) -> None:
        """typed_<table> without rows: for an absent optional or an unreadable table."""
        columns = ", ".join(f"NULL::{c.sql_type} AS {q(c.name)}" for c in table.columns)
        self.con.execute(f"CREATE OR REPLACE VIEW typed_{table.name} AS SELECT {columns} WHERE false")

    def check(self, table: Table, rules: Callable[[str | None], tuple[str, list[Check]]],
              count_rows: bool) -> None:
        """Count every runnable check of ``rules(years)`` (joins, checks) in one query per
        part of the table (``parts``); fetch keys for those that fail."""
        checks = [c for c in rules(None)[1] if set(c.needs) <= self.readable]
        if not checks and not count_rows:
            return
        by_year = table.by_year and f"{table.name}.year" in self.readable
        # count(*) FILTER (WHERE ...) in about half the time (count_if is null, not 0,
        # when the condition is null on every row)
        counts = ", ".join(f"coalesce(count_if({c.condition}), 0)" for c in checks) or "0"
        rows: dict[int | None, int] = {}
        failing = [0] * len(checks)
        relations: list[tuple[str, str]] = []  # (FROM, WHERE) of each part
        try:
            for years in self.parts(table) if by_year else [None]:
                relations.append((f"typed_{table.name} t\n{rules(years)[0]}",
                                  f"t.year {years}" if years else "true"))
                for row in self.con.execute(
                    f"SELECT {'t.year' if by_year else 'NULL'} AS year, count(*), {counts} "
                    f"FROM {relations[-1][0]} WHERE {relations[-1][1]} GROUP BY ALL"
                ).fetchall():
                    rows[row[0]] = row[1]
                    failing = [f + n for f, n in zip(failing, row[2:], strict=True)]
        except READ_ERRORS as error:  # a bad value deep in the file; SQL bugs still raise
            self.problem(table.name, "", "bestand niet leesbaar", detail=first_line(error))
            self.readable -= {f"{table.name}.{c.name}" for c in table.columns}
            self.define_empty(table)  # other tables' checks join it: keep them runnable
            return
        if count_rows:
            self.report.rows[table.name] = rows
            if not rows and not table.optional and table.name != "parent_child":
                self.problem(table.name, "", "tabel heeft geen rijen")
        for check, count in zip(checks, failing, strict=True):
            if count:
                self.problem(table.name, check.column, check.rule, count=count,
                             key_names=table.key, **self.first_keys(table, relations, check))

    def parts(self, table: Table) -> list[str]:
        """Conditions on year that split a by-year table into parts of whole years of at
        most PART_ROWS rows together (rows without a year last): its checks and joins then
        need one part's memory, which at national size (18 M persons, 367 M members rows)
        is what keeps the joins within DuckDB's memory limit."""
        if table.name in self.year_parts:
            return self.year_parts[table.name]
        years = dict(self.con.execute(
            f"SELECT year, count(*) FROM typed_{table.name} GROUP BY ALL ORDER BY year").fetchall())
        parts: list[list[int]] = []
        size = PART_ROWS
        for year, n in years.items():
            if year is None:
                continue
            if size + n > PART_ROWS:
                parts.append([])
                size = 0
            parts[-1].append(year)
            size += n
        self.year_parts[table.name] = ([f"IN ({', '.join(map(str, part))})" for part in parts]
                                       + (["IS NULL"] if None in years else []))
        return self.year_parts[table.name]

    def first_keys(self, table: Table, relations: list[tuple[str, str]], check: Check) -> dict:
        """The first MAX_KEYS offending keys, from the parts in order (a by-year table's
        key starts with year, so the parts' order is the keys' order)."""
        keys: list[tuple] = []
        values: list[str] = []
        for relation, part in relations:
            found = self.keys_in(table, relation, part, check, MAX_KEYS - len(keys))
            keys += found["keys"]
            values += found["values"]
            if len(keys) == MAX_KEYS:
                break
        return {"keys": tuple(keys), "values": tuple(values)}

    def keys_in(self, table: Table, relation: str, part: str, check: Check, limit: int) -> dict:
        readable_keys = [k for k in table.key if f"{table.name}.{k}" in self.readable]
        shown_keys = ", ".join(
            f"coalesce(CAST(t.{q(k)} AS VARCHAR), CAST(t.{raw(k)} AS VARCHAR))"
            if k in readable_keys else "NULL" for k in table.key)
        order = ", ".join(f"t.{q(k)} NULLS LAST" for k in readable_keys) or "1"
        shows = f"coalesce({check.shows}, '')" if check.shows else "''"
        rows = self.con.execute(
            f"SELECT key, any_value(shown) FROM (SELECT [{shown_keys}] AS key, {shows} AS shown, "
            f"row_number() OVER (ORDER BY {order}) AS position FROM {relation} "
            f"WHERE ({check.condition}) AND {part}) GROUP BY key ORDER BY min(position) LIMIT {limit}"
        ).fetchall()
        return {"keys": tuple(tuple(r[0]) for r in rows), "values": tuple(r[1] for r in rows)}


def first_line(error: Exception) -> str:
    """The reader's own words, short: its first two lines (DuckDB puts the cause there)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return " ".join(lines[:3])[:300]


def validate_dataset(data_dir: Path | str) -> ValidationReport:
    """Check every rule of docs/spec/microdata.md; raise InvalidDataset listing all problems."""
    return Validator(Path(data_dir)).run()
