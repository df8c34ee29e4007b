"""The figures the dashboard shows, read from the current release.

Every page asks these functions, never the tables directly, so "which release",
"which rows count as the headline (no breakdown)" and "what is this area called" are
decided once. Suppressed cells are kept: they are shown as such, never as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from armoedemonitor.definitions import municipalities, region_sets
from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release

from .formatting import format_change, format_value, range_text, status_text
from .reference import NATIONAL_CODE, definition_nl, national
from .release_cache import per_release

HEADLINE_INDICATORS = (
    "laag_inkomen_personen",
    "laag_inkomen_minderjarigen",
    "langdurig_laag_inkomen_personen",
    "generatiearmoede",
    "werkende_armen",
)
MAIN_SET = "veenkolonien"
PROVINCE_SETS = {"Groningen": "groningen", "Drenthe": "drenthe"}


@dataclass(frozen=True)
class Indicator:
    id: str
    naam: str
    uitleg: str
    definitie: str
    eenheid: str

    def fmt(self, value: float | None) -> str:
        return format_value(value, self.eenheid)


@dataclass(frozen=True)
class Figure:
    """One number for one area and year, with its change since the previous year."""

    indicator: Indicator
    level: str
    code: str
    name: str
    year: int
    value: float | None
    status: str
    numerator: float | None = None
    denominator: float | None = None
    previous: float | None = None
    lower: float | None = None  # a share published as a range (status 'bereik')
    upper: float | None = None

    @property
    def text(self) -> str:
        return self.indicator.fmt(self.value) if self.value is not None else status_text(self.status) or "–"

    @property
    def reason(self) -> str:
        if self.status == "bereik":
            return range_text(self.lower, self.upper)
        return status_text(self.status)

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_text(self) -> str:
        return format_change(self.change, self.indicator.eenheid)


def current_release() -> Release | None:
    return Release.current()


@per_release
def indicators(release: Release) -> dict[str, Indicator]:
    """The release's definitions, in the reader's language where a translation exists.

    The release's technical definition is English; Dutch pages show the plain Dutch one.
    """
    english = (get_language() or "nl").startswith("en")
    found = {}
    for d in Definition.objects.filter(release=release):
        naam = d.name_en if english and d.name_en else d.naam
        uitleg = d.explanation_en if english and d.explanation_en else d.uitleg_b1
        definitie = d.definitie if english else (definition_nl(d.indicator) or d.definitie)
        found[d.indicator] = Indicator(d.indicator, naam, uitleg, definitie, d.eenheid)
    return found


@per_release
def headline_indicators(release: Release) -> list[Indicator]:
    known = indicators(release)
    return [known[i] for i in HEADLINE_INDICATORS if i in known]


def area_name(level: str, code: str, names: dict[str, str] | None = None) -> str:
    if level == "gemeente" and code in municipalities():
        return municipalities()[code].naam
    if code in region_sets():
        return region_sets()[code].naam
    if level == "totaal":
        return "Totaal"
    if code == NATIONAL_CODE:
        return _("Nederland")
    return (names or {}).get(code, code)


def province_set(code: str) -> str | None:
    municipality = municipalities().get(code)
    return PROVINCE_SETS.get(municipality.provincie) if municipality else None


def _rows(release: Release, indicator: str, **filters):
    return IndicatorValue.objects.filter(
        release=release, indicator=indicator, breakdown="", category="", **filters
    )


@per_release
def years(release: Release, indicator: str) -> list[int]:
    return sorted(set(_rows(release, indicator).values_list("year", flat=True)))


@per_release
def levels(release: Release, indicator: str) -> list[str]:
    return sorted(set(_rows(release, indicator).values_list("region_level", flat=True)))


@per_release
def figures(
    release: Release,
    indicator: Indicator,
    year: int,
    level: str,
    codes: list[str] | None = None,
    names: dict[str, str] | None = None,
) -> list[Figure]:
    """Figures of one indicator and year for every area of a level (or the given codes)."""
    filters: dict[str, str | list[str]] = {"region_level": level}
    if codes is not None:
        filters["region_code__in"] = codes
    now = {row.region_code: row for row in _rows(release, indicator.id, year=year, **filters)}
    before = {
        row.region_code: row.value for row in _rows(release, indicator.id, year=year - 1, **filters)
    }
    result = [
        Figure(
            indicator, level, code, area_name(level, code, names), year, row.value, row.status,
            row.numerator, row.denominator, before.get(code), row.value_lower, row.value_upper,
        )
        for code, row in now.items()
    ]
    return sorted(result, key=lambda f: f.name)


@per_release
def trend(release: Release, indicator: Indicator, level: str, code: str) -> list[Figure]:
    rows = _rows(release, indicator.id, region_level=level, region_code=code).order_by("year")
    previous: float | None = None
    trend_figures = []
    for row in rows:
        trend_figures.append(
            Figure(indicator, level, code, area_name(level, code), row.year, row.value, row.status,
                   row.numerator, row.denominator, previous, row.value_lower, row.value_upper)
        )
        previous = row.value
    return trend_figures


def national_trend(indicator: Indicator) -> list[Figure]:
    """Published CBS figures for the whole country, as figures of a pseudo-area."""
    published = national(indicator.id)
    result: list[Figure] = []
    previous_year: int | None = None
    for year in sorted(published):
        previous = published[year - 1].value if previous_year == year - 1 else None
        result.append(
            Figure(indicator, NATIONAL_CODE, NATIONAL_CODE, area_name(NATIONAL_CODE, NATIONAL_CODE),
                   year, published[year].value, "ok", previous=previous)
        )
        previous_year = year
    return result


@per_release
def latest_year(release: Release, indicator: Indicator) -> int | None:
    found = years(release, indicator.id)
    return found[-1] if found else None


@per_release
def municipality_codes(release: Release) -> list[str]:
    codes = set(
        IndicatorValue.objects.filter(release=release, region_level="gemeente")
        .values_list("region_code", flat=True)
        .distinct()
    )
    return sorted(codes, key=lambda c: area_name("gemeente", c))


@per_release
def comparison_areas(release: Release) -> list[tuple[str, str, str]]:
    """(level, code, name) of everything that can be compared: sets, then municipalities."""
    present = set(
        IndicatorValue.objects.filter(release=release)
        .exclude(region_level__in=("wijk", "buurt"))
        .values_list("region_level", "region_code")
        .distinct()
    )
    sets = sorted(
        ((lvl, code, area_name(lvl, code)) for lvl, code in present if lvl not in ("gemeente",)),
        key=lambda a: (a[0] != MAIN_SET, a[0] == "totaal", a[2]),
    )
    gemeenten = sorted(
        ((lvl, code, area_name(lvl, code)) for lvl, code in present if lvl == "gemeente"),
        key=lambda a: a[2],
    )
    return sets + gemeenten
