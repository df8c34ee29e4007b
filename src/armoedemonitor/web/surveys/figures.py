"""From weighted respondents to the figures of a wave: per question, per area (the whole
wave, region sets, gemeenten, wijken) and per target group, a share or mean with its
interval and a disclosure status. Plain Python on plain records, so it is tested by hand.

What a question publishes:
- a ``select_one`` question with ``positief`` answers: the share of respondents who gave
  one of them;
- an ``integer`` or ``decimal`` question: the mean;
- nothing else (background questions, other choice questions, free text never).
An answer ``nvt`` ("does not apply to me") or no answer leaves a respondent out of that
question's figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from armoedemonitor.definitions import region_sets

from .estimates import mean, share
from .protection import OK, Line, protect
from .xlsform import BACKGROUND

NOT_APPLICABLE = "nvt"
TOTAL = ("totaal", "totaal")
ALL = ""  # the group "everyone"


@dataclass(frozen=True)
class Unit:
    """One respondent, as far as figures need: where, which group, weight, answers."""

    gemeente: str
    wijk: str
    group: str
    weight: float
    answers: dict


@dataclass(frozen=True)
class Cell:
    question: str
    kind: str  # aandeel | gemiddelde
    level: str
    code: str
    group: str
    n: int
    value: float | None
    low: float | None
    high: float | None
    status: str


def published_questions(questions: list[dict]) -> list[dict]:
    return [q for q in questions if q["name"] not in BACKGROUND and (
        (q["type"] == "select_one" and q["positive"]) or q["type"] in ("integer", "decimal"))]


def kind_of(question: dict) -> str:
    return "aandeel" if question["type"] == "select_one" else "gemiddelde"


def areas(units: list[Unit], gemeenten: list[str]) -> dict[tuple[str, str], list[int]]:
    """Area -> indexes of its respondents. Region sets only when they lie wholly inside
    the wave's area (a part of a region set would carry the set's name wrongly)."""
    result: dict[tuple[str, str], list[int]] = {TOTAL: list(range(len(units)))}
    for i, unit in enumerate(units):
        if unit.gemeente:
            result.setdefault(("gemeente", unit.gemeente), []).append(i)
        if unit.wijk:
            result.setdefault(("wijk", unit.wijk), []).append(i)
    for gemeente in gemeenten:
        result.setdefault(("gemeente", gemeente), [])
    for region in region_sets().values():
        if set(region.gemeenten) <= set(gemeenten) and set(region.gemeenten) != set(gemeenten):
            result[("regioset", region.id)] = [i for i, u in enumerate(units) if u.gemeente in region.gemeenten]
    return result


def lines(area_keys, groups: list[str]) -> list[Line]:
    """Totals and their parts: the wave = its gemeenten, a region set = its gemeenten, a
    gemeente = its wijken (wijk codes start with the gemeente's digits), and every area =
    its groups."""
    gemeenten = [code for level, code in area_keys if level == "gemeente"]
    wijken = [code for level, code in area_keys if level == "wijk"]
    sets = {r.id: r.gemeenten for r in region_sets().values()}
    result = []
    for group in [ALL, *groups]:
        result.append(Line((*TOTAL, group), tuple(("gemeente", g, group) for g in gemeenten)))
        for level, code in area_keys:
            if level == "regioset":
                result.append(Line((level, code, group), tuple(("gemeente", g, group) for g in sets[code])))
        for gemeente in gemeenten:
            result.append(Line(("gemeente", gemeente, group),
                               tuple(("wijk", w, group) for w in wijken if w[2:6] == gemeente[2:6])))
    for level, code in area_keys:
        result.append(Line((level, code, ALL), tuple((level, code, g) for g in groups)))
    return result


def wave_figures(units: list[Unit], questions: list[dict], gemeenten: list[str],
                 min_n: int, min_sides: int) -> list[Cell]:
    area_members = areas(units, gemeenten)
    groups = sorted({u.group for u in units if u.group})
    structure = lines(list(area_members), groups)
    cells: list[Cell] = []
    for question in published_questions(questions):
        kind = kind_of(question)
        counts: dict[tuple, tuple[int, int | None]] = {}
        estimates = {}
        for (level, code), members in area_members.items():
            for group in [ALL, *groups]:
                chosen = [units[i] for i in members if group == ALL or units[i].group == group]
                answered = [u for u in chosen if u.answers.get(question["name"]) not in (None, "", NOT_APPLICABLE)]
                key = (level, code, group)
                weights = [u.weight for u in answered]
                if kind == "aandeel":
                    hits = [u.answers[question["name"]] in question["positive"] for u in answered]
                    counts[key] = (len(answered), sum(hits))
                    estimates[key] = share(hits, weights) if answered else None
                else:
                    values = [float(u.answers[question["name"]]) for u in answered]
                    counts[key] = (len(answered), None)
                    estimates[key] = mean(values, weights) if len(values) >= 2 else None
        status = protect(counts, structure, min_n, min_sides)
        for key, (n, _hits) in counts.items():
            estimate = estimates[key] if status[key] == OK else None
            cells.append(Cell(question["name"], kind, *key, n=n,
                              value=estimate.value if estimate else None,
                              low=estimate.low if estimate else None,
                              high=estimate.high if estimate else None,
                              status=status[key]))
    return cells
