"""Income mobility between generations (docs/spec/indicators.md, "Mobility"), as in the
Opportunity Atlas and the Kansenkaart.

Parental income: the mean standardised income of the child's household over the
observed in-scope years at ages 12-17 (at least 3). Child income: the mean standardised
income over the observed in-scope years at ages 26-32 in an own household (at least 2).
Both become percentile ranks within the child's birth cohort over the whole input; the
region is the upbringing region and ``year`` the last input year. A child counts once.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.blocks import (
    PARENTS_BY_YEAR,
    UPBRINGING_REGION,
    computed_once,
    parents_by_year,
    upbringing_region,
)
from armoedemonitor.engine.regions import FINE, rollup_sums
from armoedemonitor.engine.results import conform

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"age", "in_scope", "std_income"}) | PARENTS_BY_YEAR | UPBRINGING_REGION
HOUSEHOLD_YEARS = frozenset()

PARENT_AGES, MIN_PARENT_YEARS = (12, 17), 3
CHILD_AGES, MIN_CHILD_YEARS = (26, 32), 2
MATRIX = "parent_quintile×child_quintile"
# n·Σx² − (Σx)² below this fraction of n·Σx² is rounding noise: every parental rank equal
FLAT = 1e-12


def _mean_income(py: ir.Table, ages: tuple[int, int], min_years: int, name: str) -> ir.Table:
    """The mean summed as an exact decimal (to a billionth of a euro): a float sum depends
    on the order an engine adds the years in, and a last-bit difference between two equal
    means changes the ranks of both children from run to run."""
    low, high = ages
    py = py.filter(py.in_scope & (py.age >= low) & (py.age <= high))
    means = py.group_by("person_id").aggregate(
        total=py.std_income.cast("decimal(38, 9)").sum(), years=py.count())
    means = means.filter(means.years >= min_years)
    return means.select("person_id", **{name: means.total.cast("float64") / means.years.cast("float64")})


def parental_income(ctx) -> ir.Table:
    """(person_id, parent_income) for children with at least 3 in-scope years at 12-17."""
    return _mean_income(ctx.person_years, PARENT_AGES, MIN_PARENT_YEARS, "parent_income")


def child_income(ctx) -> ir.Table:
    """(person_id, child_income) over at least 2 in-scope years at 26-32 in a household
    without a parent of theirs."""
    py = ctx.person_years.left_join(parents_by_year(ctx), ["person_id", "year"])
    py = py.filter(~py.with_parent.fill_null(False))
    return _mean_income(py, CHILD_AGES, MIN_CHILD_YEARS, "child_income")


def percentile_rank(t: ir.Table, column: str, cohort: str, name: str) -> ir.Table:
    """Add ``name`` = 100 · (average rank − 0.5) / N of ``column`` within ``cohort``,
    ascending; ties share their average rank.

    A value held by k units, with C units at or below it, has ranks C−k+1 .. C, whose
    average is C − (k − 1)/2.
    """
    values = t.group_by(cohort, column).aggregate(_k=t.count())
    at_or_below = ibis.window(group_by=cohort, order_by=column, rows=(None, 0))
    values = values.mutate(_C=values._k.sum().over(at_or_below),
                           _N=values._k.sum().over(ibis.window(group_by=cohort)))
    average = values._C.cast("float64") - (values._k.cast("float64") - 1.0) / 2.0
    values = values.select(cohort, column, **{name: 100.0 * (average - 0.5) / values._N})
    return t.join(values, [cohort, column])


def quintile(rank: ir.FloatingValue) -> ir.IntegerValue:
    """min(5, ⌊rank/20⌋ + 1)."""
    return ibis.least((rank / 20.0).floor().cast("int64") + 1, 5)


def ranked_children(ctx) -> ir.Table:
    """One row per child with both incomes: parent_rank, child_rank (within birth
    cohort over the whole input) and the upbringing region.

    The mean incomes are stored before ranking: ranks are joined back on the income
    itself, and a mean computed twice in one query may differ in the last bit (sums in
    another order), which would silently drop the child."""
    persons = ctx.tables["persons"].select("person_id", "birth_year")
    children = persons.join(parental_income(ctx), "person_id").join(child_income(ctx), "person_id")
    children = computed_once(ctx, children, "mobility_incomes")
    children = percentile_rank(children, "parent_income", "birth_year", "parent_rank")
    children = percentile_rank(children, "child_income", "birth_year", "child_rank")
    return children.join(upbringing_region(ctx), "person_id").select(
        "person_id", "parent_rank", "child_rank", FINE)


def _rows(t: ir.Table, indicator: str, value, **columns) -> ir.Table:
    defaults = {"breakdown": ibis.literal("", "string"), "category": ibis.literal("", "string"),
                "numerator": ibis.null("float64"), "denominator": ibis.null("float64")}
    return conform(t.mutate(**{**defaults, **columns, "indicator": ibis.literal(indicator, "string"),
                               "value": value}))


def regression_rows(children: ir.Table, year: int, regions: ir.Table) -> list[ir.Table]:
    """OLS of child rank on parental rank per region, from the sums n, Σx, Σy, Σxy, Σx²."""
    x, y = children.parent_rank, children.child_rank
    units = children.select(FINE, year=ibis.literal(year, "int16"), n=ibis.literal(1, "int64"),
                            sx=x, sy=y, sxy=x * y, sxx=x * x)
    s = rollup_sums(units, ["year"], ["n", "sx", "sy", "sxy", "sxx"], regions)
    spread = s.n.cast("float64") * s.sxx - s.sx * s.sx
    s = s.filter(spread > s.n.cast("float64") * s.sxx * FLAT)
    slope = (s.n.cast("float64") * s.sxy - s.sx * s.sy) / spread
    s = s.mutate(slope=slope, intercept=(s.sy - slope * s.sx) / s.n.cast("float64"))
    return [
        _rows(s, "rang_rang_helling", s.slope),
        _rows(s, "opwaartse_mobiliteit_p25", s.intercept + 25.0 * s.slope),
    ]


def transition_rows(children: ir.Table, year: int, regions: ir.Table) -> ir.Table:
    """Share of the children of each parental quintile in each child quintile; every
    child quintile appears (0 where nobody is in it) for each parental quintile present."""
    units = children.select(FINE, year=ibis.literal(year, "int16"),
                            pq=quintile(children.parent_rank), cq=quintile(children.child_rank),
                            one=ibis.literal(1, "int64"))
    cells = rollup_sums(units, ["year", "pq", "cq"], ["one"], regions)
    rows = rollup_sums(units, ["year", "pq"], ["one"], regions).rename(total="one")
    keys = ["year", "region_level", "region_code", "pq"]
    grid = ibis.union(*[rows.mutate(cq=ibis.literal(q, "int64")) for q in range(1, 6)],
                      distinct=False)
    full = grid.left_join(cells, [*keys, "cq"])
    count = full.one.fill_null(0)
    return _rows(
        full, "overgangsmatrix", count.cast("float64") / full.total,
        breakdown=ibis.literal(MATRIX, "string"),
        category=full.pq.cast("string") + "×" + full.cq.cast("string"),
        numerator=count.cast("float64"), denominator=full.total.cast("float64"), n=full.total,
    )


def indicators(ctx) -> list[ir.Table]:
    children = computed_once(ctx, ranked_children(ctx), "mobility_children")
    year = ctx.input_years[-1]
    regions = ctx.regions
    return [*regression_rows(children, year, regions), transition_rows(children, year, regions)]
