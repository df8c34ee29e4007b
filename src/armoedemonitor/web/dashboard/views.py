"""Public dashboard pages: thin views over ``figures``, ``geo`` and ``svg``."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.registry import registry

from . import downloads, figures, geo, svg
from .figures import MAIN_SET, area_name, current_release

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
        cards.append({"indicator": indicator, "year": year, "main": main[0] if main else None})
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
            "download_main": urlencode([("indicator", c["indicator"].id) for c in columns] + [("gebied", MAIN_SET)]),
            "download_gemeenten": urlencode([("indicator", c["indicator"].id) for c in columns] + [("niveau", "gemeente")]),
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
    available_years = figures.years(release, indicator_id)
    available_levels = [lvl for lvl in figures.levels(release, indicator_id) if lvl in geo.LEVELS]
    year = _choice(request.GET.get("jaar"), available_years, int) or (available_years[-1] if available_years else None)
    level = _choice(request.GET.get("niveau"), available_levels, str) or "gemeente"
    map_svg, legend, map_error, names = "", [], "", {}
    try:
        areas = geo.boundaries(level)
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
            "De tabel onder de kaart geeft dezelfde cijfers."
        ) % {"level": level_name}
        map_svg, legend = svg.choropleth(
            areas, cells, f"{indicator.naam} {year}", description, indicator.fmt, prefix="kaart"
        )
    else:
        missing = []
    return render(
        request,
        "dashboard/indicator.html",
        {
            "release": release,
            "indicator": indicator,
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
            "download": urlencode({"indicator": indicator.id, "jaar": year or "", "niveau": level}),
        },
    )


def municipality_page(request, code: str):
    """Factsheet: the latest figures, trends compared with the region set and province."""
    release, empty = _release_or_page(request)
    if empty:
        return empty
    if code not in figures.municipality_codes(release):
        raise Http404(_("Voor deze gemeente zijn geen cijfers."))
    name = area_name("gemeente", code)
    province = figures.province_set(code)
    blocks = []
    for indicator in figures.headline_indicators(release):
        own = figures.trend(release, indicator, "gemeente", code)
        if not own:
            continue
        series = [svg.Series(name, [(f.year, f.value) for f in own])]
        compared = [(MAIN_SET, MAIN_SET)] + ([(province, province)] if province else [])
        others = []
        for level, other in compared:
            points = figures.trend(release, indicator, level, other)
            if points:
                series.append(svg.Series(area_name(level, other), [(f.year, f.value) for f in points]))
                others.append((area_name(level, other), {f.year: f for f in points}))
        chart = svg.line_chart(
            series,
            _("%(indicator)s in %(area)s per jaar") % {"indicator": indicator.naam, "area": name},
            _("Lijngrafiek. De tabel eronder geeft dezelfde cijfers."),
            indicator.fmt,
            prefix=f"trend-{indicator.id}",
        )
        table = [
            {"figure": f, "others": [by_year.get(f.year) for _, by_year in others]} for f in own
        ]
        blocks.append(
            {
                "indicator": indicator,
                "latest": own[-1],
                "chart": chart,
                "others": [label for label, _ in others],
                "table": table,
            }
        )
    wijken = []
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
    chart = svg.line_chart(
        series,
        _("%(indicator)s: gebieden vergeleken") % {"indicator": indicator.naam},
        _("Lijngrafiek. De tabel eronder geeft dezelfde cijfers."),
        indicator.fmt,
        prefix="vergelijk",
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
    version = re.sub(r"[^A-Za-z0-9._-]", "", release.version) or release.pk
    filename = f"armoedemonitor-{version}-{'-'.join(indicator_ids)[:60]}"
    if fmt == "csv":
        response = HttpResponse(downloads.as_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    title = _("Armoedemonitor, release %(release)s") % {"release": release}
    response = HttpResponse(
        downloads.as_xlsx(table, title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def accessibility(request):
    return render(request, "dashboard/accessibility.html")


def _choice(raw, allowed, cast):
    try:
        value = cast(raw)
    except (TypeError, ValueError):
        return None
    return value if value in allowed else None
