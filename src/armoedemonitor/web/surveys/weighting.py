"""Raking (iterative proportional fitting) of respondent weights to population margins.

Each respondent starts at weight 1 (or a design weight) and the weights are multiplied,
one dimension at a time, so that the weighted count per category equals the population
count of that category; this repeats until every margin fits (Deming & Stephan 1940,
"On a least squares adjustment of a sampled frequency table when the expected marginal
totals are known", Ann. Math. Stat. 11, 427-444). Written here rather than taken from a
library because it is twenty lines and must say in Dutch which category cannot be fitted.
"""

from __future__ import annotations

from collections import defaultdict

from armoedemonitor.errors import UserError


class RakingError(UserError):
    """The margins cannot be met with these respondents."""


def rake(units: list[dict[str, str]], margins: dict[str, dict[str, float]],
         start: list[float] | None = None, tolerance: float = 1e-9, max_rounds: int = 1000) -> list[float]:
    """Weights for ``units`` (each a dict dimension -> category) that reproduce ``margins``
    (dimension -> category -> population count). The sum of the weights is the population."""
    weights = list(start) if start is not None else [1.0] * len(units)
    for dimension, totals in margins.items():
        seen = {unit.get(dimension) for unit in units}
        outside = sorted(str(c) for c in seen - set(totals))
        if outside:
            raise RakingError(f"Weging op {dimension}: geen bevolkingsaantal voor {', '.join(outside)}.")
        empty = sorted(c for c, total in totals.items() if total > 0 and c not in seen)
        if empty:
            raise RakingError(f"Weging op {dimension}: geen antwoorden uit {', '.join(empty)}.")
    population = {sum(totals.values()) for totals in margins.values()}
    if len(population) > 1 and max(population) - min(population) > 1e-6 * max(population):
        raise RakingError("De bevolkingsaantallen per kenmerk tellen niet op tot hetzelfde totaal.")
    for _round in range(max_rounds):
        largest_change = 0.0
        for dimension, totals in margins.items():
            current: dict[str, float] = defaultdict(float)
            for unit, weight in zip(units, weights, strict=True):
                current[unit[dimension]] += weight
            for i, unit in enumerate(units):
                factor = totals[unit[dimension]] / current[unit[dimension]]
                largest_change = max(largest_change, abs(factor - 1))
                weights[i] *= factor
        if largest_change < tolerance:
            return weights
    raise RakingError(f"De weging past na {max_rounds} rondes nog niet op alle bevolkingsaantallen.")
