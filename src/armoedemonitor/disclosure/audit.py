"""The audit: can anyone recompute a suppressed count from what is published?

Independent of how the suppression pattern was chosen, the audit looks at a block the
way an attacker would: every published count is known up to rounding (the true value
lies within half the rounding base of the published one), every published share is
known up to its last decimal, suppressed counts are unknown but not negative, and the
relations of :mod:`relations` hold. For each protected quantity of a primarily
suppressed cell it solves two linear programmes (HiGHS through scipy): the smallest and
the largest value the quantity can take. The protection requirement: that range must
be at least ``protection_width`` wide (default 10, the threshold itself), so the
published figures never pin a small group down to fewer possibilities than the
threshold allows.

Protected quantities, by published primary reason:
- ``klein``: the count behind the cell (a share's denominator, a count's value);
- ``aandeel``: the numerator and the denominator minus the numerator;
- ``model``: none (model-like values do not add up, so they cannot be recomputed).
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.sparse import coo_matrix, csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

from armoedemonitor.disclosure.relations import Block

MAX_JOINT_ROUNDS = 60
FEW_TARGETS = 6
# Groups are independent, so small ones share one programme (up to this many variables):
# its optimum is each group's optimum, and one solve serves a target of every group.
# At real size ten thousand small programmes per block cost more in HiGHS's fixed work
# per solve than in solving.
BATCH_VARIABLES = 2000
# The cap on every variable (so that every programme has a solution). It must not come
# from the figures: the release's audit knows the true counts, the recheck only the
# published ones, and a cap from either can cut off true values the other allows (a
# hidden total far above every published count made the recheck infeasible; a lower cap
# narrowed its ranges, so check refused what the release had passed). Far above any
# count of persons or households: the Netherlands has 17.9 million inhabitants (CBS
# StatLine 37296ned, 1 January 2024).
COUNT_CEILING = 1e8
# The weight of the other narrow targets next to a target's own maximum (any small weight
# did: 1e-5 to 0.3 proved as many).
TIE_BREAK = 1e-3
# A range this much short of the requirement still meets it (LP points carry float noise).
WIDTH_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Finding:
    indicator: str
    year: int
    row: int            # position in the full table
    quantity: str       # 'teller', 'noemer', 'rest' or 'waarde'
    lower: float
    upper: float        # inf when unbounded
    required: float

    @property
    def width(self) -> float:
        return self.upper - self.lower

    @property
    def ok(self) -> bool:
        return self.width >= self.required - WIDTH_TOLERANCE


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    # (table row, quantity) of failures whose smallest or largest value a published range
    # bounds (a range row has a dual value there); any other failure fails without ranges too
    range_bound: set[tuple[int, str]] = field(default_factory=set)
    linear_programmes: int = 0
    blocks: int = 0
    seconds: float = 0.0

    @property
    def failures(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.ok]

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)

    def extend(self, other: AuditResult) -> None:
        self.findings.extend(other.findings)
        self.range_bound |= other.range_bound
        self.linear_programmes += other.linear_programmes
        self.blocks += other.blocks
        self.seconds += other.seconds

    def totals(self) -> AuditTotals:
        """The figures a report gives, in one pass over the findings (a release at real
        size has millions: each property above is a pass of its own)."""
        count = len(self.findings)
        widths = np.fromiter((f.upper - f.lower for f in self.findings), "float64", count)
        required = np.fromiter((f.required for f in self.findings), "float64", count)
        return AuditTotals(count, int(np.count_nonzero(~(widths >= required - WIDTH_TOLERANCE))),
                           float(widths.min()) if count else None,
                           self.linear_programmes, self.blocks, self.seconds)


@dataclass(frozen=True)
class AuditTotals:
    """A whole audit in figures, for the reports (OUTPUT_CHECK.md, datapackage.json)."""

    quantities: int          # protected quantities audited
    failures: int            # of which too narrow
    smallest: float | None   # the narrowest range (None: nothing to protect)
    linear_programmes: int
    blocks: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.failures == 0


def targets_for(quantities: tuple[str, ...], public_reason: str) -> list[tuple[str, dict[int, float]]]:
    """Protected linear combinations of a row's quantities (offsets within the row)."""
    if quantities == ("value",):
        return [("waarde", {0: 1.0})] if {"klein", "aandeel"} & set(public_reason.split(",")) else []
    found = []
    reasons = set(public_reason.split(","))
    if "klein" in reasons:
        found.append(("noemer", {1: 1.0}))
    if "aandeel" in reasons:
        found += [("teller", {0: 1.0}), ("rest", {1: 1.0, 0: -1.0})]
    return found


def audit_block(
    block: Block,
    hidden: np.ndarray,
    known: np.ndarray,
    share_values: np.ndarray | None,
    primary: list[str],
    rounding_base: int,
    share_decimals: int,
    required: float,
    exact: bool = False,
    points_only: bool = False,
    only_rows: np.ndarray | None = None,
    ranges: np.ndarray | None = None,
    proven: dict[tuple[int, str], tuple[float, float]] | None = None,
) -> AuditResult:
    """Intervals of every protected quantity in one block.

    ``hidden`` marks the block's suppressed rows, ``known`` holds the other rows' counts
    (NaN where unknown), ``share_values`` the published shares, ``primary`` the published
    primary reason per row ('' for none).

    With ``exact`` the attacker knows every published count exactly (``known`` then holds
    the true values): a stronger attacker than rounding allows, so passing is a proof;
    this is the audit a release must pass. Without it, ``known`` holds the published
    (rounded) counts, each known only within half the rounding base and each share within
    its last decimal: the re-check ``armoedemonitor check`` runs from the release alone.
    Only relations that involve a suppressed count are used, and each connected group of
    them is solved on its own, which keeps the programmes small (small groups share one
    programme, whose optimum is each group's own: see ``BATCH_VARIABLES``). With ``points_only`` a
    target whose range the shared feasible points do not already prove wide enough is
    reported as failing without its own programmes (secondary suppression uses this: it
    only needs to know which cells are not yet proven safe). ``only_rows`` (block
    positions) limits the audit to those rows' targets: hiding more cells only turns
    published values into unknowns, so a range never shrinks and a cell once proven
    safe stays safe; secondary suppression re-audits only the cells not yet proven.
    ``ranges`` (rows x 2, NaN where none) holds the published ranges of hidden shares
    (the less precise figure of :mod:`ranges`): low <= numerator / denominator <= high.
    Counts in ``block.revealed`` are known although their row is hidden (published under
    a linked indicator); ``known`` must hold them. ``proven`` maps (table row, quantity)
    to a range shown wide enough under a pattern that this one only extends (so still
    reachable): reported as it is, without programmes. A failure whose own smallest or
    largest value a range relation binds (it has a non-zero dual value there) is listed in
    ``range_bound``; any other failure fails without the ranges too (its optima, with those
    duals zero, satisfy the optimality conditions of the programme without the ranges).
    """
    started = time.perf_counter()
    result = AuditResult(blocks=1)
    nq = len(block.quantities)
    wanted = None if only_rows is None else set(np.asarray(only_rows).tolist())
    targets = []
    for row, reason in enumerate(primary):
        if not (reason and hidden[row] and (wanted is None or row in wanted)):
            continue
        for name, coefs in targets_for(block.quantities, reason):
            earlier = (proven or {}).get((int(block.rows[row]), name))
            if earlier is None:
                targets.append((row, name, coefs))
            else:
                result.findings.append(Finding(block.indicator, block.year, int(block.rows[row]), name,
                                               *earlier, required))
    if not targets:
        result.seconds = time.perf_counter() - started
        return result
    flat = known.reshape(-1).astype("float64")
    count = flat.size
    is_variable, lower, upper, matrix, equal = attacker_knowledge(
        block, hidden, flat, share_values, rounding_base, share_decimals, exact, ranges)
    first_range = matrix.shape[0] - 2 * len(ranged_rows(ranges, hidden, nq))

    # Connected groups: variables linked through the relations they share.
    variables = np.flatnonzero(is_variable)
    index = np.full(count, -1)
    index[variables] = np.arange(len(variables))
    entries = matrix.tocoo()
    on_variable = is_variable[entries.col]
    entry_row, entry_variable = entries.row[on_variable], index[entries.col[on_variable]]
    entry_value = entries.data[on_variable]
    n_relations = matrix.shape[0]
    size = n_relations + len(variables)
    graph = coo_matrix((np.ones(len(entry_row)), (entry_row, entry_variable + n_relations)), shape=(size, size))
    _, label = connected_components(graph, directed=False)
    relation_label, variable_label = label[:n_relations], label[n_relations:]
    # Known terms of each relation move to its bounds: lower <= (variable terms) <= upper.
    given = ~on_variable
    rhs = -np.bincount(entries.row[given], weights=entries.data[given] * flat[entries.col[given]],
                       minlength=n_relations)
    row_lower = np.where(equal, rhs, -highspy.kHighsInf)
    relations_of, variables_of = _members(relation_label), _members(variable_label)
    local_of = np.empty(len(variables), dtype=np.int64)  # a variable's place in its group
    entries_of = _members(relation_label[entry_row])

    # A target's counts that are no variable (known from a linked indicator) only shift
    # its range: they go into a constant, the programmes see the rest.
    by_group: dict[int, list] = {}
    for row, name, coefs in targets:
        constant = sum(c * flat[row * nq + offset] for offset, c in coefs.items()
                       if not is_variable[row * nq + offset])
        free = {offset: c for offset, c in coefs.items() if is_variable[row * nq + offset]}
        if not free:  # known exactly
            result.findings.append(Finding(block.indicator, block.year, int(block.rows[row]), name,
                                           float(constant), float(constant), required))
            continue
        group = variable_label[index[row * nq + next(iter(free))]]
        by_group.setdefault(group, []).append((row, name, free, constant))
    cap = ceiling(flat)
    for batch in _batches({group: len(variables_of(group)) for group in by_group}):
        in_group = np.concatenate([variables_of(group) for group in batch])
        members = variables[in_group]
        local = {int(v): i for i, v in enumerate(members)}
        local_of[in_group] = np.arange(len(members))
        group_rows = np.concatenate([relations_of(group) for group in batch])
        row_at = {int(r): i for i, r in enumerate(group_rows)}
        mine = np.concatenate([entries_of(group) for group in batch])
        group_targets = [target for group in batch for target in by_group[group]]
        owner = np.repeat(np.arange(len(batch)), [len(by_group[group]) for group in batch])
        group_matrix = csr_matrix(
            (entry_value[mine], ([row_at[int(r)] for r in entry_row[mine]], local_of[entry_variable[mine]])),
            shape=(len(group_rows), len(members)))
        programme = _Programme(group_matrix, row_lower[group_rows], rhs[group_rows],
                               lower[members], upper[members])
        from_range = group_rows >= first_range
        group_of = np.asarray(batch)[owner]
        bound = np.zeros(len(group_targets), dtype=bool)  # a range binds at an own optimum

        def binds(chosen: np.ndarray, programme=programme, from_range=from_range, group_rows=group_rows,
                  group_of=group_of, bound=bound) -> None:
            """Mark the ``chosen`` targets (just optimised) whose group has a range relation
            with a dual value: without it their optimum could lie further out."""
            if len(chosen) and from_range.any():
                binding = from_range & (np.abs(programme.row_duals()) > 1e-9)
                bound[chosen[np.isin(group_of[chosen], relation_label[group_rows[binding]])]] = True
        objectives = [
            ([local[row * nq + offset] for offset in coefs], list(coefs.values()))
            for row, _, coefs, _ in group_targets
        ]
        names = np.array([name for _, name, _, _ in group_targets])
        # All targets as one sparse matrix: a point's target values are one product, a
        # joint objective one column sum (per-target Python loops dominated the profile).
        target_matrix = csr_matrix(
            (np.concatenate([k for _, k in objectives]),
             (np.repeat(np.arange(len(objectives)), [len(c) for c, _ in objectives]),
              np.concatenate([c for c, _ in objectives]))),
            shape=(len(objectives), len(members)),
        )

        terms = target_matrix.tocoo()

        def joint(selected: np.ndarray, terms=terms) -> np.ndarray:
            chosen = np.zeros(terms.shape[0], dtype=bool)
            chosen[selected] = True
            take = chosen[terms.row]
            return np.bincount(terms.col[take], weights=terms.data[take], minlength=terms.shape[1])

        def values_at(point: np.ndarray, target_matrix=target_matrix) -> np.ndarray:
            return target_matrix @ point

        # Programmes for many targets at once give feasible points that often already
        # show each target's range is wide enough (a range spanned by feasible points is
        # a lower bound on the true range); only the rest get their own programmes.
        # Targets are pushed per kind: a numerator and a 'rest' (denominator minus
        # numerator) pushed together would cancel out.
        low = np.full(len(objectives), np.inf)
        high = np.full(len(objectives), -np.inf)

        def see(point: np.ndarray, low=low, high=high, values_at=values_at) -> None:
            values = values_at(point)
            np.minimum(low, values, out=low)
            np.maximum(high, values, out=high)

        def push(objective: np.ndarray, sign: float, programme=programme, see=see) -> None:
            see(programme.point(objective, sign))
            result.linear_programmes += 1

        def narrowed(chosen: np.ndarray, low=low, high=high) -> np.ndarray:
            """The ``chosen`` targets still too narrow; one that reached the cap on every
            variable is bounded only by that cap, in truth unbounded."""
            high[chosen[high[chosen] >= cap * (1 - 1e-9)]] = np.inf
            return chosen[high[chosen] - low[chosen] < required]

        if exact:
            see(flat[members])
        for name in dict.fromkeys(names):
            objective = joint(np.flatnonzero(names == name))
            push(objective, 1.0)
            push(objective, -1.0)
        # Joint maxima of the still-narrow targets, as long as each round proves more of
        # them: one programme often settles hundreds of cells, where their own
        # programmes would cost one (or two) each.
        narrow = np.flatnonzero(high - low < required)
        for _ in range(MAX_JOINT_ROUNDS):
            if len(narrow) <= FEW_TARGETS and not points_only:
                break  # few left: their own programmes are as cheap
            for name in dict.fromkeys(names[narrow]):
                selected = narrow[(names[narrow] == name) & (high[narrow] - low[narrow] < required)]
                if not len(selected):
                    continue  # proven by the point of another kind
                objective = joint(selected)
                # Each target held to at most `required` above its lowest value: the
                # maximum then spreads over many targets instead of giving a whole total
                # to one, so one round proves many more. The last point seen meets these
                # caps (every value of a narrow target lies within them), so the
                # programme has a solution.
                point = programme.capped_point(objective, -1.0, target_matrix[selected],
                                               low[selected] + required)
                result.linear_programmes += 1
                if point is None:  # only through float noise: the plain maximum then
                    push(objective, -1.0)
                else:
                    see(point)
            still = np.flatnonzero(high - low < required)
            if not len(still) or len(still) == len(narrow):
                narrow = still
                break
            narrow = still
        if not points_only:
            # Each target its own programmes, one target of every group per solve: the
            # maximum first, as it is usually what widens a small cell's range. Its point
            # is seen by every target, so later ones are often proven already.
            queues = [deque(narrow[owner[narrow] == k]) for k in range(len(batch))]
            while queues:
                chosen = []
                for queue in queues:
                    while queue and high[queue[0]] - low[queue[0]] >= required:
                        queue.popleft()  # proven by the point of an earlier target
                    if queue:
                        chosen.append(queue.popleft())
                queues = [queue for queue in queues if queue]
                if not chosen:
                    break
                chosen = np.array(chosen)
                objective = joint(chosen)
                if not exact:
                    # Many points give the chosen targets their maximum; a small weight on
                    # the other narrow targets picks one where those are large too, which
                    # proves many of them along the way (the check of one year at real
                    # size: 1 335 of these programmes instead of 2 161). Not in the
                    # release's audit, which searches for failures: there most targets left
                    # here fail, and a failure needs its own maximum exactly (a third solve).
                    pending = narrow[(high[narrow] - low[narrow] < required) & ~np.isin(narrow, chosen)]
                    objective = objective + TIE_BREAK * joint(pending)
                push(objective, -1.0)
                still = narrowed(chosen)
                if len(still) and exact:
                    binds(still)  # at their maximum (only a target that can still fail matters)
                if len(still):
                    push(joint(still), 1.0)
                    still = narrowed(still)
                    binds(still)  # and at their minimum
                if len(still) and not exact:
                    push(joint(still), -1.0)  # their own maximum exactly, as a failure reports it
                    binds(narrowed(still))  # and at it
        for (row, name, _, constant), lo, hi, ranged in zip(group_targets, low, high, bound, strict=True):
            finding = Finding(block.indicator, block.year, int(block.rows[row]), name,
                              float(lo + constant), float(hi + constant), required)
            result.findings.append(finding)
            if ranged and not finding.ok:
                result.range_bound.add((finding.row, name))
    result.seconds = time.perf_counter() - started
    return result


def _batches(sizes: dict[int, int]) -> list[list[int]]:
    """Groups (by their number of variables) in batches of at most ``BATCH_VARIABLES``
    variables; a larger group is a batch of its own."""
    batches: list[list[int]] = []
    total = BATCH_VARIABLES
    for group, size in sizes.items():
        if total + size > BATCH_VARIABLES:
            batches.append([])
            total = 0
        batches[-1].append(group)
        total += size
    return batches


def attacker_knowledge(
    block: Block, hidden: np.ndarray, flat: np.ndarray, share_values: np.ndarray | None,
    rounding_base: int, share_decimals: int, exact: bool, ranges: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, csr_matrix, np.ndarray]:
    """What the attacker of :func:`audit_block` knows of a block's quantities (``flat``:
    the known counts, NaN where unknown): which are variables, their bounds (capped at
    ``COUNT_CEILING``) and the relations between them, as the rows of a sparse matrix A
    with A x == 0 where ``equal`` and A x <= 0 elsewhere; a quantity that is no variable
    is known exactly. The true values satisfy all of it (tests/disclosure/test_audit_bounds).
    """
    nq = len(block.quantities)
    count = flat.size
    unknown = np.repeat(hidden, nq) | np.isnan(flat)
    if block.revealed is not None:
        unknown &= ~block.revealed.reshape(-1)
    used = np.flatnonzero(abs(block.matrix) @ unknown.astype(float) > 0)
    parts, equal = [block.matrix[used]], [block.equal[used]]
    is_variable = unknown.copy()
    lower = np.zeros(count)
    upper = np.full(count, np.inf)
    if not exact:
        is_variable[parts[0].indices] = True
        half = rounding_base / 2
        published = is_variable & ~unknown
        lower[published] = np.maximum(flat[published] - half, 0.0)
        upper[published] = flat[published] + half
        if share_values is not None and nq == 2:
            # A published share v (to d decimals) says (v - h) den <= num <= (v + h) den.
            h = 0.5 * 10.0 ** (-share_decimals)
            rows = np.flatnonzero(~np.isnan(share_values) & ~hidden)
            rows = rows[is_variable[rows * nq] & is_variable[rows * nq + 1]]
            v = share_values[rows]
            parts.append(_pair_rows(rows, nq, count, v + h, v - h))
            equal.append(np.zeros(2 * len(rows), dtype=bool))
    rows = ranged_rows(ranges, hidden, nq)
    if ranges is not None and len(rows):  # last, as audit_block expects
        parts.append(_pair_rows(rows, nq, count, ranges[rows, 1], ranges[rows, 0]))
        equal.append(np.zeros(2 * len(rows), dtype=bool))
    upper = np.minimum(upper, ceiling(flat))
    return is_variable, lower, upper, vstack(parts, format="csr"), np.concatenate(equal)


def ranged_rows(ranges: np.ndarray | None, hidden: np.ndarray, nq: int) -> np.ndarray:
    """The block rows whose published range is part of the attacker's knowledge; each
    gives two relations, the last ones of :func:`attacker_knowledge`."""
    if ranges is None or nq != 2:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(~np.isnan(ranges[:, 0]) & hidden)


def _pair_rows(rows: np.ndarray, nq: int, count: int, high: np.ndarray, low: np.ndarray) -> csr_matrix:
    """low <= numerator / denominator <= high for each row, as two rows each:
    num - high den <= 0 and low den - num <= 0."""
    k = np.arange(len(rows))
    relation = np.concatenate([2 * k, 2 * k, 2 * k + 1, 2 * k + 1])
    column = np.concatenate([rows * nq, rows * nq + 1, rows * nq, rows * nq + 1])
    value = np.concatenate([np.ones(len(rows)), -high, -np.ones(len(rows)), low])
    return csr_matrix((value, (relation, column)), shape=(2 * len(rows), count))


def _members(labels: np.ndarray):
    """positions_of(label): the positions holding that label, ascending (one sort for all)."""
    order = np.argsort(labels, kind="stable")
    ordered = labels[order]

    def positions_of(label: int) -> np.ndarray:
        return order[np.searchsorted(ordered, label):np.searchsorted(ordered, label, side="right")]

    return positions_of


def ceiling(flat: np.ndarray) -> float:
    """The cap on every variable: ``COUNT_CEILING``, lifted only by known figures beyond
    any real count (made-up tests), so that the true values always lie below it."""
    return max(COUNT_CEILING, 2 * float(np.nanmax(flat, initial=0.0)))


_BANNER_SHOWN = False


SIMPLEX_DUAL, SIMPLEX_PRIMAL = 1, 4  # HiGHS option simplex_strategy


def quiet_highs(presolve: bool = False, dual_simplex: bool = False) -> highspy.Highs:
    """A silent HiGHS; the first one per process prints a banner to fd 1, kept off stdout.

    By default for re-solving one programme with many objectives: warm simplex starts
    from the last basis, which presolve would throw away; and primal simplex, because a
    new objective leaves that basis feasible, only no longer optimal (HiGHS's own choice,
    dual simplex, took seven times as long on the largest groups at real size).
    """
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        highs = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 1)
                highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _BANNER_SHOWN = True
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("simplex_strategy", SIMPLEX_DUAL if dual_simplex else SIMPLEX_PRIMAL)
    if not presolve:
        highs.setOptionValue("presolve", "off")
        highs.setOptionValue("solver", "simplex")
    return highs


class _Programme:
    """One group's linear programme in HiGHS, built once and re-solved per objective.

    Every variable is capped (``COUNT_CEILING``, above any true count): the feasible set
    only shrinks, so a range found here is never wider than the true one, and every
    programme has a solution.
    """

    def __init__(self, matrix: csr_matrix, row_lower: np.ndarray, row_upper: np.ndarray,
                 lower: np.ndarray, upper: np.ndarray):
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
        lp.col_cost_ = np.zeros(matrix.shape[1])
        lp.col_lower_, lp.col_upper_ = lower, upper
        lp.row_lower_, lp.row_upper_ = row_lower, row_upper
        columns = matrix.tocsc()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = columns.indptr
        lp.a_matrix_.index_ = columns.indices
        lp.a_matrix_.value_ = columns.data
        self.highs = quiet_highs()
        self.highs.passModel(lp)
        self.size = matrix.shape[1]
        self.costs = np.zeros(self.size)

    def _set_costs(self, costs: np.ndarray) -> None:
        """Only the costs that change are passed: an objective touches a few columns of
        a large group, and passing all its costs every solve took 3 % of a release."""
        changed = np.flatnonzero(costs != self.costs).astype(np.int32)
        self.highs.changeColsCost(len(changed), changed, costs[changed])
        self.costs = costs

    def _solve(self, objective: np.ndarray, sign: float) -> None:
        """Minimise sign * objective (HiGHS keeps its basis: re-solves are warm).

        Now and then a warm start ends without a verdict (status kUnknown: the
        never-refuses property test found tables, tests/disclosure/test_programme.py);
        the same programme from a fresh start is solved.
        """
        self._set_costs(sign * objective)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            self.highs.clearSolver()
            self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"audit: HiGHS status {status}; the figures contradict the relations")

    def point(self, objective: np.ndarray, sign: float) -> np.ndarray:
        self._solve(objective, sign)
        return np.array(self.highs.getSolution().col_value)

    def row_duals(self) -> np.ndarray:
        """Each relation's dual value at the last solution: zero where dropping the
        relation would leave that solution optimal."""
        return np.array(self.highs.getSolution().row_dual)

    def capped_point(self, objective: np.ndarray, sign: float, targets: csr_matrix,
                     caps: np.ndarray) -> np.ndarray | None:
        """A solution with each target (a row of ``targets``: a linear combination of the
        variables) held at most its cap (None when there is none).

        The caps are relations added for this solve only: they only shrink the feasible
        set, so the point is feasible for the real programme too. Relations, not bounds,
        so that a target of several counts (a 'rest') is capped as well: at real size the
        check of one year needs 3 368 programmes instead of 4 830 (when only single counts
        were capped, by their bounds) and a fifth less time.
        """
        rows = self.highs.getNumRow()
        targets = targets.tocsr()
        start = self.highs.getBasis()  # a basis of the programme without the caps
        self.highs.addRows(targets.shape[0], np.full(targets.shape[0], -highspy.kHighsInf), caps,
                           targets.nnz, targets.indptr[:-1].astype(np.int32),
                           targets.indices.astype(np.int32), targets.data)
        self._set_costs(sign * objective)
        self.highs.run()
        found = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        point = np.array(self.highs.getSolution().col_value) if found else None
        self.highs.deleteRows(targets.shape[0], np.arange(rows, rows + targets.shape[0], dtype=np.int32))
        if start.valid:
            # Deleting a cap that binds leaves HiGHS without a basis, and its next solve
            # would start from nothing (a tenth of the audit's time at real size): the
            # one from before the caps is valid again.
            self.highs.setBasis(start)
        return point
