"""Rounding of published figures: counts to a multiple of the base, shares to decimals."""

from __future__ import annotations

import numpy as np
import pandas as pd


def round_count(values: pd.Series | np.ndarray, base: int) -> pd.Series | np.ndarray:
    """Nearest multiple of ``base``, halves rounded up (so 2.5 -> 5 with base 5).

    Half-up rather than half-even keeps the rule one sentence long for output checkers;
    unknown (NaN) stays unknown.
    """
    return np.floor(values / base + 0.5) * base


def round_share(values: pd.Series | np.ndarray, decimals: int) -> pd.Series | np.ndarray:
    return np.round(values, decimals)
