"""Inequality and wealth family (docs/spec/indicators.md, "Inequality, wealth and debt").

Gini and quantiles are not additive, so they are measured per (year, region) on the
units of each region, sorted. The units are spread over every region they belong to by a
small region number (``regions.in_numbered_regions``), a few years per query, and put in
order once per variable: for incomes the persons of a household (same value, same buurt)
are one weighted row (``measures.cumulative``), for wealth each household is one row
ordered by wealth and household_id, which also decides its top 10 % (ties at the edge:
lower household_id first). The order is taken once per year, before the spread, as a
rank (``year_rank``): every region then sorts its units by that one number. Each query
keeps only the sums the measures are made of (Gini, S80/S20, top 10 % share and
profile), so the ordered tables, as large as the population times its regions, are never
stored; regions get their names back only in the results. The measures are the shared
"General measures" with unit weights.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine import measures
from armoedemonitor.engine.blocks import computed_by_years
from armoedemonitor.engine.regions import FINE, in_numbered_regions, region_names
from armoedemonitor.engine.results import conform

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"household_id", "role", "education", "age", "in_scope", "std_income",
                          FINE})
HOUSEHOLD_YEARS = frozenset({"in_scope", "wealth", "std_income"})

BY = ["year", "region_level", "region_code"]
KEYS = ["year", "_region"]  # the groups while measuring; named (BY) in the results


def _named(measured: ir.Table, names: ir.Table) -> ir.Table:
    """KEYS... -> BY...: the region's level and code instead of its number."""
    return measured.join(names, "_region").drop("_region")


def _measure_rows(measured: ir.Table, sizes: ir.Table, names: ir.Table, indicator: str) -> ir.Table:
    """Results rows from a measure (KEYS..., value) and the group sizes (KEYS..., n);
    undefined values are dropped."""
    measured = measured.filter(measured.value.notnull()).join(sizes, KEYS)
    return conform(_named(measured, names).mutate(
        indicator=ibis.literal(indicator, "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        numerator=ibis.null("float64"), denominator=ibis.null("float64"),
    ))


def income_persons(ctx) -> ir.Table:
    """Persons in in-scope households in the output years: year, region, std_income."""
    py = ctx.person_years
    py = py.filter(py.in_scope & py.year.isin(ctx.output_years))
    return py.select("year", FINE, "std_income")


def year_rank(order) -> ir.IntegerValue:
    """The place of a unit in the order ``order`` among all units of its year: that order
    also holds among the units of every region, so each region's units are sorted by
    this one number instead of by ``order``, on a table as large as the population
    times its regions."""
    return ibis.row_number().over(group_by="year", order_by=order)


def income_sums(ctx, regions: ir.Table) -> ir.Table:
    """KEYS..., n and the Gini and S80/S20 sums of the standardised incomes per group
    (``measures.gini_sums``, ``measures.qsr_sums``): the incomes of each region in order,
    persons with the same income in the same buurt as one row of weight _W, ranked once
    per year by income and buurt (``year_rank``). Only the sums are kept: the ordered
    table is as large as the population times its regions."""
    persons = income_persons(ctx)

    def for_years(years) -> ir.Table:
        some = persons.filter(persons.year.isin(list(years)))
        merged = some.group_by(["year", FINE, "std_income"]).aggregate(_W=some.count())
        merged = merged.mutate(_rank=year_rank(["std_income", FINE]))
        spread = in_numbered_regions(merged, regions)
        rows = spread.select(*KEYS, "_rank", _x=spread.std_income.cast("float64"),
                             _W=spread._W.cast("float64"))
        d = measures.with_quintiles(measures.cumulative(rows, KEYS, rank="_rank"), KEYS)
        return d.group_by(KEYS).aggregate(n=d._W.sum().cast("int64"), **measures.gini_sums(d),
                                          **measures.qsr_sums(d))

    return computed_by_years(ctx, for_years, "income_sums")


def main_breadwinners(ctx, years) -> ir.Table:
    """year, household_id, breadwinner_age, breadwinner_education in ``years``: the member
    with role 'hoofdkostwinner' (the lowest person_id should a household list more than one)."""
    py = ctx.person_years
    py = py.filter((py.role == "hoofdkostwinner") & py.year.isin(list(years)))
    return py.group_by("year", "household_id").aggregate(
        breadwinner_age=py.age.argmin(py.person_id),
        breadwinner_education=py.education.argmin(py.person_id),
    )


def wealth_households(ctx, years) -> ir.Table:
    """In-scope households with known wealth in ``years``, with their region and what
    the top-decile profile sums (PROFILE): numbers only, as each household is repeated
    in every region it belongs to."""
    hy = ctx.household_years
    hy = hy.filter(hy.in_scope & hy.wealth.notnull() & hy.year.isin(list(years)))
    hy = hy.left_join(main_breadwinners(ctx, years), ["year", "household_id"])
    return hy.select(
        "year", "household_id", FINE, "wealth", "std_income",
        breadwinner_age=hy.breadwinner_age,
        age_known=hy.breadwinner_age.notnull().cast("int8"),
        education_known=hy.breadwinner_education.notnull().cast("int8"),
        is_hoog=(hy.breadwinner_education == "hoog").fill_null(False).cast("int8"),
    )


PROFILE = {
    # kenmerk: (numerator, denominator) per household; value = Σ numerator / Σ denominator
    "leeftijd": ("breadwinner_age", "age_known"),
    "hoog_opgeleid": ("is_hoog", "education_known"),
    "inkomen": ("std_income", "one"),
}


def wealth_sums(ctx, regions: ir.Table) -> ir.Table:
    """Per group (KEYS) and groep ('top10' or 'overig'): households, their wealth, the
    sums of PROFILE and the Gini sums of their wealth (``measures.gini_sums``).

    The households of each region are put in order of wealth (equal wealth: higher
    household_id first; ``year_rank``) with unit weights, so the ⌈N/10⌉ wealthiest are
    the last ⌈N/10⌉ (ties at the edge: lower household_id first). N is joined from the
    group sizes, which costs less than a second window. Only these sums are kept: the ordered
    table itself is as large as the population times its regions."""
    households = computed_by_years(
        ctx, lambda years: wealth_households(ctx, years), "wealth_households")

    def for_years(years) -> ir.Table:
        some = households.filter(households.year.isin(list(years)))
        some = some.mutate(_rank=year_rank(["wealth", ibis.desc("household_id")]))
        some = in_numbered_regions(some, regions)
        sizes = some.group_by(KEYS).aggregate(_N=some.count().cast("float64"))
        order = ibis.window(group_by=KEYS, order_by="_rank")
        d = some.mutate(_x=some.wealth.cast("float64"), _W=ibis.literal(1.0, "float64"),
                        _C=(ibis.row_number().over(order) + 1).cast("float64"))
        d = d.join(sizes, KEYS)
        top = ((d._N + 9.0) / 10.0).floor()
        d = d.mutate(groep=ibis.ifelse(d._C > d._N - top, "top10", "overig"), one=ibis.literal(1, "int64"))
        return d.group_by([*KEYS, "groep"]).aggregate(
            households=d.count(), wealth=d._x.sum(), **measures.gini_sums(d), **{
                f"{kenmerk}_{part}": d[column].cast("float64").sum()
                for kenmerk, columns in PROFILE.items()
                for part, column in zip(("num", "den"), columns, strict=True)
            })

    return computed_by_years(ctx, for_years, "wealth_sums")


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


def gini_of_wealth(sums: ir.Table) -> ir.Table:
    """KEYS..., value: the Gini of wealth from the sums of both groepen."""
    whole = sums.group_by(KEYS).aggregate(_top=sums._top.sum(), _total=sums._total.sum(),
                                          _weight=sums._weight.sum())
    return measures.gini_of_sums(whole, KEYS)


def indicators(ctx) -> list[ir.Table]:
    regions = ctx.regions
    names = region_names(regions)
    incomes = income_sums(ctx, regions)
    persons = incomes.select(*KEYS, "n")
    wealth = wealth_sums(ctx, regions)
    households = wealth.group_by(KEYS).aggregate(n=wealth.households.sum())
    named = _named(wealth, names)
    return [
        _measure_rows(measures.gini_of_sums(incomes, KEYS), persons, names, "gini_inkomen"),
        _measure_rows(measures.qsr_of_sums(incomes, KEYS), persons, names, "s80s20"),
        _measure_rows(gini_of_wealth(wealth), households, names, "gini_vermogen"),
        top10_share(named),
        top10_profile(named),
    ]
