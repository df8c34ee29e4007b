"""What a signed-in person has to do, gathered for their start page."""

from __future__ import annotations

from django.utils import timezone

from armoedemonitor.web.accounts.roles import is_programme_team
from armoedemonitor.web.interventions.models import AssessmentRound, AssessorInvite

from ..models import Action, Measurement, Report
from .workflow import can_enter


def tasks_for(user) -> dict:
    """Open work by kind; each list holds only what this user can act on."""
    team = is_programme_team(user)
    assessments = AssessorInvite.objects.filter(
        user=user, ingediend_op__isnull=True, round__status=AssessmentRound.Status.OPEN
    ).select_related("round__intervention")
    returned = (
        Measurement.objects.filter(status=Measurement.Status.TERUG, ingevoerd_door=user)
        .select_related("node_indicator__definition", "node_indicator__node", "period")
        if can_enter(user) else Measurement.objects.none()
    )
    to_approve = (
        Measurement.objects.filter(status=Measurement.Status.INGEDIEND).exclude(ingevoerd_door=user)
        .select_related("node_indicator__definition", "node_indicator__node", "period")
        if team else Measurement.objects.none()
    )
    actions = (
        Action.objects.filter(status__in=(Action.Status.OPEN, Action.Status.BEZIG))
        .select_related("session").order_by("deadline")
        if team else Action.objects.none()
    )
    drafts = Report.objects.exclude(status=Report.Status.VASTGESTELD) if team else Report.objects.none()
    return {
        "team": team,
        "can_enter": can_enter(user),
        "assessments": list(assessments),
        "returned": list(returned),
        "to_approve": list(to_approve),
        "actions": list(actions),
        "drafts": list(drafts),
        "today": timezone.localdate(),
    }
