"""Concurrent intergenerational poverty (docs/spec/indicators.md, "Intergenerational poverty").

In year t an eligible child is aged 22-26 (*child_age*), has at least one parent with an
in-scope household in t, does not share a household with a parent in t, and lives in an
in-scope household. Parents are poor when at least one parent has low income in t.
Region: the child's household in t.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.backend import materialize
from armoedemonitor.engine.regions import rollup_sums
from armoedemonitor.engine.results import conform, count_shares

REGION = ("municipality", "district", "neighbourhood")


def computed_once(ctx, expr: ir.Table, block: str) -> ir.Table:
    """``expr`` computed once in the engine: each family reads its units several times,
    and an inlined plan that size is slow to plan on DuckDB and overflows Spark's planner."""
    return materialize(ctx.con, expr, f"armoedemonitor_{block}_{id(ctx)}")


def parent_links(ctx) -> ir.Table:
    """(child_id, parent_id): one row per known mother or father."""
    pc = ctx.tables["parent_child"]
    mothers = pc.filter(pc.mother_id.notnull()).select("child_id", parent_id=pc.mother_id)
    fathers = pc.filter(pc.father_id.notnull()).select("child_id", parent_id=pc.father_id)
    return ibis.union(mothers, fathers, distinct=False)


def parents_by_year(ctx) -> ir.Table:
    """Per person-year with at least one parent who has a members row that year:
    person_id, year, parent_in_scope (a parent's household is in scope),
    parents_poor (a parent has low income), with_parent (a parent is in the person's
    household)."""
    py = ctx.person_years
    links = parent_links(ctx)
    child = py.select("person_id", "year", child_household=py.household_id)
    parent = py.select(parent_id=py.person_id, year=py.year, parent_household=py.household_id,
                       in_scope=py.in_scope, low_income=py.low_income)
    linked = child.join(links, child.person_id == links.child_id).join(parent, ["parent_id", "year"])
    return linked.group_by("person_id", "year").aggregate(
        parent_in_scope=linked.in_scope.any(),
        parents_poor=linked.low_income.any(),
        with_parent=(linked.parent_household == linked.child_household).any(),
    )


def ratio_rows(units: ir.Table, indicator: str, share_a: tuple[str, str],
               share_b: tuple[str, str], region_sets: Mapping[str, tuple[str, ...]]) -> ir.Table:
    """Relative risk rows: value = share A / share B per year and region.

    ``share_a`` and ``share_b`` name the boolean (numerator, denominator) columns of the
    two shares. numerator = share A, denominator = share B, n = the units in either
    denominator. Where the ratio is undefined (a share without units, or share B is 0)
    no row is written, as for every other undefined value: results hold no null values.
    """
    (num_a, den_a), (num_b, den_b) = share_a, share_b
    counts = {name: units[column].fill_null(False).cast("int64")
              for name, column in (("na", num_a), ("da", den_a), ("nb", num_b), ("db", den_b))}
    counts["either"] = (units[den_a].fill_null(False) | units[den_b].fill_null(False)).cast("int64")
    summed = rollup_sums(units.select("year", *REGION, **counts), ["year"], list(counts),
                         region_sets)
    summed = summed.filter(summed.either > 0)
    a = ibis.ifelse(summed.da > 0, summed.na.cast("float64") / summed.da, ibis.null("float64"))
    b = ibis.ifelse(summed.db > 0, summed.nb.cast("float64") / summed.db, ibis.null("float64"))
    rows = summed.mutate(
        indicator=ibis.literal(indicator, "string"),
        breakdown=ibis.literal("", "string"), category=ibis.literal("", "string"),
        numerator=a, denominator=b,
        value=ibis.ifelse(b > 0, a / b, ibis.null("float64")),
        n=summed.either,
    )
    return conform(rows.filter(rows.value.notnull()))


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
        "year", *REGION,
        eligible=eligible,
        poor=joined.low_income,
        parents_poor=joined.parents_poor.fill_null(False),
    )


def indicators(ctx) -> list[ir.Table]:
    sets = ctx.params.region_sets
    c = computed_once(ctx, eligible_children(ctx), "eligible_children")
    c = c.mutate(
        both=c.eligible & c.poor & c.parents_poor,
        with_poor_parents=c.eligible & c.parents_poor,
        with_other_parents=c.eligible & ~c.parents_poor,
        poor_other_parents=c.eligible & c.poor & ~c.parents_poor,
        poor_child=c.eligible & c.poor,
    )
    return [
        count_shares(c, "generatiearmoede", "both", "eligible", {}, sets),
        count_shares(c, "kind_arm_als_ouders_arm", "both", "with_poor_parents", {}, sets),
        count_shares(c, "kind_arm_als_ouders_niet_arm", "poor_other_parents",
                     "with_other_parents", {}, sets),
        ratio_rows(c, "relatief_risico_generatiearmoede", ("both", "with_poor_parents"),
                   ("poor_other_parents", "with_other_parents"), sets),
        count_shares(c, "ouders_arm_als_kind_arm", "both", "poor_child", {}, sets),
    ]
