"""The results table as Ibis (schema in ``results_table``) and helpers that produce its rows."""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from armoedemonitor.engine.backend import stored
from armoedemonitor.engine.blocks import category_label
from armoedemonitor.engine.regions import FINE, rollup_sums
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
                 breakdowns: Mapping[str, str], regions: ir.Table) -> ir.Table:
    """One share indicator: see ``count_shares_together``."""
    return count_shares_together(units, {indicator: (numerator, denominator)}, breakdowns,
                                 regions)[0]


def count_shares_together(units: ir.Table, shares: Mapping[str, tuple[str, str]],
                 breakdowns: Mapping[str, str], regions: ir.Table) -> list[ir.Table]:
    """Shares of units (persons or households) per year, region and breakdown category.

    ``shares`` maps an indicator id to the names of two boolean columns of ``units``:
    (numerator, denominator); a unit counts in the numerator only when it is also in the
    denominator. ``units`` also has year and FINE (``regions``: the run's region
    membership, ``regions.region_membership``); ``breakdowns`` maps a
    breakdown name to the column holding each unit's category (coded categories get their
    label: ``blocks.category_label``). The total row has
    breakdown = category = ''. Units with an unknown category count in the total only.
    All indicators are counted in one pass over the units (grouped by year, fine region
    and every breakdown column at once); the breakdowns and region levels are
    then summed from that small table, which is stored first (``backend.stored``).
    """
    counts = {}
    for i, (numerator, denominator) in enumerate(shares.values()):
        in_denominator = units[denominator].fill_null(False)
        counts[f"_n{i}"] = (in_denominator & units[numerator].fill_null(False)).cast("int64")
        counts[f"_d{i}"] = in_denominator.cast("int64")
    columns = {f"_b{i}": units[column] for i, column in enumerate(breakdowns.values())}
    base = units.select("year", FINE, **columns, **counts)
    base = stored(base.group_by(["year", FINE, *columns]).aggregate(
        **{c: base[c].sum() for c in counts}), "share_counts")
    keep = ["year", FINE, *counts]
    parts = [base.select(*keep, breakdown=ibis.literal("", "string"),
                         category=ibis.literal("", "string"))]
    for (name, column), alias in zip(breakdowns.items(), columns, strict=True):
        known = base.filter(base[alias].notnull())
        parts.append(known.select(*keep, breakdown=ibis.literal(name, "string"),
                                  category=category_label(known[alias], column)))
    counted = rollup_sums(ibis.union(*parts, distinct=False), ["year", "breakdown", "category"],
                          list(counts), regions)
    return [
        share_rows(counted.select("year", "region_level", "region_code", "breakdown", "category",
                                  numerator=counted[f"_n{i}"], denominator=counted[f"_d{i}"]),
                   indicator)
        for i, indicator in enumerate(shares)
    ]


def ratio_rows(units: ir.Table, indicator: str, share_a: tuple[str, str],
               share_b: tuple[str, str], regions: ir.Table) -> ir.Table:
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
    summed = rollup_sums(units.select("year", FINE, **counts), ["year"], list(counts), regions)
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
