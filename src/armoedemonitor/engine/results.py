"""The tidy results table of spec/results.md and helpers that produce its rows."""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.regions import rollup_sums

SCHEMA = ibis.schema({
    "indicator": "string",
    "year": "int16",
    "region_level": "string",
    "region_code": "string",
    "breakdown": "string",
    "category": "string",
    "numerator": "float64",
    "denominator": "float64",
    "value": "float64",
    "n": "int64",
})
KEY = ["indicator", "year", "region_level", "region_code", "breakdown", "category"]


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
    """Share of units (persons or households) per year, region and breakdown category.

    ``units`` has year, the region columns, and the boolean columns named by
    ``numerator`` and ``denominator`` (a numerator unit must be a denominator unit);
    ``breakdowns`` maps a breakdown name to the column holding each unit's category.
    The total row has breakdown = category = ''. Units with an unknown category count
    in the total but in no category row.
    """
    base = units.filter(units[denominator].fill_null(False))
    base = base.mutate(numerator=base[numerator].fill_null(False).cast("int64"),
                       denominator=ibis.literal(1, "int64"))
    keep = ["year", "municipality", "district", "neighbourhood", "numerator", "denominator"]
    parts = [base.select(*keep, breakdown=ibis.literal("", "string"),
                         category=ibis.literal("", "string"))]
    for name, column in breakdowns.items():
        known = base.filter(base[column].notnull())
        parts.append(known.select(*keep, breakdown=ibis.literal(name, "string"),
                                  category=known[column].cast("string")))
    counted = rollup_sums(ibis.union(*parts, distinct=False), ["year", "breakdown", "category"],
                          ["numerator", "denominator"], region_sets)
    return share_rows(counted, indicator)
