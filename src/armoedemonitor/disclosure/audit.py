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

import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from armoedemonitor.disclosure.relations import Block, Relation


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
        return self.width >= self.required - 1e-7


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    linear_programmes: int = 0
    blocks: int = 0
    seconds: float = 0.0

    @property
    def failures(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.ok]

    @property
    def ok(self) -> bool:
        return not self.failures

    def extend(self, other: AuditResult) -> None:
        self.findings.extend(other.findings)
        self.linear_programmes += other.linear_programmes
        self.blocks += other.blocks
        self.seconds += other.seconds


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
    published: np.ndarray,
    share_values: np.ndarray | None,
    primary: list[str],
    rounding_base: int,
    share_decimals: int,
    required: float,
) -> AuditResult:
    """Intervals of every protected quantity in one block.

    ``published`` has the block's published counts (NaN where suppressed or unknown),
    ``share_values`` the published shares (NaN where not published), ``primary`` the
    published primary reason per row ('' for none).
    """
    started = time.perf_counter()
    result = AuditResult(blocks=1)
    nq = len(block.quantities)
    rows_targets = [
        (row, name, coefs)
        for row, reason in enumerate(primary)
        if reason
        for name, coefs in targets_for(block.quantities, reason)
    ]
    if not rows_targets:
        result.seconds = time.perf_counter() - started
        return result
    flat = published.reshape(-1)
    count = flat.size
    half = rounding_base / 2
    known = ~np.isnan(flat)
    lower = np.where(known, np.maximum(flat - half, 0.0), 0.0)
    upper = np.where(known, flat + half, np.inf)
    bounds = np.column_stack([lower, upper])

    equal, unequal = [], []
    for relation in block.relations:
        (equal if relation.kind == "=" else unequal).append(relation)
    if share_values is not None and nq == 2:
        # A published share v (to d decimals) says (v - h) * den <= num <= (v + h) * den.
        h = 0.5 * 10.0 ** (-share_decimals)
        for row in np.flatnonzero(~np.isnan(share_values)):
            v = share_values[row]
            pair = np.array([row * nq, row * nq + 1])
            unequal.append(Relation(pair, np.array([1.0, -(v + h)]), "<=", "aandeel"))
            unequal.append(Relation(pair, np.array([-1.0, v - h]), "<=", "aandeel"))
    a_eq, a_ub = _matrix(equal, count), _matrix(unequal, count)
    b_eq = np.zeros(a_eq.shape[0]) if a_eq is not None else None
    b_ub = np.zeros(a_ub.shape[0]) if a_ub is not None else None

    for row, name, coefs in rows_targets:
        objective = np.zeros(count)
        for offset, coef in coefs.items():
            objective[row * nq + offset] = coef
        ends = []
        for sign in (1.0, -1.0):
            solution = linprog(
                sign * objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                bounds=bounds, method="highs",
            )
            result.linear_programmes += 1
            if solution.status == 3:
                ends.append(-sign * np.inf)
            elif solution.status == 0:
                ends.append(sign * solution.fun)
            else:
                raise RuntimeError(
                    f"audit {block.indicator} {block.year}: LP status {solution.status} "
                    f"({solution.message}); the published figures contradict the relations"
                )
        result.findings.append(
            Finding(block.indicator, block.year, int(block.rows[row]), name, ends[0], ends[1], required)
        )
    result.seconds = time.perf_counter() - started
    return result


def _matrix(relations: list, count: int) -> csr_matrix | None:
    if not relations:
        return None
    rows = np.concatenate([np.full(len(r.variables), i) for i, r in enumerate(relations)])
    cols = np.concatenate([r.variables for r in relations])
    data = np.concatenate([r.coefs for r in relations])
    return csr_matrix((data, (rows, cols)), shape=(len(relations), count))
