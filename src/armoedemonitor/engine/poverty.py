"""Poverty family (spec/indicators.md, "Poverty"): shares with low income."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.blocks import age_group
from armoedemonitor.engine.results import count_shares

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


def _persons(ctx) -> ir.Table:
    py = ctx.person_years
    py = py.filter(py.year.isin(ctx.output_years))
    return py.mutate(age_group=age_group(py.age), minor=py.age < 18, adult=py.age >= 18)


def indicators(ctx) -> list[ir.Table]:
    sets = ctx.params.region_sets
    hy = ctx.household_years
    hy = hy.filter(hy.year.isin(ctx.output_years))
    persons = _persons(ctx)
    tables = [
        count_shares(hy, "laag_inkomen_huishoudens", "low_income", "in_scope",
                     {"household_type": "household_type"}, sets),
        count_shares(persons, "laag_inkomen_personen", "low_income", "in_scope",
                     PERSON_BREAKDOWNS, sets),
        count_shares(persons.mutate(den=persons.in_scope & persons.minor,
                                    num=persons.low_income & persons.minor),
                     "laag_inkomen_minderjarigen", "num", "den", PERSON_BREAKDOWNS, sets),
        count_shares(persons.mutate(den=persons.low_income & persons.adult,
                                    num=persons.low_income & persons.adult & persons.employed),
                     "werkende_armen", "num", "den", PERSON_BREAKDOWNS, sets),
    ]
    long_years = ctx.years_with_history(ctx.params.long_term_years)
    if long_years:
        lt = persons.filter(persons.year.isin(long_years)).left_join(
            long_term_low_income(ctx), ["person_id", "year"])
        lt = lt.mutate(long_term=lt.long_term.fill_null(False) & lt.in_scope)
        tables += [
            count_shares(lt, "langdurig_laag_inkomen_personen", "long_term", "in_scope",
                         PERSON_BREAKDOWNS, sets),
            count_shares(lt.mutate(den=lt.in_scope & lt.minor, num=lt.long_term & lt.minor),
                         "langdurig_laag_inkomen_minderjarigen", "num", "den",
                         PERSON_BREAKDOWNS, sets),
        ]
    return tables
