"""Poverty family (docs/spec/indicators.md, "Poverty"): shares with low income."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.blocks import age_group
from armoedemonitor.engine.regions import FINE
from armoedemonitor.engine.results import count_shares_together

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"employed", "age", "main_income_source", "in_scope", "low_income", FINE})
HOUSEHOLD_YEARS = frozenset({"household_type", "in_scope", "low_income"})

PERSON_BREAKDOWNS = {"age_group": "age_group", "main_income_source": "main_income_source"}


def long_term_low_income(ctx) -> ir.Table:
    """(person_id, year) for persons with low income in t and each of the
    long_term_years - 1 years before (in any household): low-income person-years are
    shifted forward 0..k-1 years and counted; k hits mean k consecutive poor years."""
    span = ctx.params.long_term_years
    py = ctx.person_years
    poor = py.filter(py.low_income).select("person_id", "year")
    shifted = ibis.union(
        *[poor.select("person_id", year=(poor.year + lag).cast("int16")) for lag in range(span)],
        distinct=False,
    )
    hits = shifted.group_by("person_id", "year").aggregate(hits=shifted.count())
    return hits.filter(hits.hits == span).select("person_id", "year",
                                                  long_term=ibis.literal(True))


def persons(ctx) -> ir.Table:
    """Person-years of the output years with the flags of every person indicator."""
    py = ctx.person_years
    py = py.filter(py.year.isin(ctx.output_years))
    long_years = ctx.years_with_history(ctx.params.long_term_years)
    if long_years:
        py = py.left_join(long_term_low_income(ctx), ["person_id", "year"])
        long_term = py.long_term.fill_null(False)
    else:
        long_term = ibis.literal(False)
    minor, adult = py.age < 18, py.age >= 18
    long_denominator = py.in_scope & py.year.isin(long_years or [-1])
    return py.mutate(
        age_group=age_group(py.age),
        minor_in_scope=py.in_scope & minor, minor_low=py.low_income & minor,
        adult_low=py.low_income & adult, adult_low_employed=py.low_income & adult & py.employed,
        long_in_scope=long_denominator, long_low=long_denominator & long_term,
        long_minor_in_scope=long_denominator & minor, long_minor_low=long_denominator & long_term & minor,
    )


def indicators(ctx) -> list[ir.Table]:
    hy = ctx.household_years
    hy = hy.filter(hy.year.isin(ctx.output_years))
    shares = {
        "laag_inkomen_personen": ("low_income", "in_scope"),
        "laag_inkomen_minderjarigen": ("minor_low", "minor_in_scope"),
        "werkende_armen": ("adult_low_employed", "adult_low"),
    }
    if ctx.years_with_history(ctx.params.long_term_years):
        shares |= {
            "langdurig_laag_inkomen_personen": ("long_low", "long_in_scope"),
            "langdurig_laag_inkomen_minderjarigen": ("long_minor_low", "long_minor_in_scope"),
        }
    return [
        *count_shares_together(hy, {"laag_inkomen_huishoudens": ("low_income", "in_scope")},
                      {"household_type": "household_type"}, ctx.regions),
        *count_shares_together(persons(ctx), shares, PERSON_BREAKDOWNS, ctx.regions),
    ]
