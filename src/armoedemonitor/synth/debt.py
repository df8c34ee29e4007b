"""Debt restructuring (WSNP): entered after low income, it lasts about three years.

Each year a fixed share of adults enters; the risk is higher for adults whose
household had low income last year and for those without work. During WSNP income is
capped at the amount left free by the court (see income.py); the law bars a new
WSNP for ten years after one ends.
"""

from __future__ import annotations

import numpy as np

from armoedemonitor.synth.state import State


def enter_wsnp(state: State, rng, year: int, sc: dict, employed: np.ndarray) -> None:
    p = sc["wsnp"]
    a = year - state.birth_year.astype(np.int64)
    never_or_long_ago = (state.wsnp_until == 0) | (state.wsnp_until < year - p["reentry_after"])
    eligible = state.present & (a >= p["min_age"]) & (a <= p["max_age"]) & never_or_long_ago
    eligible &= state.student_until < year
    weight = np.where(state.low_income, p["low_income_weight"], 1.0)
    weight = weight * np.where(employed, p["employed_weight"], p["not_employed_weight"])
    weight = np.where(eligible, weight, 0.0)
    total = weight.sum()
    if total == 0:
        return
    adults = int((state.present & (a >= 18)).sum())
    probability = np.minimum(1.0, p["entry_rate"] * adults * weight / total)
    entering = rng.random(state.n) < probability
    state.wsnp_until[entering] = year + p["duration"] - 1
