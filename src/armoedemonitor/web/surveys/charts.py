"""Bars with their 95 % interval as inline SVG (no JavaScript; the table beside each
chart holds the same numbers). A hidden figure is a row that says so in words."""

from __future__ import annotations

import hashlib
from html import escape

from django.utils.translation import gettext as _

from armoedemonitor.web.dashboard.formatting import format_value

BAR, WHISKER, TEXT = "#0b5cad", "#24292f", "#24292f"


def interval_chart(rows: list[dict], title: str, share: bool) -> str:
    """``rows``: naam, waarde, ondergrens, bovengrens (None when hidden). Shares are
    fractions and drawn on 0-100 %; means on 0 to the highest upper bound."""
    if not rows:
        return ""
    label_w, bar_w, row_h = 190, 240, 26
    scale_top = 1.0 if share else max([r["bovengrens"] for r in rows if r["bovengrens"] is not None] or [1])
    height = row_h * len(rows) + 24
    key = "s" + hashlib.sha1(f"{title}|{rows}".encode()).hexdigest()[:10]

    def x(value):
        return label_w + bar_w * max(0.0, min(1.0, value / scale_top))

    def fmt(value):
        return format_value(value, "aandeel" if share else "gemiddelde")

    parts, described = [], []
    for i, row in enumerate(rows):
        y = i * row_h + 4
        name = escape(row["naam"] if len(row["naam"]) <= 27 else row["naam"][:26] + "…")
        parts.append(f'<text x="0" y="{y + 14}" font-size="12" fill="{TEXT}">{name}</text>')
        if row["waarde"] is None:
            parts.append(f'<text x="{label_w}" y="{y + 14}" font-size="12" fill="{TEXT}">'
                         f'{escape(_("te weinig antwoorden"))}</text>')
            described.append(f'{row["naam"]}: {_("te weinig antwoorden")}')
            continue
        parts.append(f'<rect x="{label_w}" y="{y}" width="{x(row["waarde"]) - label_w:.1f}" height="16" fill="{BAR}"/>')
        low, high = x(row["ondergrens"]), x(row["bovengrens"])
        parts.append(f'<line x1="{low:.1f}" y1="{y + 8}" x2="{high:.1f}" y2="{y + 8}"'
                     f' stroke="{WHISKER}" stroke-width="2"/>'
                     f'<line x1="{low:.1f}" y1="{y + 2}" x2="{low:.1f}" y2="{y + 14}"'
                     f' stroke="{WHISKER}" stroke-width="2"/>'
                     f'<line x1="{high:.1f}" y1="{y + 2}" x2="{high:.1f}" y2="{y + 14}"'
                     f' stroke="{WHISKER}" stroke-width="2"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 13}" font-size="12" fill="{TEXT}">'
                     f'{fmt(row["waarde"])}</text>')
        described.append(_("%(naam)s: %(waarde)s (tussen %(laag)s en %(hoog)s)") % {
            "naam": row["naam"], "waarde": fmt(row["waarde"]), "laag": fmt(row["ondergrens"]),
            "hoog": fmt(row["bovengrens"])})
    axis_y = height - 8
    parts.append(f'<text x="{label_w}" y="{axis_y}" font-size="11" fill="{TEXT}">0</text>'
                 f'<text x="{label_w + bar_w}" y="{axis_y}" font-size="11" text-anchor="end" fill="{TEXT}">'
                 f'{fmt(scale_top)}</text>')
    width = label_w + bar_w + 70
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
            f' width="{width}" height="{height}" class="chart" role="img" '
            f'aria-labelledby="{key}-t {key}-d"><title id="{key}-t">{escape(title)}</title>'
            f'<desc id="{key}-d">{escape("; ".join(described))}</desc>{"".join(parts)}</svg>')
