"""Import answers exported from KoboToolbox, ODK Central or LimeSurvey (CSV or XLSX).

Columns are matched to questions by name: exactly, or as the last part of a group path
(Kobo writes ``group/question``, ODK Central ``group-question``). Answers must be the
choice names (Kobo: "XML values and headers"; LimeSurvey: answer codes). The first of
``_uuid``, ``meta-instanceID``, ``instanceID``, ``KEY``, ``id`` identifies a row, so a
file imported twice is refused. Every bad row is reported with its row number and
column; if any row is bad, nothing is written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.db import IntegrityError, transaction

from armoedemonitor.errors import InputError

from .answers import clean_answers, store
from .models import Response, Wave

ID_COLUMNS = ("_uuid", "meta-instanceid", "meta/instanceid", "instanceid", "key", "id")
EXTRA_COLUMNS = ("wijk",)


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows (with their row number in the file, header = 1)."""
    if Path(filename).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises several types for a bad file
            raise InputError([f"{filename}: dit Excel-bestand kunnen we niet lezen ({error})."]) from None
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError([f"{filename}: het bestand is geen UTF-8-tekst (CSV)."]) from None
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            raise InputError([f"{filename}: de kolommen zijn niet gescheiden door komma, puntkomma of tab."]) \
                from None
        rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise InputError([f"{filename}: het bestand is leeg."])
    numbered = [(i, row) for i, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    return [h.strip() for h in rows[0]], numbered

def column_map(header: list[str], names: list[str]) -> dict[str, int]:
    """Question name -> column index."""
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        for name in names:
            if title == name or title.endswith(f"/{name}") or title.endswith(f"-{name}"):
                found.setdefault(name, index)
    return found

def import_responses(wave: Wave, data: bytes, filename: str) -> int:
    """Check every row, then store all of them in one transaction; returns the count."""
    if not wave.is_open:
        raise InputError([f"{filename}: de ronde {wave.naam} is gesloten; er kan niets meer bij."])
    header, rows = read_table(data, filename)
    names = [q["name"] for q in wave.questionnaire.questions] + list(EXTRA_COLUMNS)
    columns = column_map(header, names)
    lowered = [h.lower() for h in header]
    id_column = next((lowered.index(c) for c in ID_COLUMNS if c in lowered), None)
    required = [q["name"] for q in wave.questionnaire.questions if q["required"] and q["name"] not in columns]
    if required:
        raise InputError([f"{filename}: deze verplichte vragen hebben geen kolom: {', '.join(required)}. "
                          "Exporteer met de namen van de vragen (XML values and headers)."])
    problems: list[str] = []
    checked = []
    seen: set[str] = set()
    existing = set(Response.objects.filter(wave=wave).exclude(extern_id="").values_list("extern_id", flat=True))
    for number, row in rows:
        raw = {name: row[index] if index < len(row) else "" for name, index in columns.items()}
        answers, wrong = clean_answers(wave, raw)
        for name, message in wrong.items():
            problems.append(f"rij {number}, kolom {header[columns[name]] if name in columns else name}: {message}")
        extern_id = row[id_column].strip() if id_column is not None and id_column < len(row) else ""
        extern_id = extern_id or f"{filename}:{number}"
        if extern_id in seen or extern_id in existing:
            problems.append(f"rij {number}: dit antwoord ({extern_id}) is al ingelezen")
        seen.add(extern_id)
        if not wrong:
            checked.append((answers, extern_id))
    if problems:
        raise InputError([f"{filename}: {len(problems)} fout(en), er is niets ingelezen.", *problems])
    try:
        with transaction.atomic():
            for answers, extern_id in checked:
                store(wave, answers, Response.Kanaal.IMPORT, extern_id=extern_id, bron_bestand=filename)
    except IntegrityError:
        raise InputError([f"{filename}: een deel van deze antwoorden is al ingelezen; probeer opnieuw."]) from None
    return len(checked)

