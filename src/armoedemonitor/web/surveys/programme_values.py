"""Experience figures for the programme monitor: a goal-tree indicator linked to a
question (``IndicatorLink``) takes its value from the latest closed wave that asked it,
as a release-linked indicator takes its value from the current release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from armoedemonitor.report.formatting import nl_number

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
        if self.value is None:
            return _("Ervaringen uit %(wave)s: te weinig antwoorden voor een cijfer.") % {"wave": self.wave}
        return _("95%%-betrouwbaarheidsinterval %(low)s tot %(high)s%(unit)s · gewogen · %(wave)s") % {
            "low": nl_number(self.low, 1), "high": nl_number(self.high, 1),
            "unit": " %" if self.unit == "%" else "", "wave": self.wave}


def _wave_for(link: IndicatorLink, until: date | None) -> Wave | None:
    waves = Wave.objects.filter(status=Wave.Status.GESLOTEN, questionnaire__form_id=link.vragenlijst,
                                figures__vraag=link.vraag).distinct()
    if until is not None and waves.filter(eind__lte=until).exists():
        waves = waves.filter(eind__lte=until)
    return waves.order_by("-eind", "-pk").first()


def survey_value(definition, until: date | None = None, level: str = "totaal",
                 code: str = "totaal") -> SurveyValue | None:
    """None when the indicator is not linked to a question (or no wave closed yet)."""
    link = IndicatorLink.objects.filter(definition=definition).first()
    if link is None:
        return None
    wave = _wave_for(link, until)
    if wave is None:
        return None
    figure = Figure.objects.filter(wave=wave, vraag=link.vraag, gebiedsniveau=level, gebiedscode=code,
                                   groep=ALL).first()
    if figure is None:
        return None
    scale, unit = (100, "%") if figure.soort == "aandeel" else (1, "")
    if figure.waarde is None:
        return SurveyValue(None, None, None, None, wave.naam, unit)
    return SurveyValue(scale * figure.waarde, scale * figure.ondergrens, scale * figure.bovengrens, figure.n,
                       wave.naam, unit)


def municipal_values(code: str, until: date | None = None) -> list[dict]:
    """Every linked indicator for one gemeente, for its factsheet."""
    rows = []
    for link in IndicatorLink.objects.select_related("definition").order_by("definition__naam"):
        value = survey_value(link.definition, until, "gemeente", code)
        if value is None:
            continue
        rows.append({"naam": link.definition.naam, "value": value.value, "low": value.low, "high": value.high,
                     "eenheid": value.unit, "meting": value.wave})
    return rows


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

