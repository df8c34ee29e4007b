"""Experience figures for the programme monitor: a goal-tree indicator linked to a
question (``IndicatorLink``) takes its value from the latest closed wave that asked it,
as a release-linked indicator takes its value from the current release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from armoedemonitor.numbers import format_number

from .figures import ALL, kind_of, published_questions
from .models import Figure, IndicatorLink, Wave


@dataclass(frozen=True)
class SurveyValue:
    value: float | None  # percentage (0-100) for a share, the mean otherwise; None when hidden
    low: float | None
    high: float | None
    n: int | None
    wave: str
    unit: str

    @property
    def text(self) -> str:
        """The interval and where the figure comes from, in words."""
        if self.value is None or self.low is None or self.high is None:
            return _("Ervaringen uit %(wave)s: te weinig antwoorden voor een cijfer.") % {"wave": self.wave}
        return _("95%%-betrouwbaarheidsinterval %(low)s tot %(high)s%(unit)s · gewogen · %(wave)s") % {
            "low": format_number(self.low, 1), "high": format_number(self.high, 1),
            "unit": " %" if self.unit == "%" else "", "wave": self.wave}


def _figure(figures: list[Figure], until: date | None) -> Figure | None:
    """The figure of the latest wave, preferring waves that ended by ``until``."""
    if until is not None and any(f.wave.eind <= until for f in figures):
        figures = [f for f in figures if f.wave.eind <= until]
    return max(figures, key=lambda f: (f.wave.eind, f.wave.pk), default=None)


def _published(link: IndicatorLink, level: str):
    return Figure.objects.filter(wave__status=Wave.Status.GESLOTEN, wave__questionnaire__form_id=link.vragenlijst,
                                 vraag=link.vraag, gebiedsniveau=level, groep=ALL).select_related("wave")


def _value(figure: Figure) -> SurveyValue:
    scale, unit = (100, "%") if figure.soort == "aandeel" else (1, "")
    if figure.waarde is None or figure.ondergrens is None or figure.bovengrens is None:
        return SurveyValue(None, None, None, None, figure.wave.naam, unit)
    return SurveyValue(scale * figure.waarde, scale * figure.ondergrens, scale * figure.bovengrens, figure.n,
                       figure.wave.naam, unit)


def survey_value(definition, until: date | None = None) -> SurveyValue | None:
    """The whole-area figure; None when the indicator is not linked to a question (or no
    wave that asked it has closed)."""
    link = IndicatorLink.objects.filter(definition=definition).first()
    if link is None:
        return None
    figure = _figure(list(_published(link, "totaal")), until)
    return None if figure is None else _value(figure)


def municipal_values(until: date | None = None) -> dict[str, list[dict]]:
    """Per gemeente, every linked indicator from the same wave as the whole-area figure
    (for the factsheets)."""
    result: dict[str, list[dict]] = {}
    for link in IndicatorLink.objects.select_related("definition").order_by("definition__naam"):
        whole = _figure(list(_published(link, "totaal")), until)
        if whole is None:
            continue
        for figure in _published(link, "gemeente").filter(wave=whole.wave):
            value = _value(figure)
            result.setdefault(figure.gebiedscode, []).append({
                "naam": link.definition.naam, "value": value.value, "low": value.low, "high": value.high,
                "eenheid": value.unit, "meting": value.wave})
    return result


@transaction.atomic
def link_to_goal_tree(wave: Wave) -> list[str]:
    """For every published question with a ``doelenboom`` code: an indicator on that node
    whose value comes from the question. Returns the node codes linked; existing links stay."""
    from armoedemonitor.web.programme.models import IndicatorDefinition, Node, NodeIndicator

    linked = []
    form_id = wave.questionnaire.form_id
    for question in published_questions(wave.questionnaire.questions):
        node = Node.objects.filter(code=question["node_code"]).first() if question["node_code"] else None
        if node is None:
            continue
        share = kind_of(question) == "aandeel"
        positive = [c["label"] for c in question["choices"] if c["name"] in question["positive"]]
        definition, _created = IndicatorDefinition.objects.get_or_create(
            code=f"ervaring-{form_id}-{question['name']}".replace("_", "-")[:80],
            defaults={
                "naam": question["label"][:200],
                "uitleg_b1": (_("Uit de vragenlijst: hoeveel procent antwoordt %(answers)s.")
                              % {"answers": " of ".join(f"'{p}'" for p in positive)}) if share
                else _("Uit de vragenlijst: het gemiddelde antwoord."),
                "soort": IndicatorDefinition.Soort.PERCENTAGE if share else IndicatorDefinition.Soort.AANTAL,
                "eenheid": "%" if share else _("gemiddeld"),
                "aggregatie": IndicatorDefinition.Aggregatie.LAATSTE,
                "richting": question.get("direction", "hoger_beter"),
                "technische_definitie": question["source"],
            })
        IndicatorLink.objects.get_or_create(definition=definition, defaults={"vragenlijst": form_id,
                                                                             "vraag": question["name"]})
        NodeIndicator.objects.get_or_create(node=node, definition=definition)
        linked.append(node.code)
    return linked

