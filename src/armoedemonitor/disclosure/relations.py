"""The linear relations between cells that someone outside could use to recompute a
suppressed cell: the attacker's knowledge, shared by secondary suppression and the audit.

A *block* is one (indicator, year): all its regions and breakdowns. Within a block every
additive row has one or two *quantities* (a share: numerator and denominator; a count:
value), numbered ``row * len(quantities) + q``. Relations, for each quantity:

- region sets and 'totaal': the sum of the member gemeenten;
- a gemeente: at least the sum of its wijken (districts may be unknown);
- a wijk: at least the sum of its buurten (buurt BUggggwwbb lies in wijk WKggggww);
- a breakdown: its categories sum to the breakdown's '' row for the same region, or to
  the row without breakdown when there is none;
- a share: numerator <= denominator.

Region sets, 'totaal' and breakdowns are equalities, wijken and buurten inequalities.
When the true values break an equality (rows missing, so the sum is smaller) it becomes
an inequality, and when they contradict a relation (the sum is larger, for example
overlapping categories) it is dropped: an attacker cannot use what is false. These
exceptions are recorded in the release, so ``check`` rebuilds the same relations from
the published table alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from armoedemonitor.disclosure.rules import COUNT_UNIT, SHARE_UNIT

STANDARD_LEVELS = ("totaal", "gemeente", "wijk", "buurt")
# Deeper levels are cheaper to suppress when n ties (see secondary.cost).
LEVEL_DEPTH = {"buurt": 0, "wijk": 1, "gemeente": 2, "totaal": 4}  # sets: 3


def quantities_for(unit: str) -> tuple[str, ...]:
    if unit == SHARE_UNIT:
        return ("numerator", "denominator")
    if unit == COUNT_UNIT:
        return ("value",)
    return ()


@dataclass(frozen=True)
class Relation:
    """sum(coefs * x[variables]) == 0 (kind '=') or <= 0 (kind '<=')."""

    variables: np.ndarray
    coefs: np.ndarray
    kind: str
    label: str


@dataclass
class Block:
    indicator: str
    year: int
    rows: np.ndarray            # positions in the full results table
    quantities: tuple[str, ...]
    values: np.ndarray          # true values, shape (len(rows), len(quantities))
    relations: list[Relation]
    exceptions: dict[str, str] | None = None
    # Rows x quantities: counts the attacker knows from a linked indicator (linked.py),
    # also where this row is hidden.
    revealed: np.ndarray | None = None

    def row_of(self, variable: int) -> int:
        return variable // len(self.quantities)

    @cached_property
    def matrix(self) -> csr_matrix:
        """The relations as rows of one sparse matrix over the block's quantities (built
        once: the finder and the audit select from it for every pattern they try)."""
        return relation_matrix(self.relations, self.values.size)

    @cached_property
    def equal(self) -> np.ndarray:
        return np.array([relation.kind == "=" for relation in self.relations], dtype=bool)


def relation_matrix(relations: list[Relation], size: int) -> csr_matrix:
    lengths = [len(relation.variables) for relation in relations]
    if not relations:
        return csr_matrix((0, size))
    return csr_matrix((np.concatenate([r.coefs for r in relations]).astype(float),
                       (np.repeat(np.arange(len(relations)), lengths),
                        np.concatenate([r.variables for r in relations]))),
                      shape=(len(relations), size))


def parent_region(level: str, code: str) -> tuple[str, str] | None:
    """The region a gemeente/wijk/buurt lies in, by its CBS code."""
    if level == "gemeente":
        return ("totaal", "totaal")
    if level == "wijk":
        return ("gemeente", "GM" + code[2:6])
    if level == "buurt":
        return ("wijk", "WK" + code[2:8])
    return None


STRUCTURAL_KIND = {"gebied": "<=", "regioset": "=", "uitsplitsing": "=", "totaal": "="}


def build_block(
    indicator: str,
    year: int,
    table: pd.DataFrame,
    unit: str,
    region_sets: dict[str, tuple[str, ...]],
    exceptions: dict[str, str] | None = None,
) -> Block:
    """Collect a block's quantities and relations; ``table`` holds that block's rows.

    With true values in ``table`` the exceptions are found (and returned in
    ``block.exceptions``); with published values pass the recorded ``exceptions``.
    """
    find_exceptions = exceptions is None
    exceptions = {} if exceptions is None else exceptions
    quantities = quantities_for(unit)
    nq = len(quantities)
    values = table[list(quantities)].to_numpy(dtype="float64")
    keys = list(
        zip(table["region_level"], table["region_code"], table["breakdown"], table["category"], strict=False)
    )
    position = {key: i for i, key in enumerate(keys)}

    groups: dict[tuple, list[int]] = defaultdict(list)  # (parent key, label) -> child rows
    for i, (level, code, breakdown, category) in enumerate(keys):
        parent = parent_region(level, code)
        if parent is not None:
            kind = "totaal" if level == "gemeente" else "gebied"
            groups[(parent + (breakdown, category), kind)].append(i)
        if breakdown:
            total = (level, code, breakdown, "")
            if category and total not in position:
                total = (level, code, "", "")
            if category:
                groups[(total, "uitsplitsing")].append(i)
    for set_name, members in region_sets.items():
        for level, code, breakdown, category in list(position):
            if level == set_name and code == set_name:
                children = [
                    position[("gemeente", member, breakdown, category)]
                    for member in members
                    if ("gemeente", member, breakdown, category) in position
                ]
                groups[((level, code, breakdown, category), "regioset")] = children

    relations: list[Relation] = []
    for (parent_key, label), children in groups.items():
        parent = position.get(parent_key)
        if parent is None or not children:
            continue
        for q in range(nq):
            name = "|".join((indicator, str(year), quantities[q], label) + parent_key)
            kind = STRUCTURAL_KIND[label]
            if find_exceptions:
                child_values = values[children, q]
                total = values[parent, q]
                if np.isnan(total) or np.isnan(child_values).any():
                    exceptions[name] = "vervallen"
                else:
                    difference = child_values.sum() - total
                    if difference > 1e-6 * max(1.0, abs(total)):
                        exceptions[name] = "vervallen"
                    elif kind == "=" and difference < -1e-6 * max(1.0, abs(total)):
                        exceptions[name] = "<="
            kind = exceptions.get(name, kind)
            if kind == "vervallen":
                continue
            variables = np.array([c * nq + q for c in children] + [parent * nq + q])
            coefs = np.r_[np.ones(len(children)), -1.0]
            relations.append(Relation(variables, coefs, kind, name))
    if unit == SHARE_UNIT:
        for i in range(len(keys)):
            relations.append(
                Relation(np.array([i * nq, i * nq + 1]), np.array([1.0, -1.0]), "<=", "teller<=noemer")
            )
    block = Block(indicator, year, table.index.to_numpy(), quantities, values, relations)
    block.exceptions = {k: v for k, v in exceptions.items() if k.startswith(f"{indicator}|{year}|")}
    return block
