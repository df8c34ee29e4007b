"""Region levels: totaal, gemeente, wijk, buurt and the named region sets.

A unit (person or household) in gemeente G, wijk W and buurt B belongs to the rows
('totaal', 'totaal'), ('gemeente', G), ('wijk', W) when W is known, ('buurt', B) when B
is known, and (S, S) for every region set S that contains G.

Additive counts are summed at the finest level first and then rolled up
(``rollup_sums``): cheap, since the fine table is small. Measures that are not additive
(Gini, quantiles, top 10 %) need the units themselves in every region: they join the
units to ``numbered_regions`` and work on a small integer region number, which is much
cheaper to partition and sort by than two strings per row, and name the regions only
in the few rows of the result.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.backend import stored

REGION_COLUMNS = ("municipality", "district", "neighbourhood")


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


def rollup_sums(t: ir.Table, by: list[str], sums: list[str],
                region_sets: Mapping[str, tuple[str, ...]]) -> ir.Table:
    """Sum the columns ``sums`` per ``by`` and region, summing at the finest level first
    (stored before it is spread over the levels: ``backend.stored``)."""
    fine = stored(t.group_by([*by, *REGION_COLUMNS]).aggregate(
        **{c: t[c].sum() for c in sums}), "fine_sums")
    spread = expand_regions(fine, region_sets)
    return spread.group_by([*by, "region_level", "region_code"]).aggregate(
        **{c: spread[c].sum() for c in sums})


def numbered_regions(units: ir.Table, region_sets: Mapping[str, tuple[str, ...]]) -> ir.Table:
    """Every combination of municipality, district and neighbourhood in ``units``, once per
    region it belongs to: the three columns, ``_fine`` (a number per combination),
    region_level, region_code and ``_region`` (a number per region). Small: one row per
    buurt and level."""
    fine = units.select(*REGION_COLUMNS).distinct()
    fine = fine.mutate(_fine=ibis.row_number().over(order_by=list(REGION_COLUMNS)).cast("int32"),
                       **{f"_{c}": fine[c] for c in REGION_COLUMNS})
    spread = expand_regions(fine, region_sets).rename(**{c: f"_{c}" for c in REGION_COLUMNS})
    number = ibis.dense_rank().over(order_by=["region_level", "region_code"])
    return spread.mutate(_region=number.cast("int32"))


def fine_numbered(units: ir.Table, regions: ir.Table) -> ir.Table:
    """``units`` with ``_fine`` instead of the three region columns (``regions`` from
    ``numbered_regions``)."""
    fine = regions.select(*REGION_COLUMNS, "_fine").distinct()
    same = [units[c].fill_null("") == fine[c].fill_null("") for c in REGION_COLUMNS]
    joined = units.join(fine, same)
    return joined.select(*[c for c in units.columns if c not in REGION_COLUMNS], "_fine")


def in_numbered_regions(units: ir.Table, regions: ir.Table) -> ir.Table:
    """Every row of ``units`` (with ``_fine``: ``fine_numbered``) once per region it
    belongs to, with ``_region`` added."""
    return units.join(regions.select("_fine", "_region"), "_fine")


def region_names(regions: ir.Table) -> ir.Table:
    """``_region`` -> region_level, region_code."""
    return regions.select("_region", "region_level", "region_code").distinct()
