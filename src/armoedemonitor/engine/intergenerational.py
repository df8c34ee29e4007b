"""Concurrent intergenerational poverty (docs/spec/indicators.md, "Intergenerational poverty").

In year t an eligible child is aged 22-26 (*child_age*), has at least one parent with an
in-scope household in t, does not share a household with a parent in t, and lives in an
in-scope household. Parents are poor when at least one parent has low income in t.
Region: the child's household in t.
"""

from __future__ import annotations

import ibis.expr.types as ir

from armoedemonitor.engine.blocks import PARENTS_BY_YEAR, computed_once, parents_by_year
from armoedemonitor.engine.regions import FINE
from armoedemonitor.engine.results import count_shares, ratio_rows

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"age", "in_scope", "low_income", FINE}) | PARENTS_BY_YEAR
HOUSEHOLD_YEARS = frozenset()


def eligible_children(ctx) -> ir.Table:
    """Person-years of the output years with the columns eligible, poor (own low income),
    parents_poor, and the region of the child's household."""
    low, high = ctx.params.child_age
    py = ctx.person_years
    young = py.filter(py.year.isin(ctx.output_years) & (py.age >= low) & (py.age <= high))
    joined = young.left_join(parents_by_year(ctx), ["person_id", "year"])
    eligible = (joined.parent_in_scope.fill_null(False) & ~joined.with_parent.fill_null(False)
                & joined.in_scope)
    return joined.select(
        "year", FINE,
        eligible=eligible,
        poor=joined.low_income,
        parents_poor=joined.parents_poor.fill_null(False),
    )


def indicators(ctx) -> list[ir.Table]:
    regions = ctx.regions
    c = computed_once(ctx, eligible_children(ctx), "eligible_children")
    c = c.mutate(
        both=c.eligible & c.poor & c.parents_poor,
        with_poor_parents=c.eligible & c.parents_poor,
        with_other_parents=c.eligible & ~c.parents_poor,
        poor_other_parents=c.eligible & c.poor & ~c.parents_poor,
        poor_child=c.eligible & c.poor,
    )
    return [
        count_shares(c, "generatiearmoede", "both", "eligible", {}, regions),
        count_shares(c, "kind_arm_als_ouders_arm", "both", "with_poor_parents", {}, regions),
        count_shares(c, "kind_arm_als_ouders_niet_arm", "poor_other_parents",
                     "with_other_parents", {}, regions),
        ratio_rows(c, "relatief_risico_generatiearmoede", ("both", "with_poor_parents"),
                   ("poor_other_parents", "with_other_parents"), regions),
        count_shares(c, "ouders_arm_als_kind_arm", "both", "poor_child", {}, regions),
    ]
