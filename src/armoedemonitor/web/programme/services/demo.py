"""Load the real goal tree of the faseplan 2025-2026 (fixtures/faseplan_2025_2026.json).

Idempotent: nodes, indicators and periods are matched on their code or name, so
running it twice leaves the same data. No measurements are invented: progress shows
"geen gegevens" until the team enters them."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from armoedemonitor.definitions import municipalities

from ..models import (
    AnnualPlan,
    Baseline,
    Category,
    DisaggregationDimension,
    Experiment,
    IndicatorDefinition,
    Node,
    NodeIndicator,
    Period,
    PlanItem,
    Target,
    Werkgroep,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "faseplan_2025_2026.json"
NODE_FIELDS = ("titel", "omschrijving_b1", "status", "gemeenten", "eigenaar", "trekkers")


@transaction.atomic
def load_faseplan(path: Path = FIXTURE) -> dict[str, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    periods = {
        p["naam"]: Period.objects.update_or_create(naam=p["naam"], defaults={
            "soort": p["soort"], "start": date.fromisoformat(p["start"]), "eind": date.fromisoformat(p["eind"])})[0]
        for p in data["periodes"]
    }
    period = next(iter(periods.values()))
    for i, naam in enumerate(data["werkgroepen"], start=1):
        Werkgroep.objects.update_or_create(naam=naam, defaults={"volgorde": i})
    gemeente = DisaggregationDimension.objects.update_or_create(code="gemeente", defaults={"naam": "Gemeente"})[0]
    for code, m in municipalities().items():
        Category.objects.update_or_create(dimension=gemeente, code=code, defaults={"naam": m.naam})
    doelgroep = DisaggregationDimension.objects.update_or_create(code="doelgroep", defaults={"naam": "Doelgroep"})[0]
    for code, naam in data["doelgroepen"].items():
        Category.objects.update_or_create(dimension=doelgroep, code=code, defaults={"naam": naam})
    definitions = {}
    for spec in data["indicatoren"]:
        fields = {k: v for k, v in spec.items() if k != "code"}
        definitions[spec["code"]] = IndicatorDefinition.objects.update_or_create(code=spec["code"], defaults=fields)[0]
    plan = AnnualPlan.objects.update_or_create(jaar=data["jaarplan"]["jaar"])[0]

    counts = {"nodes": 0, "indicators": 0}

    def add(spec, parent, volgorde):
        node = Node.objects.filter(code=spec["code"]).first() or Node(code=spec["code"])
        node.parent, node.soort, node.volgorde = parent, spec["soort"], volgorde
        for field in NODE_FIELDS:
            if field in spec:
                setattr(node, field, spec[field])
        node.prioriteitsjaren = [plan.jaar]
        node.save()
        counts["nodes"] += 1
        node.werkgroepen.set(Werkgroep.objects.filter(naam__in=spec.get("werkgroepen", [])))
        if "experiment" in spec:
            Experiment.objects.update_or_create(node=node, defaults=spec["experiment"])
        if node.soort in (Node.Soort.INSPANNING, Node.Soort.ACTIVITEIT, Node.Soort.EXPERIMENT):
            PlanItem.objects.update_or_create(plan=plan, node=node,
                                              defaults={"toelichting": data["jaarplan"]["toelichting"]})
        for i, ind in enumerate(spec.get("indicators", [])):
            add_indicator(node, ind, i)
        for i, child in enumerate(spec.get("children", [])):
            add(child, node, i)

    def add_indicator(node, ind, volgorde):
        ni = NodeIndicator.objects.update_or_create(node=node, definition=definitions[ind["code"]], defaults={
            "volgorde": volgorde, "kern_indicator": ind.get("kern", False)})[0]
        counts["indicators"] += 1
        base = ind.get("baseline") or {"geen_nulmeting": True, "datum": period.start.isoformat(),
                                       "toelichting": "Geen nulmeting: we tellen vanaf 0 in deze periode."}
        if definitions[ind["code"]].bron == IndicatorDefinition.Bron.HANDMATIG:
            Baseline.objects.update_or_create(node_indicator=ni,
                                              defaults={**base, "datum": date.fromisoformat(base["datum"])})
        if "periode" in ind:
            Target.objects.update_or_create(node_indicator=ni, period=period, category=None, defaults=ind["periode"])
        if "eind" in ind:
            end = ind["eind"]
            Target.objects.update_or_create(node_indicator=ni, eind=True, category=None, defaults={
                "waarde": end["waarde"], "einddatum": date.fromisoformat(end["einddatum"]),
                "toelichting": end["toelichting"]})

    add(data["doelenboom"], None, 0)
    return counts
