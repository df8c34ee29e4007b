"""Inequality and wealth family (docs/spec/indicators.md, "Inequality, wealth and debt").

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


def main_breadwinners(ctx) -> ir.Table:
    """year, household_id, breadwinner_age, breadwinner_education: the member with role
    'hoofdkostwinner' (the lowest person_id should a household list more than one)."""
    py = ctx.person_years
    py = py.filter((py.role == "hoofdkostwinner") & py.year.isin(ctx.output_years))
    first = py.mutate(k=ibis.row_number().over(
        ibis.window(group_by=["year", "household_id"], order_by="person_id")))
    first = first.filter(first.k == 0)
    return first.select("year", "household_id", breadwinner_age=first.age,
                        breadwinner_education=first.education)


def wealth_households(ctx) -> ir.Table:
    """In-scope households with known wealth in the output years, once per region, with
    their standardised income and main breadwinner (for the top-decile profile)."""
    hy = ctx.household_years
    hy = hy.filter(hy.in_scope & hy.wealth.notnull() & hy.year.isin(ctx.output_years))
    hy = hy.left_join(main_breadwinners(ctx), ["year", "household_id"])
    return expand_regions(hy.select("year", "household_id", "municipality", "district",
                                    "neighbourhood", "wealth", "std_income", "breadwinner_age",
                                    "breadwinner_education"), ctx.params.region_sets)


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


PROFILE = {
    # kenmerk: (numerator, denominator) per household; value = Σ numerator / Σ denominator
    "leeftijd": ("breadwinner_age", "age_known"),
    "hoog_opgeleid": ("is_hoog", "education_known"),
    "inkomen": ("std_income", "one"),
}


def top10_profile(households: ir.Table) -> ir.Table:
    """vermogen_top10_profiel: the ⌈N/10⌉ wealthiest households (groep 'top10') against
    the rest ('overig'): mean age of the main breadwinner, share of main breadwinners with
    education 'hoog', mean standardised income.

    Encoding: breakdown 'groep×kenmerk', category e.g. 'top10×leeftijd',
    'overig×hoog_opgeleid', 'top10×inkomen'; numerator = the sum (of ages, of 'hoog'
    breadwinners, of incomes), denominator = n = households with the characteristic
    known. Unknown age or education leaves a household out of that mean only.
    """
    marked = top_decile(households)
    marked = marked.mutate(
        groep=ibis.ifelse(marked.top10, "top10", "overig"),
        age_known=marked.breadwinner_age.notnull().cast("int64"),
        education_known=marked.breadwinner_education.notnull().cast("int64"),
        is_hoog=(marked.breadwinner_education == "hoog").fill_null(False).cast("int64"),
        one=ibis.literal(1, "int64"),
    )
    sums = marked.group_by([*BY, "groep"]).aggregate(**{
        f"{kenmerk}_{part}": marked[column].cast("float64").sum()
        for kenmerk, columns in PROFILE.items() for part, column in zip(("num", "den"), columns, strict=True)
    })
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
    persons = income_persons(ctx)
    households = wealth_households(ctx)
    return [
        _measure_rows(measures.gini(persons, "std_income", by=BY), "gini_inkomen"),
        _measure_rows(measures.qsr(persons, "std_income", by=BY), "s80s20"),
        _measure_rows(measures.gini(households, "wealth", by=BY), "gini_vermogen"),
        top10_share(households),
        top10_profile(households),
    ]
