"""Indicators whose figures are a structure, not one share per area: the mobility matrix,
the flows of poor people in and out of an area, and the profile of the wealthiest tenth.

Each is published only as breakdown rows (see spec/indicators.md), so the share page
would show nothing; these builders turn the rows of one area into the table its reader
needs. Suppressed cells stay figures without a value, shown with their reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from armoedemonitor.web.releases.models import IndicatorValue

from .figures import Figure, Indicator, area_name

MATRIX = "overgangsmatrix"
FLOWS = "migratie_armoede"
PROFILE = "vermogen_top10_profiel"
KINDS = (MATRIX, FLOWS, PROFILE)

QUINTILES = (1, 2, 3, 4, 5)
QUINTILE_NAMES = {
    1: _("laagste 20 %"), 2: _("tweede 20 %"), 3: _("middelste 20 %"), 4: _("vierde 20 %"), 5: _("hoogste 20 %"),
}
# (flow, sign, label): arrivals add to the poor of last year, departures subtract.
FLOW_ROWS = (
    ("blijvers_in", +1, _("bleven wonen en kregen een laag inkomen")),
    ("instromers_verhuizing", +1, _("verhuisden hierheen, met een laag inkomen")),
    ("nieuwkomers", +1, _("nieuw in de gegevens (bijvoorbeeld geboren of uit het buitenland), met een laag inkomen")),
    ("blijvers_uit", -1, _("bleven wonen en hebben geen laag inkomen meer")),
    ("uitstromers_verhuizing", -1, _("verhuisden weg, met een laag inkomen")),
    ("vertrekkers", -1,
     _("niet meer in de gegevens (bijvoorbeeld overleden of naar het buitenland), met een laag inkomen")),
)
# (kenmerk, unit, label) of the wealth profile.
PROFILE_ROWS = (
    ("leeftijd", "index", _("gemiddelde leeftijd van de hoofdkostwinner (jaren)")),
    ("hoog_opgeleid", "aandeel", _("hoofdkostwinner met een hoge opleiding")),
    ("inkomen", "euro", _("gemiddeld inkomen per jaar, omgerekend naar een alleenstaande")),
)
GROUPS = (("top10", _("rijkste 10 % van de huishoudens")), ("overig", _("andere huishoudens")))


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name: str


def _cells(release, indicator_id: str, **filters):
    return IndicatorValue.objects.filter(release=release, indicator=indicator_id, **filters).exclude(breakdown="")


def areas(release, indicator_id: str) -> list[Area]:
    """Region sets first (the main set leading), then municipalities; never wijk or buurt."""
    present = set(
        _cells(release, indicator_id).exclude(region_level__in=("wijk", "buurt"))
        .values_list("region_level", "region_code").distinct()
    )
    found = [Area(level, code, area_name(level, code)) for level, code in present]
    return sorted(found, key=lambda a: (a.level == "gemeente", a.level == "totaal", a.name))


def years(release, indicator_id: str) -> list[int]:
    return sorted(set(_cells(release, indicator_id).values_list("year", flat=True)))


def _figure(indicator: Indicator, area: Area, row: IndicatorValue | None, year: int, eenheid: str | None = None):
    shown = replace(indicator, eenheid=eenheid) if eenheid else indicator
    if row is None:
        return None
    return Figure(shown, area.level, area.code, area.name, year, row.value, row.status, row.numerator, row.denominator)


def _by_category(release, indicator: Indicator, area: Area, **filters) -> dict:
    return {
        (row.year, row.category): row
        for row in _cells(release, indicator.id, region_level=area.level, region_code=area.code, **filters)
    }


def matrix(release, indicator: Indicator, area: Area, year: int) -> dict:
    """Rows: parents' income group; columns: the child's group as an adult; rows sum to 100 %."""
    cells = _by_category(release, indicator, area, year=year)
    rows = []
    for parent in QUINTILES:
        found = [_figure(indicator, area, cells.get((year, f"{parent}×{child}")), year) for child in QUINTILES]
        children = next((f.denominator for f in found if f and f.denominator is not None), None)
        if any(found):
            rows.append({"quintile": parent, "name": QUINTILE_NAMES[parent], "cells": found, "children": children})
    return {"columns": [QUINTILE_NAMES[q] for q in QUINTILES], "rows": rows}


def flows(release, indicator: Indicator, area: Area) -> list[dict]:
    """Per year (newest first): each flow as a signed count and the net change."""
    cells = _by_category(release, indicator, area)
    result = []
    for year in sorted({year for year, _category in cells}, reverse=True):
        lines = [
            {"flow": flow, "sign": sign, "label": label,
             "figure": _figure(indicator, area, cells.get((year, flow)), year)}
            for flow, sign, label in FLOW_ROWS
        ]
        known = [line for line in lines if line["figure"] and line["figure"].value is not None]
        net = sum(line["sign"] * line["figure"].value for line in known) if len(known) == len(lines) else None
        result.append({"year": year, "lines": lines, "net": net})
    return result


def profile(release, indicator: Indicator, area: Area, year: int) -> list[dict]:
    """Per characteristic: the wealthiest tenth beside the other households."""
    cells = _by_category(release, indicator, area, year=year)
    return [
        {
            "label": label,
            "cells": [
                _figure(indicator, area, cells.get((year, f"{group}×{kenmerk}")), year, unit)
                for group, _name in GROUPS
            ],
        }
        for kenmerk, unit, label in PROFILE_ROWS
    ]
