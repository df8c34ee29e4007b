"""Which survey figures may be published: the release's disclosure rules applied to cells
of respondents (area x group), so no answer can be traced to a person.

- primary: fewer than ``min_n`` respondents behind a figure; for a share, also fewer than
  ``min_n_share_sides`` respondents on either side (who said yes / who did not), because
  "all 12 people in this wijk said ..." tells something about each of them;
- secondary: a published total minus its published parts must never leave a hidden
  group of 1 to ``min_n`` - 1 respondents. Respondents in no listed part (no wijk known,
  no target group given) are such a hidden part too. The smallest published part is
  hidden next until the hidden parts together hold at least ``min_n`` respondents.

Thresholds come from the rules file of the releases (disclosure/default_rules.toml).
"""

from __future__ import annotations

from dataclasses import dataclass

from armoedemonitor.disclosure.rules import load_rules

OK, PRIMARY, SECONDARY = "ok", "primair", "secundair"


@dataclass(frozen=True)
class Line:
    """A total and the cells that split it (for example a gemeente and its wijken)."""

    total: tuple
    parts: tuple[tuple, ...]


def thresholds() -> tuple[int, int]:
    rules = load_rules()
    return rules.min_n, rules.min_n_share_sides


def primary(n: int, hits: int | None, min_n: int, min_sides: int) -> bool:
    if n < min_n:
        return True
    return hits is not None and (hits < min_sides or n - hits < min_sides)


def protect(cells: dict[tuple, tuple[int, int | None]], lines: list[Line],
            min_n: int, min_sides: int) -> dict[tuple, str]:
    """Status per cell. ``cells``: key -> (respondents, respondents with a 'yes' for a
    share or None for a mean)."""
    status = {key: PRIMARY if primary(n, hits, min_n, min_sides) else OK for key, (n, hits) in cells.items()}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if line.total not in cells or status[line.total] != OK:
                continue
            parts = [p for p in line.parts if p in cells]
            rest = cells[line.total][0] - sum(cells[p][0] for p in parts)
            hidden = rest + sum(cells[p][0] for p in parts if status[p] != OK)
            while 0 < hidden < min_n:
                published = sorted((cells[p][0], p) for p in parts if status[p] == OK)
                if not published:
                    status[line.total] = SECONDARY
                    changed = True
                    break
                n, key = published[0]
                status[key] = SECONDARY
                hidden += n
                changed = True
    return status
