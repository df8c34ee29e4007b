"""The rules of an assessment round (docs/spec/web-model.md 4.2).

- assessors are invited in one perspective and need the matching role;
- nobody assesses an intervention of their own organisation;
- ratings stay hidden from other assessors until they submit (no anchoring);
- the spread is shown per perspective, side by side: counts per scale point, never a mean;
- a verdict per perspective needs the minimum number of submitted assessors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import (
    AssessmentRound,
    AssessorInvite,
    BestPracticeMembership,
    BestPracticeSet,
    Criterion,
    Framework,
    Intervention,
    Perspectief,
    Rating,
    Verdict,
)


def start_round(intervention: Intervention, framework: Framework, coordinator, *,
                min_professional: int = 2, min_ervaring: int = 2) -> AssessmentRound:
    if framework.status != Framework.Status.VASTGESTELD:
        raise ValidationError(_("Kies een vastgesteld toetsingskader."))
    return AssessmentRound.objects.create(
        intervention=intervention, framework=framework, coordinator=coordinator,
        min_professional=min_professional, min_ervaring=min_ervaring,
    )


def invite(round: AssessmentRound, user, perspectief: str, belangen_verklaring: str = "") -> AssessorInvite:
    if round.status == AssessmentRound.Status.BESLOTEN:
        raise ValidationError(_("Deze ronde is al afgesloten."))
    if not permissions.can_assess_as(user, perspectief):
        raise ValidationError(
            _("%(user)s heeft geen rol als beoordelaar (%(perspectief)s).")
            % {"user": user.get_username(), "perspectief": Perspectief(perspectief).label}
        )
    if permissions.is_stakeholder(user, round.intervention):
        raise ValidationError(
            _("%(user)s werkt bij een organisatie van deze interventie en mag haar niet beoordelen.")
            % {"user": user.get_username()}
        )
    if round.invites.filter(user=user).exists():
        raise ValidationError(_("%(user)s is al uitgenodigd.") % {"user": user.get_username()})
    return AssessorInvite.objects.create(
        round=round, user=user, perspectief=perspectief, belangen_verklaring=belangen_verklaring
    )


def criteria_for(invite: AssessorInvite) -> list[Criterion]:
    return [c for c in invite.round.framework.criteria.select_related("schaal") if c.applies_to(invite.perspectief)]


@dataclass
class Answer:
    score: int | None = None
    weet_niet: bool = False
    toelichting: str = ""


def save_ratings(invite: AssessorInvite, answers: dict[int, Answer], *, submit: bool) -> None:
    """Store answers (criterion id -> Answer). On submit, every required question needs
    a score or "weet ik niet", and extreme scores need a short explanation."""
    if invite.submitted:
        raise ValidationError(_("U heeft uw beoordeling al ingestuurd. U kunt hem niet meer veranderen."))
    if invite.round.status == AssessmentRound.Status.BESLOTEN:
        raise ValidationError(_("Deze ronde is al afgesloten."))
    errors: dict[str, str] = {}
    criteria = criteria_for(invite)
    for criterion in criteria:
        answer = answers.get(criterion.pk, Answer())
        values = criterion.schaal.values()
        if answer.score is not None and answer.score not in values:
            errors[criterion.code] = _("Kies een van de antwoorden.")
        elif answer.score is not None and answer.weet_niet:
            errors[criterion.code] = _("Kies een score of 'weet ik niet', niet allebei.")
        elif submit and criterion.verplicht and answer.score is None and not answer.weet_niet:
            errors[criterion.code] = _("Deze vraag moet u beantwoorden (of kies 'weet ik niet').")
        elif submit and answer.score in (min(values), max(values)) and not answer.toelichting.strip():
            errors[criterion.code] = _("Leg kort uit waarom u deze score geeft.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for criterion in criteria:
            answer = answers.get(criterion.pk, Answer())
            Rating.objects.update_or_create(
                invite=invite, criterion=criterion,
                defaults={"score": answer.score, "weet_niet": answer.weet_niet,
                          "toelichting": answer.toelichting.strip()},
            )
        if submit:
            invite.ingediend_op = timezone.now()
            invite.save(update_fields=["ingediend_op"])
            _advance(invite.round)


def _advance(round: AssessmentRound) -> None:
    """Once every perspective has its minimum of submissions, the round moves to talk."""
    if round.status == AssessmentRound.Status.OPEN and all(
        submitted_count(round, p) >= round.minimum(p) for p in Perspectief.values
    ):
        round.status = AssessmentRound.Status.IN_OVERLEG
        round.save(update_fields=["status"])


def submitted_count(round: AssessmentRound, perspectief: str) -> int:
    return round.invites.filter(perspectief=perspectief, ingediend_op__isnull=False).count()


def can_see_others(user, round: AssessmentRound) -> bool:
    """The team, and assessors who have submitted themselves, see submitted ratings."""
    if permissions.is_team(user):
        return True
    own = round.invites.filter(user=user).first() if user.is_authenticated else None
    return own is not None and own.submitted


@dataclass
class CriterionSpread:
    """Answers to one criterion in one perspective: counts per scale point, no mean."""

    criterion: Criterion
    perspectief: str
    counts: list[tuple[int, str, int]] = field(default_factory=list)  # (waarde, label, aantal)
    weet_niet: int = 0
    toelichtingen: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(n for _, _, n in self.counts)

    @property
    def range(self) -> tuple[int, int] | None:
        scores = [v for v, _, n in self.counts if n]
        return (min(scores), max(scores)) if scores else None

    @property
    def verdeeld(self) -> bool:
        """Disagreement worth discussing: answers at least two scale points apart."""
        r = self.range
        return r is not None and r[1] - r[0] >= 2


class SpreadRow(TypedDict):
    """One criterion with a cell per perspective (None where the question is not asked)."""

    criterion: Criterion
    perspectives: list[CriterionSpread | None]


def spread(round: AssessmentRound) -> list[SpreadRow]:
    """Per criterion, the spread of each perspective side by side (submitted ratings only)."""
    ratings = Rating.objects.filter(invite__round=round, invite__ingediend_op__isnull=False).select_related("invite")
    by_key: dict[tuple[int, str], list[Rating]] = {}
    for rating in ratings:
        by_key.setdefault((rating.criterion_id, rating.invite.perspectief), []).append(rating)
    rows: list[SpreadRow] = []
    for criterion in round.framework.criteria.select_related("schaal"):
        row: SpreadRow = {"criterion": criterion, "perspectives": []}
        for perspectief in Perspectief.values:
            if not criterion.applies_to(perspectief):
                row["perspectives"].append(None)
                continue
            given = by_key.get((criterion.pk, perspectief), [])
            cell = CriterionSpread(criterion, perspectief)
            for point in criterion.schaal.punten:
                cell.counts.append((point["waarde"], point["label"], sum(r.score == point["waarde"] for r in given)))
            cell.weet_niet = sum(r.weet_niet for r in given)
            cell.toelichtingen = [r.toelichting for r in given if r.toelichting]
            row["perspectives"].append(cell)
        rows.append(row)
    return rows


def record_verdict(round: AssessmentRound, perspectief: str, *, oordeel: str, motivering_b1: str,
                   geldig_tot: datetime.date, by, bewijsniveau: str = "", onder_voorbehoud: str = "") -> Verdict:
    needed = round.minimum(perspectief)
    have = submitted_count(round, perspectief)
    if have < needed:
        raise ValidationError(
            _("Voor een oordeel zijn minstens %(needed)d beoordelingen nodig van %(wie)s; er zijn er %(have)d.")
            % {"needed": needed, "have": have, "wie": Perspectief(perspectief).label.lower() + "s"}
        )
    if geldig_tot <= datetime.date.today():
        raise ValidationError({"geldig_tot": _("Kies een datum in de toekomst.")})
    if not motivering_b1.strip():
        raise ValidationError({"motivering_b1": _("Schrijf op waarom u tot dit oordeel komt.")})
    with transaction.atomic():
        verdict, _created = Verdict.objects.update_or_create(
            round=round, perspectief=perspectief,
            defaults={"oordeel": oordeel, "motivering_b1": motivering_b1.strip(), "geldig_tot": geldig_tot,
                      "bewijsniveau": bewijsniveau, "onder_voorbehoud": onder_voorbehoud,
                      "besloten_door": by, "besloten_op": timezone.now()},
        )
        if round.verdicts.count() == len(Perspectief.values):
            round.status = AssessmentRound.Status.BESLOTEN
            round.gesloten = timezone.now()
            round.save(update_fields=["status", "gesloten"])
    return verdict


def latest_verdicts(intervention: Intervention) -> dict[str, Verdict]:
    """The most recent verdict per perspective, for the register card and page."""
    result: dict[str, Verdict] = {}
    for verdict in Verdict.objects.filter(round__intervention=intervention).order_by("besloten_op"):
        result[verdict.perspectief] = verdict
    return result


def add_to_best_practices(intervention: Intervention, best_practice_set: BestPracticeSet, *,
                          reden: str, herzien_op: datetime.date) -> BestPracticeMembership:
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom deze interventie werkt.")})
    if herzien_op <= datetime.date.today():
        raise ValidationError({"herzien_op": _("Kies een datum in de toekomst.")})
    membership, _created = BestPracticeMembership.objects.update_or_create(
        set=best_practice_set, intervention=intervention,
        defaults={"reden": reden.strip(), "herzien_op": herzien_op},
    )
    return membership


def new_framework_version(framework: Framework) -> Framework:
    """Copy a framework with its criteria into the next concept version."""
    latest = Framework.objects.filter(naam=framework.naam).latest("versie")  # this framework is among them
    with transaction.atomic():
        copy = Framework.objects.create(naam=framework.naam, versie=latest.versie + 1,
                                        toelichting_b1=framework.toelichting_b1)
        for c in framework.criteria.all():
            Criterion.objects.create(framework=copy, code=c.code, vraag_b1=c.vraag_b1, uitleg=c.uitleg,
                                     volgorde=c.volgorde, perspectief=c.perspectief, schaal=c.schaal,
                                     verplicht=c.verplicht)
    return copy


def adopt_framework(framework: Framework) -> None:
    """Vaststellen: this version becomes the one to use; earlier adopted versions are replaced."""
    if not framework.criteria.exists():
        raise ValidationError(_("Een toetsingskader zonder vragen kan niet worden vastgesteld."))
    with transaction.atomic():
        for earlier in Framework.objects.filter(naam=framework.naam, status=Framework.Status.VASTGESTELD):
            earlier.status = Framework.Status.VERVANGEN
            earlier.save()  # one by one, so the history records the change
        framework.status = Framework.Status.VASTGESTELD
        framework.vastgesteld_op = datetime.date.today()
        framework.save()
