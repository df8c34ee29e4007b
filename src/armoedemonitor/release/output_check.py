"""OUTPUT_CHECK.md: the report a CBS output checker follows to approve a release.

Plain Dutch, and published with the release, so it never shows a suppressed value: only
which cells are hidden and why, and what the audit found.
"""

from __future__ import annotations

import pandas as pd

from armoedemonitor.disclosure.linked import LINKS
from armoedemonitor.disclosure.primary import PUBLIC_REASON_TEXT
from armoedemonitor.disclosure.rules import Rules
from armoedemonitor.numbers import format_number


def _number(value: float) -> str:
    """Whole numbers without decimals, others with one: 1.234 and 1.234,5."""
    if value == float("inf"):
        return "onbegrensd"
    return format_number(value, 0 if value == int(value) else 1)


def _cell(value: str) -> str:
    return value.replace("|", "/") if value else "–"


def output_check(release_id: str, table: pd.DataFrame, rules: Rules, protected, results: pd.DataFrame) -> str:
    audit = protected.audit
    counts = table["status"].value_counts()
    widths = [finding.width for finding in audit.findings]
    values = {key: rule.value for key, rule in rules.rules.items()}
    lines = [
        f"# Outputcontrole release {release_id}",
        "",
        "Dit verslag is voor de outputcontroleur van het CBS. Het zegt welke regels zijn",
        "toegepast, welke cijfers daarom zijn weggelaten, en wat de controle (audit) vond.",
        "Het verslag noemt nooit een weggelaten waarde.",
        "",
        "## Samenvatting",
        "",
        f"- Cijfers in de invoer: {_number(len(results))}",
        f"- Gepubliceerd, afgerond: {_number(counts.get('afgerond', 0))}",
        f"- Gepubliceerd, modelcijfer (niet afgerond): {_number(counts.get('ok', 0))}",
        f"- Weggelaten, primair (regel op de cel zelf): {_number(counts.get('primair', 0))}",
        f"- Weggelaten, secundair (om terugrekenen te voorkomen): {_number(counts.get('secundair', 0))}",
        f"- Audit: {'GESLAAGD' if audit.ok else 'AFGEKEURD'}",
        "",
        "## Regels",
        "",
        f"Regelbestand: `{rules.source}`",
        "",
        "| regel | waarde | wat het betekent | bron |",
        "|---|---|---|---|",
    ]
    for rule in rules.rules.values():
        lines.append(f"| {rule.key} | {rule.value} | {_cell(rule.uitleg)} | {_cell(rule.bron)} |")
    lines += [
        "",
        "## Hoe de cellen zijn gekozen",
        "",
        "1. **Primair.** Een cel valt weg als ze zelf een regel niet haalt. Redenen:",
        *[f"   - `{code}`: {text.format(**values)}" for code, text in PUBLIC_REASON_TEXT.items()],
        "2. **Secundair.** Cijfers hangen samen: gemeenten tellen op tot het totaal en tot hun",
        "   regioset, wijken tot hoogstens hun gemeente, buurten tot hoogstens hun wijk, en de",
        "   categorieën van een uitsplitsing tot het totaal van die uitsplitsing; dat geldt voor",
        "   tellers en noemers. Als in zo'n optelling maar één cijfer ontbreekt, valt er nog een",
        "   weg. Daarna rekent de audit (hieronder) uit hoe precies elk primair weggelaten cijfer",
        "   nog te bepalen is; is dat te precies, dan valt nog een cel uit dezelfde optelling weg.",
        f"   Kostenregel: eerst cellen met minstens {values['protection_width']} personen of huishoudens,",
        "   daarbinnen de kleinste n, dan het diepste niveau (buurt, wijk, gemeente, regioset,",
        "   totaal). Een weggelaten aandeel verliest teller, noemer en waarde samen.",
        "3. **Gekoppelde cijfers.** Sommige aantallen staan onder meer dan één indicator.",
        "   Valt zo'n cel weg bij de ene, dan valt de gekoppelde cel bij de andere ook weg",
        "   (reden `gekoppeld aan ...`):",
    ]
    for (left, left_bd, left_cat), (right, right_bd, right_cat) in LINKS:
        where = "" if left_bd is None else f" (`{left_bd or 'geen'}`/`{left_cat or 'totaal'}` ~ `{right_bd}`/`{right_cat}`)"
        lines.append(f"   - `{left}` en `{right}`{where}")
    exceptions = protected.exceptions
    lines += [
        "4. **Afronden.** Tellers, noemers, aantallen en n worden afgerond op een veelvoud van",
        f"   {values['rounding_base']}; aandelen op {values['share_decimals']} decimalen. Modelcijfers worden alleen",
        "   als waarde gepubliceerd (zonder teller en noemer).",
        "",
        f"Optellingen die in de data niet precies kloppen: {len(exceptions)} (als ongelijkheid",
        "gebruikt of weggelaten; ze staan in datapackage.json onder `relation_exceptions`).",
        "",
        "## Audit",
        "",
        "De audit kijkt als een buitenstaander: weggelaten aantallen zijn onbekend maar niet",
        "negatief, en alle optellingen hierboven gelden. Bij het maken van de release kent die",
        "buitenstaander zelfs de precieze, niet-afgeronde gepubliceerde aantallen (strenger dan",
        "nodig). `armoedemonitor check` herhaalt de audit met alleen de release in de hand:",
        "gepubliceerde aantallen liggen dan binnen een halve afrondingsbasis van de echte waarde",
        "en aandelen binnen hun laatste decimaal. Voor elk primair weggelaten aantal zoekt de",
        "audit met lineair programmeren (HiGHS) de kleinst en grootst mogelijke waarde; het",
        "gemelde bereik is een ondergrens van het echte bereik. Eis: dat bereik is minstens",
        f"{values['protection_width']} breed. Beschermd worden: bij `klein` het aantal (of de noemer), bij",
        "`aandeel` de teller én de noemer min de teller.",
        "",
        "Hoe de audit snel blijft, zonder de eis lichter te maken: elke tabel (indicator en",
        "jaar) wordt apart gecontroleerd, twee tabellen tegelijk. Binnen een tabel krijgt elke",
        "samenhangende groep weggelaten cellen één rekenmodel, dat voor elk doel opnieuw wordt",
        "opgelost vanaf de vorige oplossing. Elke gevonden oplossing is een mogelijke invulling",
        "van de weggelaten cellen; liggen twee invullingen voor een cel minstens",
        f"{values['protection_width']} uit elkaar, dan is die cel bewezen beschermd. Eerst worden veel cellen",
        "tegelijk zo hoog mogelijk gezet (elk hooguit de eis boven zijn laagste waarde, zodat de",
        "ruimte over veel cellen verdeeld wordt); alleen cellen die dan nog niet bewezen zijn,",
        "krijgen een eigen berekening van hun grootste en kleinste waarde.",
        "",
        f"- Beschermde aantallen: {_number(len(audit.findings))}",
        f"- Lineaire programma's opgelost: {_number(audit.linear_programmes)} in {_number(round(audit.seconds, 1))} seconden",
        f"- Kleinste bereik: {_number(min(widths)) if widths else '–'} (eis: minstens {values['protection_width']})",
        f"- Te smal: {_number(len(audit.failures))}",
        f"- Uitkomst: {'GESLAAGD: geen weggelaten cijfer is terug te rekenen.' if audit.ok else 'AFGEKEURD.'}",
        "",
        "## Weggelaten cellen",
        "",
        "| indicator | jaar | niveau | gebied | uitsplitsing | categorie | status | reden |",
        "|---|---|---|---|---|---|---|---|",
    ]
    hidden = table[table["status"].isin(["primair", "secundair"])]
    for row in hidden.itertuples(index=False):
        reason = row.reden
        if row.status == "primair":
            reason = "; ".join(PUBLIC_REASON_TEXT[c].format(**values) for c in reason.split(",") if c)
        elif reason == "secundair":
            reason = "voorkomt terugrekenen van een ander weggelaten cijfer"
        lines.append(f"| {row.indicator} | {row.year} | {row.region_level} | {row.region_code} | "
                     f"{_cell(row.breakdown)} | {_cell(row.category)} | {row.status} | {reason} |")
    return "\n".join(lines) + "\n"
