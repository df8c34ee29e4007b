"""Less precise figures: a range where a share itself must stay hidden.

A share hidden only to protect another cell (secondary) passed every rule on its own.
Readers of a gemeente (or a region set, or the total) then get a range such as
"10 tot 15 %" instead of an empty cell: the share's value rounded down and up to a
multiple of ``range_width`` percentage points (rules file). A range still says something
about the hidden numerator and denominator (low <= numerator / denominator <= high), so
it is one more relation in the same audit, from the first audit of the pattern search on
(``control.ExactAudit``). A range that lets a primary cell be recomputed too closely is
widened to ``wide_range_width`` points (10 tot 20 %), which contains it, and withdrawn
only when that is not safe either (the cell stays empty).
"""

from __future__ import annotations

import numpy as np

# Levels whose hidden shares readers look up: wijken and buurten stay empty.
DEEP_LEVELS = ("wijk", "buurt")


def range_ladder(values: np.ndarray, candidate: np.ndarray, widths: tuple[int, ...]) -> list[np.ndarray]:
    """The ranges of each width (narrowest first) that a hidden candidate may publish."""
    return [ranges_for(values, candidate, width) for width in widths]


def ranges_for(values: np.ndarray, candidate: np.ndarray, width_points: int) -> np.ndarray:
    """Rows x 2: the range [low, high] of each candidate's share, NaN for the others.

    A share exactly on a boundary (0.10 with width 5) gets the range above it
    (10 tot 15 %), so every share lies in exactly one range.
    """
    step = width_points / 100
    out = np.full((len(values), 2), np.nan)
    use = candidate & np.isfinite(values) & (width_points > 0)
    low = np.floor(np.round(values[use] / step, 9)) * step
    low = np.minimum(low, max(0.0, 1.0 - step))
    out[use, 0] = np.round(low, 6)
    out[use, 1] = np.round(np.minimum(low + step, 1.0), 6)
    return out
