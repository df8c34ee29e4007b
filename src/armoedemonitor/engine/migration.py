"""Migration and poverty (docs/spec/indicators.md, "Migration and poverty"; Merx, Haartsen
& Edzes).

For region r and consecutive years t-1 -> t, poor persons are split by flow, so that

    poor(t) = poor(t-1) + blijvers_in − blijvers_uit + instromers_verhuizing
              − uitstromers_verhuizing + nieuwkomers − vertrekkers

holds exactly, where poor(t) counts the persons with a members row in r in t whose
household has low income (a person in r without an in-scope household is not poor).
That is the numerator of laag_inkomen_personen for r and t.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.intergenerational import REGION, computed_once
from armoedemonitor.engine.regions import expand_regions
from armoedemonitor.engine.results import conform

FLOWS = ("blijvers_in", "blijvers_uit", "instromers_verhuizing", "uitstromers_verhuizing",
         "nieuwkomers", "vertrekkers")
KEYS = ["person_id", "year", "region_level", "region_code"]


def presence(ctx) -> ir.Table:
    """Per person, year t (t and t-1 in the input) and region: in_now / in_before (a
    members row in r in t / t-1), poor_now / poor_before, and anywhere_now /
    anywhere_before (a members row anywhere in the input in t / t-1)."""
    years = ctx.years_with_history(2)
    py = ctx.person_years
    now = py.filter(py.year.isin(years)).select(
        "person_id", "year", *REGION, now=ibis.literal(1, "int8"),
        before=ibis.literal(0, "int8"), poor_now=py.low_income.cast("int8"),
        poor_before=ibis.literal(0, "int8"))
    earlier = py.filter(py.year.isin([y - 1 for y in years])).select(
        "person_id", *REGION, year=(py.year + 1).cast("int16"), now=ibis.literal(0, "int8"),
        before=ibis.literal(1, "int8"), poor_now=ibis.literal(0, "int8"),
        poor_before=py.low_income.cast("int8"))
    both = expand_regions(ibis.union(now, earlier, distinct=False), ctx.params.region_sets)
    p = both.group_by(KEYS).aggregate(
        in_now=both.now.max() == 1, in_before=both.before.max() == 1,
        poor_now=both.poor_now.max() == 1, poor_before=both.poor_before.max() == 1)
    # Everybody with a members row is in 'totaal': presence there is presence anywhere.
    anywhere = p.filter(p.region_level == "totaal").select(
        "person_id", "year", anywhere_now=p.in_now, anywhere_before=p.in_before)
    return p.join(anywhere, ["person_id", "year"])


def flow_counts(ctx) -> ir.Table:
    """Per year and region: the six flow counts and poor_now / poor_before."""
    p = presence(ctx)
    stayer = p.in_now & p.in_before
    arrived = p.in_now & ~p.in_before
    left = p.in_before & ~p.in_now
    counts = {
        "blijvers_in": stayer & p.poor_now & ~p.poor_before,
        "blijvers_uit": stayer & ~p.poor_now & p.poor_before,
        "instromers_verhuizing": arrived & p.anywhere_before & p.poor_now,
        "uitstromers_verhuizing": left & p.anywhere_now & p.poor_before,
        "nieuwkomers": arrived & ~p.anywhere_before & p.poor_now,
        "vertrekkers": left & ~p.anywhere_now & p.poor_before,
        "poor_now": p.in_now & p.poor_now,
        "poor_before": p.in_before & p.poor_before,
    }
    return p.group_by("year", "region_level", "region_code").aggregate(
        **{name: condition.cast("int64").sum() for name, condition in counts.items()})


def indicators(ctx) -> list[ir.Table]:
    if not ctx.years_with_history(2):
        return []
    counts = computed_once(ctx, flow_counts(ctx), "migration_flows")
    rows = [
        counts.select("year", "region_level", "region_code",
                      category=ibis.literal(flow, "string"), count=counts[flow])
        for flow in FLOWS
    ]
    t = ibis.union(*rows, distinct=False)
    return [conform(t.mutate(
        indicator=ibis.literal("migratie_armoede", "string"),
        breakdown=ibis.literal("flow", "string"),
        numerator=ibis.null("float64"), denominator=ibis.null("float64"),
        value=t["count"].cast("float64"), n=t["count"],
    ))]
