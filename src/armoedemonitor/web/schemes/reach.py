"""Bereik = recipients / target group, with the target group as the release publishes it.

The target group is the published numerator of the scheme's indicator and category in
the same area and year: rounded where the release rounded it, and no reach at all where
the release hid it, with the reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from armoedemonitor.web.dashboard.formatting import format_value, status_text
from armoedemonitor.web.releases.models import IndicatorValue, Release

from .areas import area_name, level_of
from .models import RecipientCount, Scheme


@dataclass(frozen=True)
class Reach:
    scheme: Scheme
    year: int
    area: str
    recipients: int
    target_group: float | None
    status: str        # release status of the target-group cell; '' when there is none
    value: float | None

    @property
    def area_name(self) -> str:
        return area_name(self.area)

    @property
    def text(self) -> str:
        return format_value(self.value, "aandeel") if self.value is not None else "–"

    @property
    def rounded(self) -> bool:
        return self.status == IndicatorValue.Status.AFGEROND

    @property
    def reason(self) -> str:
        """Why there is no reach (empty when there is one)."""
        if self.value is not None:
            return ""
        if not self.status:
            return _("de release heeft geen cijfer over de doelgroep in dit gebied en jaar")
        if self.target_group is None:
            return _("de doelgroep is niet gepubliceerd: %(why)s") % {"why": status_text(self.status)}
        return _("de doelgroep is 0")


def target_cells(release: Release | None, scheme: Scheme, counts) -> dict[tuple[int, str], IndicatorValue]:
    if release is None:
        return {}
    cells = IndicatorValue.objects.filter(
        release=release, indicator=scheme.doelgroep_indicator, breakdown=scheme.doelgroep_breakdown,
        category=scheme.doelgroep_categorie, region_code__in={c.gebied for c in counts},
        year__in={c.jaar for c in counts})
    return {(cell.year, cell.region_code): cell for cell in cells
            if cell.region_level == level_of(cell.region_code)}


def reach_of(scheme: Scheme, counts=None, release: Release | None = None) -> list[Reach]:
    """Reach for every recipient count of the scheme (by area, then year)."""
    release = release or Release.current()
    counts = list(scheme.counts.all() if counts is None else counts)
    cells = target_cells(release, scheme, counts)
    result = []
    for count in counts:
        cell = cells.get((count.jaar, count.gebied))
        target = cell.numerator if cell is not None else None
        value = count.ontvangers / target if target else None
        result.append(Reach(scheme, count.jaar, count.gebied, count.ontvangers, target,
                            cell.status if cell is not None else "", value))
    return sorted(result, key=lambda r: (r.area_name, r.year))


def latest_reach(scheme: Scheme, area: str) -> Reach | None:
    found = reach_of(scheme, RecipientCount.objects.filter(scheme=scheme, gebied=area))
    return found[-1] if found else None


def by_area(reaches: list[Reach]) -> dict[str, list[Reach]]:
    grouped: dict[str, list[Reach]] = {}
    for r in reaches:
        grouped.setdefault(r.area, []).append(r)
    return grouped
