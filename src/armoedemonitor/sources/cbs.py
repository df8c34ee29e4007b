"""Map CBS Remote Access tables to the canonical schema (docs/cbs-mapping.md).

Every mapping decision is written in docs/cbs-mapping.md and every code list and
sentinel in ``cbs_codes.toml``: this module only applies them. The work runs as SQL
in DuckDB, so full-population files are processed out of core. The output is
validated before it is moved into place: invalid input writes nothing.

Input files (``.sav``, ``.csv`` or ``.parquet``) are found in ``cbs_dir`` by their CBS
name; of several versions (``...V1``, ``...V2``) the last in name order is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from armoedemonitor.errors import InputError, UserError
from armoedemonitor.limits import duckdb_settings
from armoedemonitor.sources.cbs_codes import codes
from armoedemonitor.sources.readers import TableSource
from armoedemonitor.sources.validate import scan_sql, sql_text, validate_dataset
from armoedemonitor.staging import staged_folder

SUFFIXES = (".sav", ".csv", ".parquet")


@dataclass(frozen=True)
class CbsInput:
    """One CBS table: a file-name pattern ({year} for yearly files) and the columns used."""

    name: str
    pattern: str
    columns: tuple[str, ...]
    yearly: bool = False
    optional: bool = False


INPUTS = (
    CbsInput("GBAPERSOONTAB", r"GBAPERSOON\d*TAB", ("RINPERSOON", "GBAGEBOORTEJAAR", "GBAGESLACHT")),
    CbsInput("KINDOUDERTAB", r"KINDOUDER\d*TAB", ("RINPERSOON", "RINPERSOONMa", "RINPERSOONpa")),
    CbsInput("HOOGSTEOPLTAB", r"HOOGSTEOPL\d*TAB", ("RINPERSOON",), optional=True),
    CbsInput("INHATAB", r"INHA{year}TAB", ("RINPERSOONHKW", "INHBESTINKH", "INHARMLAG",
                                          "INHSAMHH", "INHPOPIIV", "INHBBIHJ"), yearly=True),
    CbsInput("KOPPELPERSOONHUISHOUDEN", r"KOPPELPERSOONHUISHOUDEN{year}",
             ("RINPERSOON", "RINPERSOONHKW"), yearly=True),
    CbsInput("INPATAB", r"INPA{year}TAB", ("RINPERSOON", "INPPOSHHK", "INPSECJ"), yearly=True),
    CbsInput("VEHTAB", r"VEH{year}TAB", ("RINPERSOONHKW", "VEHW1000VERH"), yearly=True, optional=True),
    CbsInput("GBAADRESOBJECTBUS", r"GBAADRESOBJECT\d*BUS",
             ("RINPERSOON", "SOORTOBJECTNUMMER", "RINOBJECTNUMMER",
              "GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING")),
    CbsInput("VSLGWBTAB", r"VSLGWB\d*TAB", ("SOORTOBJECTNUMMER", "RINOBJECTNUMMER")),
    CbsInput("WSNP", r"WSNP", ("RINPERSOON", "WSNPDATUMAANVANG", "WSNPDATUMEINDE"), optional=True),
)


@dataclass
class MappingReport:
    out_dir: Path
    inputs: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    households_without_region: dict[int, int] = field(default_factory=dict)


def find_files(cbs_dir: Path, source: CbsInput, year: int | None = None) -> Path | None:
    """The last version of a CBS file (e.g. INHA2020TABV3.sav over INHA2020TABV2.sav)."""
    stem = source.pattern.format(year=year)
    matches = sorted(
        p for p in cbs_dir.iterdir()
        if p.suffix.lower() in SUFFIXES and re.match(rf"^{stem}", p.stem, flags=re.IGNORECASE)
    )
    return matches[-1] if matches else None


def reference_date(year: int) -> str:
    """Address date for income year ``year``: 1 January of the next year (yyyymmdd).

    Assumption (docs/cbs-mapping.md): INHATAB households are those of 1 January after
    the income year.
    """
    return f"{year + 1}0101"


def in_list(expression: str, values: list[str]) -> str:
    return f"{expression} IN ({', '.join(sql_text(v) for v in values)})"


def case_map(expression: str, mapping: dict[str, list[str]]) -> str:
    """CASE mapping code lists to canonical values (unlisted codes give null)."""
    whens = " ".join(f"WHEN {in_list(expression, values)} THEN {sql_text(target)}"
                     for target, values in mapping.items())
    return f"CASE {whens} END"


class CbsMapper:
    def __init__(self, cbs_dir: Path, years: list[int]):
        self.cbs_dir = Path(cbs_dir)
        self.years = sorted(years)
        self.con = duckdb.connect(config=duckdb_settings())
        self.con.execute("SET enable_progress_bar = false")  # the CLI shows its own status
        self.report_inputs: dict[str, list[str]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # view -> upper name -> actual name

    def open_inputs(self) -> None:
        if not self.cbs_dir.is_dir():
            raise InputError([f"{self.cbs_dir}: CBS-map niet gevonden"])
        problems = []
        for source in INPUTS:
            years = self.years if source.yearly else [None]
            found = {year: find_files(self.cbs_dir, source, year) for year in years}
            missing = [y for y, path in found.items() if path is None]
            if missing and not source.optional:
                what = f" voor {', '.join(map(str, missing))}" if source.yearly else ""
                problems.append(f"{source.name}: geen bestand{what} in {self.cbs_dir} "
                                f"(verwacht een naam die begint met {source.pattern.format(year='<jaar>')})")
                continue
            present = {y: p for y, p in found.items() if p is not None}
            self.report_inputs[source.name] = [p.name for p in present.values()]
            problems += self.define_view(source, present)
        regions = self.columns.get("VSLGWBTAB:None", {})
        for year in self.years:
            if regions and f"GEM{year}" not in regions:
                problems.append(f"VSLGWBTAB: geen kolom gem{year} (gemeentecodes voor {year})")
        if problems:
            raise InputError(problems)
        self.define_macros()

    def define_view(self, source: CbsInput, present: dict[int | None, Path]) -> list[str]:
        """A view per CBS table (yearly files stacked with a ``year`` column)."""
        parts, problems = [], []
        for year, path in present.items():
            kind = {".sav": "sav", ".csv": "csv", ".parquet": "parquet"}[path.suffix.lower()]
            scan = scan_sql(TableSource(source.name, path, kind))
            try:
                names = [r[0] for r in self.con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
            except Exception as error:
                problems.append(f"{path.name}: bestand niet leesbaar ({str(error).splitlines()[0]})")
                continue
            upper = {n.upper(): n for n in names}
            absent = [c for c in source.columns if c.upper() not in upper]
            if absent:
                problems.append(f"{path.name}: kolom(men) ontbreken: {', '.join(absent)}")
                continue
            self.columns[f"{source.name}:{year}"] = upper
            year_column = f"{year}::SMALLINT AS year, " if year is not None else ""
            parts.append(f"SELECT {year_column}* FROM {scan}")
        if parts and not problems:
            self.con.execute(f"CREATE VIEW {source.name} AS " + " UNION ALL BY NAME ".join(parts))
        elif not parts and not problems:  # optional and absent
            columns = ", ".join(f"NULL::VARCHAR AS {c}" for c in source.columns)
            year_column = "NULL::SMALLINT AS year, " if source.yearly else ""
            self.con.execute(f"CREATE VIEW {source.name} AS SELECT {year_column}{columns} WHERE false")
        return problems

    def define_macros(self) -> None:
        sentinels = codes()["sentinels"]
        amounts = ", ".join(repr(v) for v in sentinels["amounts"])
        self.con.execute(r"CREATE MACRO code(x) AS "
                         r"nullif(regexp_replace(trim(CAST(x AS VARCHAR)), '\.0+$', ''), '')")
        rin_unknown = [v for v in sentinels["rin_unknown"] if v]
        self.con.execute(f"CREATE MACRO rin(x) AS CASE WHEN {in_list('code(x)', rin_unknown)} "
                         "THEN NULL ELSE TRY_CAST(code(x) AS BIGINT) END")
        self.con.execute(f"CREATE MACRO amount(x) AS CASE WHEN TRY_CAST(code(x) AS DOUBLE) "
                         f"IN ({amounts}) THEN NULL ELSE TRY_CAST(code(x) AS DOUBLE) END")

    def column(self, view: str, name: str) -> str:
        """The column as spelled in the file (CBS mixes RINPERSOONpa and RINPERSOONPA)."""
        for key, upper in self.columns.items():
            if key.startswith(view + ":") and name.upper() in upper:
                return '"' + upper[name.upper()] + '"'
        return "NULL"

    def education_column(self) -> str:
        for name in codes()["education"]["columns"]:
            if self.column("HOOGSTEOPLTAB", name) != "NULL":
                return self.column("HOOGSTEOPLTAB", name)
        return "NULL"

    def persons_sql(self) -> str:
        education = {k: [k] for k in ("1", "2", "3")}
        levels = codes()["education"]
        education_case = case_map("left(code(o.education), 1)", {levels[k]: v for k, v in education.items()})
        sex = codes()["sex"]
        return f"""
            SELECT rin(p.RINPERSOON) AS person_id,
                   TRY_CAST(code(p.GBAGEBOORTEJAAR) AS SMALLINT) AS birth_year,
                   {case_map('code(p.GBAGESLACHT)', {sex[k]: [k] for k in ('1', '2')})} AS sex,
                   {education_case} AS education
            FROM GBAPERSOONTAB p
            LEFT JOIN (SELECT rin(RINPERSOON) AS person_id, {self.education_column()} AS education
                       FROM HOOGSTEOPLTAB) o ON o.person_id = rin(p.RINPERSOON)"""

    def parent_child_sql(self) -> str:
        mother, father = self.column("KINDOUDERTAB", "RINPERSOONMa"), self.column("KINDOUDERTAB", "RINPERSOONpa")
        return f"""
            SELECT rin(RINPERSOON) AS child_id, rin({mother}) AS mother_id, rin({father}) AS father_id
            FROM KINDOUDERTAB
            WHERE rin({mother}) IS NOT NULL OR rin({father}) IS NOT NULL"""

    def members_sql(self) -> str:
        c = codes()
        roles = {k: v for k, v in c['role'].items() if k != 'status' and k != 'hoofdkostwinner'}
        return f"""
            SELECT k.year, rin(k.RINPERSOON) AS person_id, rin(k.RINPERSOONHKW) AS household_id,
                   CASE WHEN rin(k.RINPERSOON) = rin(k.RINPERSOONHKW) THEN 'hoofdkostwinner'
                        ELSE coalesce({case_map('code(i.INPPOSHHK)', roles)}, 'overig')
                   END AS role,
                   coalesce({in_list('code(i.INPSECJ)', c['socio_economic']['employed'])}, false) AS employed,
                   coalesce({in_list('code(i.INPSECJ)', c['socio_economic']['benefit'])}, false) AS benefit
            FROM KOPPELPERSOONHUISHOUDEN k
            LEFT JOIN INPATAB i ON i.year = k.year AND rin(i.RINPERSOON) = rin(k.RINPERSOON)
            WHERE k.year IN ({', '.join(map(str, self.years))})"""

    def region_sql(self) -> str:
        """Gemeente, wijk and buurt of the main breadwinner's address on the reference date."""
        def code_for(prefix: str, letters: str, digits: int) -> str:
            columns = {y: self.column("VSLGWBTAB", f"{prefix}{y}") for y in self.years}
            whens = " ".join(f"WHEN {y} THEN code(v.{c})" if c != "NULL" else f"WHEN {y} THEN NULL"
                             for y, c in columns.items())
            raw = f"(CASE h.year {whens} END)"
            return (f"CASE WHEN regexp_full_match({raw}, '\\d{{{digits}}}') THEN '{letters}' || {raw} "
                    f"WHEN regexp_full_match({raw}, '{letters}\\d{{{digits}}}') THEN {raw} END")
        dates = " ".join(f"WHEN {y} THEN '{reference_date(y)}'" for y in self.years)
        return f"""
            SELECT h.year, h.household_id,
                   {code_for('gem', 'GM', 4)} AS municipality,
                   {code_for('wc', 'WK', 6)} AS district,
                   {code_for('bc', 'BU', 8)} AS neighbourhood
            FROM (SELECT DISTINCT year, rin(RINPERSOONHKW) AS household_id FROM INHATAB) h
            JOIN GBAADRESOBJECTBUS a ON rin(a.RINPERSOON) = h.household_id
             AND code(a.GBADATUMAANVANGADRESHOUDING) <= (CASE h.year {dates} END)
             AND coalesce(code(a.GBADATUMEINDEADRESHOUDING), '99991231') >= (CASE h.year {dates} END)
            LEFT JOIN VSLGWBTAB v ON code(v.RINOBJECTNUMMER) = code(a.RINOBJECTNUMMER)
             AND code(v.SOORTOBJECTNUMMER) = code(a.SOORTOBJECTNUMMER)
            QUALIFY row_number() OVER (PARTITION BY h.year, h.household_id
                                       ORDER BY code(a.GBADATUMAANVANGADRESHOUDING) DESC) = 1"""

    def households_sql(self) -> str:
        c = codes()
        pop = c["household_population"]
        types = {k: v for k, v in c["household_type"].items() if k != "status"}
        sources = {k: v for k, v in c["income_source"].items() if k != "status"}
        tenures = {k: v for k, v in c["tenure"].items() if k != "status"}
        tenure = self.column("INHATAB", "INHEHALGR")
        pct = "TRY_CAST(code(h.INHARMLAG) AS DOUBLE)"
        return f"""
            WITH counts AS (
                SELECT m.year, m.household_id,
                       count(*) FILTER (WHERE m.year - p.birth_year < 18) AS n_minors,
                       count(*) AS n_members
                FROM members m LEFT JOIN persons p USING (person_id)
                GROUP BY ALL
            )
            SELECT h.year, rin(h.RINPERSOONHKW) AS household_id,
                   amount(h.INHBESTINKH) AS disposable_income,
                   CASE WHEN {pct} >= 0 THEN {pct} END AS cbs_low_income_pct,
                   (coalesce(c.n_members, 0) - coalesce(c.n_minors, 0))::SMALLINT AS n_adults,
                   coalesce(c.n_minors, 0)::SMALLINT AS n_minors,
                   CASE WHEN {in_list('code(h.INHPOPIIV)', pop['institutional'])} THEN 'institutioneel'
                        ELSE {case_map('code(h.INHSAMHH)', types)} END AS household_type,
                   {in_list('code(h.INHPOPIIV)', pop['student'])} AS student_household,
                   {in_list('code(h.INHPOPIIV)', pop['with_income'])} AS full_year_income,
                   {case_map('code(h.INHBBIHJ)', sources)} AS main_income_source,
                   amount(w.VEHW1000VERH) AS wealth,
                   r.municipality, r.district, r.neighbourhood,
                   {case_map(f'code(h.{tenure})', tenures) if tenure != 'NULL' else 'NULL'}::VARCHAR AS tenure
            FROM INHATAB h
            LEFT JOIN counts c ON c.year = h.year AND c.household_id = rin(h.RINPERSOONHKW)
            LEFT JOIN VEHTAB w ON w.year = h.year AND rin(w.RINPERSOONHKW) = rin(h.RINPERSOONHKW)
            LEFT JOIN region r ON r.year = h.year AND r.household_id = rin(h.RINPERSOONHKW)
            WHERE h.year IN ({', '.join(map(str, self.years))})"""

    def debt_sql(self) -> str:
        years = ", ".join(map(str, self.years))
        return f"""
            SELECT DISTINCT y.year::SMALLINT AS year, rin(s.RINPERSOON) AS person_id
            FROM WSNP s, (SELECT unnest([{years}]) AS year) y
            WHERE code(s.WSNPDATUMAANVANG) <= y.year || '1231'
              AND coalesce(code(s.WSNPDATUMEINDE), '99991231') >= y.year || '0101'"""

    def write(self, out_dir: Path) -> MappingReport:
        report = MappingReport(out_dir, inputs=self.report_inputs)
        for name, sql in (("persons", self.persons_sql()), ("parent_child", self.parent_child_sql()),
                          ("members", self.members_sql())):
            self.con.execute(f"CREATE TEMP TABLE {name} AS {sql}")
        self.con.execute(f"CREATE TEMP TABLE region AS {self.region_sql()}")
        self.con.execute(f"CREATE TEMP TABLE households_all AS {self.households_sql()}")
        report.households_without_region = dict(self.con.execute(
            "SELECT year, count(*) FROM households_all WHERE municipality IS NULL GROUP BY ALL").fetchall())
        # a household that cannot be placed in a gemeente is left out, with its members
        self.con.execute("CREATE TEMP TABLE households AS "
                         "SELECT * FROM households_all WHERE municipality IS NOT NULL")
        self.con.execute("DELETE FROM members m WHERE NOT EXISTS (SELECT 1 FROM households h "
                         "WHERE h.year = m.year AND h.household_id = m.household_id)")
        self.con.execute(f"CREATE TEMP TABLE debt_restructuring AS {self.debt_sql()}")
        for name in ("persons", "parent_child", "households", "members", "debt_restructuring"):
            target = out_dir / f"{name}.parquet"
            self.con.execute(f"COPY {name} TO {sql_text(str(target))} (FORMAT parquet)")
            report.rows[name] = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        return report


def map_cbs(cbs_dir: Path | str, out_dir: Path | str, years: list[int]) -> MappingReport:
    """Write the canonical tables for ``years`` from CBS files; validate before publishing.

    The tables are written to a temporary folder beside ``out_dir`` and moved into
    place only when they pass validate_dataset, so invalid input writes nothing.
    """
    if not years:
        raise UserError("map-cbs: geef minstens één inkomensjaar")
    out_dir = Path(out_dir)
    mapper = CbsMapper(Path(cbs_dir), list(years))
    mapper.open_inputs()
    with staged_folder(out_dir, replace=True) as staging:
        report = mapper.write(staging)
        validate_dataset(staging)
    report.out_dir = out_dir
    return report
