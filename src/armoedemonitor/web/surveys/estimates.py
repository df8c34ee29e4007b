"""Weighted shares and means with a 95 % confidence interval.

Weights that differ between respondents make an estimate less precise than the same
number of equally weighted answers. We use Kish's effective sample size
n_eff = (sum w)^2 / sum w^2 (Kish 1965, Survey Sampling, section 11.7) in the usual
formulas: the Wilson score interval for a share (Wilson 1927, JASA 22, 209-212; it stays
inside 0-100 % and behaves at small n), and a t interval with n_eff - 1 degrees of
freedom for a mean. With equal weights both are the textbook intervals. This ignores
clustering and stratification, which a simple wave does not have.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import norm, t

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float
    n: int  # respondents behind the figure (unweighted)
    n_eff: float


def effective_n(weights: list[float]) -> float:
    total = sum(weights)
    return total * total / sum(w * w for w in weights)


def share(hits: list[bool], weights: list[float]) -> Estimate:
    """Weighted share of ``hits`` (0..1) with a Wilson interval on n_eff."""
    if not hits:
        raise ValueError("no answers")
    total = sum(weights)
    p = sum(w for hit, w in zip(hits, weights, strict=True) if hit) / total
    n_eff = effective_n(weights)
    z = float(norm.ppf(1 - (1 - CONFIDENCE) / 2))
    denominator = 1 + z * z / n_eff
    centre = (p + z * z / (2 * n_eff)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff))
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), len(hits), n_eff)


def mean(values: list[float], weights: list[float]) -> Estimate:
    """Weighted mean with a t interval: variance sum w (y - m)^2 / sum w, corrected by
    n_eff / (n_eff - 1), over n_eff."""
    if len(values) < 2:
        raise ValueError("a mean with an interval needs two answers")
    total = sum(weights)
    m = sum(v * w for v, w in zip(values, weights, strict=True)) / total
    n_eff = effective_n(weights)
    variance = sum(w * (v - m) ** 2 for v, w in zip(values, weights, strict=True)) / total
    standard_error = math.sqrt(variance * n_eff / (n_eff - 1) / n_eff)
    half = float(t.ppf(1 - (1 - CONFIDENCE) / 2, n_eff - 1)) * standard_error
    return Estimate(m, m - half, m + half, len(values), n_eff)
