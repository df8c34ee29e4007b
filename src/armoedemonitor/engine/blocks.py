"""Building blocks of docs/spec/indicators.md: household-years, person-years, parents
and upbringing.

All are lazy Ibis expressions; every indicator family starts from them, so the
definitions of in scope, equivalence factor, standardised income, low income, a
person's parents and upbringing region exist once. Families depend only on this module,
``regions`` and ``results``, never on each other.
"""

from __future__ import annotations

import csv
from pathlib import Path

import ibis
import ibis.expr.types as ir

from armoedemonitor import definitions
from armoedemonitor.engine.backend import materialize, materialize_parts
from armoedemonitor.engine.regions import FINE, REGION_COLUMNS, fine_regions, with_fine_region
from armoedemonitor.errors import UserError
from armoedemonitor.sources import schema

F64 = "float64"
HOUSEHOLD_TYPES = ("eenpersoons", "paar", "paar_met_kinderen", "eenouder", "overig")
AGE_GROUPS = (("0-17", 0, 17), ("18-29", 18, 29), ("30-44", 30, 44), ("45-64", 45, 64),
              ("65+", 65, None))


def f64(value) -> ir.Value:
    """A float64 literal: DuckDB would otherwise type 0.8 as DECIMAL."""
    return ibis.literal(value, type=F64)


def equivalence_factor(year: ir.IntegerValue, adults: ir.IntegerValue,
                       minors: ir.IntegerValue) -> ir.FloatingValue:
    """e(a, m): the CBS table of the year's period, else (a + 0.8 m)^0.5.

    A household without adults counts its oldest minor as an adult.
    """
    no_adults = (adults == 0) & (minors > 0)
    a = ibis.ifelse(no_adults, 1, adults).cast("int64")
    m = ibis.ifelse(no_adults, minors - 1, minors).cast("int64")
    scale = definitions.equivalence_scale()
    branches = []
    for from_2018, table in ((True, scale.from_2018), (False, scale.until_2017)):
        period = year >= 2018 if from_2018 else year < 2018
        for n_adults, row in table.items():
            for n_minors, factor in enumerate(row):
                branches.append((period & (a == n_adults) & (m == n_minors), f64(factor)))
    formula = (a.cast(F64) + f64(0.8) * m.cast(F64)).sqrt()
    return ibis.cases(*branches, else_=formula)


# Categories held as a small number, their place in this list, instead of a string on
# every household- and person-year (storing and grouping the strings cost more than the
# counting); the results name them again (``category_label``).
CODED_CATEGORIES = {
    "household_type": schema.HOUSEHOLD_TYPES,
    "main_income_source": schema.INCOME_SOURCES,
    "age_group": tuple(label for label, _, _ in AGE_GROUPS),
}


def category_code(value: ir.StringValue, column: str) -> ir.IntegerValue:
    """The number of ``value`` among CODED_CATEGORIES[column] (null for null)."""
    labels = CODED_CATEGORIES[column]
    return ibis.cases(*[(value == label, ibis.literal(i, "int8")) for i, label in enumerate(labels)],
                      else_=ibis.null("int8"))


def category_label(value: ir.Value, column: str) -> ir.StringValue:
    """A category as text: the label of a coded column's number (``category_code``), else
    the value itself."""
    if column not in CODED_CATEGORIES:
        return value.cast("string")
    labels = CODED_CATEGORIES[column]
    return ibis.cases(*[(value == i, ibis.literal(label, "string")) for i, label in enumerate(labels)],
                      else_=ibis.null("string"))


def age_group(age: ir.IntegerValue) -> ir.IntegerValue:
    """The spec's age groups 0-17, 18-29, 30-44, 45-64, 65+, coded (``category_code`` of
    "age_group"; null for unknown age)."""
    branches = [((age >= lo) & (age <= hi)) if hi is not None else (age >= lo)
                for _, lo, hi in AGE_GROUPS]
    return ibis.cases(*[(cond, ibis.literal(i, "int8")) for i, cond in enumerate(branches)],
                      else_=ibis.null("int8"))


def _threshold_by_year(year: ir.IntegerValue, amounts: dict[int, float],
                       years: tuple[int, ...]) -> ir.FloatingValue:
    missing = [y for y in years if y not in amounts]
    if missing:
        raise UserError(
            "geen lage-inkomensgrens voor " + ", ".join(map(str, missing))
            + "; geef er een op met --threshold JAAR=EURO"
        )
    return ibis.cases(*[(year == y, f64(amounts[y])) for y in years], else_=ibis.null(F64))


def read_user_poverty_line(path: Path, years: tuple[int, ...]) -> dict[tuple[int, str], float]:
    """A user's poverty line: CSV year,household_type,amount ('' type = every type).

    Every input year must be covered for every household type, so nobody's low-income
    status is silently unknown.
    """
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
            columns = set(rows[0]) if rows else set()
    except OSError as error:
        raise UserError(f"{path}: kan het bestand met armoedegrenzen niet lezen ({error})") from None
    if not {"year", "household_type", "amount"} <= columns:
        raise UserError(f"{path}: kolommen year, household_type en amount zijn nodig")
    amounts: dict[tuple[int, str], float] = {}
    bad = []
    for line, row in enumerate(rows, start=2):
        try:
            key = (int(row["year"]), row["household_type"].strip())
            amounts[key] = float(row["amount"])
        except (TypeError, ValueError):
            bad.append(line)
    if bad:
        raise UserError(f"{path}: kolom year of amount is geen getal in regel(s) "
                        f"{', '.join(map(str, bad[:5]))} ({len(bad)} regels)")
    gaps = [f"{y} {t}" for y in years for t in HOUSEHOLD_TYPES
            if (y, t) not in amounts and (y, "") not in amounts]
    if gaps:
        raise UserError(f"{path}: geen bedrag voor {', '.join(gaps[:5])}"
                        f"{' ...' if len(gaps) > 5 else ''}")
    return amounts


def _user_line(year, household_type, amounts) -> ir.FloatingValue:
    specific = [((year == y) & (household_type == t), f64(v)) for (y, t), v in amounts.items() if t]
    general = [(year == y, f64(v)) for (y, t), v in amounts.items() if not t]
    return ibis.cases(*(specific + general), else_=ibis.null(F64))


def in_scope(h: ir.Table, exclude_nonpositive_income: bool) -> ir.BooleanValue:
    """Private households with income over the whole year, without student households."""
    scope = ((h.household_type != "institutioneel") & ~h.student_household
             & h.full_year_income & h.disposable_income.notnull())
    if exclude_nonpositive_income:
        scope &= h.disposable_income > 0
    return scope.fill_null(False)


def _arop60_line(ctx, h: ir.Table) -> ir.Table:
    """Per year: 60 % of the median standardised income over persons in in-scope households.

    Median by the quantile rule of General measures with unit weights: with N persons,
    the mean of the N/2-th and (N/2+1)-th value when N is even, else the (N+1)/2-th.
    """
    persons = ctx.tables["members"].select("year", "household_id").join(
        h.filter(h.in_scope).select("year", "household_id", "std_income"), ["year", "household_id"])
    ranked = persons.mutate(
        i=ibis.row_number().over(group_by="year", order_by="std_income") + 1,
        n=persons.count().over(group_by="year"),
    )
    middle = ranked.filter((ranked.i == (ranked.n + 1) // 2) | (ranked.i == (ranked.n + 2) // 2))
    return middle.group_by("year").aggregate(arop60=f64(0.6) * middle.std_income.mean())


def current_municipality(h: ir.Table) -> ir.Table:
    """``h`` with merged gemeente codes mapped to the current code (wijk and buurt as given)."""
    return h.mutate(municipality=h.municipality.substitute(definitions.merger_map()))


def input_regions(ctx) -> ir.Table:
    """The numbered (gemeente, wijk, buurt) combinations of the households (``fine_regions``)."""
    return fine_regions(current_municipality(ctx.tables["households"]))


# The columns household_years can hold besides year, household_id and FINE. A run builds
# only those its families read (their HOUSEHOLD_YEARS, and person_years' HOUSEHOLD_COLUMNS).
HOUSEHOLD_VALUES = ("household_type", "main_income_source", "wealth", "n_adults", "n_minors",
                    "disposable_income", "rent_allowance", "in_scope", "equivalence_factor",
                    "std_income", "low_income")
HOUSEHOLD_YEAR_COLUMNS = frozenset(HOUSEHOLD_VALUES)


def household_years(ctx) -> ir.Table:
    """One row per household-year: year, household_id, FINE (the number of the
    household's municipality, with merged codes mapped to the current code, district and
    neighbourhood in ``ctx.fine_regions``) and those of HOUSEHOLD_YEAR_COLUMNS the run reads
    (``ctx.household_year_columns``): household_type, main_income_source, wealth, n_adults,
    n_minors, disposable_income, rent_allowance, in_scope (bool), equivalence_factor,
    std_income (disposable_income / equivalence_factor; null when income is unknown),
    low_income (bool; false when not in scope). household_type and main_income_source are
    coded (``category_code``).
    """
    p = ctx.params
    h = current_municipality(ctx.tables["households"])
    h = h.mutate(equivalence_factor=equivalence_factor(h.year, h.n_adults, h.n_minors))
    h = h.mutate(
        in_scope=in_scope(h, p.exclude_nonpositive_income),
        std_income=h.disposable_income.cast(F64) / h.equivalence_factor,
        rent_allowance=h.rent_allowance.cast(F64).fill_null(0.0),
    )
    after_rent = (h.disposable_income - h.rent_allowance) / h.equivalence_factor
    if p.poverty_line == "lage_inkomensgrens":
        below = _threshold_by_year(h.year, p.thresholds(), ctx.input_years)
        low = ibis.ifelse(h.cbs_low_income_pct.notnull(), h.cbs_low_income_pct < f64(100.0),
                          after_rent < below)
    elif p.poverty_line == "arop60":
        # Eurostat convention: the standardised income itself, rent allowance included.
        h = h.left_join(_arop60_line(ctx, h), "year")
        low = h.std_income < h.arop60
    else:
        amounts = read_user_poverty_line(Path(p.poverty_line), ctx.input_years)
        low = (h.disposable_income - h.rent_allowance) < _user_line(h.year, h.household_type, amounts)
    h = h.mutate(low_income=(h.in_scope & low).fill_null(False),
                 household_type=category_code(h.household_type, "household_type"),
                 main_income_source=category_code(h.main_income_source, "main_income_source"))
    columns = [c for c in HOUSEHOLD_VALUES if c in ctx.household_year_columns]
    return with_fine_region(h.select("year", "household_id", *REGION_COLUMNS, *columns),
                            ctx.fine_regions)


# The columns person_years can hold besides year and person_id, by where they come from.
# A run builds only those its families read (each family's PERSON_YEARS; blocks built on
# person_years say theirs below): at 20 M person-years every column costs time and memory.
MEMBER_COLUMNS = ("household_id", "role", "employed", "benefit")
HOUSEHOLD_COLUMNS = (FINE, "main_income_source", "in_scope", "std_income", "low_income")
PERSON_COLUMNS = ("education", "age")
PERSON_YEAR_COLUMNS = frozenset((*MEMBER_COLUMNS, *HOUSEHOLD_COLUMNS, *PERSON_COLUMNS))


def person_years(ctx, years) -> ir.Table:
    """One row per person-year of ``years`` (members joined with their household-year
    and person): year, person_id and those of PERSON_YEAR_COLUMNS the run reads
    (``ctx.person_year_columns``): household_id, role, employed, benefit; of the
    household-year: FINE (its region), main_income_source, in_scope, std_income,
    low_income; of the person: education, age (year - birth_year).
    """
    def wanted(columns):
        return [c for c in columns if c in ctx.person_year_columns]

    m = ctx.tables["members"]
    m = m.filter(m.year.isin(list(years))).select("year", "person_id", "household_id",
                                                  *wanted(MEMBER_COLUMNS[1:]))
    h = ctx.household_years
    h = h.filter(h.year.isin(list(years))).select("year", "household_id",
                                                  *wanted(HOUSEHOLD_COLUMNS))
    joined = m.join(h, ["year", "household_id"])
    if wanted(PERSON_COLUMNS):
        persons = ctx.tables["persons"].select("person_id", "birth_year", *wanted(["education"]))
        joined = joined.left_join(persons, "person_id")
        joined = joined.mutate(age=(joined.year - joined.birth_year).cast("int16"))
    return joined.select("year", "person_id", *wanted(MEMBER_COLUMNS), *wanted(HOUSEHOLD_COLUMNS),
                         *wanted(PERSON_COLUMNS))


def computed_once(ctx, expr: ir.Table, block: str) -> ir.Table:
    """``expr`` computed once in the engine: each family reads its units several times,
    and an inlined plan that size is slow to plan on DuckDB and overflows Spark's planner."""
    return materialize(ctx.con, expr, ctx.table_name(block))


PART_PERSON_YEARS = 5_000_000  # 4 years of Groningen and Drenthe: about 1 GB of windows


def years_per_part(ctx) -> int:
    """How many years one query of ``computed_by_years`` takes: about PART_PERSON_YEARS
    person-years, so memory stays bounded at national size (one year a query) while a
    small population needs a single query (each query has a fixed cost)."""
    per_year = max(ctx.person_year_rows / max(len(ctx.input_years), 1), 1.0)
    return max(1, int(PART_PERSON_YEARS // per_year))


def computed_by_years(ctx, expr_for, block: str, years: tuple[int, ...] | None = None) -> ir.Table:
    """``computed_once`` of ``expr_for(some_years)`` over ``years`` (default: the output
    years), a few years per query (``materialize_parts``, ``years_per_part``): bounds the
    memory of windows, joins and groupings over all person-years, which at national size
    would otherwise spill. ``expr_for`` must treat years apart (every grouping and join
    keyed by year), so that the parts add up to the whole."""
    years = ctx.output_years if years is None else years
    step = years_per_part(ctx)
    chunks = [years[i:i + step] for i in range(0, len(years), step)]
    return materialize_parts(ctx.con, [expr_for(chunk) for chunk in chunks],
                             ctx.table_name(block))


def parent_links(ctx) -> ir.Table:
    """(child_id, parent_id): one row per known mother or father."""
    pc = ctx.tables["parent_child"]
    mothers = pc.filter(pc.mother_id.notnull()).select("child_id", parent_id=pc.mother_id)
    fathers = pc.filter(pc.father_id.notnull()).select("child_id", parent_id=pc.father_id)
    return ibis.union(mothers, fathers, distinct=False)


PARENTS_BY_YEAR = frozenset({"household_id", "in_scope", "low_income"})  # of person_years


def parents_by_year(ctx) -> ir.Table:
    """Per person-year with at least one parent who has a members row that year:
    person_id, year, parent_in_scope (a parent's household is in scope),
    parents_poor (a parent has low income), with_parent (a parent is in the person's
    household). Computed once per run, a few years per query: three families read it."""
    if "parents_by_year" not in ctx.blocks:
        py, links = ctx.person_years, parent_links(ctx)

        def for_years(years) -> ir.Table:
            some = py.filter(py.year.isin(list(years)))
            child = some.select("person_id", "year", child_household=some.household_id)
            parent = some.select(parent_id=some.person_id, year=some.year,
                                 parent_household=some.household_id, in_scope=some.in_scope,
                                 low_income=some.low_income)
            linked = child.join(links, child.person_id == links.child_id)
            linked = linked.join(parent, ["parent_id", "year"])
            return linked.group_by("person_id", "year").aggregate(
                parent_in_scope=linked.in_scope.any(),
                parents_poor=linked.low_income.any(),
                with_parent=(linked.parent_household == linked.child_household).any(),
            )

        ctx.blocks["parents_by_year"] = computed_by_years(ctx, for_years, "parents_by_year",
                                                          ctx.input_years)
    return ctx.blocks["parents_by_year"]


UPBRINGING = (12, 17)
UPBRINGING_REGION = frozenset({"in_scope", "age", FINE})  # of person_years


def upbringing_region(ctx) -> ir.Table:
    """(person_id, FINE): the region of the person's household in the last year at ages
    12-17 in which that household was in scope."""
    low, high = UPBRINGING
    py = ctx.person_years
    py = py.filter(py.in_scope & (py.age >= low) & (py.age <= high))
    last = py.group_by("person_id").aggregate(year=py.year.max())
    return py.join(last, ["person_id", "year"]).select("person_id", FINE)
