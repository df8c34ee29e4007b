"""Disclosure control of a results table: primary and secondary suppression, linked
quantities, rounding and the audit, in that order. ``protect`` is what a release runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import pandas as pd

from armoedemonitor.disclosure import linked
from armoedemonitor.disclosure.audit import AuditResult, audit_block
from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.ranges import DEEP_LEVELS, range_ladder
from armoedemonitor.disclosure.relations import Block, build_block, parent_region, quantities_for
from armoedemonitor.disclosure.rounding import round_count, round_share
from armoedemonitor.disclosure.rules import ADDITIVE_UNITS, COUNT_UNIT, SHARE_UNIT, Rules
from armoedemonitor.disclosure.secondary import cost_keys, suppress_block
from armoedemonitor.results_table import NAMES, RANGE_COLUMNS, RANGE_STATUS

MAX_LINK_PASSES = 20
PARALLEL_FROM_ROWS = 20_000


@dataclass
class Protected:
    table: pd.DataFrame      # results columns as published, plus ranges, status and reden
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


def block_arrays(block: Block, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """A block's counts, (for shares) published share values and published ranges."""
    counts = table.loc[block.rows, list(block.quantities)].to_numpy(dtype="float64")
    shares = ranges = None
    if block.quantities == quantities_for(SHARE_UNIT):
        shares = table.loc[block.rows, "value"].to_numpy(dtype="float64")
        if RANGE_COLUMNS[0] in table:
            ranges = table.loc[block.rows, list(RANGE_COLUMNS)].to_numpy(dtype="float64")
    return counts, shares, ranges


class ExactAudit:
    """A block's exact audit (the release's: true values known), with the less precise
    figures (ranges) its pattern would publish, remembering each range it proves wide enough.

    ``offered`` holds, narrowest first, the ranges (rows x 2, NaN where none) a row may
    publish when it is hidden (see :mod:`ranges`); every row starts at the narrowest.
    Every audit includes the ranges of the rows it hides, so ranges are proven along with
    the pattern instead of in a second audit afterwards (that audit was a third of a
    release at real size). A proof made under one pattern stays valid under another as
    long as every row says at most what it said then (``_vagueness``): hiding more only
    adds unknowns, a row hidden only now was published exactly then, and a wider range
    contains the narrower one.

    A failure that only a range causes (the cell passes without ranges) moves the ranges
    near it to the next wider one, and after the widest withdraws them, for good:
    secondary suppression sees only the real failures, so it hides what it would hide
    without ranges.
    """

    def __init__(self, block: Block, counts: np.ndarray, reasons: list[str], rules: tuple[int, int, float],
                 offered: Sequence[np.ndarray] = ()):
        self.block, self.counts, self.reasons, self.rules = block, counts, reasons, rules
        size = len(block.rows)
        self.offered = list(offered)
        self.step = np.zeros(size, dtype=np.int8)  # each row's range in ``offered``; past the end: none
        self.patterns: list[np.ndarray] = []  # the vagueness of each proof's pattern
        self.proofs: dict[tuple[int, str], tuple[int, float, float]] = {}  # -> (pattern, lower, upper)
        self.spent = AuditResult()  # the programmes of every audit so far (for the report)
        self.position = {int(row): local for local, row in enumerate(block.rows)}  # table row -> block row

    def ranges(self, hidden: np.ndarray) -> np.ndarray:
        """Rows x 2: the ranges published under this pattern (NaN elsewhere)."""
        out = np.full((len(hidden), 2), np.nan)
        for step, offered in enumerate(self.offered):
            at = hidden & (self.step == step)
            out[at] = offered[at]
        return out

    def ranged(self, hidden: np.ndarray) -> np.ndarray:
        """Rows whose range is published under this pattern."""
        return ~np.isnan(self.ranges(hidden)[:, 0])

    def __call__(self, hidden: np.ndarray, only_rows: np.ndarray | None = None,
                 points_only: bool = True, with_ranges: bool = True) -> AuditResult:
        """The audit of this pattern with its ranges (unless not ``with_ranges``); its
        failures are real ones (the cell fails without ranges too), except with
        ``points_only``, whose failures are only not yet proven."""
        none = np.full((len(hidden), 2), np.nan)
        if not with_ranges:
            return self._audit(hidden, none, only_rows, points_only)
        result = self._audit(hidden, self.ranges(hidden), only_rows, points_only)
        real: set[tuple[int, str]] = set()  # failing without ranges too: not solved again
        while not points_only and not result.ok and self.ranged(hidden).any():
            # A failure no range binds is real as it is; the others are solved without ranges.
            unsure = [f for f in result.failures
                      if (f.row, f.quantity) not in real and (f.row, f.quantity) in result.range_bound]
            if not unsure:
                break
            failing = np.array(sorted({self.position[f.row] for f in unsure}))
            plain = self._audit(hidden, none, failing, False)
            real |= {(f.row, f.quantity) for f in plain.failures}
            caused = [f for f in unsure if (f.row, f.quantity) not in real]
            if not caused:
                break
            self._widen_near({self.position[f.row] for f in caused})
            result = self._audit(hidden, self.ranges(hidden), only_rows, False)
        return result

    def _widen_near(self, failing: set[int]) -> None:
        """Widen the ranges in a relation with a failing cell (the widest: withdraw them);
        when none is, all."""
        nq = len(self.block.quantities)
        near = {int(row) for relation in self.block.relations
                for row in np.unique(relation.variables // nq)
                if failing & set((relation.variables // nq).tolist())}
        offered = self.ranged(np.ones(len(self.step), dtype=bool))
        near_offered = [row for row in near if offered[row]]
        self.step[near_offered if near_offered else offered] += 1

    def _vagueness(self, hidden: np.ndarray, ranges: np.ndarray) -> np.ndarray:
        """Per row how little it says: 0 published, then its range (narrowest first),
        then hidden without a range."""
        vague = np.where(hidden, len(self.offered) + 1, 0).astype(np.int8)
        for step, offered in enumerate(self.offered):
            vague[hidden & (ranges[:, 0] == offered[:, 0]) & (ranges[:, 1] == offered[:, 1])] = step + 1
        return vague

    def _audit(self, hidden: np.ndarray, ranges: np.ndarray, only_rows: np.ndarray | None,
               points_only: bool) -> AuditResult:
        base, decimals, width = self.rules
        vague = self._vagueness(hidden, ranges)
        usable = [(vague >= then).all() for then in self.patterns]
        proven = {key: (lower, upper) for key, (k, lower, upper) in self.proofs.items() if usable[k]}
        result = audit_block(self.block, hidden, self.counts, None, self.reasons, base, decimals, width,
                             exact=True, points_only=points_only, only_rows=only_rows,
                             ranges=ranges if (~np.isnan(ranges[:, 0])).any() else None, proven=proven)
        self.spent.linear_programmes += result.linear_programmes
        self.spent.seconds += result.seconds
        new = [f for f in result.findings if f.ok and (f.row, f.quantity) not in proven]
        if new:
            self.patterns.append(vague)
            for finding in new:
                self.proofs[(finding.row, finding.quantity)] = (len(self.patterns) - 1, finding.lower, finding.upper)
        return result

    def remember(self, pattern: np.ndarray, ranges: np.ndarray,
                 proofs: dict[tuple[int, str], tuple[float, float]]) -> None:
        """Ranges proven wide enough under ``pattern`` (publishing ``ranges``) in an
        earlier pass. Between passes only fewer linked counts become known, so those
        ranges are still reachable."""
        self.patterns.append(self._vagueness(pattern, ranges))
        for key, (lower, upper) in proofs.items():
            self.proofs[key] = (len(self.patterns) - 1, lower, upper)


def _protect_block(task: tuple) -> tuple[np.ndarray, np.ndarray, dict[str, str], AuditResult]:
    """One (indicator, year) table: relations, secondary suppression, ranges, final audit.

    Runs in a worker process; everything it needs travels in ``task`` (plain data), so
    tables are handled independently and the outcome does not depend on the order.
    Returns the hidden rows, the published ranges (rows x 2), the relation exceptions
    and the audit. A block that secondary suppression cannot settle is hidden whole;
    only counts known from a linked indicator can make even that fail, and ``protect``
    then starts the block again with fewer of them known.
    """
    (indicator, year, rows, unit, region_sets, hidden, is_primary, linked_rows, revealed, rank, reasons,
     whole_proofs, rules) = task
    base, decimals, width, range_widths = rules

    def auditor(block: Block, reasons: list[str], offered: Sequence[np.ndarray] = ()) -> ExactAudit:
        counts = rows.loc[block.rows, list(block.quantities)].to_numpy(dtype="float64")
        return ExactAudit(block, counts, reasons, (base, decimals, width), offered)

    block = build_block(indicator, year, rows, unit, region_sets, None)
    block.revealed = revealed
    levels = rows["region_level"].to_numpy()
    deep = np.isin(levels, DEEP_LEVELS)
    offered: list[np.ndarray] = []
    if unit == SHARE_UNIT:
        # A range for each share that ends up hidden only to protect another cell; not
        # for linked cells: the audit sees one indicator at a time, and a range on a
        # count shared with another indicator would say something there.
        offered = range_ladder(rows["value"].to_numpy(dtype="float64"), ~is_primary & ~linked_rows & ~deep,
                               range_widths)
    run = auditor(block, reasons, offered)
    if whole_proofs:
        run.remember(np.ones(len(hidden), dtype=bool), *whole_proofs)
    if revealed is not None:
        unsafe = _unsafe_whole(run, len(hidden))
        if unsafe is not None:  # the outcome secondary suppression would reach, without it
            unsafe.linear_programmes, unsafe.seconds = run.spent.linear_programmes, run.spent.seconds
            return np.ones(len(hidden), dtype=bool), np.full((len(hidden), 2), np.nan), block.exceptions or {}, unsafe
    if deep.all():
        hidden, settled = suppress_block(block, hidden, is_primary, reasons, rank, width, run)
        audit = run(hidden, points_only=False) if settled else None
    else:
        upper = block
        if deep.any():
            upper = build_block(indicator, year, rows[~deep], unit, region_sets, None)
            upper.revealed = None if revealed is None else revealed[~deep]
        upper_reasons = [reason for reason, is_deep in zip(reasons, deep, strict=True) if not is_deep]
        found = None
        for upper_hidden in upper_patterns(upper, hidden[~deep], is_primary[~deep], upper_reasons,
                                           rank[~deep], width, auditor(upper, upper_reasons),
                                           rows["region_code"].to_numpy()[~deep]):
            pattern, audit = (below(block, hidden, upper_hidden, deep, is_primary, reasons, rank, width,
                                    run, rows) if deep.any() else (upper_hidden, run(upper_hidden, None, False)))
            if found is None or (~pattern).sum() > (~found[0]).sum():
                found = (pattern, audit)
            if not deep.any() or not pattern[deep].all():
                break  # the wijken and buurten kept some figures: good enough
        hidden, audit = found if found is not None else (hidden, None)
    if audit is None or not audit.ok:
        hidden = np.ones(len(hidden), dtype=bool)
        audit = run(hidden, points_only=False)
    # Most of the final audit was proven along the way: report what the table cost in all.
    audit.linear_programmes, audit.seconds = run.spent.linear_programmes, run.spent.seconds
    return hidden, run.ranges(hidden), block.exceptions or {}, audit


def _unsafe_whole(run: ExactAudit, size: int) -> AuditResult | None:
    """The audit of the block hidden whole when even that fails (a count it protects is
    published under a linked indicator), else None. Hiding more never narrows a range,
    so then no pattern can pass either: at real size half of a year's first pass went
    into secondary suppression of blocks that ended hidden whole and failing. Without
    ranges: only real failures count, and every share of a block hidden whole would
    publish one."""
    whole = np.ones(size, dtype=bool)
    audit = run(whole, with_ranges=False)  # shared points first; what they prove is remembered
    if not audit.ok:
        audit = run(whole, points_only=False, with_ranges=False)
    return None if audit.ok else audit


def upper_patterns(block: Block, hidden: np.ndarray, is_primary: np.ndarray, reasons: list[str],
                   rank: np.ndarray, width: float, run: Callable, codes: np.ndarray) -> Iterator[np.ndarray]:
    """Settled patterns of the upper table, the preferred first. Gemeenten before the
    total and the region sets: first a pattern that adds a total or region-set cell only
    beside a primary cell of the same area (its other categories), then, when that does
    not settle or leaves no wijk or buurt figure (see ``below``), the plain cost rule."""
    summary = ~np.char.startswith(codes.astype(str), "GM")
    own = summary & np.isin(codes, codes[summary & is_primary])
    if (summary & ~own).any():
        pattern, settled = suppress_block(block, hidden, is_primary, reasons, rank, width, run,
                                          frozen=summary & ~own)
        if settled:
            yield pattern
    pattern, settled = suppress_block(block, hidden, is_primary, reasons, rank, width, run)
    if settled:
        yield pattern


def below(block: Block, hidden: np.ndarray, upper_hidden: np.ndarray, deep: np.ndarray,
          is_primary: np.ndarray, reasons: list[str], rank: np.ndarray, width: float,
          run: Callable, rows: pd.DataFrame) -> tuple[np.ndarray, AuditResult]:
    """The wijken and buurten under an upper pattern that is already settled, as in
    tau-ARGUS Modular: a total, region set or gemeente is never given up to protect a
    wijk or buurt.

    The upper table (totaal, region sets, gemeenten) was protected on its own. Below a
    hidden gemeente cell its wijk and buurt cells (same breakdown and category) are
    hidden too, so they cannot pin it down; then only wijk and buurt cells may be added.
    Where that cannot protect a cell, every wijk and buurt of its gemeente is hidden, and
    at worst all of them: wijken and buurten that are all unknown pin nothing down that
    the upper table did not. Returns the pattern and its full audit.
    """
    codes = rows["region_code"].to_numpy().astype(str)
    gemeente_of = np.array(["GM" + code[2:6] if is_deep else code for code, is_deep in zip(codes, deep, strict=True)])
    cell = gemeente_of + "|" + (rows["breakdown"] + "|" + rows["category"]).to_numpy().astype(str)
    start = hidden.copy()
    start[~deep] = upper_hidden
    is_gemeente = rows["region_level"].to_numpy() == "gemeente"
    start |= deep & np.isin(cell, cell[is_gemeente & start])
    pattern, _ = suppress_block(block, start, is_primary, reasons, rank, width, run, frozen=~deep)
    position = {int(row): local for local, row in enumerate(block.rows)}
    while True:
        audit = run(pattern, None, False)
        if audit.ok:
            return pattern, audit
        failing = np.array([position[failure.row] for failure in audit.failures])
        wider = pattern | (deep & np.isin(gemeente_of, gemeente_of[failing[deep[failing]]]))
        if (~deep[failing]).any() or (wider == pattern).all():
            wider = start | deep
        if (wider == pattern).all():
            return pattern, audit
        pattern = wider


def _audit_block_task(task: tuple) -> AuditResult:
    """The audit of one table from its (published or true) rows, in a worker process."""
    indicator, year, rows, unit, region_sets, exceptions, hidden, revealed, given, reasons, rules, exact = task
    base, decimals, width = rules
    block = build_block(indicator, year, rows, unit, region_sets, exceptions)
    counts, shares, ranges = block_arrays(block, rows)
    if revealed is not None:
        block.revealed = revealed
        counts = np.where(revealed, given, counts)
    return audit_block(block, hidden, counts, shares, reasons, base, decimals, width, exact=exact,
                       ranges=ranges)


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
    groups = table.loc[additive, ["indicator", "year"]].groupby(["indicator", "year"], sort=True).indices
    positions = np.flatnonzero(additive)
    return [(indicator, int(year), positions[rows], units.iloc[positions[rows[0]]])
            for (indicator, year), rows in groups.items()]


def group_frames(table: pd.DataFrame, groups: list[tuple[str, int, np.ndarray, str]]) -> list[pd.DataFrame]:
    """Each group's rows of ``table`` as a frame of its own (index: positions in ``table``).

    One take of the whole table in group order, then slices: taking each group's rows
    apart cost 11 s at real size (the string columns are Arrow arrays)."""
    if not groups:
        return []
    sizes = [len(rows) for _, _, rows, _ in groups]
    ordered = table.iloc[np.concatenate([rows for _, _, rows, _ in groups])]
    ends = np.cumsum(sizes)
    return [ordered.iloc[end - size:end] for size, end in zip(sizes, ends, strict=True)]


def exceptions_by_table(exceptions: dict[str, str]) -> dict[tuple[str, str], dict[str, str]]:
    """The relation exceptions per (indicator, year as text): their keys start with both
    (``relations.build_block``). Sorted out once: per table it took 14 s at real size."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for key, value in exceptions.items():
        parts = key.split("|", 2)
        if len(parts) == 3:
            found.setdefault((parts[0], parts[1]), {})[key] = value
    return found


def audit_tables(
    table: pd.DataFrame, units: pd.Series, region_sets: dict[str, tuple[str, ...]],
    exceptions: dict[str, str], hidden: np.ndarray, primary: pd.Series, rules, exact: bool,
    workers: int | None = None, on_done: Callable[[int], None] | None = None,
) -> AuditResult:
    """The audit of every additive table, spread over worker processes; ``table`` holds
    true values when ``exact``, else the published ones (with their ranges).
    ``on_done(total)`` is called after each table (for a progress bar)."""
    table = table.reset_index(drop=True)
    units = units.reset_index(drop=True)
    workers = default_workers(len(table)) if workers is None else workers
    reasons = primary.reset_index(drop=True)
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    passes = (reasons == "").to_numpy() if exact else ~hidden
    revealed, given = linked.revealed(table[["numerator", "denominator"]].to_numpy(dtype="float64"),
                                      linked.partners(table), passes)
    tasks = []
    groups = table_groups(table, units)
    own = exceptions_by_table(exceptions)
    for (indicator, year, rows, unit), frame in zip(groups, group_frames(table, groups), strict=True):
        share = unit == SHARE_UNIT and revealed[rows].any()
        tasks.append((indicator, year, frame, unit, region_sets, own.get((indicator, str(year)), {}), hidden[rows],
                      revealed[rows] if share else None, given[rows] if share else None,
                      reasons.iloc[rows].tolist(), scalars, exact))
    result = AuditResult()
    done = None if on_done is None else lambda _: on_done(len(tasks))
    for part in run_tasks(_audit_block_task, tasks, workers, done):
        result.extend(part)
    return result


def near_rows(results: pd.DataFrame, rows: set[int], tables: np.ndarray) -> set[int]:
    """``rows`` and the rows of ``tables`` (row positions: the tables of ``rows``) in a
    relation with one of them: the same region (its breakdowns), and the same breakdown
    and category in the region above, below or beside it."""
    table = results.iloc[tables]
    place, places = pd.MultiIndex.from_arrays([table["region_level"], table["region_code"]]).factorize()
    codes = [code for _, code in places]
    parents = [found[1] if (found := parent_region(level, code)) else "" for level, code in places]
    ids = {code: i for i, code in enumerate(dict.fromkeys(codes + parents))}  # codes and parents alike
    code = np.array([ids[c] for c in codes], dtype=np.int64)[place]
    parent = np.array([ids[c] for c in parents], dtype=np.int64)[place]
    size = len(ids)
    key, table_key = (table.groupby(columns, sort=False, dropna=False).ngroup().to_numpy() * size
                      for columns in (["indicator", "year", "breakdown", "category"], ["indicator", "year"]))
    own = pd.Index(tables).get_indexer(sorted(rows))
    same_region = table_key[own] + code[own]
    around = np.concatenate([key[own] + code[own], key[own] + parent[own]])  # the relations' regions
    near = (np.isin(table_key + code, same_region) | np.isin(key + parent, around) | np.isin(key + code, around))
    return set(tables[near].tolist())


def protect(
    results: pd.DataFrame, units: pd.Series, rules: Rules, region_sets: dict[str, tuple[str, ...]],
    on_block: Callable[[str, int], None] | None = None, workers: int | None = None,
) -> Protected:
    """Apply every rule to ``results`` (``units``: the eenheid of each row's indicator).

    ``on_block(label, total)`` is called after each table's secondary suppression (for
    a progress bar; ``total`` grows when a later pass protects tables again). Tables are
    independent and go to ``workers`` processes (default: see ``default_workers``); linked
    quantities are settled between rounds.
    """
    results = results.reset_index(drop=True)
    units = units.reset_index(drop=True)
    workers = default_workers(len(results)) if workers is None else workers
    codes = primary_reasons(results, units, rules)
    primary = codes.map({code: public_reasons(code) for code in codes.unique()})  # few distinct codes
    hidden = (primary != "").to_numpy().copy()
    reden = np.where(hidden, "primair", "").astype(object)
    is_primary = hidden.copy()

    groups = table_groups(results, units)
    frames = group_frames(results, groups)
    rank = cost_keys(results["n"].to_numpy(dtype="float64"), results["region_level"].to_numpy(),
                     results["category"].to_numpy(), rules.protection_width)
    block_of_row = np.full(len(results), -1)
    for i, (_, _, rows, _) in enumerate(groups):
        block_of_row[rows] = i
    links = linked.partners(results)
    partial = [link for link in links if not linked.whole(link[2])]
    # Each linked pair both ways round, as (row, partner) arrays: the loops below ran over
    # a million links per pass at real size. A row is in at most one whole link.
    giving_row, giving_partner = np.array([pair for a, b, _ in partial for pair in ((a, b), (b, a))],
                                          dtype=np.int64).reshape(-1, 2).T
    one_row, one_partner = np.array([pair for a, b, shared in links if linked.whole(shared)
                                     for pair in ((a, b), (b, a))], dtype=np.int64).reshape(-1, 2).T
    # A range on a hidden share bounds its numerator: not where a numerator is shared
    # (the partner's block would not know it); a shared denominator is known anyway.
    no_range = np.zeros(len(results), dtype=bool)
    for a, b, shared in links:
        if shared != (("denominator", "denominator"),):
            no_range[[a, b]] = True
    true_counts = results[["numerator", "denominator"]].to_numpy(dtype="float64")
    passes = (primary == "").to_numpy().copy()
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width, rules.range_widths)
    reasons = primary.tolist()
    ranges = np.full((len(results), 2), np.nan)
    exceptions: dict[str, str] = {}
    audits: dict[int, AuditResult] = {}
    whole_proofs: dict[int, tuple] = {}  # per block hidden whole: its published ranges, the ranges proven

    dirty = list(range(len(groups)))
    tries = np.zeros(len(groups), dtype=int)  # per block: how often it failed hidden whole
    planned = 0  # tables to protect so far, a later pass's included (for the progress bar)
    for _ in range(MAX_LINK_PASSES):
        planned += len(dirty)
        revealed, _ = linked.revealed(true_counts, partial, passes)
        tasks = []
        for i in dirty:
            indicator, year, rows, unit = groups[i]
            tasks.append((indicator, year, frames[i], unit, region_sets, hidden[rows], is_primary[rows],
                          ((reden[rows] != "") & ~is_primary[rows]) | no_range[rows],  # no range here
                          revealed[rows] if unit == SHARE_UNIT and revealed[rows].any() else None,
                          rank[rows], [reasons[row] for row in rows], whole_proofs.get(i), scalars))

        def done(k: int, dirty=dirty, planned=planned) -> None:
            if on_block:
                indicator, year = groups[dirty[k]][:2]
                on_block(f"{indicator} {year}", planned)

        for i, (block_hidden, block_ranges, block_exceptions, audit) in zip(
                dirty, run_tasks(_protect_block, tasks, workers, done), strict=True):
            hidden[groups[i][2]] = block_hidden
            ranges[groups[i][2]] = block_ranges
            exceptions.update(block_exceptions)
            audits[i] = audit
            if block_hidden.all():  # a block hidden whole is audited whole again if it fails
                whole_proofs[i] = (block_ranges,
                                   {(f.row, f.quantity): (f.lower, f.upper) for f in audit.findings if f.ok})
        # A block not safe even hidden whole with the shared counts known starts again from
        # its primary and linked cells: first with only the counts its partners really
        # publish; when that is still too much, the partners of the cells that failed are
        # hidden too, or when those have none, of the cells in a relation with them, and
        # only when those have none either (or the block fails a third time), every
        # partner of the block (at real size a few buurten hid a whole indicator, totaal
        # included, that way).
        changed = set()
        failures = {i: audits[i].failures for i in dirty}
        failed = {i for i in dirty if failures[i]}
        failing = {failure.row for i in failed for failure in failures[i]}
        for i in failed:
            hidden[groups[i][2]] = reden[groups[i][2]] != ""
            tries[i] += 1
        gives = (np.isin(block_of_row[giving_row], list(failed)) & revealed[giving_row].any(axis=1)
                 & passes[giving_partner])
        giving = list(zip(giving_row[gives].tolist(), giving_partner[gives].tolist(), strict=True))
        published_only = {int(block_of_row[row]) for row, partner in giving if hidden[partner]}
        near = near_rows(results, failing, np.flatnonzero(np.isin(block_of_row, list(failed)))) if failed else set()
        with_failing = {int(block_of_row[row]) for row, _ in giving if row in failing}
        with_near = {int(block_of_row[row]) for row, _ in giving if row in near}
        for row, partner in giving:
            block = int(block_of_row[row])
            # Wider each time the block fails again, so the passes end.
            scope = (failing if block in with_failing and tries[block] == 1
                     else near if block in with_near and tries[block] <= 2 else None)
            if hidden[partner] or (block not in published_only and (scope is None or row in scope)):
                passes[partner] = False
                changed.add(block)
                if not hidden[partner]:
                    hidden[partner] = True
                    reden[partner] = f"gekoppeld aan {results.at[row, 'indicator']}"
                    changed.add(int(block_of_row[partner]))
        # A row published twice is hidden together.
        spread = hidden[one_row] & ~hidden[one_partner]
        for row, partner in zip(one_row[spread].tolist(), one_partner[spread].tolist(), strict=True):
            hidden[partner] = True
            reden[partner] = f"gekoppeld aan {results.at[row, 'indicator']}"
            changed.add(int(block_of_row[partner]))
        dirty = sorted(changed)
        if not dirty:
            break

    status = np.where(primary != "", "primair", np.where(hidden, "secundair", ""))
    model = ~units.isin(ADDITIVE_UNITS).to_numpy()
    status = np.where(status != "", status, np.where(model, "ok", "afgerond"))
    reden = np.where(
        status == "primair", primary, np.where((status == "secundair") & (reden == ""), "secundair", reden)
    )
    with_range = (status == "secundair") & ~np.isnan(ranges[:, 0])
    status = np.where(with_range, RANGE_STATUS, status)
    table = publish(results, units, hidden, rules)
    table[RANGE_COLUMNS[0]] = np.where(with_range, ranges[:, 0], np.nan)
    table[RANGE_COLUMNS[1]] = np.where(with_range, ranges[:, 1], np.nan)
    table["status"] = status
    table["reden"] = reden
    audit = AuditResult()
    for i in sorted(audits):
        audit.extend(audits[i])
    return Protected(table, audit, exceptions)
