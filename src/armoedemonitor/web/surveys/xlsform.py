"""Read a questionnaire in XLSForm (the spreadsheet standard of ODK and KoboToolbox,
https://xlsform.org): a ``survey`` sheet with one row per question, a ``choices`` sheet
with the answer lists, and an optional ``settings`` sheet.

We read the sheets ourselves (openpyxl) and keep what the monitor needs; columns that
XLSForm tools ignore carry our additions:
- ``doelenboom``: the code of the goal-tree node the question measures;
- ``positief``: the answers (choice names, space separated) that count as "yes" for the
  share published for the question;
- ``bron``: where the item comes from (an established instrument), or empty;
- ``richting``: ``hoger_beter`` (default) or ``lager_beter`` for the goal tree.
An English translation may sit in ``label::English (en)`` and ``hint::English (en)``
columns; pages under /en/ show it. Background questions have fixed names (BACKGROUND): they
place a respondent in an area and group and are used for weighting, never published as figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from armoedemonitor.errors import InputError

BACKGROUND = ("gemeente", "wijk", "leeftijdsgroep", "geslacht", "doelgroep")
# Metadata rows ODK/Kobo add (start, end, deviceid, ...) are not questions.
META_TYPES = {"start", "end", "today", "deviceid", "username", "phonenumber", "audit", "calculate",
              "simserial", "subscriberid", "email", "hidden", "start-geopoint", "background-audio"}
QUESTION_TYPES = {"select_one", "select_multiple", "integer", "decimal", "text", "note"}


@dataclass
class Choice:
    name: str
    label: str
    label_en: str = ""


@dataclass
class Question:
    name: str
    type: str  # select_one, select_multiple, integer, decimal, text, note
    label: str
    hint: str = ""
    required: bool = False
    choices: list[Choice] = field(default_factory=list)
    section: str = ""
    node_code: str = ""
    positive: list[str] = field(default_factory=list)
    source: str = ""
    direction: str = "hoger_beter"
    label_en: str = ""
    hint_en: str = ""
    section_en: str = ""


@dataclass
class Form:
    title: str
    form_id: str
    version: str
    questions: list[Question]


def _label_column(header: list[str], base: str) -> int | None:
    """``label`` or a translated ``label::Nederlands (nl)``; Dutch first."""
    exact = [i for i, h in enumerate(header) if h == base]
    dutch = [i for i, h in enumerate(header) if h.startswith(f"{base}::") and ("(nl)" in h or "nederlands" in h)]
    other = [i for i, h in enumerate(header) if h.startswith(f"{base}::")]
    for found in (exact, dutch, other):
        if found:
            return found[0]
    return None


def _english_column(header: list[str], base: str) -> int | None:
    found = [i for i, h in enumerate(header) if h.startswith(f"{base}::") and ("(en)" in h or "english" in h)]
    return found[0] if found else None


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _rows(sheet) -> tuple[list[str], list[tuple[int, list]]]:
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return [], []
    header = [str(h or "").strip().lower() for h in rows[0]]
    body = [(number, ["" if v is None else str(v).strip() for v in row])
            for number, row in enumerate(rows[1:], start=2) if any(v not in (None, "") for v in row)]
    return header, body


def read_xlsform(path: Path | str, filename: str | None = None) -> Form:
    """Parse an XLSForm file; every problem is reported with sheet and row, then raised."""
    from openpyxl import load_workbook

    filename = filename or Path(path).name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is no xlsx
        raise InputError([f"{filename}: dit is geen Excel-bestand (.xlsx): {error}"]) from None
    sheets = {name.lower(): workbook[name] for name in workbook.sheetnames}
    problems: list[str] = []
    for required in ("survey", "choices"):
        if required not in sheets:
            problems.append(f"het tabblad '{required}' ontbreekt")
    if problems:
        raise InputError([f"{filename} is geen XLSForm: " + "; ".join(problems)])

    choice_header, choice_rows = _rows(sheets["choices"])
    lists: dict[str, list[Choice]] = {}
    c_label = _label_column(choice_header, "label")
    c_english = _english_column(choice_header, "label")
    for column in ("list_name", "name"):
        if column not in choice_header:
            problems.append(f"choices: de kolom '{column}' ontbreekt")
    if c_label is None:
        problems.append("choices: de kolom 'label' ontbreekt")
    if not problems and c_label is not None:
        for number, row in choice_rows:
            get = dict(zip(choice_header, row, strict=False))
            if not get["list_name"] or not get["name"]:
                problems.append(f"choices, rij {number}: list_name en name zijn verplicht")
                continue
            lists.setdefault(get["list_name"], []).append(Choice(get["name"], row[c_label] or get["name"],
                                                                  _cell(row, c_english)))

    header, body = _rows(sheets["survey"])
    s_label = _label_column(header, "label")
    s_hint = _label_column(header, "hint")
    s_label_en, s_hint_en = _english_column(header, "label"), _english_column(header, "hint")
    for column in ("type", "name"):
        if column not in header:
            problems.append(f"survey: de kolom '{column}' ontbreekt")
    if s_label is None:
        problems.append("survey: de kolom 'label' ontbreekt")
    questions: list[Question] = []
    sections: list[tuple[str, str]] = []
    names: set[str] = set()
    if "type" in header and "name" in header and s_label is not None:
        for number, row in body:
            get = dict(zip(header, row, strict=False))
            kind, _space, list_name = get["type"].partition(" ")
            where = f"survey, rij {number}"
            if kind in ("begin_group", "begin group"):
                sections.append((row[s_label], _cell(row, s_label_en)))
                continue
            if kind in ("end_group", "end group"):
                if sections:
                    sections.pop()
                continue
            if kind in META_TYPES:
                continue
            if kind not in QUESTION_TYPES:
                problems.append(f"{where}: het vraagtype '{get['type']}' kennen we niet")
                continue
            name = get["name"]
            if not name:
                problems.append(f"{where}: de vraag heeft geen name")
                continue
            if name in names:
                problems.append(f"{where}: de name '{name}' komt twee keer voor")
            names.add(name)
            choices: list[Choice] = []
            if kind.startswith("select"):
                if list_name not in lists:
                    problems.append(f"{where}: de keuzelijst '{list_name}' staat niet op het tabblad choices")
                else:
                    choices = lists[list_name]
            positive = get.get("positief", "").split()
            unknown = sorted(set(positive) - {c.name for c in choices})
            if unknown and not problems:
                problems.append(f"{where}: positief noemt antwoorden die niet in de keuzelijst staan: "
                                + ", ".join(unknown))
            direction = get.get("richting", "") or "hoger_beter"
            if direction not in ("hoger_beter", "lager_beter"):
                problems.append(f"{where}: richting is hoger_beter of lager_beter, niet '{direction}'")
            if positive and kind != "select_one":
                problems.append(f"{where}: positief kan alleen bij een select_one-vraag")
            questions.append(Question(
                name=name, type=kind, label=row[s_label], hint=_cell(row, s_hint),
                required=get.get("required", "").lower() in ("yes", "true", "true()", "1", "ja"),
                choices=choices, section=sections[-1][0] if sections else "",
                section_en=sections[-1][1] if sections else "", label_en=_cell(row, s_label_en),
                hint_en=_cell(row, s_hint_en), node_code=get.get("doelenboom", ""),
                positive=positive, source=get.get("bron", ""), direction=direction,
            ))
    if not problems and not questions:
        problems.append("survey: er staan geen vragen in")
    if problems:
        raise InputError([f"{filename} klopt niet:", *problems])

    settings = {}
    if "settings" in sheets:
        s_header, s_body = _rows(sheets["settings"])
        if s_body:
            settings = dict(zip(s_header, s_body[0][1], strict=False))
    return Form(title=settings.get("form_title", Path(filename).stem),
                form_id=settings.get("form_id", Path(filename).stem),
                version=settings.get("version", ""), questions=questions)
