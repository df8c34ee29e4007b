"""Every figure as CSV or Excel: the published cells with their status and its reason.

Suppressed cells are rows with an empty value and a reason, so a spreadsheet never
shows a hidden figure as zero; a share published only as a range (status bereik) has
its bounds in ondergrens and bovengrens and the range as text. The CSV is Dutch-Excel
friendly: UTF-8 with BOM, semicolons, decimal comma (in English: commas and decimal point).
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from armoedemonitor.web.releases.models import IndicatorValue, Release
from armoedemonitor.web.spreadsheet import neutral

from .figures import area_name, indicators
from .formatting import format_value, range_text, status_text

COLUMNS = (
    "indicator", "naam", "eenheid", "jaar", "gebiedsniveau", "gebiedscode", "gebied",
    "uitsplitsing", "categorie", "waarde", "waarde_tekst", "ondergrens", "bovengrens", "teller", "noemer",
    "n", "status", "toelichting",
)


def rows(release: Release, indicator_ids: list[str], codes: list[str], level: str, year: int | None):
    """The cells asked for, as dicts keyed by COLUMNS (numbers left as numbers)."""
    known = indicators(release)
    values = IndicatorValue.objects.filter(release=release, indicator__in=indicator_ids)
    if codes:
        values = values.filter(region_code__in=codes)
    if level:
        values = values.filter(region_level=level)
    if year:
        values = values.filter(year=year)
    for cell in values.order_by("indicator", "year", "region_level", "region_code", "breakdown", "category"):
        indicator = known.get(cell.indicator)
        eenheid = indicator.eenheid if indicator else ""
        yield {
            "indicator": cell.indicator,
            "naam": indicator.naam if indicator else cell.indicator,
            "eenheid": eenheid,
            "jaar": cell.year,
            "gebiedsniveau": cell.region_level,
            "gebiedscode": cell.region_code,
            "gebied": area_name(cell.region_level, cell.region_code),
            "uitsplitsing": cell.breakdown,
            "categorie": cell.category,
            "waarde": cell.value,
            "waarde_tekst": value_text(cell, eenheid),
            "ondergrens": cell.value_lower,
            "bovengrens": cell.value_upper,
            "teller": cell.numerator,
            "noemer": cell.denominator,
            "n": cell.n,
            "status": cell.status,
            "toelichting": status_text(cell.status),
        }


def value_text(cell: IndicatorValue, eenheid: str) -> str:
    """The value as the pages write it: a number, a range, or why there is none."""
    if cell.value is not None:
        return format_value(cell.value, eenheid)
    if cell.value_lower is not None:
        return range_text(cell.value_lower, cell.value_upper)
    return _("geen cijfer")


def as_csv(table, columns=COLUMNS) -> bytes:
    dutch = not (get_language() or "nl").startswith("en")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\r\n")
    writer.writerow(columns)
    for row in table:
        writer.writerow([_csv_cell(row[column], dutch) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value, dutch: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutral(value)
    if isinstance(value, float):
        text = repr(value) if not value.is_integer() else str(int(value))
        return text.replace(".", ",") if dutch else text
    return str(value)


def as_xlsx(table, title: str, columns=COLUMNS) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("cijfers")
    sheet.append([neutral(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(columns))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([neutral(row[column]) for column in columns])
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()





def wide(table) -> tuple[list[str], list[list]]:
    """The table as the pages show it: one row per area, one column per figure and year,
    headline cells only (no breakdowns). Cells are (value, eenheid, reason) triples."""
    columns: dict[tuple, str] = {}
    areas: dict[tuple, dict] = {}
    for row in table:
        if row["uitsplitsing"]:
            continue
        key = (row["naam"], row["jaar"])
        columns.setdefault(key, f"{row['naam']} {row['jaar']}")
        area = areas.setdefault((row["gebiedsniveau"] != "gemeente", row["gebied"]), {})
        reason = row["waarde_tekst"] if row["ondergrens"] is not None else row["toelichting"]
        area[key] = (row["waarde"], row["eenheid"], reason or _("geen cijfer"))
    keys = sorted(columns, key=lambda k: (k[0], k[1]))
    header = [_("Gebied")] + [columns[k] for k in keys]
    body = [[name] + [cells.get(k) for k in keys] for (_is_set, name), cells in sorted(areas.items())]
    return header, body


def as_xlsx_wide(header: list[str], body: list[list], title: str) -> bytes:
    """Excel as on screen: Dutch labels, shares as percentages, a filter, readable widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("tabel")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in body:
        sheet.append([values[0]] + [_excel_value(cell) for cell in values[1:]])
        for cell, source in zip(sheet[sheet.max_row][1:], values[1:], strict=True):
            if source and source[0] is not None:
                cell.number_format = (
                    "0.0%" if source[1] == "aandeel" else "#,##0" if source[1] in ("aantal", "euro") else "0.00"
                )
    sheet.column_dimensions["A"].width = 28
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(header))}{max(sheet.max_row, 2)}"
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _excel_value(cell):
    if cell is None:
        return None
    value, _eenheid, reason = cell
    return value if value is not None else reason


def filename(release: Release, indicator_ids: list[str], level: str, year: int | None) -> str:
    """Whole words only: the figure's id when there is one, else how many figures."""
    what = indicator_ids[0] if len(indicator_ids) == 1 else f"{len(indicator_ids)}-cijfers"
    parts = ["armoedemonitor", str(release.version or release.pk), what, level, str(year or "")]
    # Only safe characters reach the Content-Disposition header (the level comes from the URL).
    return "-".join(clean for part in parts if (clean := re.sub(r"[^A-Za-z0-9._-]", "", part)))
