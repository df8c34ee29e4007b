"""Household wealth with a heavy tail: a lognormal body, a Pareto top, some net debts.

Wealth follows the main breadwinner's lifelong draws (level u, a personal draw, the
kind of fortune), so it is persistent over the years and correlated with income.
"""

from __future__ import annotations

import numpy as np


def household_wealth(rng, sc: dict, u, draw, kind, breadwinner_age, in_wsnp) -> np.ndarray:
    """Net wealth in EUR of 2020 per household (arrays are per household)."""
    p = sc["wealth"]
    years = np.minimum(breadwinner_age, 65) - 60
    body = p["median"] * np.exp(p["u_effect"] * u + p["sd"] * draw + p["age_effect"] * years)
    # the same person keeps the same fortune: the Pareto quantile comes from the draw too
    uniform = np.clip(0.5 * (1 + np.tanh(draw)), 1e-6, 1 - 1e-6)
    fortune = p["pareto_min"] * (1 - uniform) ** (-1 / p["pareto_alpha"])
    debts = -p["negative_median"] * np.exp(0.8 * draw)
    wealth = np.where(kind == 1, body + fortune, np.where(kind == 2, debts, body))
    return np.where(in_wsnp, -np.abs(debts), wealth)
