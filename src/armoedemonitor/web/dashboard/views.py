"""Public dashboard pages: thin views over ``figures``, ``geo`` and ``svg``."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from armoedemonitor.definitions import equivalence_scale, region_sets
from armoedemonitor.errors import UserError
from armoedemonitor.registry import registry

from . import downloads, figures, geo, reference, structured, svg
from .figures import MAIN_SET, area_name, current_release
from .formatting import format_change
from .reference import NATIONAL_CODE

logger = logging.getLogger(__name__)


def _release_or_page(request):
    release = current_release()
    if release is None:
        return None, render(request, "dashboard/no_release.html", status=200)
    return release, None


def home(request):
    """Headline figures: the Veenkoloniën as cards, then every municipality in one table."""
    release, empty = _release_or_page(request)
    if empty:
        return empty
    gemeenten = figures.municipality_codes(release)
    cards, columns, by_municipality = [], [], {}
    for indicator in figures.headline_indicators(release):
        year = figures.latest_year(release, indicator)
        main = figures.figures(release, indicator, year, MAIN_SET, [MAIN_SET])
        national = [f for f in figures.national_trend(indicator) if year and f.year <= year]
        cards.append({
            "indicator": indicator, "year": year, "main": main[0] if main else None,
            "national": national[-1] if national else None,
        })
        columns.append({"indicator": indicator, "year": year})
        for f in figures.figures(release, indicator, year, "gemeente", gemeenten):
            by_municipality.setdefault(f.code, {})[indicator.id] = f
    rows = [
        {"code": code, "name": area_name("gemeente", code),
         "cells": [by_municipality.get(code, {}).get(c["indicator"].id) for c in columns]}
        for code in gemeenten
    ]
    return render(
        request,
        "dashboard/home.html",
        {
            "release": release,
            "cards": cards,
            "columns": columns,
            "rows": rows,
            "main_name": area_name(MAIN_SET, MAIN_SET),
            "main_members": sorted(area_name("gemeente", c) for c in region_sets()[MAIN_SET].gemeenten),
            "download_main": urlencode([("indicator", c["indicator"].id) for c in columns] + [("gebied", MAIN_SET)]),
            "download_gemeenten": urlencode(
                [("indicator", c["indicator"].id) for c in columns] + [("niveau", "gemeente")]
            ),
        },
    )


def indicator_page(request, indicator_id: str):
    """Map, legend and table of one indicator for a chosen year and area level."""
    release, empty = _release_or_page(request)
    if empty:
        return empty
    known = figures.indicators(release)
    if indicator_id not in known:
        raise Http404(_("Dit cijfer staat niet in de release."))
    indicator = known[indicator_id]
    if indicator_id in structured.KINDS:
        return _structured_page(request, release, indicator, known)
    available_years = figures.years(release, indicator_id)
    available_levels = [lvl for lvl in figures.levels(release, indicator_id) if lvl in geo.LEVELS]
    year = _choice(request.GET.get("jaar"), available_years, int) or (available_years[-1] if available_years else None)
    level = _choice(request.GET.get("niveau"), available_levels, str) or "gemeente"
    map_svg, map_error, names = "", "", {}
    legend: list[svg.LegendClass] = []
    try:
        areas = geo.boundaries(level)
    except geo.NoBoundaries:
        areas = {}  # said below, per level, in plain words
    except UserError as error:
        # The reason (a file path or network error) is for the operator's log, not the public.
        logger.warning("map boundaries unavailable: %s", error)
        areas, map_error = {}, _("De kaartgrenzen zijn niet beschikbaar.")
    if level == "gemeente":
        # Only the municipalities this monitor covers (Groningen and Drenthe).
        covered = set(figures.municipality_codes(release))
        areas = {code: area for code, area in areas.items() if code in covered}
    names = {code: area.name for code, area in areas.items()}
    shown = figures.figures(release, indicator, year, level, names=names) if year else []
    # Wijken and buurten per municipality: their code carries its four digits (WK0114…).
    municipality_choices = sorted({f.code[2:6] for f in shown}) if level != "gemeente" else []
    municipality_choices = [
        (f"GM{digits}", area_name("gemeente", f"GM{digits}")) for digits in municipality_choices
    ]
    municipality = request.GET.get("gemeente", "")
    if municipality not in dict(municipality_choices):
        municipality = ""
    if municipality:
        shown = [f for f in shown if f.code[2:6] == municipality[2:6]]
    if level != "gemeente":
        areas = {code: area for code, area in areas.items() if code in {f.code for f in shown}}
    level_name = {"gemeente": _("gemeenten"), "wijk": _("wijken"), "buurt": _("buurten")}[level]
    if not areas and not map_error:
        map_error = _("Er zijn geen grenzen van de %(level)s beschikbaar.") % {"level": level_name}
    if areas:
        cells = {f.code: svg.MapCell(f.value, f.text, f.suppressed) for f in shown}
        missing = [area.name for code, area in areas.items() if code not in cells]
        description = _(
            "Kaart van de %(level)s. Donkerder blauw is een hoger cijfer. Gearceerd: geen cijfer. "
            "Elk gebied is een link. De tabel onder de kaart geeft dezelfde cijfers."
        ) % {"level": level_name}
        links = {
            code: reverse("dashboard:municipality", args=[code]) if level == "gemeente" else f"#gebied-{code}"
            for code in areas
        }
        map_svg, legend = svg.choropleth(
            areas, cells, f"{indicator.naam} {year}", description, indicator.fmt, prefix="kaart", links=links
        )
    else:
        missing = []
    trend = _trend_block(
        release, indicator, [(MAIN_SET, MAIN_SET)] + [(p, p) for p in figures.PROVINCE_SETS.values()], "trend"
    )
    return render(
        request,
        "dashboard/indicator.html",
        {
            "release": release,
            "indicator": indicator,
            "trend": trend,
            "all_indicators": sorted(known.values(), key=lambda i: i.naam),
            "years": available_years,
            "year": year,
            "levels": available_levels,
            "level": level,
            "map_svg": map_svg,
            "legend": legend,
            "map_error": map_error,
            "figures": shown,
            "missing": sorted(missing),
            "has_suppressed": any(f.suppressed for f in shown),
            "municipality_choices": sorted(municipality_choices, key=lambda c: c[1]),
            "municipality": municipality,
            "download": urlencode({"indicator": indicator.id, "jaar": year or "", "niveau": level}),
        },
    )


def _structured_page(request, release, indicator, known):
    """A matrix, flows or a profile for one chosen area (and year), as a table."""
    areas = structured.areas(release, indicator.id)
    by_code = {area.code: area for area in areas}
    area = by_code.get(request.GET.get("gebied")) or by_code.get(MAIN_SET) or (areas[0] if areas else None)
    available_years = structured.years(release, indicator.id)
    year = _choice(request.GET.get("jaar"), available_years, int) or (available_years[-1] if available_years else None)
    context = {
        "release": release,
        "indicator": indicator,
        "all_indicators": sorted(known.values(), key=lambda i: i.naam),
        "areas": areas,
        "area": area,
        "years": available_years,
        "year": year,
        "kind": indicator.id,
        "group_names": [name for _, name in structured.GROUPS],
        "download": urlencode([("indicator", indicator.id)] + ([("gebied", area.code)] if area else [])),
    }
    if area and year:
        if indicator.id == structured.MATRIX:
            context["matrix"] = structured.matrix(release, indicator, area, year)
        elif indicator.id == structured.FLOWS:
            context["flows"] = [
                dict(block, net_text=format_change(block["net"], "aantal"))
                for block in structured.flows(release, indicator, area)
            ]
        else:
            context["profile"] = structured.profile(release, indicator, area, year)
    return render(request, "dashboard/indicator_structured.html", context)


def municipality_page(request, code: str):
    """Factsheet: the latest figures, trends compared with the region set and province."""
    release, empty = _release_or_page(request)
    if empty:
        return empty
    if code not in figures.municipality_codes(release):
        raise Http404(_("Voor deze gemeente zijn geen cijfers."))
    name = area_name("gemeente", code)
    province = figures.province_set(code)
    compared = [(MAIN_SET, MAIN_SET)] + ([(province, province)] if province else [])
    blocks = []
    for indicator in figures.headline_indicators(release):
        block = _trend_block(release, indicator, [("gemeente", code)] + compared, f"trend-{indicator.id}")
        if block:
            blocks.append(block)
    wijken: list[figures.Figure] = []
    main_indicator = next(iter(figures.headline_indicators(release)), None)
    if main_indicator:
        year = figures.latest_year(release, main_indicator)
        wijk_codes = [
            c for c in figures._rows(release, main_indicator.id, region_level="wijk", year=year)
            .values_list("region_code", flat=True) if c[2:6] == code[2:6]
        ]
        try:
            names = {c: a.name for c, a in geo.boundaries("wijk").items() if c in wijk_codes}
        except UserError:
            names = {}
        wijken = figures.figures(release, main_indicator, year, "wijk", wijk_codes, names) if wijk_codes else []
    codes = [code, MAIN_SET] + ([province] if province else [])
    return render(
        request,
        "dashboard/municipality.html",
        {
            "release": release,
            "code": code,
            "name": name,
            "blocks": blocks,
            "wijken": wijken,
            "main_indicator": main_indicator,
            "download": urlencode(
                [("indicator", b["indicator"].id) for b in blocks] + [("gebied", c) for c in codes]
            ),
        },
    )


def _responsive_chart(series, title: str, fmt, prefix: str) -> str:
    """The chart drawn twice, wide and narrow: an SVG scales its text with its width, so
    a phone gets its own drawing with text at full size. CSS shows one of the two."""
    description = _("Lijngrafiek. De tabel eronder geeft dezelfde cijfers.")
    wide = svg.line_chart(series, title, description, fmt, prefix=prefix)
    narrow = svg.line_chart(series, title, description, fmt, prefix=f"{prefix}-smal", width=360, height=300)
    return f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'


def _trend_block(release, indicator, areas, prefix: str) -> dict | None:
    """A line chart and its table: the given areas over the release's years, plus the
    Netherlands in those years where CBS published the figure. The first area leads.
    None when the first area has no figures at all."""
    columns = [(area_name(level, code), figures.trend(release, indicator, level, code)) for level, code in areas]
    columns = [columns[0]] + [column for column in columns[1:] if column[1]]
    if not columns[0][1]:
        return None
    years = sorted({f.year for _, points in columns for f in points})
    national = [f for f in figures.national_trend(indicator) if years[0] <= f.year <= years[-1]]
    if national:
        columns.append((area_name(NATIONAL_CODE, NATIONAL_CODE), national))
    by_year = [{f.year: f for f in points} for _, points in columns]
    chart = _responsive_chart(
        [svg.Series(label, [(f.year, f.value) for f in points]) for label, points in columns],
        _("%(indicator)s per jaar") % {"indicator": indicator.naam},
        indicator.fmt,
        prefix,
    )
    return {
        "indicator": indicator,
        "latest": columns[0][1][-1],
        "chart": chart,
        "labels": [label for label, _ in columns],
        "rows": [{"year": year, "cells": [found.get(year) for found in by_year]} for year in years],
        "national": national,
        "national_sources": [reference.national(indicator.id)[f.year] for f in national],
    }


def compare(request):
    """Several areas side by side over the years, for one indicator."""
    release, empty = _release_or_page(request)
    if empty:
        return empty
    known = figures.indicators(release)
    choices = figures.comparison_areas(release)
    headline = figures.headline_indicators(release)
    indicator_id = request.GET.get("indicator") or (headline[0].id if headline else next(iter(known), ""))
    if indicator_id not in known:
        raise Http404(_("Dit cijfer staat niet in de release."))
    indicator = known[indicator_id]
    by_code = {code: (level, name) for level, code, name in choices}
    chosen = [c for c in request.GET.getlist("gebied") if c in by_code][:5]
    if not chosen:
        chosen = [c for c in (MAIN_SET, "groningen", "drenthe") if c in by_code]
    series, rows, years = [], {}, set()
    for code in chosen:
        level, name = by_code[code]
        points = figures.trend(release, indicator, level, code)
        series.append(svg.Series(name, [(f.year, f.value) for f in points]))
        rows[code] = {f.year: f for f in points}
        years.update(rows[code])
    chart = _responsive_chart(
        series, _("%(indicator)s: gebieden vergeleken") % {"indicator": indicator.naam}, indicator.fmt, "vergelijk"
    ) if series else ""
    table = [
        {"year": year, "cells": [rows[c].get(year) for c in chosen]} for year in sorted(years)
    ]
    return render(
        request,
        "dashboard/compare.html",
        {
            "release": release,
            "indicator": indicator,
            "all_indicators": sorted(known.values(), key=lambda i: i.naam),
            "choices": choices,
            "chosen": chosen,
            "chosen_names": [by_code[c][1] for c in chosen],
            "chart": chart,
            "table": table,
            "download": urlencode([("indicator", indicator.id)] + [("gebied", c) for c in chosen]),
        },
    )


def download(request, fmt: str):
    """The cells behind any page (filters: indicator, gebied, niveau, jaar) as CSV or Excel."""
    release = current_release()
    if release is None:
        raise Http404(_("Er is nog geen release."))
    indicator_ids = request.GET.getlist("indicator")
    if not indicator_ids:
        raise Http404(_("Kies minstens één cijfer."))
    if not set(indicator_ids) <= set(registry()):  # only known ids reach the file name
        raise Http404(_("Dit cijfer staat niet in de release."))
    year = request.GET.get("jaar")
    table = list(
        downloads.rows(
            release, indicator_ids, request.GET.getlist("gebied"), request.GET.get("niveau", ""),
            int(year) if year and year.isdigit() else None,
        )
    )
    year_number = int(year) if year and year.isdigit() else None
    filename = downloads.filename(release, indicator_ids, request.GET.get("niveau", ""), year_number)
    title = _("Armoedemonitor, release %(release)s") % {"release": release}
    if fmt == "table":
        header, body = downloads.wide(table)
        response = HttpResponse(
            downloads.as_xlsx_wide(header, body, title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}-tabel.xlsx"'
        return response
    if fmt == "csv":
        response = HttpResponse(downloads.as_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    response = HttpResponse(
        downloads.as_xlsx(table, title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def explanation(request):
    """What 'laag inkomen' means (the line and its amount per year) and which
    municipalities make up each region set."""
    release = current_release()
    known_years = set()
    if release is not None:
        for indicator in figures.headline_indicators(release):
            known_years.update(figures.years(release, indicator.id))
    lines = [t for t in reference.thresholds() if not known_years or min(known_years) <= t.year <= max(known_years)]
    latest = lines[-1] if lines else None
    scale = equivalence_scale()
    examples = [
        {"label": label, "amount": latest.per_year * scale.factor(latest.year, adults, minors) / 12}
        for label, adults, minors in reference.EXAMPLE_HOUSEHOLDS
    ] if latest else []
    sets = [
        {"id": key, "naam": rs.naam, "gemeenten": sorted(area_name("gemeente", c) for c in rs.gemeenten)}
        for key, rs in region_sets().items()
    ]
    return render(
        request,
        "dashboard/explanation.html",
        {"lines": lines, "latest": latest, "examples": examples, "sets": sets},
    )


# The Alliantie van Kracht's general address, as given in its Faseplan 2025-2026;
# an operator may set another in the settings.
CONTACT_EMAIL = "info@alliantievankracht.nl"


def accessibility(request):
    email = getattr(settings, "ARMOEDEMONITOR_CONTACT_EMAIL", CONTACT_EMAIL)
    return render(request, "dashboard/accessibility.html", {"email": email})


def _choice(raw, allowed, cast):
    try:
        value = cast(raw)
    except (TypeError, ValueError):
        return None
    return value if value in allowed else None
