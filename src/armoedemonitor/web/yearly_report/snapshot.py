"""Build the frozen snapshot of a yearly report: plain JSON, so a published report can
be rendered again years later and look exactly the same."""

from datetime import date

from django.utils import timezone, translation

from armoedemonitor.definitions import municipalities, region_sets
from armoedemonitor.errors import UserError
from armoedemonitor.web.dashboard import figures as release_figures
from armoedemonitor.web.interventions.assessment import latest_verdicts
from armoedemonitor.web.interventions.models import BestPracticeMembership, Intervention
from armoedemonitor.web.programme.models import (
    Action,
    Category,
    IndicatorDefinition,
    Insight,
    LearningAgenda,
    Node,
    NodeIndicator,
    Period,
    PlanItem,
    Session,
)
from armoedemonitor.web.programme.services.monitor import indicator_progress, node_statuses
from armoedemonitor.web.programme.services.progress import STATUS_LABELS
from armoedemonitor.web.programme.services.release_values import release_values
from armoedemonitor.web.releases.models import Release
from armoedemonitor.web.schemes.factsheet import factsheet_rows
from armoedemonitor.web.surveys.programme_values import municipal_values

# The trend table per gemeente: the ambition's headline shares, low income among all
# persons and among children (more columns would not fit a printed page).
TREND_INDICATORS = ("laag_inkomen_personen", "laag_inkomen_minderjarigen")


def periods_of(jaar: int):
    """The periods a report covers: those starting in its year (faseplan years run
    August to August, so 2025 means 2025-2026)."""
    return list(Period.objects.filter(start__year=jaar).order_by("start"))


def _indicator_row(ni: NodeIndicator, period: Period, peildatum: date) -> dict:
    p = indicator_progress(ni, period, peildatum)
    definition = ni.definition
    return {
        "node_code": ni.node.code, "node_titel": ni.node.titel, "code": definition.code,
        "naam": definition.naam, "eenheid": definition.eenheid, "soort": definition.soort,
        "richting": definition.get_richting_display(), "bron": definition.bron, "periode": period.naam,
        "baseline": p.baseline, "target": p.target, "target_soort": p.target_kind, "actual": p.actual,
        "progress_pct": p.percent, "expected_pct": None if p.expected is None else round(100 * p.expected),
        "status": p.status, "status_label": str(p.label), "tekst": p.tekst,
        "decimalen": 1 if definition.soort == IndicatorDefinition.Soort.PERCENTAGE else 0,
    }


def _insight(insight: Insight) -> dict:
    return {"soort": insight.kind, "soort_label": insight.get_kind_display(), "tekst": insight.text_b1,
            "bron": insight.get_source_display(), "sessie": insight.session.titel,
            "datum": insight.session.datum.isoformat()}


def _action(action: Action) -> dict:
    return {"omschrijving": action.omschrijving, "eigenaar": action.eigenaar,
            "deadline": action.deadline.isoformat() if action.deadline else None,
            "status": action.get_status_display(), "voor_jaarplan": action.voor_jaarplan,
            "leidt_tot": str(action.leads_to_node) if action.leads_to_node else ""}


def _goal_of_learning(nodes) -> set[int | None]:
    goals: set[int | None] = set()
    for node in nodes:
        goal = node.strategic_goal()
        if goal:
            goals.add(goal.pk)
    return goals


def _goals_by_node() -> dict[int, int | None]:
    """Node id -> id of the strategic goal above it (one walk over the small tree)."""
    parents = dict(Node.objects.values_list("id", "parent_id"))
    goals = set(Node.objects.filter(soort=Node.Soort.STRATEGISCH_DOEL).values_list("id", flat=True))
    result: dict[int, int | None] = {}
    for node_id in parents:
        current: int | None = node_id
        while current is not None and current not in goals:
            current = parents.get(current)
        result[node_id] = current
    return result


def _release_block(definitions, gemeenten=()) -> list[dict]:
    block = []
    for definition in definitions:
        values = release_values(definition, gemeenten)
        block.append({
            "code": definition.code, "naam": definition.naam, "uitleg": definition.uitleg_b1,
            "eenheid": definition.eenheid,
            "waarden": [{"regio": v.region_naam, "jaar": v.year, "value": None if v.suppressed else v.value,
                         "te_weinig_gegevens": v.suppressed} for v in values],
        })
    return block


def build_snapshot(jaar: int, peildatum: date, progress=None) -> dict:
    """The report's content; ``progress(done, total)`` hears how far the slow part is."""
    periods = periods_of(jaar)
    if not periods:
        raise UserError(f"Er is geen periode die begint in {jaar}: maak die eerst aan.")
    start, end = periods[0].start, periods[-1].eind
    period = periods[-1]
    statuses = node_statuses(period, peildatum)
    release = Release.current()
    ambitie = Node.objects.filter(parent=None).first()

    sessions = list(Session.objects.filter(datum__range=(start, min(end, peildatum))).prefetch_related(
        "nodes", "insights__nodes", "actions"))
    insights_by_goal: dict[int | None, list] = {}
    actions_by_goal: dict[int | None, list] = {}
    for session in sessions:
        for insight in session.insights.all():
            for goal_id in _goal_of_learning([*insight.nodes.all(), *session.nodes.all()]) or {None}:
                insights_by_goal.setdefault(goal_id, []).append(_insight(insight))
        for action in session.actions.all():
            linked = [*session.nodes.all(), *(action.insight.nodes.all() if action.insight else [])]
            for goal_id in _goal_of_learning(linked) or {None}:
                actions_by_goal.setdefault(goal_id, []).append(_action(action))

    indicators = list(NodeIndicator.objects.select_related("node", "definition").order_by("node__code", "volgorde"))
    plan_items = list(PlanItem.objects.filter(plan__jaar=jaar).select_related("node"))
    goal_of = _goals_by_node()
    doelen = []
    for goal in Node.objects.filter(soort=Node.Soort.STRATEGISCH_DOEL).order_by("volgorde", "code"):
        def under(node, goal=goal):
            return goal_of.get(node.pk) == goal.pk

        doelen.append({
            "code": goal.code, "titel": goal.titel, "omschrijving": goal.omschrijving_b1,
            "status": statuses.get(goal.pk, "geen_gegevens"),
            "status_label": str(STATUS_LABELS[statuses.get(goal.pk, "geen_gegevens")]),
            "gepland": [{"code": item.node.code, "titel": item.node.titel, "soort": item.node.get_soort_display(),
                         "status": item.node.get_status_display(),
                         "voortgang": str(STATUS_LABELS[statuses.get(item.node.pk, "geen_gegevens")])}
                        for item in plan_items if under(item.node)],
            "indicatoren": [_indicator_row(ni, period, peildatum) for ni in indicators
                            if under(ni.node) and ni.definition.bron == IndicatorDefinition.Bron.HANDMATIG],
            "geleerd": insights_by_goal.get(goal.pk, []),
            "veranderingen": actions_by_goal.get(goal.pk, []),
        })

    poverty = IndicatorDefinition.objects.filter(bron=IndicatorDefinition.Bron.RELEASE).order_by("naam")
    gemeenten = {}
    experiences = municipal_values(period.eind)
    for done, code in enumerate(municipalities()):  # every gemeente in Groningen and Drenthe gets a factsheet
        if progress:
            progress(done, len(municipalities()))
        municipal = [_municipal_definition(d) for d in poverty]
        nodes = [n for n in Node.objects.all() if code in n.gemeenten]
        gemeenten[code] = {
            "naam": municipalities()[code].naam,
            "armoede": _release_block(municipal, [code]),
            "onderdelen": [{"code": n.code, "titel": n.titel, "soort": n.get_soort_display(),
                            "voortgang": str(STATUS_LABELS[statuses.get(n.pk, "geen_gegevens")])} for n in nodes],
            "metingen": _municipal_measurements(indicators, period, peildatum, code),
            "regelingen": factsheet_rows(code),
            "ervaringen": experiences.get(code, []),
        }

    return {
        "jaar": jaar, "peildatum": peildatum.isoformat(), "gemaakt_op": timezone.now().isoformat(),
        "periodes": [p.naam for p in periods],
        "ambitie": ambitie.titel if ambitie else "",
        "ambitie_status": str(STATUS_LABELS[statuses.get(ambitie.pk, "geen_gegevens")]) if ambitie else "",
        "release": {"naam": release.name, "versie": release.version} if release else None,
        "doelen": doelen,
        "algemeen": {"geleerd": insights_by_goal.get(None, []), "veranderingen": actions_by_goal.get(None, [])},
        "armoedebeeld": _release_block(poverty),
        "trends_per_gemeente": _municipal_trends(release),
        "gemeenten": gemeenten,
        "interventies": _interventions(range(start.year, end.year + 1)),
        "sessies": [{"datum": s.datum.isoformat(), "soort": s.get_soort_display(), "titel": s.titel,
                     "deelnemers": s.aantal_deelnemers, "ervaringsdeskundigen": s.aantal_ervaringsdeskundigen,
                     "inzichten": s.insights.count(), "acties": s.actions.count()} for s in sessions],
        "leeragenda": [{"naam": str(a), "vragen": [{"tekst": q.tekst, "status": q.get_status_display()}
                                                   for q in a.vragen.all()]}
                       for a in LearningAgenda.objects.filter(jaar=jaar)],
    }


def _municipal_trends(release: Release | None) -> list[dict]:
    """Per headline share, each gemeente of the programme's region in every year the
    release has. A hidden year keeps its status and reason, so it never reads as 0;
    words are Dutch like the rest of the report, whatever language the builder uses."""
    if release is None:
        return []
    codes = region_sets()[release_figures.MAIN_SET].gemeenten
    blocks = []
    with translation.override("nl"):
        known = release_figures.indicators(release)
        for indicator in (known[code] for code in TREND_INDICATORS if code in known):
            trends = {code: {f.year: f for f in release_figures.trend(release, indicator, "gemeente", code)}
                      for code in codes}
            years = sorted({year for trend in trends.values() for year in trend})
            if not years:
                continue
            rows = [{"naam": municipalities()[code].naam,
                     "cijfers": [_trend_cell(trend.get(year)) for year in years]}
                    for code, trend in sorted(trends.items(), key=lambda item: municipalities()[item[0]].naam)]
            blocks.append({"code": indicator.id, "naam": indicator.naam, "jaren": years, "gemeenten": rows})
    return blocks


def _trend_cell(figure) -> dict:
    """A share as a percentage (like the rest of the snapshot), or why there is none."""
    if figure is None:
        return {"value": None, "status": "", "reden": ""}
    value = None if figure.value is None else 100 * figure.value
    return {"value": value, "status": figure.status, "reden": "" if value is not None else figure.reason}


def _interventions(years) -> list[dict]:
    """Published interventions with the latest verdict per perspective and whether they
    are in a set of werkende interventies of the years the report covers."""
    working = set(BestPracticeMembership.objects.filter(set__jaar__in=list(years)).values_list(
        "intervention_id", flat=True))
    rows = []
    for intervention in Intervention.objects.filter(status=Intervention.Status.GEPUBLICEERD).order_by("naam"):
        verdicts = latest_verdicts(intervention)
        rows.append({
            "naam": intervention.naam, "bewijsniveau": intervention.get_bewijsniveau_display(),
            "oordeel_professionals": (
                verdicts["professional"].get_oordeel_display() if "professional" in verdicts else ""
            ),
            "oordeel_ervaringsdeskundigen": (
                verdicts["ervaring"].get_oordeel_display() if "ervaring" in verdicts else ""
            ),
            "werkend": intervention.pk in working,
        })
    return rows


def _municipal_definition(definition):
    """The same release indicator, at gemeente level (for a factsheet)."""
    clone = IndicatorDefinition(code=definition.code, naam=definition.naam, uitleg_b1=definition.uitleg_b1,
                                eenheid=definition.eenheid, soort=definition.soort, bron=definition.bron,
                                release_indicator=definition.release_indicator,
                                release_selectie={**definition.release_selectie, "region_level": "gemeente",
                                                  "region_codes": []})
    return clone


def _municipal_measurements(indicators, period, peildatum, code) -> list[dict]:
    rows = []
    for ni in indicators:
        if ni.definition.bron != IndicatorDefinition.Bron.HANDMATIG:
            continue
        category = ni.measurements.filter(category__dimension__code="gemeente", category__code=code).values_list(
            "category", flat=True).first()
        if category is None:
            continue
        p = indicator_progress(ni, period, peildatum, category=Category.objects.get(pk=category))
        rows.append({"naam": ni.definition.naam, "eenheid": ni.definition.eenheid, "actual": p.actual})
    return rows
