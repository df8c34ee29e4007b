"""Region levels: totaal, gemeente, wijk, buurt and the named region sets.

A unit (person or household) in gemeente G, wijk W and buurt B belongs to the rows
('totaal', 'totaal'), ('gemeente', G), ('wijk', W) when W is known, ('buurt', B) when B
is known, and (S, S) for every region set S that contains G.

The building blocks do not repeat the three region codes on every household- and
person-year: each distinct (gemeente, wijk, buurt) in the input is numbered once
(``fine_regions``), and units carry that small integer, FINE. Strings per row made the
person-years twice as slow to build and to group at real size. ``region_membership``
lists, per number, every region the combination belongs to; results are named from it.

Additive counts are summed per FINE first and then rolled up (``rollup_sums``): cheap,
since the fine table is small. Measures that are not additive (Gini, quantiles, top
10 %) need the units themselves in every region: they join the units to the membership
on FINE and work on a small number per region, ``_region`` (``in_numbered_regions``), and
name the regions only in the few rows of the result.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.backend import stored

REGION_COLUMNS = ("municipality", "district", "neighbourhood")
FINE = "fine_region"  # a unit's finest region: the number of its (gemeente, wijk, buurt)


def fine_regions(units: ir.Table) -> ir.Table:
    """Every (municipality, district, neighbourhood) of ``units`` once, numbered FINE
    (int32) in the order of the three codes."""
    fine = units.select(*REGION_COLUMNS).distinct()
    return fine.mutate(**{FINE: ibis.row_number().over(order_by=list(REGION_COLUMNS)).cast("int32")})


def with_fine_region(units: ir.Table, fine: ir.Table) -> ir.Table:
    """``units`` with FINE instead of the three region columns (``fine`` from
    ``fine_regions``; a missing wijk or buurt matches a missing one)."""
    same = [units[c].identical_to(fine[c]) for c in REGION_COLUMNS]
    joined = units.join(fine, same)
    return joined.select(*[c for c in units.columns if c not in REGION_COLUMNS], FINE)


def with_region_columns(units: ir.Table, fine: ir.Table, column: str = FINE,
                        suffix: str = "") -> ir.Table:
    """``units`` with the three region columns (each + ``suffix``) of the fine region in
    ``column`` added; null where ``column`` is null."""
    names = fine.select(**{f"{c}{suffix}": fine[c] for c in REGION_COLUMNS},
                        **{f"_{column}": fine[FINE]})
    joined = units.left_join(names, units[column] == names[f"_{column}"])
    return joined.drop(f"_{column}")


def expand_regions(t: ir.Table, region_sets: Mapping[str, tuple[str, ...]]) -> ir.Table:
    """Every row of ``t`` once per region it belongs to, with region_level and region_code.

    ``t`` needs the columns municipality, district and neighbourhood; they are dropped.
    """
    keep = [c for c in t.columns if c not in REGION_COLUMNS]

    def level(rows: ir.Table, name, code) -> ir.Table:
        return rows.select(*keep, region_level=ibis.literal(name, "string"),
                           region_code=code.cast("string"))

    parts = [
        level(t, "totaal", ibis.literal("totaal", "string")),
        level(t, "gemeente", t.municipality),
        level(t.filter(t.district.notnull()), "wijk", t.district),
        level(t.filter(t.neighbourhood.notnull()), "buurt", t.neighbourhood),
    ]
    for name, codes in region_sets.items():
        members = t.filter(t.municipality.isin(list(codes)))
        parts.append(level(members, name, ibis.literal(name, "string")))
    return ibis.union(*parts, distinct=False)


def region_membership(fine: ir.Table, region_sets: Mapping[str, tuple[str, ...]]) -> ir.Table:
    """Per fine region (FINE) every region it belongs to: region_level, region_code and
    ``_region`` (a number per region). Small: one row per buurt and level."""
    spread = expand_regions(fine, region_sets)
    number = ibis.dense_rank().over(order_by=["region_level", "region_code"])
    return spread.mutate(_region=number.cast("int32"))


def rollup_sums(t: ir.Table, by: list[str], sums: list[str], regions: ir.Table) -> ir.Table:
    """Sum the columns ``sums`` per ``by`` and region (``regions``: ``region_membership``),
    summing per fine region first (stored before it is spread over the levels:
    ``backend.stored``)."""
    fine = stored(t.group_by([*by, FINE]).aggregate(**{c: t[c].sum() for c in sums}),
                  "fine_sums")
    spread = fine.join(regions.select(FINE, "region_level", "region_code"), FINE)
    return spread.group_by([*by, "region_level", "region_code"]).aggregate(
        **{c: spread[c].sum() for c in sums})


def in_numbered_regions(units: ir.Table, regions: ir.Table) -> ir.Table:
    """Every row of ``units`` (with FINE) once per region it belongs to, with ``_region``
    added (``regions``: ``region_membership``)."""
    return units.join(regions.select(FINE, "_region"), FINE)


def region_names(regions: ir.Table) -> ir.Table:
    """``_region`` -> region_level, region_code."""
    return regions.select("_region", "region_level", "region_code").distinct()
