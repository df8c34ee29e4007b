"""Linked quantities: the same count published under different indicators.

Secondary suppression works per indicator, but some counts appear in more than one
indicator (they share a denominator, or one's numerator is another's category). A count
hidden in one must not be published in the other, so rows linked here are hidden
together: whenever one is hidden, its partner (same year and region) is hidden too, and
the partner's block gets its own secondary suppression again.

Each link: (indicator, breakdown, category) ~ (indicator, breakdown, category), where
``None`` for breakdown and category means "the same breakdown and category on both
sides". What they share is in the comment.
"""

from __future__ import annotations

import pandas as pd

LINKS: list[tuple[tuple[str, str | None, str | None], tuple[str, str | None, str | None]]] = [
    # the same denominator: persons (aged < 18) in in-scope households in t
    (("laag_inkomen_personen", None, None), ("langdurig_laag_inkomen_personen", None, None)),
    (("laag_inkomen_minderjarigen", None, None), ("langdurig_laag_inkomen_minderjarigen", None, None)),
    # minors are the age group 0-17 of all persons: numerator and denominator
    (("laag_inkomen_minderjarigen", "", ""), ("laag_inkomen_personen", "age_group", "0-17")),
    (("langdurig_laag_inkomen_minderjarigen", "", ""), ("langdurig_laag_inkomen_personen", "age_group", "0-17")),
    # eligible children with low income whose parents are poor: the same numerator
    (("generatiearmoede", None, None), ("kind_arm_als_ouders_arm", None, None)),
    (("generatiearmoede", None, None), ("ouders_arm_als_kind_arm", None, None)),
    # persons 18+ in WSNP: numerator of one, denominator of the others
    (("wsnp_volwassenen", None, None), ("wsnp_werkend", None, None)),
    (("wsnp_volwassenen", None, None), ("wsnp_uitkering", None, None)),
    (("wsnp_volwassenen", None, None), ("wsnp_laag_inkomen", None, None)),
]


def partners(results: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs of row positions that publish a linked quantity (both directions apply)."""
    key_columns = ["year", "region_level", "region_code", "breakdown", "category"]
    pairs: list[tuple[int, int]] = []
    by_indicator = {name: group for name, group in results.groupby("indicator", sort=False)}
    for (left, left_bd, left_cat), (right, right_bd, right_cat) in LINKS:
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
        pairs += list(zip(joined["row_a"].tolist(), joined["row_b"].tolist(), strict=False))
    return pairs
