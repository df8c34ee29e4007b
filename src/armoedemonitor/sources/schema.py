"""The canonical microdata schema (spec/microdata.md) as data.

Readers cast to these dtypes and the validator derives its rules from them, so the
contract is written down once. Dtypes are Ibis type names; ``DUCKDB_TYPES`` gives the
SQL spelling the validator uses.
"""

from __future__ import annotations

from dataclasses import dataclass

HOUSEHOLD_TYPES = ("eenpersoons", "paar", "paar_met_kinderen", "eenouder", "overig", "institutioneel")
INCOME_SOURCES = ("werk", "eigen_bedrijf", "uitkering", "pensioen", "overig")
ROLES = ("hoofdkostwinner", "partner", "kind", "overig")
SEXES = ("M", "V")
EDUCATION_LEVELS = ("laag", "middelbaar", "hoog")

# Amounts beyond these (euro per household per year; wealth in euro) are input errors,
# not rich households: far above the largest real values (the richest Dutch families
# own some 10^10 euro, Quote 500 2023; yearly rent allowance is at most a few thousand),
# far below what a broken export gives (1e300).
INCOME_LIMIT = 1e9
RENT_ALLOWANCE_LIMIT = 1e5
WEALTH_LIMIT = 1e11

DUCKDB_TYPES = {
    "int64": "BIGINT",
    "int16": "SMALLINT",
    "float64": "DOUBLE",
    "string": "VARCHAR",
    "boolean": "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    optional: bool = False
    default: float | None = None  # value of an absent optional column (None = null)
    plausible: float | None = None  # an amount this large (in absolute value) is an error

    @property
    def sql_type(self) -> str:
        return DUCKDB_TYPES[self.dtype]


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    optional: bool = False  # an absent optional table reads as empty
    by_year: bool = False

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.optional)


PERSONS = Table(
    "persons",
    key=("person_id",),
    columns=(
        Column("person_id", "int64"),
        Column("birth_year", "int16"),
        Column("sex", "string", allowed=SEXES),
        Column("education", "string", nullable=True, allowed=EDUCATION_LEVELS),
    ),
)

PARENT_CHILD = Table(
    "parent_child",
    key=("child_id",),
    columns=(
        Column("child_id", "int64"),
        Column("mother_id", "int64", nullable=True),
        Column("father_id", "int64", nullable=True),
    ),
)

HOUSEHOLDS = Table(
    "households",
    key=("year", "household_id"),
    by_year=True,
    columns=(
        Column("year", "int16"),
        Column("household_id", "int64"),
        Column("disposable_income", "float64", nullable=True, plausible=INCOME_LIMIT),
        Column("rent_allowance", "float64", optional=True, default=0.0, plausible=RENT_ALLOWANCE_LIMIT),
        Column("cbs_low_income_pct", "float64", nullable=True, optional=True),
        Column("n_adults", "int16"),
        Column("n_minors", "int16"),
        Column("household_type", "string", allowed=HOUSEHOLD_TYPES),
        Column("student_household", "boolean"),
        Column("full_year_income", "boolean"),
        Column("main_income_source", "string", allowed=INCOME_SOURCES),
        Column("wealth", "float64", nullable=True, plausible=WEALTH_LIMIT),
        Column("municipality", "string", pattern=r"^GM\d{4}$"),
        Column("district", "string", nullable=True, pattern=r"^WK\d{6}$"),
        Column("neighbourhood", "string", nullable=True, pattern=r"^BU\d{8}$"),
    ),
)

MEMBERS = Table(
    "members",
    key=("year", "person_id"),
    by_year=True,
    columns=(
        Column("year", "int16"),
        Column("person_id", "int64"),
        Column("household_id", "int64"),
        Column("role", "string", allowed=ROLES),
        Column("employed", "boolean"),
        Column("benefit", "boolean"),
    ),
)

DEBT_RESTRUCTURING = Table(
    "debt_restructuring",
    key=("year", "person_id"),
    by_year=True,
    optional=True,
    columns=(
        Column("year", "int16"),
        Column("person_id", "int64"),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (PERSONS, PARENT_CHILD, HOUSEHOLDS, MEMBERS, DEBT_RESTRUCTURING)
}
