"""Inequality and wealth family (docs/spec/indicators.md, "Inequality, wealth and debt").

Gini and quantiles are not additive, so they are measured per (year, region) on the
distinct values of each region: units with the same value in the same buurt are merged
into one weighted row first (the persons of a household share its income), that table is
spread over every region it belongs to, and the sorted cumulative weights of
``measures.distinct_incomes`` are built once per variable. Gini, S80/S20 and the top 10 %
of wealth are all read from them; only the profile of the top 10 % needs the
households themselves. The measures are the shared "General measures" with unit weights.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine import measures
from armoedemonitor.engine.blocks import computed_by_years, computed_once
from armoedemonitor.engine.regions import REGION_COLUMNS, expand_regions
from armoedemonitor.engine.results import conform

BY = ["year", "region_level", "region_code"]


def _measure_rows(measured: ir.Table, sizes: ir.Table, indicator: str) -> ir.Table:
    """Results rows from a measure (BY..., value) and the group sizes (BY..., n);
    undefined values are dropped."""
    measured = measured.filter(measured.value.notnull()).join(sizes, BY)
    return conform(measured.mutate(
        indicator=ibis.literal(indicator, "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        numerator=ibis.null("float64"), denominator=ibis.null("float64"),
    ))


def distinct_values(ctx, units: ir.Table, column: str, block: str) -> ir.Table:
    """The distinct values of ``column`` per (year, region) with their cumulative unit
    counts (``measures.distinct_incomes``), computed once, a few years per query.
    ``units`` has year, the region columns and ``column``; each row is one unit."""
    def for_years(years) -> ir.Table:
        some = units.filter(units.year.isin(list(years)))
        merged = some.group_by(["year", *REGION_COLUMNS, column]).aggregate(_units=some.count())
        spread = expand_regions(merged, ctx.params.region_sets)
        return measures.distinct_incomes(spread, column, "_units", BY)

    return computed_by_years(ctx, for_years, block)


def group_sizes(d: ir.Table) -> ir.Table:
    """BY..., n: the number of units per group of a distinct-values table."""
    return d.group_by(BY).aggregate(n=d._W.sum().cast("int64"))


def income_persons(ctx) -> ir.Table:
    """Persons in in-scope households in the output years: year, region, std_income."""
    py = ctx.person_years
    py = py.filter(py.in_scope & py.year.isin(ctx.output_years))
    return py.select("year", *REGION_COLUMNS, "std_income")


def main_breadwinners(ctx) -> ir.Table:
    """year, household_id, breadwinner_age, breadwinner_education: the member with role
    'hoofdkostwinner' (the lowest person_id should a household list more than one)."""
    py = ctx.person_years
    py = py.filter((py.role == "hoofdkostwinner") & py.year.isin(ctx.output_years))
    return py.group_by("year", "household_id").aggregate(
        breadwinner_age=py.age.argmin(py.person_id),
        breadwinner_education=py.education.argmin(py.person_id),
    )


def wealth_households(ctx) -> ir.Table:
    """In-scope households with known wealth in the output years, with their region,
    standardised income and main breadwinner (for the top-decile profile)."""
    hy = ctx.household_years
    hy = hy.filter(hy.in_scope & hy.wealth.notnull() & hy.year.isin(ctx.output_years))
    hy = hy.left_join(main_breadwinners(ctx), ["year", "household_id"])
    return hy.select("year", "household_id", *REGION_COLUMNS, "wealth", "std_income",
                     "breadwinner_age", "breadwinner_education")


def decile_edge(d: ir.Table) -> ir.Table:
    """BY..., _edge, _take: per group of a distinct-wealth table, the wealth of the
    poorest of the ⌈N/10⌉ wealthiest households, and how many of the households with
    exactly that wealth belong to the top."""
    k = ((d._N + 9.0) / 10.0).floor()
    above = d._N - d._C  # households wealthier than _x
    edge = d.filter((above < k) & (above + d._W >= k))
    return edge.select(*BY, _edge=edge._x, _take=k - (edge._N - edge._C))


def top_decile(households: ir.Table, d: ir.Table, region_sets) -> ir.Table:
    """The households once per region, with ``top10``: one of the ⌈N/10⌉ wealthiest of
    that year and region (ties at the edge: lower household_id first). ``d`` is the
    distinct-wealth table of the same households."""
    marked = expand_regions(households, region_sets).join(decile_edge(d), BY)
    clear = marked.filter(marked.wealth != marked._edge)
    tied = marked.filter(marked.wealth == marked._edge)
    rank = ibis.row_number().over(ibis.window(group_by=BY, order_by="household_id")) + 1
    return ibis.union(clear.mutate(top10=clear.wealth > clear._edge),
                      tied.mutate(top10=rank <= tied._take), distinct=False)


PROFILE = {
    # kenmerk: (numerator, denominator) per household; value = Σ numerator / Σ denominator
    "leeftijd": ("breadwinner_age", "age_known"),
    "hoog_opgeleid": ("is_hoog", "education_known"),
    "inkomen": ("std_income", "one"),
}


def top10_sums(marked: ir.Table) -> ir.Table:
    """Per group and groep ('top10' or 'overig'): households, their wealth and the
    sums of PROFILE."""
    marked = marked.mutate(
        groep=ibis.ifelse(marked.top10, "top10", "overig"),
        age_known=marked.breadwinner_age.notnull().cast("int64"),
        education_known=marked.breadwinner_education.notnull().cast("int64"),
        is_hoog=(marked.breadwinner_education == "hoog").fill_null(False).cast("int64"),
        one=ibis.literal(1, "int64"),
    )
    return marked.group_by([*BY, "groep"]).aggregate(
        households=marked.count(), wealth=marked.wealth.sum(), **{
            f"{kenmerk}_{part}": marked[column].cast("float64").sum()
            for kenmerk, columns in PROFILE.items()
            for part, column in zip(("num", "den"), columns, strict=True)
        })


def top10_share(sums: ir.Table) -> ir.Table:
    """vermogen_top10_aandeel: numerator = wealth of the top ⌈N/10⌉, denominator = total
    wealth, n = N households. Undefined (dropped) when the total wealth is 0."""
    totals = sums.group_by(BY).aggregate(
        numerator=ibis.ifelse(sums.groep == "top10", sums.wealth, 0.0).sum(),
        denominator=sums.wealth.sum(),
        n=sums.households.sum(),
    )
    totals = totals.filter(totals.denominator != 0)
    return conform(totals.mutate(
        indicator=ibis.literal("vermogen_top10_aandeel", "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        value=totals.numerator / totals.denominator,
    ))


def top10_profile(sums: ir.Table) -> ir.Table:
    """vermogen_top10_profiel: the ⌈N/10⌉ wealthiest households (groep 'top10') against
    the rest ('overig'): mean age of the main breadwinner, share of main breadwinners with
    education 'hoog', mean standardised income.

    Encoding: breakdown 'groep×kenmerk', category e.g. 'top10×leeftijd',
    'overig×hoog_opgeleid', 'top10×inkomen'; numerator = the sum (of ages, of 'hoog'
    breadwinners, of incomes), denominator = n = households with the characteristic
    known. Unknown age or education leaves a household out of that mean only.
    """
    rows = []
    for kenmerk in PROFILE:
        part = sums.filter(sums[f"{kenmerk}_den"] > 0)
        rows.append(part.select(
            *BY, indicator=ibis.literal("vermogen_top10_profiel", "string"),
            breakdown=ibis.literal("groep×kenmerk", "string"),
            category=part.groep + ibis.literal(f"×{kenmerk}", "string"),
            numerator=part[f"{kenmerk}_num"], denominator=part[f"{kenmerk}_den"],
            value=part[f"{kenmerk}_num"] / part[f"{kenmerk}_den"],
            n=part[f"{kenmerk}_den"].cast("int64"),
        ))
    return conform(ibis.union(*rows, distinct=False))


def indicators(ctx) -> list[ir.Table]:
    sets = ctx.params.region_sets
    incomes = distinct_values(ctx, income_persons(ctx), "std_income", "distinct_incomes")
    households = computed_once(ctx, wealth_households(ctx), "wealth_households")
    wealth = distinct_values(ctx, households, "wealth", "distinct_wealth")
    sums = computed_by_years(ctx, lambda years: top10_sums(top_decile(
        households.filter(households.year.isin(list(years))),
        wealth.filter(wealth.year.isin(list(years))), sets)), "top10_sums")
    keys = list(BY)
    return [
        _measure_rows(measures.gini_of_distinct(incomes, keys), group_sizes(incomes), "gini_inkomen"),
        _measure_rows(measures.qsr_of_distinct(incomes, keys), group_sizes(incomes), "s80s20"),
        _measure_rows(measures.gini_of_distinct(wealth, keys), group_sizes(wealth), "gini_vermogen"),
        top10_share(sums),
        top10_profile(sums),
    ]
