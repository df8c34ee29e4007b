"""Every figure as CSV or Excel: the published cells with their status and its reason.

Suppressed cells are rows with an empty value and a reason, so a spreadsheet never
shows a hidden figure as zero. The CSV is Dutch-Excel friendly: UTF-8 with BOM,
semicolons, decimal comma (in English: commas and decimal point).
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from armoedemonitor.web.releases.models import IndicatorValue, Release
from armoedemonitor.web.spreadsheet import neutral

from .figures import area_name, indicators
from .formatting import format_value, status_text

COLUMNS = (
    "indicator", "naam", "eenheid", "jaar", "gebiedsniveau", "gebiedscode", "gebied",
    "uitsplitsing", "categorie", "waarde", "waarde_tekst", "teller", "noemer", "n",
    "status", "toelichting",
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
            "waarde_tekst": format_value(cell.value, eenheid) if cell.value is not None else _("geen cijfer"),
            "teller": cell.numerator,
            "noemer": cell.denominator,
            "n": cell.n,
            "status": cell.status,
            "toelichting": status_text(cell.status),
        }


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



