"""Life course (docs/spec/indicators.md, "Intergenerational poverty", "Life course").

A child grew up poor when they had low income in at least half of the observed
in-scope years at ages 0-17, with at least 3 such years observed. Adult poverty is low
income in t at ages 25-34, among persons in an in-scope household without a parent of
theirs in it, whose childhood status is defined and who have an upbringing region.
"""

from __future__ import annotations

import ibis.expr.types as ir

from armoedemonitor.engine.blocks import (
    PARENTS_BY_YEAR,
    UPBRINGING_REGION,
    computed_once,
    parents_by_year,
    upbringing_region,
)
from armoedemonitor.engine.regions import FINE
from armoedemonitor.engine.results import count_shares, ratio_rows

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = (frozenset({"age", "in_scope", "low_income", FINE})
                | PARENTS_BY_YEAR | UPBRINGING_REGION)
HOUSEHOLD_YEARS = frozenset()

CHILDHOOD = (0, 17)
MIN_CHILDHOOD_YEARS = 3
ADULT = (25, 34)


def _at_ages(py: ir.Table, ages: tuple[int, int]) -> ir.Table:
    low, high = ages
    return py.filter((py.age >= low) & (py.age <= high))


def childhood_status(ctx) -> ir.Table:
    """(person_id, grew_up_poor) for persons with at least 3 observed in-scope years at
    ages 0-17 in the input; poor in at least half of them means grew up poor."""
    py = _at_ages(ctx.person_years, CHILDHOOD)
    py = py.filter(py.in_scope)
    years = py.group_by("person_id").aggregate(
        observed=py.count(), poor=py.low_income.cast("int64").sum())
    years = years.filter(years.observed >= MIN_CHILDHOOD_YEARS)
    return years.select("person_id", grew_up_poor=years.poor * 2 >= years.observed)


def adults(ctx) -> ir.Table:
    """Adults of the output years in the denominator, with their poverty now and as a
    child, and the region the indicators are reported for (*region_of*)."""
    py = _at_ages(ctx.person_years, ADULT)
    py = py.filter(py.year.isin(ctx.output_years) & py.in_scope)
    py = py.left_join(parents_by_year(ctx), ["person_id", "year"])
    py = py.filter(~py.with_parent.fill_null(False))  # no parent of theirs at home
    upbringing = upbringing_region(ctx).rename(**{f"up_{FINE}": FINE})
    py = py.join(childhood_status(ctx), "person_id").join(upbringing, "person_id")
    source = "up_" if ctx.params.region_of == "upbringing" else ""
    return py.select(
        "year", "grew_up_poor",
        poor=py.low_income,
        **{FINE: py[f"{source}{FINE}"]},
    )


def indicators(ctx) -> list[ir.Table]:
    regions = ctx.regions
    a = computed_once(ctx, adults(ctx), "lifecourse_adults")
    a = a.mutate(
        poor_grew_up_poor=a.poor & a.grew_up_poor,
        grew_up_not_poor=~a.grew_up_poor,
        poor_grew_up_not_poor=a.poor & ~a.grew_up_poor,
    )
    return [
        count_shares(a, "arm_als_volwassene_opgegroeid_arm", "poor_grew_up_poor",
                     "grew_up_poor", {}, regions),
        count_shares(a, "arm_als_volwassene_niet_opgegroeid_arm", "poor_grew_up_not_poor",
                     "grew_up_not_poor", {}, regions),
        ratio_rows(a, "relatief_risico_opgroeien_in_armoede",
                   ("poor_grew_up_poor", "grew_up_poor"),
                   ("poor_grew_up_not_poor", "grew_up_not_poor"), regions),
    ]
