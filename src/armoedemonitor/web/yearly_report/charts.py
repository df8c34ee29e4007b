"""Small SVG charts, written by hand so the HTML and the PDF show the same picture
without JavaScript. Every chart has a title and a text description, and every bar
carries its value and status in words (colour is never the only signal)."""

import hashlib
from html import escape

from .formatting import nl_number

STATUS_COLOURS = {"op_koers": "#1a7f37", "let_op": "#9a6700", "achter": "#b42318",
                  "geen_gegevens": "#6e7781", "beschreven": "#0b5cad"}


def _svg(width, height, title, desc, body):
    # ids must be unique on a page with several charts, and stable so a frozen report
    # renders identically: derive them from the content.
    key = "c" + hashlib.sha1(f"{title}|{desc}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{key}-t {key}-d" class="chart">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(desc)}</desc>{body}</svg>'
    )


def progress_chart(rows: list[dict], title: str) -> str:
    """Horizontal bars: progress towards the target in % (0-150 shown), with a tick where
    the straight-line path says we should be. ``rows``: naam, progress_pct, expected_pct,
    status, status_label."""
    rows = [r for r in rows if r.get("progress_pct") is not None]
    if not rows:
        return ""
    label_w, bar_w, row_h = 260, 300, 28
    height = row_h * len(rows) + 30
    scale = bar_w / 150
    parts = [f'<line x1="{label_w + 100 * scale}" y1="0" x2="{label_w + 100 * scale}" y2="{height - 20}" '
             'stroke="#24292f" stroke-dasharray="3 3"/>',
             f'<text x="{label_w + 100 * scale}" y="{height - 6}" font-size="11" text-anchor="middle">100%</text>']
    for i, row in enumerate(rows):
        y = i * row_h + 4
        shown = max(0, min(150, row["progress_pct"]))
        colour = STATUS_COLOURS.get(row["status"], "#6e7781")
        parts.append(f'<text x="0" y="{y + 15}" font-size="11">{escape(row["naam"][:42])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{shown * scale:.1f}" height="18" fill="{colour}"/>')
        if row.get("expected_pct") is not None:
            x = label_w + min(150, row["expected_pct"]) * scale
            parts.append(f'<line x1="{x:.1f}" y1="{y - 2}" x2="{x:.1f}" y2="{y + 20}"'
                         ' stroke="#24292f" stroke-width="2"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 14}" font-size="11">'
                     f'{nl_number(row["progress_pct"], 0)}% · {escape(str(row["status_label"]))}</text>')
    desc = "; ".join(f'{r["naam"]}: {nl_number(r["progress_pct"], 0)}% van het doel, {r["status_label"]}' for r in rows)
    return _svg(label_w + bar_w + 130, height, title, desc, "".join(parts))


def value_chart(rows: list[dict], title: str, unit: str = "%") -> str:
    """Horizontal bars of values per region; suppressed values say so in words.
    ``rows``: naam, value (None when suppressed or unknown)."""
    if not rows:
        return ""
    label_w, bar_w, row_h = 200, 300, 24
    top = max([r["value"] for r in rows if r["value"] is not None] or [1]) or 1
    height = row_h * len(rows) + 8
    parts = []
    for i, row in enumerate(rows):
        y = i * row_h + 4
        parts.append(f'<text x="0" y="{y + 13}" font-size="11">{escape(row["naam"])}</text>')
        if row["value"] is None:
            parts.append(f'<text x="{label_w}" y="{y + 13}" font-size="11" font-style="italic">'
                         'te weinig gegevens</text>')
            continue
        width = bar_w * row["value"] / top
        parts.append(f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="16" fill="#0b5cad"/>')
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 13}" font-size="11">'
                     f'{nl_number(row["value"], 1)}{escape(unit)}</text>')
    desc = "; ".join(
        f'{r["naam"]}: ' + ("te weinig gegevens" if r["value"] is None else f'{nl_number(r["value"], 1)}{unit}')
        for r in rows
    )
    return _svg(label_w + bar_w + 80, height, title, desc, "".join(parts))
