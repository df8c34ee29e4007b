"""Recipient counts from a CSV or Excel file: every row checked, nothing written on error.

Columns (header names, any case): jaar, gebied, ontvangers. A row for a year and area
that already has a count replaces it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .areas import CODE, gemeente_of
from .models import RecipientCount, Scheme
from .numbers import NotACount, parse_count

COLUMNS = ("jaar", "gebied", "ontvangers")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class UploadRefused(Exception):
    """The file cannot be used; ``problems`` name the file, column and row of each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    line: int
    jaar: int
    gebied: str
    ontvangers: int


def read_table(name: str, content: bytes) -> list[tuple[int, dict]]:
    """(line number, {column: cell}) per data row of a .csv or .xlsx file."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise UploadRefused([_("%(file)s: dit is geen Excel-bestand (.xlsx)") % {"file": name}]) from None
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    elif name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadRefused([_("%(file)s: sla het bestand op als CSV in UTF-8") % {"file": name}]) from None
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise UploadRefused([_("%(file)s: kies een CSV- of Excel-bestand (.csv of .xlsx)") % {"file": name}])
    if not rows:
        raise UploadRefused([_("%(file)s: het bestand is leeg") % {"file": name}])
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise UploadRefused([_("%(file)s: kolom %(columns)s ontbreekt (nodig: jaar, gebied, ontvangers)")
                             % {"file": name, "columns": ", ".join(missing)}])
    found = []
    for line, cells in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        found.append((line, {c: cells[header.index(c)] if header.index(c) < len(cells) else None for c in COLUMNS}))
    return found


def check_year(value) -> int:
    jaar = parse_count(value)
    if not FIRST_YEAR <= jaar <= LAST_YEAR:
        raise NotACount(_("%(year)s is geen jaartal") % {"year": jaar})
    return jaar


def check_area(value, scheme: Scheme, allowed: set[str]) -> str:
    """A CBS code in one of the scheme's gemeenten that the user may report on."""
    gebied = str(value or "").strip().upper()
    if not CODE.match(gebied):
        raise NotACount(_("%(code)s is geen CBS-code (GM + 4, WK + 6 of BU + 8 cijfers)") % {"code": repr(gebied)})
    if gemeente_of(gebied) not in scheme.gemeenten:
        raise NotACount(_("%(code)s ligt niet in een gemeente van deze regeling") % {"code": gebied})
    if gemeente_of(gebied) not in allowed:
        raise NotACount(_("u mag geen cijfers geven voor %(code)s") % {"code": gebied})
    return gebied


def check_rows(name: str, table: list[tuple[int, dict]], scheme: Scheme, allowed: set[str]) -> list[Row]:
    """Every problem of every row, or the rows; ``allowed``: gemeenten the user may report on."""
    problems: list[str] = []
    rows: list[Row] = []
    seen: dict[tuple[int, str], int] = {}
    checks = {"jaar": check_year, "gebied": lambda v: check_area(v, scheme, allowed), "ontvangers": parse_count}
    for line, cells in table:
        values: dict[str, Any] = {}
        for column, check in checks.items():
            try:
                values[column] = check(cells[column])
            except NotACount as error:
                problems.append(_("%(file)s, regel %(line)s, kolom %(column)s: %(text)s")
                                % {"file": name, "line": line, "column": column, "text": error})
        if len(values) < len(checks):
            continue
        key = (values["jaar"], values["gebied"])
        if key in seen:
            problems.append(_("%(file)s, regel %(line)s: %(year)s %(code)s staat ook in regel %(other)s")
                            % {"file": name, "line": line, "year": key[0], "code": key[1], "other": seen[key]})
            continue
        seen[key] = line
        rows.append(Row(line, **values))
    if problems:
        raise UploadRefused(problems)
    if not rows:
        raise UploadRefused([_("%(file)s: er staan geen regels met cijfers in") % {"file": name}])
    return rows


@transaction.atomic
def save_rows(scheme: Scheme, rows: list[Row]) -> int:
    for row in rows:
        RecipientCount.objects.update_or_create(scheme=scheme, jaar=row.jaar, gebied=row.gebied,
                                                defaults={"ontvangers": row.ontvangers})
    return len(rows)


def import_counts(scheme: Scheme, name: str, content: bytes, allowed: set[str]) -> int:
    """Check the whole file, then write all its rows in one transaction."""
    return save_rows(scheme, check_rows(name, read_table(name, content), scheme, allowed))
