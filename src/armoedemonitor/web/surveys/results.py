"""A wave's weights, figures and response overview on the database.

Weighting: raking to the wave's population margins (age group, sex, gemeente). A
respondent without a category that has a margin (no answer, or "anders" for sex, which
the population register does not count) cannot be raked and gets the mean weight of the
others. A margin category without any respondent is left out and the other categories
of that dimension are scaled to the same total; the wave records both as warnings.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from armoedemonitor.definitions import municipalities, region_sets
from armoedemonitor.errors import UserError

from .figures import ALL, Unit, wave_figures
from .models import Figure, Response, Wave
from .protection import thresholds
from .questions_form import localized
from .weighting import rake

# A group is under-represented when its share of the respondents is below this part of
# its share of the population (a project choice; see the wave overview).
UNDER_REPRESENTED = 0.75


def margins_of(wave: Wave) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for margin in wave.margins.all():
        result.setdefault(margin.dimensie, {})[margin.categorie] = float(margin.aantal)
    return result


def weights(responses: list[Response], margins: dict[str, dict[str, float]]) -> tuple[list[float], list[str]]:
    """Raked weights (mean 1) and warnings, in plain Dutch."""
    if not responses:
        return [], []
    if not margins:
        return [1.0] * len(responses), [_("Niet gewogen: er zijn geen bevolkingsaantallen ingevuld.")]
    warnings = []
    units = [{d: getattr(r, d) for d in margins} for r in responses]
    usable = [i for i, unit in enumerate(units) if all(unit[d] in margins[d] for d in margins)]
    if len(usable) < len(units):
        warnings.append(_("%(n)s antwoorden hebben geen leeftijdsgroep, geslacht of gemeente met een "
                          "bevolkingsaantal; zij krijgen het gemiddelde gewicht.") % {"n": len(units) - len(usable)})
    fitted = {}
    for dimension, totals in margins.items():
        present = {units[i][dimension] for i in usable}
        missing = sorted(c for c in totals if c not in present)
        if missing:
            warnings.append(_("Geen antwoorden uit %(cats)s (%(dim)s): daarop is niet gewogen.") % {
                "cats": ", ".join(missing), "dim": dimension})
        kept = {c: v for c, v in totals.items() if c in present}
        scale = sum(totals.values()) / sum(kept.values()) if kept else 0
        fitted[dimension] = {c: v * scale for c, v in kept.items()}
    if not usable:
        return [1.0] * len(responses), warnings
    raked = rake([units[i] for i in usable], fitted)
    average = sum(raked) / len(raked)
    result = [1.0] * len(responses)
    for i, w in zip(usable, raked, strict=True):
        result[i] = w / average
    return result, warnings


def units_of(wave: Wave, responses: list[Response], weight_list: list[float]) -> list[Unit]:
    return [Unit(r.gemeente, r.wijk, r.doelgroep, w, r.answers) for r, w in zip(responses, weight_list, strict=True)]


@transaction.atomic
def close_wave(wave: Wave) -> int:
    """Weigh, compute and store the figures, and close the wave. Returns the number of
    published figures."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if not wave.is_open:
        raise UserError(_("Deze ronde is al gesloten."))
    responses = list(wave.responses.order_by("pk"))
    weight_list, warnings = weights(responses, margins_of(wave))
    min_n, min_sides = thresholds()
    cells = wave_figures(units_of(wave, responses, weight_list), wave.questionnaire.questions,
                         wave.gemeenten, min_n, min_sides)
    Figure.objects.bulk_create([
        Figure(wave=wave, vraag=c.question, soort=c.kind, gebiedsniveau=c.level, gebiedscode=c.code, groep=c.group,
               n=c.n if c.status == "ok" else None, waarde=c.value, ondergrens=c.low, bovengrens=c.high,
               status=c.status)
        for c in cells
    ])
    wave.status, wave.gesloten_op = Wave.Status.GESLOTEN, timezone.now()
    wave.weging = {"methode": "raking" if wave.margins.exists() else "ongewogen",
                   "marges": margins_of(wave), "waarschuwingen": warnings,
                   "antwoorden": len(responses), "min_n": min_n, "min_n_share_sides": min_sides}
    wave.save()
    return sum(1 for c in cells if c.status == "ok")


def area_name(level: str, code: str, wave: Wave | None = None) -> str:
    if level == "totaal":
        return _("Hele gebied van de meting")
    if level == "gemeente" and code in municipalities():
        return municipalities()[code].naam
    if level == "regioset" and code in region_sets():
        return region_sets()[code].naam
    return code


def response_overview(wave: Wave) -> dict:
    """Counts per gemeente, group, age group and sex, with the population share where a
    margin exists and whether the group is under-represented."""
    responses = wave.responses.all()
    total = responses.count()
    margins = margins_of(wave)
    questionnaire = wave.questionnaire
    blocks: list[dict] = []
    for dimension, title in (("gemeente", _("Gemeente")), ("doelgroep", _("Doelgroep")),
                             ("leeftijdsgroep", _("Leeftijdsgroep")), ("geslacht", _("Geslacht"))):
        counts = Counter(responses.values_list(dimension, flat=True))
        question = questionnaire.question(dimension)
        labels = {c["name"]: localized(c, "label") for c in question["choices"]} if question else {}
        categories = list(labels) if labels else sorted(c for c in counts if c)
        if dimension == "gemeente" and wave.gemeenten:
            categories = [c for c in categories if c in wave.gemeenten]
        population = margins.get(dimension, {})
        population_total = sum(population.values())
        rows = []
        for category in categories + ([""] if counts.get("") else []):
            count = counts.get(category, 0)
            share = count / total if total else None
            expected = population[category] / population_total if category in population and population_total else None
            rows.append({
                "naam": labels.get(category, category) or _("niet ingevuld"), "aantal": count,
                "aandeel": share, "bevolking": expected,
                "te_weinig": bool(share is not None and expected and share < UNDER_REPRESENTED * expected),
            })
        blocks.append({"dimensie": dimension, "titel": title, "rijen": rows})
    channels = Counter(responses.values_list("kanaal", flat=True))
    return {
        "totaal": total, "streef": wave.streef_aantal,
        "procent": min(100, round(100 * total / wave.streef_aantal)) if wave.streef_aantal else None,
        "blokken": blocks,
        "kanalen": [(label, channels.get(value, 0)) for value, label in Response.Kanaal.choices],
        "ondervertegenwoordigd": [r["naam"] for b in blocks for r in b["rijen"] if r["te_weinig"]],
    }


def wave_table(wave: Wave) -> list[dict]:
    """The stored figures of a closed wave for pages and downloads."""
    labels = {q["name"]: localized(q, "label") for q in wave.questionnaire.questions}
    groups = {}
    question = wave.questionnaire.question("doelgroep")
    if question:
        groups = {c["name"]: localized(c, "label") for c in question["choices"]}
    return [{
        "vraag": f.vraag, "vraagtekst": labels.get(f.vraag, f.vraag), "soort": f.soort,
        "gebiedsniveau": f.gebiedsniveau, "gebiedscode": f.gebiedscode,
        "gebied": area_name(f.gebiedsniveau, f.gebiedscode), "groep": f.groep,
        "groepnaam": groups.get(f.groep, f.groep) if f.groep != ALL else _("iedereen"),
        "waarde": f.waarde, "ondergrens": f.ondergrens, "bovengrens": f.bovengrens, "n": f.n, "status": f.status,
    } for f in wave.figures.all()]
