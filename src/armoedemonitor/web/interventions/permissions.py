"""Who may see and do what in the register and the toetsingskader.

Views ask these functions only, so the permission matrix test covers one place.
"""

from __future__ import annotations

from django.db.models import Q

from armoedemonitor.web.accounts.roles import (
    BEOORDELAAR_ERVARING,
    BEOORDELAAR_PROFESSIONAL,
    REDACTEUR,
    has_role,
    is_programme_team,
)

from .models import Intervention, Perspectief

# Typed by str: a Perspectief member equals and hashes like its value, so the plain value
# callers pass finds it.
ASSESSOR_ROLE: dict[str, str] = {
    Perspectief.PROFESSIONAL: BEOORDELAAR_PROFESSIONAL,
    Perspectief.ERVARING: BEOORDELAAR_ERVARING,
}


def is_team(user) -> bool:
    return is_programme_team(user)


def is_stakeholder(user, intervention: Intervention) -> bool:
    """Member of the owner or a partner organisation: may edit (as redacteur), never assess."""
    if not user.is_authenticated:
        return False
    return user.organisaties.filter(
        Q(pk=intervention.eigenaar_id) | Q(partner_interventies=intervention)
    ).exists()


def can_edit(user, intervention: Intervention) -> bool:
    if is_team(user):
        return True
    return has_role(user, REDACTEUR) and is_stakeholder(user, intervention)


def can_create(user) -> bool:
    return is_team(user) or (has_role(user, REDACTEUR) and user.organisaties.exists())


def can_assess_as(user, perspectief: str) -> bool:
    return has_role(user, ASSESSOR_ROLE[perspectief])


def visible_interventions(user):
    """Published for everyone; concepts and archive for the team and their own editors."""
    qs = Intervention.objects.all()
    if is_team(user):
        return qs
    published = Q(status=Intervention.Status.GEPUBLICEERD)
    if has_role(user, REDACTEUR):
        orgs = user.organisaties.all()
        return qs.filter(published | Q(eigenaar__in=orgs) | Q(partners__in=orgs)).distinct()
    return qs.filter(published)
