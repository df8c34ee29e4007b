"""Disclosure control of a results table: primary and secondary suppression, linked
quantities, rounding and the audit, in that order. ``protect`` is what a release runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from armoedemonitor.disclosure import linked
from armoedemonitor.disclosure.audit import AuditResult, audit_block
from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.relations import Block, build_block, quantities_for
from armoedemonitor.disclosure.rounding import round_count, round_share
from armoedemonitor.disclosure.rules import ADDITIVE_UNITS, COUNT_UNIT, SHARE_UNIT, Rules
from armoedemonitor.disclosure.secondary import cost_keys, suppress_block

RESULT_COLUMNS = [
    "indicator", "year", "region_level", "region_code", "breakdown", "category",
    "numerator", "denominator", "value", "n",
]
KEY_COLUMNS = RESULT_COLUMNS[:6]
MAX_LINK_PASSES = 20


@dataclass
class Protected:
    table: pd.DataFrame      # results columns as published, plus status and reden
    audit: AuditResult
    exceptions: dict[str, str]  # relations that are inequalities or dropped (see relations)


def publish(results: pd.DataFrame, units: pd.Series, hidden: np.ndarray, rules: Rules) -> pd.DataFrame:
    """The published values: hidden rows empty, counts rounded, shares to decimals.

    Model-like rows publish their value only; n is rounded everywhere, since an exact n
    would undo the rounding of the count it equals.
    """
    out = results[RESULT_COLUMNS].copy()
    base = rules.rounding_base
    share = (units == SHARE_UNIT).to_numpy()
    count = (units == COUNT_UNIT).to_numpy()
    model = ~units.isin(ADDITIVE_UNITS).to_numpy()
    out["numerator"] = np.where(model, np.nan, round_count(out["numerator"].astype(float), base))
    out["denominator"] = np.where(model, np.nan, round_count(out["denominator"].astype(float), base))
    value = out["value"].astype(float)
    out["value"] = np.where(share, round_share(value, rules.share_decimals),
                            np.where(count, round_count(value, base), value))
    out["n"] = round_count(out["n"].astype(float), base)
    for column in ("numerator", "denominator", "value", "n"):
        out.loc[hidden, column] = np.nan
    out["n"] = out["n"].astype("Int64")
    return out


def block_arrays(block: Block, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None]:
    """A block's counts and (for shares) share values from ``table``."""
    counts = table.loc[block.rows, list(block.quantities)].to_numpy(dtype="float64")
    shares = None
    if block.quantities == quantities_for(SHARE_UNIT):
        shares = table.loc[block.rows, "value"].to_numpy(dtype="float64")
    return counts, shares


def audit_table(
    blocks: list[Block], table: pd.DataFrame, hidden: np.ndarray, primary: pd.Series,
    rules: Rules, exact: bool,
) -> AuditResult:
    """Audit every block; ``table`` holds true values when ``exact``, else published ones."""
    result = AuditResult()
    for block in blocks:
        counts, shares = block_arrays(block, table)
        result.extend(audit_block(
            block, hidden[block.rows], counts, shares, primary.loc[block.rows].tolist(),
            rules.rounding_base, rules.share_decimals, rules.protection_width, exact=exact,
        ))
    return result


def blocks_of(
    table: pd.DataFrame, units: pd.Series, region_sets: dict[str, tuple[str, ...]],
    exceptions: dict[str, str] | None,
) -> list[Block]:
    blocks = []
    for (indicator, year), rows in table.groupby(["indicator", "year"], sort=True):
        unit = units.loc[rows.index[0]]
        if unit in ADDITIVE_UNITS:
            blocks.append(build_block(indicator, int(year), rows, unit, region_sets, exceptions))
    return blocks


def protect(
    results: pd.DataFrame, units: pd.Series, rules: Rules, region_sets: dict[str, tuple[str, ...]],
    on_block: Callable[[str, int], None] | None = None,
) -> Protected:
    """Apply every rule to ``results`` (``units``: the eenheid of each row's indicator).

    ``on_block(label, total)`` is called after each block's secondary suppression (for a
    progress bar).
    """
    results = results.reset_index(drop=True)
    units = units.reset_index(drop=True)
    codes = primary_reasons(results, units, rules)
    primary = codes.map(public_reasons)
    hidden = (primary != "").to_numpy().copy()
    reden = np.where(hidden, "primair", "").astype(object)
    is_primary = hidden.copy()

    blocks = blocks_of(results, units, region_sets, exceptions=None)
    exceptions = {k: v for block in blocks for k, v in (block.exceptions or {}).items()}
    rank = cost_keys(results["n"].to_numpy(dtype="float64"), results["region_level"].to_numpy(),
                     rules.protection_width)
    block_of_row = {int(row): i for i, block in enumerate(blocks) for row in block.rows}
    links = linked.partners(results)

    def audit_with(block: Block):
        counts, _ = block_arrays(block, results)
        reasons = primary.loc[block.rows].tolist()

        def run(block_hidden: np.ndarray) -> AuditResult:
            return audit_block(block, block_hidden, counts, None, reasons, rules.rounding_base,
                               rules.share_decimals, rules.protection_width, exact=True,
                               points_only=True)
        return run

    dirty = set(range(len(blocks)))
    for _ in range(MAX_LINK_PASSES):
        for i in sorted(dirty):
            block = blocks[i]
            hidden[block.rows] = suppress_block(
                block, hidden[block.rows], is_primary[block.rows], rank[block.rows],
                rules.protection_width, audit_with(block))
            if on_block:
                on_block(f"{block.indicator} {block.year}", len(blocks))
        dirty = set()
        for a, b in links:
            for row, partner in ((a, b), (b, a)):
                if hidden[row] and not hidden[partner]:
                    hidden[partner] = True
                    reden[partner] = f"gekoppeld aan {results.at[row, 'indicator']}"
                    if partner in block_of_row:
                        dirty.add(block_of_row[partner])
        if not dirty:
            break

    status = np.where(primary != "", "primair", np.where(hidden, "secundair", ""))
    model = ~units.isin(ADDITIVE_UNITS).to_numpy()
    status = np.where(status != "", status, np.where(model, "ok", "afgerond"))
    reden = np.where(status == "primair", primary, np.where((status == "secundair") & (reden == ""), "secundair", reden))
    table = publish(results, units, hidden, rules)
    table["status"] = status
    table["reden"] = reden
    audit = audit_table(blocks, results, hidden, primary, rules, exact=True)
    return Protected(table, audit, exceptions)
