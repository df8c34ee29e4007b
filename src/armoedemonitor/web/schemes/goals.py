"""A goal-tree indicator that takes its value from a scheme's reach."""

from __future__ import annotations

from .reach import latest_reach


def linked_reach(link) -> float | None:
    """The latest reach in the linked area, as a percentage when the indicator is one
    (the programme shows percentages, releases hold fractions); None without a reach."""
    reach = latest_reach(link.scheme, link.gebied)
    if reach is None or reach.value is None:
        return None
    return reach.value * (100 if link.definition.soort == "percentage" else 1)
