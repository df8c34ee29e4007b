"""Poverty indicators read from the current release, so the programme monitor and the
statistics never disagree. Nothing is entered by hand for these."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities, region_sets
from armoedemonitor.web.releases.models import IndicatorValue, Release

TOO_FEW = _("te weinig gegevens")


@dataclass
class ReleaseValue:
    region_code: str
    region_naam: str
    year: int
    value: float | None
    suppressed: bool
    release_version: str

    @property
    def display(self):
        return TOO_FEW if self.suppressed or self.value is None else self.value


def region_name(level: str, code: str) -> str:
    if level == "gemeente" and code in municipalities():
        return municipalities()[code].naam
    if code in region_sets():
        return region_sets()[code].naam
    return code


def release_values(definition, gemeenten=(), year: int | None = None) -> list[ReleaseValue]:
    """Values of a ``bron=release`` definition in the current release.

    ``release_selectie`` holds region_level, region_codes, breakdown and category; with
    no region codes the node's gemeenten are used. Without a year: the latest year."""
    release = Release.current()
    if release is None or not definition.release_indicator:
        return []
    selection = definition.release_selectie or {}
    level = selection.get("region_level", "gemeente")
    codes = selection.get("region_codes") or list(gemeenten)
    rows = IndicatorValue.objects.filter(
        release=release, indicator=definition.release_indicator, region_level=level,
        breakdown=selection.get("breakdown", ""), category=selection.get("category", ""),
    )
    if codes:
        rows = rows.filter(region_code__in=codes)
    if year is None:
        year = rows.order_by("-year").values_list("year", flat=True).first()
        if year is None:
            return []
    # Releases hold shares as fractions 0..1; the programme shows percentages.
    scale = 100 if definition.soort == "percentage" else 1
    return [
        ReleaseValue(row.region_code, region_name(level, row.region_code), row.year,
                     None if row.value is None else scale * row.value,
                     row.is_suppressed, release.version)
        for row in rows.filter(year=year).order_by("region_code")
    ]
