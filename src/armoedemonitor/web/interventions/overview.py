"""The 2022 picture from the data: interventions by evidence group and by target group,
and the target group x theme matrix that shows gaps.

The 2022 presentation counted "geen aanwijzingen", "eerste aanwijzingen", "effectstudies
lopen" and "sterke aanwijzingen". Here an intervention below eerste aanwijzingen with a
running effect study counts as "effectonderzoek loopt"; every other one counts under its
ladder level, and "nog niet beoordeeld" stays its own (unknown) group.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ZONDER_AANWIJZINGEN, Bewijsniveau, Intervention, TargetGroup, Theme

GROUPS = [
    ("geen_beoordeling", _("Nog niet beoordeeld")),
    ("geen_aanwijzingen", _("Geen aanwijzingen voor effect")),
    ("effectonderzoek_loopt", _("Effectonderzoek loopt")),
    (Bewijsniveau.EERSTE_AANWIJZINGEN.value, _("Eerste aanwijzingen")),
    (Bewijsniveau.GOEDE_AANWIJZINGEN.value, _("Goede aanwijzingen")),
    (Bewijsniveau.STERKE_AANWIJZINGEN.value, _("Sterke aanwijzingen")),
    (Bewijsniveau.NIET_EFFECTIEF.value, _("Niet effectief")),
    (Bewijsniveau.AVERECHTS.value, _("Averechts effect")),
]


def evidence_group(intervention: Intervention) -> str:
    if intervention.bewijsniveau in ZONDER_AANWIJZINGEN and intervention.effectonderzoek_loopt:
        return "effectonderzoek_loopt"
    if intervention.bewijsniveau == Bewijsniveau.GEEN_BEOORDELING:
        return "geen_beoordeling"
    if intervention.bewijsniveau in ZONDER_AANWIJZINGEN:
        return "geen_aanwijzingen"
    return intervention.bewijsniveau


@dataclass
class Bar:
    key: str
    label: str
    count: int
    share: float  # of all interventions counted, 0..1


def by_evidence(interventions) -> list[Bar]:
    interventions = list(interventions)
    total = len(interventions) or 1
    counts = {key: 0 for key, _label in GROUPS}
    for intervention in interventions:
        counts[evidence_group(intervention)] += 1
    return [Bar(key, str(label), counts[key], counts[key] / total) for key, label in GROUPS]


def by_target_group(interventions) -> list[Bar]:
    """An intervention for two target groups counts in both: shares do not add to 100%."""
    ids = [i.pk for i in interventions]
    total = len(ids) or 1
    bars = []
    for group in TargetGroup.objects.all():
        n = group.interventions.filter(pk__in=ids).count()
        bars.append(Bar(group.code, group.naam, n, n / total))
    return bars


def matrix(interventions) -> dict:
    """Counts per target group (rows) x theme (columns); zero cells are the gaps."""
    ids = {i.pk for i in interventions}
    themes = list(Theme.objects.all())
    rows = []
    for group in TargetGroup.objects.prefetch_related("interventions__themes"):
        mine = [i for i in group.interventions.all() if i.pk in ids]
        cells = [(theme, sum(1 for i in mine if theme in i.themes.all())) for theme in themes]
        rows.append({"group": group, "cells": cells})
    return {"themes": themes, "rows": rows}


@dataclass
class BarChart:
    """Horizontal bars as SVG geometry; the template draws it and a table beside it."""

    bars: list[Bar]
    width: int = 640
    label_width: int = 230
    bar_height: int = 26
    gap: int = 8

    @property
    def height(self) -> int:
        return len(self.bars) * (self.bar_height + self.gap) + self.gap

    def rows(self) -> list[dict]:
        largest = max((b.count for b in self.bars), default=0) or 1
        room = self.width - self.label_width - 50
        out = []
        for n, bar in enumerate(self.bars):
            y = self.gap + n * (self.bar_height + self.gap)
            length = round(room * bar.count / largest, 1)
            out.append({"bar": bar, "y": y, "text_y": y + self.bar_height * 0.7, "length": length,
                        "value_x": self.label_width + length + 6})
        return out
