"""Debt family (docs/spec/indicators.md): adults in wettelijke schuldsanering (WSNP).

Unlike the poverty indicators these count adults in ANY household, in scope or not;
a person's region is that of their household in the year.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.regions import FINE
from armoedemonitor.engine.results import count_shares_together

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"employed", "benefit", "age", "low_income", FINE})
HOUSEHOLD_YEARS = frozenset()


def adults(ctx) -> ir.Table:
    """Persons aged 18+ with a members row in an output year, with ``wsnp`` (in
    debt_restructuring that year)."""
    py = ctx.person_years
    py = py.filter((py.age >= 18) & py.year.isin(ctx.output_years))
    debt = ctx.tables["debt_restructuring"].select("year", "person_id").distinct()
    debt = debt.mutate(year=debt.year.cast("int16"), wsnp=ibis.literal(True))
    joined = py.left_join(debt, ["year", "person_id"])
    return joined.mutate(wsnp=joined.wsnp.fill_null(False),
                         adult=ibis.literal(True))


def indicators(ctx) -> list[ir.Table]:
    a = adults(ctx)
    a = a.mutate(employed_wsnp=a.wsnp & a.employed, benefit_wsnp=a.wsnp & a.benefit,
                 low_wsnp=a.wsnp & a.low_income)
    return count_shares_together(a, {
        "wsnp_volwassenen": ("wsnp", "adult"),
        "wsnp_werkend": ("employed_wsnp", "wsnp"),
        "wsnp_uitkering": ("benefit_wsnp", "wsnp"),
        "wsnp_laag_inkomen": ("low_wsnp", "wsnp"),
    }, {}, ctx.regions)
