"""Disclosure control of a results table: primary and secondary suppression, linked
quantities, rounding and the audit, in that order. ``protect`` is what a release runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
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
from armoedemonitor.results_table import NAMES

MAX_LINK_PASSES = 20
PARALLEL_FROM_ROWS = 20_000


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
    out = results[NAMES].copy()
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


def _protect_block(task: tuple) -> tuple[np.ndarray, dict[str, str], AuditResult]:
    """One (indicator, year) table: relations, secondary suppression and its final audit.

    Runs in a worker process; everything it needs travels in ``task`` (plain data), so
    tables are handled independently and the outcome does not depend on the order.
    """
    indicator, year, rows, unit, region_sets, hidden, is_primary, rank, reasons, rules = task
    base, decimals, width = rules
    block = build_block(indicator, year, rows, unit, region_sets, None)
    counts = rows[list(block.quantities)].to_numpy(dtype="float64")

    def run(block_hidden: np.ndarray, only_rows: np.ndarray | None = None) -> AuditResult:
        return audit_block(block, block_hidden, counts, None, reasons, base, decimals, width,
                           exact=True, points_only=True, only_rows=only_rows)

    hidden = suppress_block(block, hidden, is_primary, rank, width, run)
    audit = audit_block(block, hidden, counts, None, reasons, base, decimals, width, exact=True)
    return hidden, block.exceptions or {}, audit


def _audit_block_task(task: tuple) -> AuditResult:
    """The audit of one table from its (published or true) rows, in a worker process."""
    indicator, year, rows, unit, region_sets, exceptions, hidden, reasons, rules, exact = task
    base, decimals, width = rules
    block = build_block(indicator, year, rows, unit, region_sets, exceptions)
    counts, shares = block_arrays(block, rows)
    return audit_block(block, hidden, counts, shares, reasons, base, decimals, width, exact=exact)


def default_workers(rows: int) -> int:
    """Two processes (the machine's cores) for demo-sized tables; small ones stay in-process,
    where starting workers would cost more than it saves."""
    return min(2, os.cpu_count() or 1) if rows >= PARALLEL_FROM_ROWS else 1


def run_tasks(function: Callable, tasks: list[tuple], workers: int,
              on_done: Callable[[int], None] | None = None) -> list:
    """``function`` over ``tasks``, results in task order whatever order they finish in.

    Tables are independent, so they are spread over ``workers`` processes (spawned, not
    forked: the caller may run a progress-bar thread). Largest tables are submitted first
    so no worker is left with one big table at the end.
    """
    results: list = [None] * len(tasks)
    if workers <= 1 or len(tasks) < 2:
        for i, task in enumerate(tasks):
            results[i] = function(task)
            if on_done:
                on_done(i)
        return results
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][2]))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(function, tasks[i]): i for i in order}
        for future in as_completed(futures):
            i = futures[future]
            results[i] = future.result()
            if on_done:
                on_done(i)
    return results


def table_groups(table: pd.DataFrame, units: pd.Series) -> list[tuple[str, int, np.ndarray, str]]:
    """(indicator, year, row positions, unit) of every additive table, sorted."""
    additive = units.isin(ADDITIVE_UNITS).to_numpy()
    groups = table.loc[additive].groupby(["indicator", "year"], sort=True).indices
    positions = np.flatnonzero(additive)
    return [(indicator, int(year), positions[rows], units.iloc[positions[rows[0]]])
            for (indicator, year), rows in groups.items()]


def audit_tables(
    table: pd.DataFrame, units: pd.Series, region_sets: dict[str, tuple[str, ...]],
    exceptions: dict[str, str], hidden: np.ndarray, primary: pd.Series, rules, exact: bool,
    workers: int | None = None,
) -> AuditResult:
    """``audit_table`` over every additive table, spread over worker processes."""
    table = table.reset_index(drop=True)
    units = units.reset_index(drop=True)
    workers = default_workers(len(table)) if workers is None else workers
    reasons = primary.reset_index(drop=True)
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    tasks = []
    for indicator, year, rows, unit in table_groups(table, units):
        prefix = f"{indicator}|{year}|"
        own = {k: v for k, v in exceptions.items() if k.startswith(prefix)}
        tasks.append((indicator, year, table.iloc[rows], unit, region_sets, own, hidden[rows],
                      reasons.iloc[rows].tolist(), scalars, exact))
    result = AuditResult()
    for part in run_tasks(_audit_block_task, tasks, workers):
        result.extend(part)
    return result


def protect(
    results: pd.DataFrame, units: pd.Series, rules: Rules, region_sets: dict[str, tuple[str, ...]],
    on_block: Callable[[str, int], None] | None = None, workers: int | None = None,
) -> Protected:
    """Apply every rule to ``results`` (``units``: the eenheid of each row's indicator).

    ``on_block(label, total)`` is called after each table's secondary suppression (for
    a progress bar). Tables are independent and go to ``workers`` processes (default:
    see ``default_workers``); linked quantities are settled between rounds.
    """
    results = results.reset_index(drop=True)
    units = units.reset_index(drop=True)
    workers = default_workers(len(results)) if workers is None else workers
    codes = primary_reasons(results, units, rules)
    primary = codes.map(public_reasons)
    hidden = (primary != "").to_numpy().copy()
    reden = np.where(hidden, "primair", "").astype(object)
    is_primary = hidden.copy()

    groups = table_groups(results, units)
    rank = cost_keys(results["n"].to_numpy(dtype="float64"), results["region_level"].to_numpy(),
                     rules.protection_width)
    block_of_row = np.full(len(results), -1)
    for i, (_, _, rows, _) in enumerate(groups):
        block_of_row[rows] = i
    links = linked.partners(results)
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    reasons = primary.tolist()
    exceptions: dict[str, str] = {}
    audits: dict[int, AuditResult] = {}

    dirty = list(range(len(groups)))
    for _ in range(MAX_LINK_PASSES):
        tasks = [
            (indicator, year, results.iloc[rows], unit, region_sets, hidden[rows], is_primary[rows],
             rank[rows], [reasons[row] for row in rows], scalars)
            for indicator, year, rows, unit in (groups[i] for i in dirty)
        ]

        def done(k: int, dirty=dirty) -> None:
            if on_block:
                indicator, year = groups[dirty[k]][:2]
                on_block(f"{indicator} {year}", len(groups))

        for i, (block_hidden, block_exceptions, audit) in zip(
                dirty, run_tasks(_protect_block, tasks, workers, done), strict=True):
            hidden[groups[i][2]] = block_hidden
            exceptions.update(block_exceptions)
            audits[i] = audit
        changed = set()
        for a, b in links:
            for row, partner in ((a, b), (b, a)):
                if hidden[row] and not hidden[partner]:
                    hidden[partner] = True
                    reden[partner] = f"gekoppeld aan {results.at[row, 'indicator']}"
                    if block_of_row[partner] >= 0:
                        changed.add(int(block_of_row[partner]))
        dirty = sorted(changed)
        if not dirty:
            break

    status = np.where(primary != "", "primair", np.where(hidden, "secundair", ""))
    model = ~units.isin(ADDITIVE_UNITS).to_numpy()
    status = np.where(status != "", status, np.where(model, "ok", "afgerond"))
    reden = np.where(status == "primair", primary, np.where((status == "secundair") & (reden == ""), "secundair", reden))
    table = publish(results, units, hidden, rules)
    table["status"] = status
    table["reden"] = reden
    audit = AuditResult()
    for i in sorted(audits):
        audit.extend(audits[i])
    return Protected(table, audit, exceptions)
