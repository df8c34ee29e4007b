"""Secondary suppression: hide enough extra cells that no primary cell can be recomputed.

In the spirit of Statistics Norway's GaussSuppression and tau-ARGUS's hypercube method,
but simpler, in two steps per block (one indicator and year):

1. *Singletons and thin margins.* A relation (a total and its parts) with exactly one
   hidden cell gives that cell away by subtraction, so one more cell of that relation
   is hidden. Likewise when a primary cell's hidden partners in a relation add up to
   less than ``protection_width``: the relation would pin it down too closely. Repeated
   until no relation has either.
2. *Audit feedback.* The audit (:mod:`audit`, an independent linear-programming check)
   then looks for feasible points that show each primary cell's range is wide enough.
   For every primary cell not yet shown safe, one more cell is hidden in a relation it
   takes part in; then step 1 and the audit run again, until every cell is shown safe.

Cost rule (which cell to add): a cell of at least ``protection_width`` persons first
(hiding it widens the range enough), among those the smallest n, then the deepest
region level (buurt before wijk before gemeente before region set before totaal), then
table order. Small n first keeps the loss of information small; deep levels first
keeps the totals that most readers look for.

Suppression is per row: a hidden share hides its numerator, denominator and value
together, so numerator and denominator relations see the same pattern.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable

import numpy as np

from armoedemonitor.disclosure.audit import AuditResult
from armoedemonitor.disclosure.relations import LEVEL_DEPTH, Block

SET_DEPTH = 3


def cost_keys(n: np.ndarray, levels: np.ndarray, protection_width: int) -> np.ndarray:
    """Rank of each row under the cost rule (lower is hidden first)."""
    depth = np.array([LEVEL_DEPTH.get(level, SET_DEPTH) for level in levels])
    order = np.lexsort((np.arange(len(n)), depth, n, n < protection_width))
    rank = np.empty(len(n), dtype=np.int64)
    rank[order] = np.arange(len(n))
    return rank


def suppress_block(
    block: Block,
    hidden: np.ndarray,
    primary: np.ndarray,
    rank: np.ndarray,
    protection_width: float,
    audit: Callable[[np.ndarray, np.ndarray | None], AuditResult],
    max_rounds: int = 200,
) -> np.ndarray:
    """Rows to hide in this block, starting from ``hidden`` (primary and forced rows).

    ``audit(hidden, rows)`` returns the audit of the block with that pattern, for the
    primary cells at block positions ``rows`` (None: all); the result is the pattern
    after the last round (the caller's own audit decides whether it passes). Each round
    re-audits only the cells that failed the round before: hiding more never narrows a
    range, so the others stay proven.
    """
    hidden = hidden.copy()
    nq = len(block.quantities)
    relation_rows = [np.unique(relation.variables // nq) for relation in block.relations]
    relations_of_row: dict[int, list[int]] = defaultdict(list)
    for index, rows in enumerate(relation_rows):
        for row in rows:
            relations_of_row[int(row)].append(index)

    def cheapest(rows: np.ndarray) -> int | None:
        candidates = rows[~hidden[rows]]
        return int(candidates[np.argmin(rank[candidates])]) if len(candidates) else None

    values = np.nan_to_num(block.values.reshape(-1))

    def exposed(index: int) -> bool:
        """One hidden cell, or a primary cell whose hidden partners sum below the width."""
        rows = relation_rows[index]
        if len(rows) < 2:
            return False
        hidden_count = hidden[rows].sum()
        if hidden_count == 1:
            return True
        if hidden_count == 0 or not primary[rows].any():
            return False
        variables = block.relations[index].variables
        cover = values[variables] * hidden[variables // nq]
        own = cover[primary[variables // nq]]
        return bool(len(own)) and cover.sum() - own.max() < protection_width

    def hide_singletons(queue: deque[int]) -> None:
        while queue:
            index = queue.popleft()
            if not exposed(index):
                continue
            rows = relation_rows[index]
            pick = cheapest(rows)
            if pick is not None:
                hidden[pick] = True
                queue.extend(relations_of_row[pick])
                queue.append(index)

    hide_singletons(deque(range(len(relation_rows))))
    position = {int(row): local for local, row in enumerate(block.rows)}
    pending = None
    for _ in range(max_rounds):
        failures = audit(hidden, pending).failures
        if not failures:
            break
        pending = np.array(sorted({position[failure.row] for failure in failures}))
        added = []
        for failure in failures:
            local = position[failure.row]
            around = [relation_rows[index] for index in relations_of_row[local]]
            pick = cheapest(np.unique(np.concatenate(around))) if around else None
            if pick is not None and not hidden[pick]:
                hidden[pick] = True
                added.append(pick)
        if not added:
            break
        hide_singletons(deque(index for row in added for index in relations_of_row[row]))
    return hidden
