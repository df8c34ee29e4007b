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

from armoedemonitor.engine.blocks import computed_by_years, computed_once
from armoedemonitor.engine.regions import FINE, with_region_columns
from armoedemonitor.engine.results import conform

# The person-year and household-year columns this family reads (blocks builds only those a run reads).
PERSON_YEARS = frozenset({"low_income", FINE})
HOUSEHOLD_YEARS = frozenset()

FLOWS = ("blijvers_in", "blijvers_uit", "instromers_verhuizing", "uitstromers_verhuizing",
         "nieuwkomers", "vertrekkers")


def moves(ctx, years) -> ir.Table:
    """Persons per year t of ``years`` (t and t-1 in the input) by where they were: the region
    columns now and before (null when the person has no members row in t / t-1),
    present_now / present_before (a members row in t / t-1), poor_now / poor_before
    (low income then), and ``persons``, the number of such persons.

    A person's two years meet in one join on (person, year) (members has one row per
    person and year), and persons are counted per combination of fine regions: most stay
    in their buurt, so the table is small, and every region level is read from it.
    """
    py = ctx.person_years
    now = py.filter(py.year.isin(years)).select(
        "person_id", "year", poor_now=py.low_income,
        fine_now=py[FINE])
    before = py.filter(py.year.isin([y - 1 for y in years])).select(
        before_id=py.person_id, before_year=(py.year + 1).cast(py.year.type()),
        poor_before=py.low_income, fine_before=py[FINE])
    both = now.outer_join(before, [now.person_id == before.before_id, now.year == before.before_year])
    person = both.select(
        year=ibis.coalesce(both.year, both.before_year),
        fine_now=both.fine_now, fine_before=both.fine_before,
        present_now=both.person_id.notnull(), present_before=both.before_id.notnull(),
        poor_now=both.poor_now.fill_null(False), poor_before=both.poor_before.fill_null(False))
    counted = person.group_by(person.columns).aggregate(persons=person.count())
    for when in ("now", "before"):
        counted = with_region_columns(counted, ctx.fine_regions, f"fine_{when}", f"_{when}")
    return counted.drop("fine_now", "fine_before")


def _region_levels(m: ir.Table, when: str, region_sets) -> list[tuple[str, ir.Value]]:
    """(region_level, region_code of each row in t ('now') or t-1 ('before'))."""
    municipality = m[f"municipality_{when}"]
    levels = [
        ("totaal", ibis.ifelse(m[f"present_{when}"], "totaal", ibis.null("string"))),
        ("gemeente", municipality), ("wijk", m[f"district_{when}"]),
        ("buurt", m[f"neighbourhood_{when}"]),
    ]
    levels += [(name, ibis.ifelse(municipality.isin(list(codes)), name, ibis.null("string")))
               for name, codes in region_sets.items()]
    return levels


def flow_counts(ctx, m: ir.Table) -> ir.Table:
    """Per year and region: the six flow counts and poor_now / poor_before, from ``moves``.

    A person is a stayer in r when in r both years; arrivals are counted where they are
    now, departures where they were before."""
    zero = ibis.literal(0, "int64")
    parts = []
    for (level, now), (_, before) in zip(_region_levels(m, "now", ctx.params.region_sets),
                                         _region_levels(m, "before", ctx.params.region_sets),
                                         strict=True):
        stayer = (now == before).fill_null(False)
        sides = {
            "now": (now, {
                "blijvers_in": stayer & m.poor_now & ~m.poor_before,
                "blijvers_uit": stayer & ~m.poor_now & m.poor_before,
                "instromers_verhuizing": ~stayer & m.present_before & m.poor_now,
                "nieuwkomers": ~stayer & ~m.present_before & m.poor_now,
                "poor_now": m.poor_now,
            }),
            "before": (before, {
                "uitstromers_verhuizing": ~stayer & m.present_now & m.poor_before,
                "vertrekkers": ~stayer & ~m.present_now & m.poor_before,
                "poor_before": m.poor_before,
            }),
        }
        for code, counts in sides.values():
            side = m.mutate(region_code=code, **{name: ibis.ifelse(condition, m.persons, zero)
                                                for name, condition in counts.items()})
            side = side.filter(side.region_code.notnull())
            parts.append(side.group_by("year", "region_code").aggregate(
                region_level=ibis.literal(level, "string"),
                **{name: side[name].sum() if name in counts else zero
                   for name in (*FLOWS, "poor_now", "poor_before")}))
    flows = ibis.union(*parts, distinct=False)
    return flows.group_by("year", "region_level", "region_code").aggregate(
        **{name: flows[name].sum() for name in (*FLOWS, "poor_now", "poor_before")})


def indicators(ctx) -> list[ir.Table]:
    years = ctx.years_with_history(2)
    if not years:
        return []
    # a few years per query: the outer join of two person-years tables spills at national size
    m = computed_by_years(ctx, lambda some: moves(ctx, some), "migration_moves", years)
    counts = computed_once(ctx, flow_counts(ctx, m), "migration_flows")
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
