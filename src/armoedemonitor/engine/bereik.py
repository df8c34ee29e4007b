"""Bereik family: who misses help they are entitled to (non-take-up).

``huurtoeslag_niet_gebruik``: of the renter households that look entitled to huurtoeslag
(in scope, low income, wealth at or below the year's vermogensgrens), the share without
it. Rent level and age are not in the microdata, so this is an estimate: some of these
households are not entitled after all.
"""

from __future__ import annotations

import tomllib
import warnings
from functools import cache
from importlib.resources import files

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.blocks import f64
from armoedemonitor.engine.results import count_shares_together

RENTERS = ("huurder_zonder_huurtoeslag", "huurder_met_huurtoeslag")
BREAKDOWNS = {"household_type": "household_type", "main_income_source": "main_income_source"}


class MissingWealthLimit(UserWarning):
    """Output years left out of huurtoeslag_niet_gebruik for want of a vermogensgrens."""


@cache
def published_wealth_limits() -> dict[int, tuple[float, float]]:
    """Huurtoeslag vermogensgrens by year: (alleen, samen), EUR (definitions/data/huurtoeslag.toml)."""
    text = files("armoedemonitor.definitions").joinpath("data", "huurtoeslag.toml").read_text("utf-8")
    table = tomllib.loads(text)["vermogensgrens"]
    return {int(year): (float(e["alleen"]), float(e["samen"])) for year, e in table.items()}


def wealth_limits(ctx) -> dict[int, tuple[float, float]]:
    """The published limits, overridden or completed by the user's (--vermogensgrens)."""
    return {**published_wealth_limits(), **dict(ctx.params.wealth_limits)}


def households_with_tenure(ctx) -> ir.Table:
    """Household-years of the output years with ``tenure`` (null when the input has none)."""
    hy = ctx.household_years
    hy = hy.filter(hy.year.isin(ctx.output_years))
    source = ctx.tables["households"]
    if "tenure" not in source.columns:
        return hy.mutate(tenure=ibis.null("string"))
    tenure = source.select("household_id", "tenure", year=source.year.cast(hy.year.type()))
    return hy.left_join(tenure, ["year", "household_id"]).drop("year_right", "household_id_right")


def years_with_tenure(ctx, hy: ir.Table) -> tuple[int, ...]:
    known = hy.filter(hy.tenure.notnull()).select("year").distinct().to_pandas()["year"]
    return tuple(sorted(int(y) for y in known))


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
    hy = households_with_tenure(ctx)
    limits = wealth_limits(ctx)
    with_tenure = years_with_tenure(ctx, hy)
    missing = [y for y in with_tenure if y not in limits]
    if missing:
        warnings.warn(
            "huurtoeslag_niet_gebruik: geen vermogensgrens voor " + ", ".join(map(str, missing))
            + "; deze jaren worden niet berekend. Geef de grens op met --vermogensgrens "
              "JAAR=ALLEEN/SAMEN (euro), bijvoorbeeld 2016=24437/48874.",
            MissingWealthLimit, stacklevel=2)
    years = [y for y in with_tenure if y in limits]
    if not years:
        return []
    hy = hy.filter(hy.year.isin(years))
    entitled = entitled_looking(hy, limits)
    hy = hy.mutate(entitled=entitled, without=entitled & (hy.tenure == "huurder_zonder_huurtoeslag"))
    return count_shares_together(hy, {"huurtoeslag_niet_gebruik": ("without", "entitled")},
                                 BREAKDOWNS, ctx.params.region_sets)
