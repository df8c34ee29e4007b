"""Derived progress and status (spec 4.4). Pure functions on plain numbers, so the
maths is tested by hand; ``indicator_progress`` applies them to the database.

progress = (actual - baseline) / (target - baseline). For a decrease both differences
are negative, so the same formula holds; never actual/target.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

OP_KOERS, LET_OP, ACHTER, GEEN_GEGEVENS = "op_koers", "let_op", "achter", "geen_gegevens"
BESCHREVEN = "beschreven"  # qualitative indicators: described, no progress figure
STATUS_LABELS = {
    BESCHREVEN: _("beschreven"),
    OP_KOERS: _("op koers"),
    LET_OP: _("let op"),
    ACHTER: _("achter"),
    GEEN_GEGEVENS: _("geen gegevens"),
}
# Worst first: a parent shows the worst status among its children.
SEVERITY = [ACHTER, LET_OP, OP_KOERS, GEEN_GEGEVENS]

# Share of the straight-line path that may be missed: within 15 % is on course (the
# Mercy Corps convention), within 30 % "let op", otherwise behind. Override with the
# setting PROGRAMME_STATUS_MARGINS = {"op_koers": .., "let_op": ..}.
DEFAULT_MARGINS = {"op_koers": 0.15, "let_op": 0.30}


def margins() -> dict[str, float]:
    return {**DEFAULT_MARGINS, **getattr(settings, "PROGRAMME_STATUS_MARGINS", {})}


def aggregate(rows: list[dict], how: str) -> float | None:
    """Combine approved measurements (dicts with waarde/teller/noemer, oldest first)."""
    if how == "ratio_van_sommen":
        pairs = [(r["teller"], r["noemer"]) for r in rows if r["teller"] is not None and r["noemer"]]
        if not pairs:
            return None
        return 100 * sum(t for t, _n in pairs) / sum(n for _t, n in pairs)
    values = [r["waarde"] for r in rows if r["waarde"] is not None]
    if not values:
        return None
    if how == "som":
        return float(sum(values))
    if how == "gemiddelde":
        return sum(values) / len(values)
    if how == "laatste":
        return values[-1]
    raise ValueError(f"unknown aggregation {how!r}")


def progress(baseline: float, target: float, actual: float | None, richting: str) -> float | None:
    """Share of the way from baseline to target (1.0 = target reached; may exceed 1)."""
    if actual is None:
        return None
    if target == baseline:
        better_or_equal = actual <= target if richting == "lager_beter" else actual >= target
        return 1.0 if better_or_equal else 0.0
    return (actual - baseline) / (target - baseline)


def expected_share(start: date, end: date, on: date, start_share: float = 0.0) -> float:
    """Where the straight path to the target is on a date, as a share of the way from
    baseline to target: ``start_share`` at ``start`` (0, or what a count had already
    reached when the period began), 1 at ``end``. Before the start the path has not
    moved, so nothing is "achter" yet; from the end on the target itself counts."""
    start_share = min(max(start_share, 0.0), 1.0)
    if end <= start or on >= end:
        return 1.0
    if on <= start:
        return start_share
    return start_share + (1 - start_share) * (on - start).days / (end - start).days


def status(progress_share: float | None, expected: float, margin: dict | None = None) -> str:
    """Compare progress with the straight-line path; margins are shares of that path."""
    if progress_share is None:
        return GEEN_GEGEVENS
    margin = margin or margins()
    if expected <= 0 or progress_share >= expected * (1 - margin["op_koers"]):
        return OP_KOERS
    if progress_share >= expected * (1 - margin["let_op"]):
        return LET_OP
    return ACHTER


def worst(statuses) -> str:
    found = set(statuses)
    for candidate in SEVERITY:
        if candidate in found:
            return candidate
    return GEEN_GEGEVENS


@dataclass
class Progress:
    """One indicator of one node in one period, ready to show or snapshot."""

    actual: float | None
    baseline: float | None
    target: float | None
    target_kind: str  # "periode" or "eind"
    progress: float | None
    expected: float | None
    status: str
    tekst: str = ""

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def percent(self):
        return None if self.progress is None else round(100 * self.progress)
