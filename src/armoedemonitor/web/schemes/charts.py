"""Reach over the years as an SVG line chart (the dashboard's chart, shares as percentages)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from armoedemonitor.web.dashboard import svg
from armoedemonitor.web.dashboard.formatting import format_value


def _percent(value):
    return format_value(value, "aandeel")


def trend_chart(series: dict[str, list], title: str, prefix: str) -> str:
    """Reach per year, one line per label; a year without reach breaks the line."""
    lines = [svg.Series(label, [(r.year, r.value) for r in reaches]) for label, reaches in series.items()]
    if not any(r.value is not None for reaches in series.values() for r in reaches):
        return ""
    return svg.line_chart(lines, title, _("Lijngrafiek. De tabel eronder geeft dezelfde cijfers."),
                          _percent, prefix=prefix)
