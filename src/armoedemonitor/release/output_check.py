"""OUTPUT_CHECK.md: the report a CBS output checker follows to approve a release.

Plain Dutch, and published with the release, so it never shows a suppressed value: only
which cells are hidden and why, and what the audit found.
"""

from __future__ import annotations

import pandas as pd

from armoedemonitor.disclosure.audit import AuditTotals
from armoedemonitor.disclosure.linked import LINKS, whole
from armoedemonitor.disclosure.primary import PUBLIC_REASON_TEXT
from armoedemonitor.disclosure.rules import Rules
from armoedemonitor.numbers import format_number
from armoedemonitor.results_table import RANGE_STATUS

SHARED_NAMES = {"numerator": "teller", "denominator": "noemer"}


def _number(value: float) -> str:
    """Whole numbers without decimals, others with one: 1.234 and 1.234,5."""
    if value == float("inf"):
        return "onbegrensd"
    return format_number(value, 0 if value == int(value) else 1)


def _cell(value: str) -> str:
    return value.replace("|", "/") if value else "–"


def _level_name(level: str) -> str:
    return level if level in ("totaal", "gemeente", "wijk", "buurt") else f"regioset {level}"


def _secondary_by_level(table: pd.DataFrame, results: pd.DataFrame) -> list[str]:
    """Rows of the per-level table: cells hidden secondarily (also those with a range)."""
    secondary = table["status"].isin(["secundair", RANGE_STATUS]).to_numpy()
    frame = pd.DataFrame({
        "level": table["region_level"].to_numpy()[secondary],
        "range": (table["status"] == RANGE_STATUS).to_numpy()[secondary],
        "n": results["n"].to_numpy(dtype="float64")[secondary],
    })
    order = {"totaal": 0, "gemeente": 2, "wijk": 3, "buurt": 4}
    lines = []
    for level, group in sorted(frame.groupby("level"), key=lambda item: (order.get(item[0], 1), item[0])):
        persons = round(group["n"].sum() / 1000) * 1000
        lines.append(f"   | {_level_name(level)} | {_number(len(group))} | {_number(int(group['range'].sum()))} | "
                     f"{_number(persons) if persons else 'minder dan 500'} |")
    return lines or ["   | – | 0 | 0 | 0 |"]


def output_check(release_id: str, table: pd.DataFrame, rules: Rules, protected, audit: AuditTotals,
                 results: pd.DataFrame) -> str:
    counts = table["status"].value_counts()
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
        f"- Secundair weggelaten, wel gepubliceerd als bereik (minder precies): {_number(counts.get(RANGE_STATUS, 0))}",
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
        "   tellers en noemers. Als in zo'n optelling maar één cijfer ontbreekt, of als de andere",
        f"   weggelaten cijfers samen minder dan {values['protection_width']} zijn, valt er nog een weg."
            " Daarna rekent de",
        "   audit (hieronder) uit hoe precies elk primair weggelaten cijfer nog te bepalen is. Is",
        "   dat te precies, dan zoekt de zoeker welke optellingen de grens bepalen en laat daar",
        "   nog een cel weg. Lukt dat niet meer, dan valt de hele tabel (indicator en jaar) weg:",
        "   een release wordt nooit geweigerd.",
        "   Kostenregel: eerst het diepste niveau (buurt, wijk, gemeente, regioset, totaal), zodat",
        "   een cel op een hoger niveau alleen wegvalt als geen cel op hetzelfde of een dieper",
        "   niveau kan beschermen; binnen een niveau eerst een categorie en dan pas het totaal",
        f"   van de uitsplitsing, dan cellen met minstens {values['protection_width']} personen of huishoudens, dan de",
        "   kleinste n. Een weggelaten aandeel verliest teller, noemer en waarde samen.",
        "   Secundair weggelaten per niveau (personen of huishoudens: de som van n over die",
        "   cellen, afgerond op duizendtallen; één persoon telt mee in elke cel waarin hij zit):",
        "",
        "   | niveau | cellen | waarvan bereik | personen of huishoudens (ca.) |",
        "   |---|---|---|---|",
        *_secondary_by_level(table, results),
        "",
        "3. **Gekoppelde cijfers.** Sommige aantallen staan onder meer dan één indicator. Is",
        "   het dezelfde cel (teller en noemer), dan vallen de twee samen weg (reden",
        "   `gekoppeld aan ...`). Delen ze één aantal, dan rekent de audit dat aantal als",
        "   bekend zolang de andere cel zelf de regels haalt; alleen als het zo niet veilig",
        "   te krijgen is, valt de andere cel ook weg:",
    ]
    for (left, left_bd, left_cat), (right, right_bd, right_cat), shared in LINKS:
        where = (
            "" if left_bd is None
            else f" (`{left_bd or 'geen'}`/`{left_cat or 'totaal'}` ~ `{right_bd}`/`{right_cat}`)"
        )
        what = "dezelfde cel" if whole(shared) else ", ".join(
            f"{SHARED_NAMES[a]} = {SHARED_NAMES[b]}" for a, b in shared
        )
        lines.append(f"   - `{left}` en `{right}`{where}: {what}")
    exceptions = protected.exceptions
    too_precise = (["   een primair weggelaten cijfer te precies terugrekenen, dan wordt het bereik"
                    f" {values['wide_range_width']} procentpunt",
                    "   breed (het smalle bereik valt erbinnen); is ook dat niet veilig, dan vervalt het. Niet voor"]
                   if values["wide_range_width"] else
                   ["   een primair weggelaten cijfer te precies terugrekenen, dan vervalt het. Niet voor"])
    lines += [
        "4. **Minder precies.** Een aandeel dat alleen secundair wegvalt (het haalt zelf alle",
        "   regels) wordt voor gemeenten, regiosets en het totaal als bereik gepubliceerd (status",
        f"   `bereik`), {values['range_width']} procentpunt breed, bijvoorbeeld 10 tot 15 %."
            " Het bereik telt in de audit",
        "   mee als extra gegeven (ondergrens × noemer ≤ teller ≤ bovengrens × noemer); laat het",
        *too_precise,
        "   cellen die om een koppeling wegvallen of een teller met een andere indicator delen:",
        "   die kent de audit maar onder één indicator tegelijk.",
        "5. **Afronden.** Tellers, noemers, aantallen en n worden afgerond op een veelvoud van",
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
        "krijgen een eigen berekening van hun grootste en kleinste waarde. Een bewijs blijft",
        "gelden als er daarna meer cellen wegvallen (meer weglaten maakt een bereik alleen",
        "breder). Daarom rekent de audit al tijdens het zoeken naar de weg te laten cellen met de",
        "bereiken van stap 4, en hergebruikt hij die bewijzen voor het uiteindelijke patroon. De",
        "tellingen hieronder gaan over alle berekeningen van die zoektocht.",
        "",
        f"- Beschermde aantallen: {_number(audit.quantities)}",
        f"- Lineaire programma's opgelost: {_number(audit.linear_programmes)}"
            f" in {_number(round(audit.seconds, 1))} seconden",
        # LP points carry float noise (a width of 9.9999999996 is 10): six decimals are plenty.
        f"- Kleinste bereik: {'–' if audit.smallest is None else _number(round(audit.smallest, 6))}"
        f" (eis: minstens {values['protection_width']})",
        f"- Te smal: {_number(audit.failures)}",
        f"- Uitkomst: {'GESLAAGD: geen weggelaten cijfer is terug te rekenen.' if audit.ok else 'AFGEKEURD.'}",
        "",
        "## Weggelaten cellen",
        "",
        "| indicator | jaar | niveau | gebied | uitsplitsing | categorie | status | reden |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += _hidden_rows(table[table["status"].isin(["primair", "secundair"])], values)
    return "\n".join(lines) + "\n"


def _hidden_rows(hidden: pd.DataFrame, values: dict) -> list[str]:
    """One line per hidden cell. Reasons and breakdowns are few: each is written once and
    looked up (row by row, a million hidden cells took 17 s)."""

    def reason(status: str, reden: str) -> str:
        if status == "primair":
            return "; ".join(PUBLIC_REASON_TEXT[c].format(**values) for c in reden.split(",") if c)
        return "voorkomt terugrekenen van een ander weggelaten cijfer" if reden == "secundair" else reden

    columns = {name: hidden[name].to_numpy(dtype=object) for name in
               ("indicator", "year", "region_level", "region_code", "breakdown", "category", "status", "reden")}
    texts = {pair: reason(*pair) for pair in set(zip(columns["status"], columns["reden"], strict=True))}
    cells = {value: _cell(value) for value in set(columns["breakdown"]) | set(columns["category"])}
    return [f"| {indicator} | {year} | {level} | {code} | {cells[breakdown]} | {cells[category]} | {status} | "
            f"{texts[status, reden]} |"
            for indicator, year, level, code, breakdown, category, status, reden in zip(*columns.values(), strict=True)]
