"""Maps and charts as inline SVG, drawn on the server: no JavaScript, no internet needed.

Every picture carries a <title> and <desc> for screen readers and sits beside a table
with the same numbers. Meaning never rests on colour alone: areas without a figure get
a hatched pattern and say so in their tooltip, lines differ in dash and marker shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from .geo import Area

# Sequential blues (ColorBrewer "Blues", 5 classes): light = low, dark = high.
CLASS_COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
MISSING_FILL = "url(#{prefix}-missing)"
SUPPRESSED_FILL = "url(#{prefix}-suppressed)"
SERIES_STYLES = (
    ("#00557a", "", "circle"),
    ("#a34700", "7 4", "square"),
    ("#3d3d3d", "2 3", "triangle"),
    ("#1b6e2e", "10 3 2 3", "diamond"),
    ("#6a3d9a", "4 2", "circle"),
)


@dataclass(frozen=True)
class MapCell:
    """What the map knows of one area: its value (None when absent) and how to say it."""

    value: float | None
    label: str  # the formatted value or the reason it is missing
    suppressed: bool = False


@dataclass(frozen=True)
class LegendClass:
    fill: str
    label: str


def class_breaks(values: list[float], classes: int = len(CLASS_COLOURS)) -> list[float]:
    """Equal-interval upper bounds between the lowest and highest value."""
    low, high = min(values), max(values)
    if high == low:
        return [high]
    step = (high - low) / classes
    return [low + step * (i + 1) for i in range(classes - 1)] + [high]  # exact top: no float drift


def class_of(value: float, breaks: list[float]) -> int:
    for index, upper in enumerate(breaks):
        if value <= upper + 1e-12:
            return index
    return len(breaks) - 1


def class_colours(count: int) -> tuple[str, ...]:
    """Colours for fewer classes spread over the whole scale: light to dark stays readable."""
    if count >= len(CLASS_COLOURS):
        return CLASS_COLOURS
    if count == 1:
        return (CLASS_COLOURS[len(CLASS_COLOURS) // 2],)
    last = len(CLASS_COLOURS) - 1
    return tuple(CLASS_COLOURS[round(i * last / (count - 1))] for i in range(count))


def choropleth(
    areas: dict[str, Area],
    cells: dict[str, MapCell],
    title: str,
    description: str,
    fmt,
    prefix: str = "kaart",
    width: int = 640,
    links: dict[str, str] | None = None,
) -> tuple[str, list[LegendClass]]:
    """Draw the areas coloured by class; return the SVG and its legend classes.

    No more classes than distinct values: two areas with a figure give two bands, not
    five mostly empty ones. With ``links`` every area is a link (reachable by keyboard,
    named by its tooltip text) and the picture is a group instead of a single image.
    """
    known = [cell.value for cell in cells.values() if cell.value is not None]
    breaks = class_breaks(known, min(len(CLASS_COLOURS), len(set(known)))) if known else []
    colours = class_colours(len(breaks))
    project, height = _projection(areas.values(), width)
    paths = []
    for code, area in sorted(areas.items(), key=lambda item: item[1].name):
        cell = cells.get(code)
        if cell is None or cell.value is None:
            fill = (SUPPRESSED_FILL if cell and cell.suppressed else MISSING_FILL).format(prefix=prefix)
            label = cell.label if cell else ""
        else:
            fill = colours[class_of(cell.value, breaks)]
            label = cell.label
        d = " ".join(_path_data(polygon, project) for polygon in area.polygons)
        tooltip = f"{area.name}: {label}" if label else area.name
        path = f'<path d="{d}" fill="{fill}" data-code="{escape(code)}"><title>{escape(tooltip)}</title></path>'
        if links and code in links:
            path = f'<a href="{escape(links[code])}" aria-label="{escape(tooltip)}">{path}</a>'
        paths.append(path)
    legend = []
    lower = min(known) if known else None
    for index, upper in enumerate(breaks):
        start = lower if index == 0 else breaks[index - 1]
        text = fmt(upper) if start == upper else f"{fmt(start)} – {fmt(upper)}"
        legend.append(LegendClass(colours[index], text))
    # A map of links is a group, itself out of the tab order so Tab goes to the first area.
    role = 'role="group" tabindex="-1"' if links else 'role="img"'
    svg = (
        f'<svg class="map" viewBox="0 0 {width} {height}" {role} '
        f'aria-labelledby="{prefix}-title {prefix}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(description)}</desc>'
        f"{patterns(prefix)}"
        f'<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">{"".join(paths)}</g></svg>'
    )
    return svg, legend


def patterns(prefix: str) -> str:
    """Hatching for 'no figure' (diagonal lines) and 'suppressed' (cross-hatching)."""
    return (
        "<defs>"
        f'<pattern id="{prefix}-missing" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#767676" stroke-width="2"/></pattern>'
        f'<pattern id="{prefix}-suppressed" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#f2f2f2"/>'
        '<path d="M0 0L8 8M8 0L0 8" stroke="#595959" stroke-width="1.2"/></pattern>'
        "</defs>"
    )


def _projection(areas, width: int, pad: float = 8):
    """Equirectangular with x shrunk by cos(latitude): good enough for a province."""
    points = [pt for area in areas for polygon in area.polygons for ring in polygon for pt in ring]
    if not points:
        return (lambda lon, lat: (0.0, 0.0)), width // 2
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * kx or 1e-9
    span_y = (max(lats) - min(lats)) or 1e-9
    scale = (width - 2 * pad) / span_x
    height = round(span_y * scale + 2 * pad)
    west, north = min(lons), max(lats)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return pad + (lon - west) * kx * scale, pad + (north - lat) * scale

    return project, height


def _path_data(polygon, project) -> str:
    parts = []
    for ring in polygon:
        coords = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, float | None]]


def line_chart(
    series: list[Series],
    title: str,
    description: str,
    fmt,
    prefix: str = "grafiek",
    width: int = 640,
    height: int = 300,
) -> str:
    """Trends over the years; a missing year breaks the line instead of drawing zero."""
    left, right, top, bottom = 72, 16, 16 + 22 * len(series), 36
    years = sorted({year for s in series for year, _ in s.points})
    values = [v for s in series for _, v in s.points if v is not None]
    top_value = _nice_ceiling(max(values)) if values else 1.0
    low_value = 0.0 if not values or min(values) >= 0 else -_nice_ceiling(-min(values))
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(year: int) -> float:
        if len(years) == 1:
            return left + plot_w / 2
        return left + (year - years[0]) / (years[-1] - years[0]) * plot_w

    def y_of(value: float) -> float:
        return top + (top_value - value) / ((top_value - low_value) or 1) * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(description)}</desc>',
    ]
    for i in range(5):
        tick = low_value + (top_value - low_value) * i / 4
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#3d3d3d">'
            f'{escape(fmt(tick))}</text>'
        )
    for year in years:
        parts.append(
            f'<text x="{x_of(year):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" fill="#3d3d3d">'
            f'{year}</text>'
        )
    for index, s in enumerate(series):
        colour, dash, marker = SERIES_STYLES[index % len(SERIES_STYLES)]
        for segment in _segments(s.points):
            coords = " ".join(f"{x_of(year):.1f},{y_of(v):.1f}" for year, v in segment)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
        for year, v in s.points:
            if v is not None:
                parts.append(
                    _marker(marker, x_of(year), y_of(v), colour, f"{s.label}, {year}: {fmt(v)}")
                )
        ly = 14 + 22 * index
        parts.append(
            f'<line x1="{left}" x2="{left + 34}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
            + _marker(marker, left + 17, ly, colour, "")
            + f'<text x="{left + 42}" y="{ly + 4}" font-size="13" fill="#1b1b1b">{escape(s.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _segments(points):
    """Runs of consecutive years with a value: a gap or a missing value breaks the line."""
    segment = []
    for year, value in sorted(points):
        if segment and (value is None or year != segment[-1][0] + 1):
            yield segment
            segment = []
        if value is not None:
            segment.append((year, value))
    if segment:
        yield segment


def _marker(shape: str, x: float, y: float, colour: str, tooltip: str) -> str:
    title = f"<title>{escape(tooltip)}</title>" if tooltip else ""
    if shape == "square":
        body = f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">{title}</rect>'
    elif shape == "triangle":
        body = (f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y + 4:.1f}L{x - 5:.1f} {y + 4:.1f}Z"'
                f' fill="{colour}">{title}</path>')
    elif shape == "diamond":
        body = (f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y:.1f}L{x:.1f} {y + 5:.1f}L{x - 5:.1f} {y:.1f}Z"'
                f' fill="{colour}">{title}</path>')
    else:
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{title}</circle>'
    return body


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above the value."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-12:
            return step * power
    return 10 * power
