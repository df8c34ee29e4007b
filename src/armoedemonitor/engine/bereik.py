"""Bereik family: who misses help they are entitled to (non-take-up).

``huurtoeslag_niet_gebruik``: of the renter households that look entitled to huurtoeslag
(in scope, low income, wealth at or below the year's vermogensgrens), the share without
it. Rent level and age are not in the microdata, so this is an estimate: some of these
households are not entitled after all.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.definitions import huurtoeslag_wealth_limits
from armoedemonitor.engine.blocks import f64
from armoedemonitor.engine.results import count_shares_together
from armoedemonitor.errors import UserError

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset()
HOUSEHOLD_YEARS = frozenset({"household_type", "main_income_source", "n_adults", "wealth", "low_income"})

RENTERS = ("huurder_zonder_huurtoeslag", "huurder_met_huurtoeslag")
BREAKDOWNS = {"household_type": "household_type", "main_income_source": "main_income_source"}


def wealth_limits(ctx) -> dict[int, tuple[float, float]]:
    """The published limits (definitions/data/huurtoeslag.toml), completed or overridden
    by the user's (--vermogensgrens)."""
    return {**huurtoeslag_wealth_limits(), **dict(ctx.params.wealth_limits)}


def households_with_tenure(ctx) -> ir.Table:
    """Household-years of the output years with ``tenure`` (null when the input has none)."""
    hy = ctx.household_years
    hy = hy.filter(hy.year.isin(ctx.output_years))
    source = ctx.tables["households"]
    if "tenure" not in source.columns:
        return hy.mutate(tenure=ibis.null("string"))
    tenure = source.select("household_id", "tenure", year=source.year.cast(hy.year.type()))
    return hy.left_join(tenure, ["year", "household_id"]).drop("year_right", "household_id_right")


def years_to_compute(ctx) -> tuple[int, ...]:
    """The output years whose input says who rents; refused when one has no vermogensgrens.

    Leaving such a year out would show a gap nobody asked for, and guessing a limit would
    be a wrong number: the user supplies it (compute --vermogensgrens). Read from the
    input table alone, so that compute can ask before its long work."""
    source = ctx.tables["households"]
    if "tenure" not in source.columns:
        return ()
    known = source.filter(source.tenure.notnull() & source.year.isin(ctx.output_years))
    years = tuple(sorted(int(y) for y in known.select("year").distinct().to_pandas()["year"]))
    limits = wealth_limits(ctx)
    missing = [y for y in years if y not in limits]
    if missing:
        raise UserError(
            "huurtoeslag_niet_gebruik: geen vermogensgrens huurtoeslag voor " + ", ".join(map(str, missing))
            + " (de invoer heeft daar wel households.tenure). Geef de grens op met --vermogensgrens "
              "JAAR=ALLEEN/SAMEN in euro (de grens op 1 januari van dat jaar, van Dienst Toeslagen), "
              "of beperk de jaren met --years.")
    return years


def entitled_looking(hy: ir.Table, limits: dict[int, tuple[float, float]]) -> ir.BooleanValue:
    """In scope, low income, a renter, and wealth known and at or below the year's limit.

    A household of one adult (with or without minors, whose wealth counts with the
    parent) has the 'alleen' limit; two or more adults the 'samen' limit.
    """
    alone = hy.n_adults <= 1
    limit = ibis.cases(*[(hy.year == year, ibis.ifelse(alone, f64(single), f64(together)))
                         for year, (single, together) in sorted(limits.items())],
                       else_=ibis.null("float64"))
    within = hy.wealth.notnull() & (hy.wealth.cast("float64") <= limit)
    return (hy.low_income & hy.tenure.isin(RENTERS) & within).fill_null(False)


def indicators(ctx) -> list[ir.Table]:
    years = years_to_compute(ctx)
    if not years:
        return []
    hy = households_with_tenure(ctx)
    hy = hy.filter(hy.year.isin(years))
    entitled = entitled_looking(hy, wealth_limits(ctx))
    hy = hy.mutate(entitled=entitled, without=entitled & (hy.tenure == "huurder_zonder_huurtoeslag"))
    return count_shares_together(hy, {"huurtoeslag_niet_gebruik": ("without", "entitled")},
                                 BREAKDOWNS, ctx.regions)
