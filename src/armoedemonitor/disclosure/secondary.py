"""Secondary suppression: hide enough extra cells that no primary cell can be recomputed.

In the spirit of tau-ARGUS's Modular (HiTaS) method and Statistics Norway's
GaussSuppression, per block (one indicator and year), in three steps:

1. *Singletons and thin margins.* An equality (a total and its parts) with exactly one
   hidden cell gives that cell away by subtraction, so one more cell of that relation is
   hidden. Likewise when a primary cell's hidden partners in a relation, plus what the
   relation leaves open (a gemeente minus its wijken: people in no known wijk), add up to
   less than ``protection_width``. Repeated until no relation has either.
2. *Binding relations.* The audit (:mod:`audit`, an independent linear-programming
   check) names the primary cells not yet shown safe: first from feasible points it
   shares between cells, then, for those, from their own programmes, so no cell is
   hidden for a failure that is not real (at 1,1 M persons nine in ten of the first
   kind were not). For each, the finder solves the
   attacker's smallest and largest value itself, on a neighbourhood of the cell, and
   reads which relations hold that bound (their dual values are not zero): one more cell
   of such a relation is hidden, the cheapest. So a gemeente pinned down by the total
   gets a sibling gemeente, not one of its own wijken; then step 1 and the audit run
   again. A cell next to one just hidden waits for the next audit, so one round does
   not hide a partner for every failing cell at once.
3. *Never give up.* When no relation offers a cell any more, the caller hides more
   (see ``control.below``; at the very end the block whole): a release is never refused.

Cells marked frozen are never added: the caller protects the upper table first and then
the wijken and buurten under it (``control``).

Cost rule (which cell to add): the deepest region level first (buurt, wijk, gemeente,
region set, totaal), so a higher-level cell goes only when no cell at the same or a
deeper level is left in the relation; within a level a category before its breakdown
total (the headline figure), then cells of at least ``protection_width`` persons (hiding
one widens the range enough), then the smallest n, then table order.

Suppression is per row: a hidden share hides its numerator, denominator and value
together, so numerator and denominator relations see the same pattern.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable

import highspy
import numpy as np
from scipy.sparse import csr_matrix

from armoedemonitor.disclosure.audit import AuditResult, quiet_highs, targets_for
from armoedemonitor.disclosure.relations import LEVEL_DEPTH, Block

SET_DEPTH = 3
# How far around a failing cell the finder looks for the relations that pin it down.
NEIGHBOURHOOD_HOPS = 3
NEIGHBOURHOOD_SIZE = 400


def cost_keys(n: np.ndarray, levels: np.ndarray, categories: np.ndarray,
              protection_width: int) -> np.ndarray:
    """Rank of each row under the cost rule (lower is hidden first)."""
    depth = np.array([LEVEL_DEPTH.get(level, SET_DEPTH) for level in levels])
    is_total = np.asarray(categories) == ""
    order = np.lexsort((np.arange(len(n)), n, n < protection_width, is_total, depth))
    rank = np.empty(len(n), dtype=np.int64)
    rank[order] = np.arange(len(n))
    return rank


class _Attacker:
    """The exact attacker's programme for one pattern: hidden quantities are unknown and
    not negative, published ones known exactly; used to find the binding relations.

    Only a neighbourhood of each target is solved (``NEIGHBOURHOOD_HOPS`` relations
    out, at most ``NEIGHBOURHOOD_SIZE`` unknowns), the unknowns outside it held at their
    true values. The relations found steer which cell to hide next, nothing more (the
    audit decides what is safe), and on a block with thousands of hidden cells the whole
    connected programme took a tenth of a second per target.
    """

    def __init__(self, block: Block, hidden: np.ndarray):
        nq = len(block.quantities)
        flat = np.nan_to_num(block.values.reshape(-1))
        unknown = np.repeat(hidden, nq)
        if block.revealed is not None:
            unknown &= ~block.revealed.reshape(-1)
        touched = abs(block.matrix) @ unknown.astype(float) > 0
        self.relations = np.flatnonzero(touched)
        self.variables = np.flatnonzero(unknown)
        index = np.full(flat.size, -1)
        index[self.variables] = np.arange(len(self.variables))
        rows = block.matrix[self.relations]
        self.matrix = rows[:, self.variables].tocsr()
        self.matrix.sort_indices()
        self.by_variable = self.matrix.tocsc()
        self.rhs = -(rows @ np.where(unknown, 0.0, flat))
        self.equal = block.equal[self.relations]
        self.index = index
        self.truth = flat[self.variables]
        self.cap = 2 * float(flat.max(initial=0.0)) + 10 * len(flat) + 10
        self.finder = _Finder()

    def neighbourhood(self, start: int) -> tuple[np.ndarray, np.ndarray]:
        """Unknowns (attacker indices) within a few relations of ``start``, and the
        relations that involve them."""
        members = np.array([start])
        constraints = np.array([], dtype=int)
        for _ in range(NEIGHBOURHOOD_HOPS):
            constraints = np.unique(_entries(self.by_variable, members))
            wider = np.unique(_entries(self.matrix, constraints))
            if len(wider) > NEIGHBOURHOOD_SIZE or len(wider) == len(members):
                break
            members = wider
        return members, np.unique(_entries(self.by_variable, members))

    def binding(self, coefs: dict[int, float]) -> set[int]:
        """Relations (block indices) that hold the smallest or largest value of a target."""
        unknown = {variable: coef for variable, coef in coefs.items() if self.index[variable] >= 0}
        if not unknown:  # known from a linked indicator: nothing holds it
            return set()
        members, constraints = self.neighbourhood(int(self.index[next(iter(unknown))]))
        if not len(constraints):
            return set()
        local = np.full(len(self.variables), -1)
        local[members] = np.arange(len(members))
        equal = self.equal[constraints]
        rows = constraints[np.r_[np.flatnonzero(~equal), np.flatnonzero(equal)]]  # as linprog orders them
        # The neighbourhood's programme straight from the CSR arrays (scipy's fancy
        # indexing cost more than the solves): unknowns outside it are held at their
        # true values, so their terms move to the right-hand side.
        starts, ends = self.matrix.indptr[rows], self.matrix.indptr[rows + 1]
        entry = _spans(starts, ends)
        row = np.repeat(np.arange(len(rows)), ends - starts)
        unknowns, value = self.matrix.indices[entry], self.matrix.data[entry]
        column = local[unknowns]
        outside = column < 0
        rhs = self.rhs[rows] - np.bincount(row[outside], weights=value[outside] * self.truth[unknowns[outside]],
                                           minlength=len(rows))
        inside = np.lexsort((row[~outside], column[~outside]))
        by_column = (np.bincount(column[~outside], minlength=len(members)),
                     row[~outside][inside], value[~outside][inside])
        objective = np.zeros(len(members))
        for variable, coef in unknown.items():
            if local[self.index[variable]] >= 0:
                objective[local[self.index[variable]]] = coef
        holding = self.finder.holding_rows(by_column, rhs, self.equal[rows], objective, self.cap)
        return {int(self.relations[c]) for c in rows[holding]}


class _Finder:
    """Smallest and largest values of a target on a neighbourhood, in one HiGHS object
    (a new one per programme was a quarter of the finder's time)."""

    def __init__(self):
        self.highs = quiet_highs(presolve=True, dual_simplex=True)

    def holding_rows(self, by_column: tuple[np.ndarray, np.ndarray, np.ndarray], rhs: np.ndarray,
                     equal: np.ndarray, objective: np.ndarray, cap: float) -> np.ndarray:
        """Rows with a non-zero dual value at the smallest or at the largest value of
        ``objective`` subject to A x == rhs (``equal``) or <= rhs, 0 <= x <= cap;
        ``by_column``: A's entries per column (counts, rows, values).

        HiGHS called directly: through scipy's ``linprog`` nine tenths of the time went
        into checking and converting its input (thousands of small programmes per
        release). Each programme is solved from scratch with dual simplex after
        presolve, as ``linprog`` does.
        """
        counts, row_index, values = by_column
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(counts), len(rhs)
        lp.col_lower_, lp.col_upper_ = np.zeros(len(counts)), np.full(len(counts), cap)
        lp.row_lower_ = np.where(equal, rhs, -highspy.kHighsInf)
        lp.row_upper_ = rhs.astype(float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.r_[0, np.cumsum(counts)]
        lp.a_matrix_.index_, lp.a_matrix_.value_ = row_index, values
        holding = np.zeros(len(rhs), dtype=bool)
        for sign in (1.0, -1.0):
            lp.col_cost_ = sign * objective
            self.highs.passModel(lp)
            self.highs.run()
            if self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                holding |= np.abs(np.array(self.highs.getSolution().row_dual)) > 1e-9
        return holding


def _spans(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The positions starts[0]..ends[0]-1, starts[1]..ends[1]-1, ... in one array."""
    lengths = ends - starts
    shift = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return shift + np.arange(int(lengths.sum()))


def _entries(matrix, selected: np.ndarray) -> np.ndarray:
    """The indices stored in the ``selected`` rows of a CSR (columns of a CSC) matrix:
    what slicing them out would hold, without building the slice."""
    return matrix.indices[_spans(matrix.indptr[selected], matrix.indptr[selected + 1])]


def suppress_block(
    block: Block,
    hidden: np.ndarray,
    primary: np.ndarray,
    reasons: list[str],
    rank: np.ndarray,
    protection_width: float,
    audit: Callable[[np.ndarray, np.ndarray | None], AuditResult],
    max_rounds: int = 200,
    frozen: np.ndarray | None = None,
    targets: np.ndarray | None = None,
) -> tuple[np.ndarray, bool]:
    """Rows to hide in this block, starting from ``hidden`` (primary and forced rows).

    ``audit(hidden, rows)`` returns the audit of the block with that pattern, for the
    primary cells at block positions ``rows`` (None: all). Returns the pattern and
    whether the last audit passed; the caller hides the whole block when it did not.
    Each round re-audits only the cells that failed the round before: hiding more never
    narrows a range, so the others stay proven. Rows marked ``frozen`` are never added;
    ``targets`` (block positions) limits the first audit to those primary cells.
    """
    hidden = hidden.copy()
    nq = len(block.quantities)
    relation_rows = [np.unique(relation.variables // nq) for relation in block.relations]
    relations_of_row: dict[int, list[int]] = defaultdict(list)
    for index, rows in enumerate(relation_rows):
        for row in rows:
            relations_of_row[int(row)].append(index)

    eligible = np.ones(len(hidden), dtype=bool) if frozen is None else ~frozen

    def cheapest(rows: np.ndarray) -> int | None:
        candidates = rows[~hidden[rows] & eligible[rows]]
        return int(candidates[np.argmin(rank[candidates])]) if len(candidates) else None

    values = np.nan_to_num(block.values.reshape(-1))
    # What each relation leaves open (a parent minus its parts): 0 for an equality.
    slack = np.array([max(0.0, -float(np.dot(r.coefs, values[r.variables]))) if r.kind == "<=" else 0.0
                      for r in block.relations])

    def exposed(index: int) -> bool:
        """One hidden cell of an equality, or a primary cell with too little cover."""
        rows = relation_rows[index]
        if len(rows) < 2:
            return False
        hidden_count = hidden[rows].sum()
        if hidden_count == 0:
            return False
        relation = block.relations[index]
        if not primary[rows].any():
            return hidden_count == 1 and relation.kind == "="
        variables = relation.variables
        cover = values[variables] * hidden[variables // nq]
        own = cover[primary[variables // nq]]
        return bool(len(own)) and cover.sum() + slack[index] - own.max() < protection_width

    def hide_singletons(queue: deque[int]) -> None:
        while queue:
            index = queue.popleft()
            if not exposed(index):
                continue
            pick = cheapest(relation_rows[index])
            if pick is not None:
                hidden[pick] = True
                queue.extend(relations_of_row[pick])
                queue.append(index)

    incidence = csr_matrix(
        (np.ones(sum(len(rows) for rows in relation_rows)),
         (np.repeat(np.arange(len(relation_rows)), [len(rows) for rows in relation_rows]),
          np.concatenate(relation_rows) if relation_rows else np.array([], dtype=int))),
        shape=(len(relation_rows), len(hidden)))
    relations_by_row = incidence.tocsc()

    def reachable_cheapest(relations: set[int]) -> int | None:
        """The cheapest visible cell of these relations; when they have none, of the
        relations their cells take part in, and so on outwards (not through frozen cells:
        a wijk's failure is no reason to hide a cell in another gemeente)."""
        current = np.zeros(len(relation_rows), dtype=bool)
        current[list(relations)] = True
        while current.any() and (~hidden & eligible).any():
            rows = np.unique(incidence[np.flatnonzero(current)].indices)
            pick = cheapest(rows)
            if pick is not None:
                return pick
            wider = current.copy()  # outwards through cells that may be added only
            wider[relations_by_row[:, rows[eligible[rows]]].indices] = True
            if wider.sum() == current.sum():
                return None
            current = wider
        return None

    hide_singletons(deque(range(len(relation_rows))))
    position = {int(row): local for local, row in enumerate(block.rows)}
    pending = targets
    for _ in range(max_rounds):
        failures = audit(hidden, pending).failures
        if failures:  # not proven by shared points: the whole group's programmes decide
            pending = np.array(sorted({position[failure.row] for failure in failures}))
            failures = audit(hidden, pending, False).failures
        if not failures:
            return hidden, True
        pending = np.array(sorted({position[failure.row] for failure in failures}))
        attacker = _Attacker(block, hidden)
        added = []
        touched: set[int] = set()
        for local in pending:
            if touched.intersection(relations_of_row[local]):
                continue  # a cell next to it was just hidden: audit it again first
            binding: set[int] = set()
            for _name, coefs in targets_for(block.quantities, reasons[local]):
                binding |= attacker.binding({local * nq + offset: c for offset, c in coefs.items()})
            pick = reachable_cheapest(binding or set(relations_of_row[local]))
            if pick is not None and not hidden[pick]:
                hidden[pick] = True
                added.append(pick)
                touched.update(relations_of_row[pick])
        if not added:
            return hidden, False
        hide_singletons(deque(index for row in added for index in relations_of_row[row]))
    return hidden, not audit(hidden, pending).failures
