"""Apply the progress maths to the database: actual values per period from approved
measurements (or from the current release, from a scheme's reach, or from a question of
a closed experience-survey wave), and statuses rolled up the goal tree."""

from datetime import date

from armoedemonitor.web.schemes.goals import linked_reach
from armoedemonitor.web.surveys.programme_values import survey_value

from ..models import IndicatorDefinition, Measurement, Node, NodeIndicator, Period
from .progress import (
    BESCHREVEN,
    GEEN_GEGEVENS,
    Progress,
    aggregate,
    expected_share,
    progress,
    status,
    worst,
)
from .release_values import release_values

Soort = IndicatorDefinition.Soort


def approved(ni: NodeIndicator, period: Period, category=None):
    """Approved measurements that count for ``period``: in it, or up to its end when the
    indicator is cumulative. With a category: only that category; without one: the
    reported totals if there are any, else all categories together."""
    rows = ni.measurements.filter(status=Measurement.Status.GOEDGEKEURD)
    if ni.definition.cumulatief:
        rows = rows.filter(period__eind__lte=period.eind)
    else:
        rows = rows.filter(period=period)
    if category is not None:
        rows = rows.filter(category=category)
    elif rows.filter(category=None).exists():
        # A reported total wins; otherwise the total is the aggregate of the parts
        # (per gemeente or doelgroep). Never both, which would count twice.
        rows = rows.filter(category=None)
    return list(rows.order_by("period__start", "aangemaakt"))


def actual_value(ni: NodeIndicator, period: Period, category=None) -> float | None:
    definition = ni.definition
    rows = approved(ni, period, category)
    if definition.soort == Soort.MIJLPAAL:
        if not rows:
            return None
        return 1.0 if any(r.mijlpaal_datum and r.mijlpaal_datum <= period.eind for r in rows) else 0.0
    return aggregate(
        [{"waarde": r.waarde, "teller": r.teller, "noemer": r.noemer} for r in rows],
        definition.aggregatie,
    )


def _baseline(ni):
    baseline = getattr(ni, "baseline", None)
    if ni.definition.soort == Soort.MIJLPAAL or baseline is None or baseline.geen_nulmeting:
        return 0.0, baseline.datum if baseline else None
    if baseline.waarde is not None:
        return baseline.waarde, baseline.datum
    if baseline.teller is not None and baseline.noemer:
        return 100 * baseline.teller / baseline.noemer, baseline.datum
    return None, baseline.datum


def counted_before(ni: NodeIndicator, period: Period, category=None) -> float | None:
    """What a cumulative count had reached before ``period`` began (None: nothing yet)."""
    earlier = Period.objects.filter(eind__lt=period.start).order_by("-eind").first()
    return actual_value(ni, earlier, category) if earlier else None


def indicator_progress(ni: NodeIndicator, period: Period, on: date | None = None,
                       category=None) -> Progress:
    """Progress of one indicator in ``period`` as seen on date ``on``.

    The status compares progress with where a straight path to the target is on that
    date (``expected_share``), never with the target alone. A target for the period
    runs over the period; otherwise the end target is due at its einddatum, on a line
    from the baseline date. A count that adds up over periods walks that line within
    this period, from what was counted before it began (else the baseline), so a count
    that starts in this phase is not held to a line drawn from an older baseline date:
    125 of 250 halfway through the phase is on course."""
    on = min(on or date.today(), period.eind)
    definition = ni.definition
    interval = ""
    if definition.soort == Soort.KWALITATIEF:
        rows = approved(ni, period, category)
        text = rows[-1].tekst if rows else ""
        return Progress(None, None, None, "", None, None, BESCHREVEN if text else GEEN_GEGEVENS, text)

    actual: float | None
    counted = False  # a count of approved measurements that adds up over periods
    survey = survey_value(definition, period.eind)
    if survey is not None:  # linked to a question of an experience survey (surveys app)
        if survey.value is None:
            return Progress(None, None, None, "", None, None, GEEN_GEGEVENS, survey.text)
        actual, interval = survey.value, survey.text
    elif definition.bron == IndicatorDefinition.Bron.RELEASE:
        values = release_values(definition, ni.node.gemeenten)
        if len(values) != 1 or values[0].suppressed:
            return Progress(None, None, None, "", None, None, GEEN_GEGEVENS,
                            str(values[0].display) if len(values) == 1 else "")
        actual = values[0].value
    elif hasattr(definition, "regeling_koppeling"):  # a scheme's reach (schemes app)
        actual = linked_reach(definition.regeling_koppeling)
        if actual is None:
            return Progress(None, None, None, "", None, None, GEEN_GEGEVENS)
    else:
        actual = actual_value(ni, period, category)
        counted = definition.cumulatief

    baseline, baseline_date = _baseline(ni)
    target, kind = ni.targets.filter(period=period, category=category).first(), "periode"
    if target is None:
        target, kind = ni.targets.filter(eind=True, category=category).first(), "eind"
    # Target.clean requires an einddatum on an end target; without one (saved past
    # validation) there is no line to compare with, so the same as no target.
    end = None if target is None else target.einddatum
    if target is None or baseline is None or (kind == "eind" and end is None):
        return Progress(actual, baseline, None, "", None, None, GEEN_GEGEVENS, interval)
    share = progress(baseline, target.waarde, actual, definition.richting)
    if kind == "periode" or end is None:
        expected = expected_share(period.start, period.eind, on)
    elif counted:
        before = counted_before(ni, period, category)
        start_share = None if before is None else progress(baseline, target.waarde, before, definition.richting)
        start = max(baseline_date or period.start, period.start)
        expected = expected_share(start, end, on, start_share or 0.0)
    else:
        expected = expected_share(baseline_date or period.start, end, on)
    return Progress(actual, baseline, target.waarde, kind, share, expected, status(share, expected), interval)


def node_statuses(period: Period, on: date | None = None) -> dict[int, str]:
    """Status per node: the worst of its own indicators and of its children."""
    own: dict[int, list[str]] = {}
    for ni in NodeIndicator.objects.select_related("definition", "node", "baseline"):
        own.setdefault(ni.node_id, []).append(indicator_progress(ni, period, on).status)
    children: dict[int | None, list[int]] = {}
    for node_id, parent_id in Node.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(node_id)
    result: dict[int, str] = {}

    def visit(node_id):
        statuses = own.get(node_id, []) + [visit(child) for child in children.get(node_id, [])]
        result[node_id] = worst(statuses)
        return result[node_id]

    for root in children.get(None, []):
        visit(root)
    return result


def current_period(on: date | None = None) -> Period | None:
    on = on or date.today()
    return (Period.objects.filter(start__lte=on, eind__gte=on).first()
            or Period.objects.filter(start__lte=on).order_by("-start").first()
            or Period.objects.order_by("start").first())
