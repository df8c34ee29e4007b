"""Inequality and wealth family (spec/indicators.md, "Inequality, wealth and debt").

Gini and quantiles are not additive, so the units are expanded into every region they
belong to and measured per (year, region). The measures themselves are the shared
"General measures" (``measures.gini``, ``measures.qsr``) with unit weights.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine import measures
from armoedemonitor.engine.regions import expand_regions
from armoedemonitor.engine.results import conform

BY = ["year", "region_level", "region_code"]


def _measure_rows(measured: ir.Table, indicator: str) -> ir.Table:
    """Results rows from a measure table (BY..., value, n); undefined values are dropped."""
    measured = measured.filter(measured.value.notnull())
    return conform(measured.mutate(
        indicator=ibis.literal(indicator, "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        numerator=ibis.null("float64"), denominator=ibis.null("float64"),
    ))


def income_persons(ctx) -> ir.Table:
    """Persons in in-scope households in the output years, once per region."""
    py = ctx.person_years
    py = py.filter(py.in_scope & py.year.isin(ctx.output_years))
    return expand_regions(py.select("year", "municipality", "district", "neighbourhood",
                                    "std_income"), ctx.params.region_sets)


def wealth_households(ctx) -> ir.Table:
    """In-scope households with known wealth in the output years, once per region."""
    hy = ctx.household_years
    hy = hy.filter(hy.in_scope & hy.wealth.notnull() & hy.year.isin(ctx.output_years))
    return expand_regions(hy.select("year", "household_id", "municipality", "district",
                                    "neighbourhood", "wealth"), ctx.params.region_sets)


def top_decile(households: ir.Table) -> ir.Table:
    """Mark the ⌈N/10⌉ wealthiest households per year and region (ties: lower
    household_id first) with ``top10``."""
    order = ibis.window(group_by=BY, order_by=[ibis.desc("wealth"), "household_id"])
    ranked = households.mutate(
        rank=ibis.row_number().over(order) + 1,
        n_units=households.count().over(ibis.window(group_by=BY)),
    )
    return ranked.mutate(top10=ranked.rank <= (ranked.n_units + 9) // 10)


def top10_share(households: ir.Table) -> ir.Table:
    """vermogen_top10_aandeel: numerator = wealth of the top ⌈N/10⌉, denominator = total
    wealth, n = N households. Undefined (dropped) when the total wealth is 0."""
    marked = top_decile(households)
    sums = marked.group_by(BY).aggregate(
        numerator=ibis.ifelse(marked.top10, marked.wealth, 0.0).sum(),
        denominator=marked.wealth.sum(),
        n=marked.count(),
    )
    sums = sums.filter(sums.denominator != 0)
    return conform(sums.mutate(
        indicator=ibis.literal("vermogen_top10_aandeel", "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        value=sums.numerator / sums.denominator,
    ))


def indicators(ctx) -> list[ir.Table]:
    persons = income_persons(ctx)
    households = wealth_households(ctx)
    return [
        _measure_rows(measures.gini(persons, "std_income", by=BY), "gini_inkomen"),
        _measure_rows(measures.qsr(persons, "std_income", by=BY), "s80s20"),
        _measure_rows(measures.gini(households, "wealth", by=BY), "gini_vermogen"),
        top10_share(households),
    ]
