"""CSV/Excel import and export of the register, so an existing inventory loads in one go.

Import is all or nothing: every row is checked first, every problem is reported with
its row number and column, and nothing is written when anything is wrong. Rows are
matched on ``slug``: a known slug updates that intervention, a new one creates it.
Lists (doelgroepen, thema's, ...) are codes separated by ";"; gemeenten are CBS codes
(GM0014) or names; organisations are created by name when new.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypedDict

from django.db import transaction
from django.utils.text import slugify

from armoedemonitor.definitions import municipalities
from armoedemonitor.errors import InputError
from armoedemonitor.web.spreadsheet import neutral, restore

from .models import (
    Bewijsniveau,
    Intervention,
    InterventionSite,
    Organisation,
    OutcomeDomain,
    TargetGroup,
    Theme,
    WorkingElement,
)

COLUMNS = [
    "slug", "naam", "samenvatting_b1", "beschrijving", "doelen", "aanpak", "duur", "intensiteit",
    "doelgroepen", "themas", "uitkomstdomeinen", "werkzame_elementen",
    "eigenaar", "partners", "gemeenten", "contact",
    "kosten_band", "kosten_per_deelnemer_eur", "bewijsniveau", "effectonderzoek_loopt", "status",
]
REQUIRED = ["naam", "samenvatting_b1"]
Tag = TargetGroup | Theme | OutcomeDomain | WorkingElement
TAGS: dict[str, tuple[str, type[Tag]]] = {
    "doelgroepen": ("target_groups", TargetGroup),
    "themas": ("themes", Theme),
    "uitkomstdomeinen": ("outcome_domains", OutcomeDomain),
    "werkzame_elementen": ("working_elements", WorkingElement),
}
TEXT_FIELDS = ["naam", "samenvatting_b1", "beschrijving", "doelen", "aanpak", "duur", "intensiteit", "contact"]
YES = {"ja", "j", "yes", "true", "1", "waar"}
NO = {"nee", "n", "no", "false", "0", "onwaar", ""}


@dataclass
class ImportSummary:
    created: int
    updated: int


class ParsedRow(TypedDict):
    """One checked row, ready to write once every row has passed."""

    slug: str
    text: dict[str, str]
    tags: dict[str, list[str]]
    gemeenten: list[str]
    eigenaar: str
    partners: list[str]
    kosten_band: int | None
    kosten: Decimal | None
    bewijsniveau: str
    effectonderzoek_loopt: bool
    status: str


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as dicts of stripped strings, from .csv (UTF-8, ',' or ';') or .xlsx."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, filename)
    if name.endswith(".csv"):
        return _read_csv(data, filename)
    raise InputError([f"{filename}: kies een .csv- of .xlsx-bestand."])


def _read_csv(data: bytes, filename: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError([f"{filename}: het bestand is geen UTF-8-tekst (byte {err.start})."]) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{(k or "").strip(): restore((v or "").strip()) for k, v in row.items()} for row in reader]


def _read_xlsx(data: bytes, filename: str) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as err:  # openpyxl raises many kinds for a broken file
        raise InputError([f"{filename}: dit Excel-bestand kan niet worden gelezen ({err})."]) from None
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h or "").strip() for h in rows[0]]
    return [
        {h: restore(("" if v is None else str(v)).strip()) for h, v in zip(header, row, strict=False)}
        for row in rows[1:]
        if any(v not in (None, "") for v in row)
    ]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _gemeente_lookup() -> dict[str, str]:
    lookup = {}
    for code, gemeente in municipalities().items():
        lookup[code.lower()] = code
        lookup[gemeente.naam.lower()] = code
    return lookup


def import_inventory(data: bytes, filename: str) -> ImportSummary:
    rows = read_rows(data, filename)
    problems: list[str] = []
    header = set(rows[0]) if rows else set()
    if not rows:
        raise InputError([f"{filename}: het bestand heeft geen rijen met interventies."])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError([f"{filename}: kolom ontbreekt: {', '.join(missing)}."])
    unknown = sorted(header - set(COLUMNS))
    if unknown:
        problems.append(f"{filename}: onbekende kolom(men): {', '.join(unknown)}. Gebruik: {', '.join(COLUMNS)}.")

    known: dict[str, dict[str, Tag]] = {
        col: {o.code: o for o in model.objects.all()} for col, (_f, model) in TAGS.items()
    }
    gemeenten = _gemeente_lookup()
    levels = set(Bewijsniveau.values)
    statuses = set(Intervention.Status.values)
    parsed: list[ParsedRow] = []
    seen_slugs: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        def bad(column: str, message: str, number=number) -> None:
            problems.append(f"{filename}, rij {number}, kolom {column}: {message}")

        for column in REQUIRED:
            if not row.get(column):
                bad(column, "is leeg; dit veld is verplicht.")
        slug = row.get("slug") or slugify(row.get("naam", ""))[:120]
        if slug in seen_slugs:
            bad("slug", f"'{slug}' staat ook in rij {seen_slugs[slug]}.")
        seen_slugs[slug] = number
        tags: dict[str, list[str]] = {}
        for column in TAGS:
            codes = _split(row.get(column, ""))
            wrong = [c for c in codes if c not in known[column]]
            if wrong:
                bad(column, f"onbekende code(s) {', '.join(wrong)}; bekend zijn {', '.join(sorted(known[column]))}.")
            tags[column] = codes
        gemeente_codes = []
        for name in _split(row.get("gemeenten", "")):
            if name.lower() in gemeenten:
                gemeente_codes.append(gemeenten[name.lower()])
            else:
                bad("gemeenten", f"'{name}' is geen gemeente in Groningen of Drenthe.")
        band = row.get("kosten_band", "")
        kosten_band = None
        if band:
            if band.isdigit() and 1 <= int(band) <= 5:
                kosten_band = int(band)
            else:
                bad("kosten_band", f"'{band}' moet een heel getal van 1 tot en met 5 zijn (of leeg als onbekend).")
        cost = row.get("kosten_per_deelnemer_eur", "")
        kosten = None
        if cost:
            try:
                kosten = Decimal(cost.replace(".", "").replace(",", ".") if "," in cost else cost)
                if kosten < 0:
                    raise InvalidOperation
            except InvalidOperation:
                bad("kosten_per_deelnemer_eur", f"'{cost}' is geen bedrag (bijvoorbeeld 1250 of 1.250,50).")
        level = row.get("bewijsniveau", "") or Bewijsniveau.GEEN_BEOORDELING
        if level not in levels:
            bad("bewijsniveau", f"'{level}' is onbekend; kies uit {', '.join(Bewijsniveau.values)}.")
        running = row.get("effectonderzoek_loopt", "").lower()
        if running not in YES | NO:
            bad("effectonderzoek_loopt", f"'{running}' moet ja of nee zijn.")
        status = row.get("status", "") or Intervention.Status.CONCEPT
        if status not in statuses:
            bad("status", f"'{status}' is onbekend; kies uit {', '.join(statuses)}.")
        parsed.append({
            "slug": slug,
            "text": {f: row.get(f, "") for f in TEXT_FIELDS if f in row},
            "tags": tags,
            "gemeenten": gemeente_codes,
            "eigenaar": row.get("eigenaar", ""),
            "partners": _split(row.get("partners", "")),
            "kosten_band": kosten_band,
            "kosten": kosten,
            "bewijsniveau": level,
            "effectonderzoek_loopt": running in YES,
            "status": status,
        })
    if problems:
        raise InputError(problems)
    return _write(parsed, known)


@transaction.atomic
def _write(parsed: list[ParsedRow], known: dict[str, dict[str, Tag]]) -> ImportSummary:
    created = updated = 0
    for item in parsed:
        intervention = Intervention.objects.filter(slug=item["slug"]).first()
        if intervention is None:
            intervention = Intervention(slug=item["slug"])
            created += 1
        else:
            updated += 1
        for name, value in item["text"].items():
            setattr(intervention, name, value)
        intervention.kosten_band = item["kosten_band"]
        intervention.kosten_per_deelnemer_eur = item["kosten"]
        intervention.bewijsniveau = item["bewijsniveau"]
        intervention.effectonderzoek_loopt = item["effectonderzoek_loopt"]
        intervention.status = item["status"]
        intervention.eigenaar = _organisation(item["eigenaar"]) if item["eigenaar"] else None
        intervention.save()
        for column, (field_name, _model) in TAGS.items():
            getattr(intervention, field_name).set([known[column][c] for c in item["tags"][column]])
        intervention.partners.set([_organisation(n) for n in item["partners"]])
        intervention.sites.exclude(gemeente_code__in=item["gemeenten"]).delete()
        for code in item["gemeenten"]:
            InterventionSite.objects.get_or_create(intervention=intervention, gemeente_code=code)
    return ImportSummary(created=created, updated=updated)


def _organisation(naam: str) -> Organisation:
    return Organisation.objects.get_or_create(naam=naam)[0]


def export_rows(queryset=None) -> list[list[str]]:
    """Header plus one row per intervention, in the import format (round-trips)."""
    queryset = queryset if queryset is not None else Intervention.objects.all()
    rows = [COLUMNS]
    for i in queryset.select_related("eigenaar").prefetch_related(
        "target_groups", "themes", "outcome_domains", "working_elements", "partners", "sites"
    ):
        def codes(field_name, i=i):
            return ";".join(sorted(o.code for o in getattr(i, field_name).all()))

        rows.append([
            i.slug, i.naam, i.samenvatting_b1, i.beschrijving, i.doelen, i.aanpak, i.duur, i.intensiteit,
            codes("target_groups"), codes("themes"), codes("outcome_domains"), codes("working_elements"),
            i.eigenaar.naam if i.eigenaar else "", ";".join(sorted(p.naam for p in i.partners.all())),
            ";".join(i.gemeente_codes()), i.contact,
            "" if i.kosten_band is None else str(i.kosten_band),
            "" if i.kosten_per_deelnemer_eur is None else str(i.kosten_per_deelnemer_eur),
            i.bewijsniveau, "ja" if i.effectonderzoek_loopt else "nee", i.status,
        ])
    return rows


def export_csv(queryset=None) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([neutral(cell) for cell in row] for row in export_rows(queryset))
    return out.getvalue().encode("utf-8")


def export_xlsx(queryset=None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "interventies"
    for row in export_rows(queryset):
        sheet.append([neutral(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
