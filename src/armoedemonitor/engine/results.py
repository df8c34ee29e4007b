"""The results table as Ibis (schema in ``results_table``) and helpers that produce its rows."""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.regions import rollup_sums
from armoedemonitor.results_table import COLUMNS

SCHEMA = ibis.schema(COLUMNS)


def conform(t: ir.Table) -> ir.Table:
    """Select the results columns in order with their dtypes."""
    return t.select(**{name: t[name].cast(dtype) for name, dtype in SCHEMA.items()})


def share_rows(t: ir.Table, indicator: str) -> ir.Table:
    """Rows from counts: value = numerator / denominator, n = the denominator count.

    ``t`` has year, region_level, region_code, breakdown, category, numerator,
    denominator (counts of units). Rows whose denominator is 0 are dropped: there is no
    share to report, and ``value`` is never null.
    """
    t = t.filter(t.denominator > 0)
    return conform(t.mutate(
        indicator=ibis.literal(indicator, "string"),
        value=t.numerator.cast("float64") / t.denominator.cast("float64"),
        n=t.denominator,
    ))


def count_shares(units: ir.Table, indicator: str, numerator: str, denominator: str,
                 breakdowns: Mapping[str, str], region_sets: Mapping[str, tuple[str, ...]]
                 ) -> ir.Table:
    """One share indicator: see ``count_shares_together``."""
    return count_shares_together(units, {indicator: (numerator, denominator)}, breakdowns,
                                 region_sets)[0]


def count_shares_together(units: ir.Table, shares: Mapping[str, tuple[str, str]],
                 breakdowns: Mapping[str, str], region_sets: Mapping[str, tuple[str, ...]]
                 ) -> list[ir.Table]:
    """Shares of units (persons or households) per year, region and breakdown category.

    ``shares`` maps an indicator id to the names of two boolean columns of ``units``:
    (numerator, denominator); a unit counts in the numerator only when it is also in the
    denominator. ``units`` also has year and the region columns; ``breakdowns`` maps a
    breakdown name to the column holding each unit's category. The total row has
    breakdown = category = ''. Units with an unknown category count in the total only.
    All indicators are counted in one pass (one fine aggregation, one roll-up), which
    keeps the query small.
    """
    counts = {}
    for i, (numerator, denominator) in enumerate(shares.values()):
        in_denominator = units[denominator].fill_null(False)
        counts[f"_n{i}"] = (in_denominator & units[numerator].fill_null(False)).cast("int64")
        counts[f"_d{i}"] = in_denominator.cast("int64")
    base = units.mutate(**counts)
    keep = ["year", "municipality", "district", "neighbourhood", *counts]
    parts = [base.select(*keep, breakdown=ibis.literal("", "string"),
                         category=ibis.literal("", "string"))]
    for name, column in breakdowns.items():
        known = base.filter(base[column].notnull())
        parts.append(known.select(*keep, breakdown=ibis.literal(name, "string"),
                                  category=known[column].cast("string")))
    counted = rollup_sums(ibis.union(*parts, distinct=False), ["year", "breakdown", "category"],
                          list(counts), region_sets)
    return [
        share_rows(counted.select("year", "region_level", "region_code", "breakdown", "category",
                                  numerator=counted[f"_n{i}"], denominator=counted[f"_d{i}"]),
                   indicator)
        for i, indicator in enumerate(shares)
    ]
