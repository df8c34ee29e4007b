"""Linked quantities: the same count published under different indicators.

Secondary suppression works per indicator, but some counts appear in more than one
indicator (they share a denominator, or one's numerator is another's category). Each
link names which quantities are the same on both sides:

- *whole* links (every quantity of both rows: minors are the age group 0-17 of all
  persons) publish one row twice, so the two are hidden together: whenever one is
  hidden, its partner (same year and region) is hidden too, and the partner's block
  gets its own secondary suppression again;
- *partial* links (one shared count, such as a denominator) do not hide the partner.
  Instead each block's attacker knows the shared count whenever the partner could
  publish it (the partner passes its own primary rule; ``check``: the partner is
  published), so the block is protected with that count known. A block that cannot be
  protected so even hidden whole first stops counting the partners that are hidden
  anyway, and then hides published ones: those of the failing cells, else of the cells
  in a relation with them, else all (``protect``).

Each link: (indicator, breakdown, category) ~ (indicator, breakdown, category), where
``None`` for breakdown and category means "the same breakdown and category on both
sides", and the shared quantities as (left, right) pairs. What they share is in the
comment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

Side = tuple[str, str | None, str | None]
BOTH = (("numerator", "numerator"), ("denominator", "denominator"))
LINKS: list[tuple[Side, Side, tuple[tuple[str, str], ...]]] = [
    # the same denominator: persons (aged < 18) in in-scope households in t
    (("laag_inkomen_personen", None, None), ("langdurig_laag_inkomen_personen", None, None),
     (("denominator", "denominator"),)),
    (("laag_inkomen_minderjarigen", None, None), ("langdurig_laag_inkomen_minderjarigen", None, None),
     (("denominator", "denominator"),)),
    # minors are the age group 0-17 of all persons: numerator and denominator
    (("laag_inkomen_minderjarigen", "", ""), ("laag_inkomen_personen", "age_group", "0-17"), BOTH),
    (("langdurig_laag_inkomen_minderjarigen", "", ""), ("langdurig_laag_inkomen_personen", "age_group", "0-17"),
     BOTH),
    # eligible children with low income whose parents are poor: the same numerator
    (("generatiearmoede", None, None), ("kind_arm_als_ouders_arm", None, None), (("numerator", "numerator"),)),
    (("generatiearmoede", None, None), ("ouders_arm_als_kind_arm", None, None), (("numerator", "numerator"),)),
    # persons 18+ in WSNP: numerator of one, denominator of the others
    (("wsnp_volwassenen", None, None), ("wsnp_werkend", None, None), (("numerator", "denominator"),)),
    (("wsnp_volwassenen", None, None), ("wsnp_uitkering", None, None), (("numerator", "denominator"),)),
    (("wsnp_volwassenen", None, None), ("wsnp_laag_inkomen", None, None), (("numerator", "denominator"),)),
]
QUANTITY = {"numerator": 0, "denominator": 1}


def partners(results: pd.DataFrame) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """(row a, row b, shared quantities) of every linked pair of row positions."""
    key_columns = ["year", "region_level", "region_code", "breakdown", "category"]
    pairs: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    by_indicator = {name: group for name, group in results.groupby("indicator", sort=False)}
    for (left, left_bd, left_cat), (right, right_bd, right_cat), shared in LINKS:
        if left not in by_indicator or right not in by_indicator:
            continue
        a = by_indicator[left].reset_index(names="row_a")
        b = by_indicator[right].reset_index(names="row_b")
        if left_bd is not None:
            a = a[(a["breakdown"] == left_bd) & (a["category"] == left_cat)]
            b = b[(b["breakdown"] == right_bd) & (b["category"] == right_cat)]
            on = key_columns[:3]
        else:
            on = key_columns
        joined = a[on + ["row_a"]].merge(b[on + ["row_b"]], on=on)
        pairs += [(a_row, b_row, shared)
                  for a_row, b_row in zip(joined["row_a"].tolist(), joined["row_b"].tolist(), strict=True)]
    return pairs


def whole(shared: tuple[tuple[str, str], ...]) -> bool:
    """Whether a link shares every quantity (the two rows are one)."""
    return set(shared) == set(BOTH)


def revealed(values: np.ndarray, pairs: list, passes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row (numerator, denominator): which counts a partial link's partner gives away,
    and their values there. ``values``: rows x (numerator, denominator); ``passes``: the
    rows whose counts may be published (release: they pass their primary rule; check:
    they are published)."""
    known = np.zeros((len(values), 2), dtype=bool)
    given = np.full((len(values), 2), np.nan)
    for a, b, shared in pairs:
        if whole(shared):
            continue
        for qa, qb in shared:
            for row, partner, q, partner_q in ((a, b, qa, qb), (b, a, qb, qa)):
                if passes[partner]:
                    known[row, QUANTITY[q]] = True
                    given[row, QUANTITY[q]] = values[partner, QUANTITY[partner_q]]
    return known, given
