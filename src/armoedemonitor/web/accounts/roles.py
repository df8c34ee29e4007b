"""Roles are Django groups; these helpers are what views and templates ask.

- anonymous readers: public pages only;
- ``beoordelaar_professional`` / ``beoordelaar_ervaring``: assessors by perspective;
- ``redacteur``: editor for a partner organisation (its own interventions);
- ``programmateam``: everything (staff-like rights in the apps, not Django superuser).
"""

from django.contrib.auth.models import Group

PROGRAMMATEAM = "programmateam"
REDACTEUR = "redacteur"
BEOORDELAAR_PROFESSIONAL = "beoordelaar_professional"
BEOORDELAAR_ERVARING = "beoordelaar_ervaring"
ALL_ROLES = (PROGRAMMATEAM, REDACTEUR, BEOORDELAAR_PROFESSIONAL, BEOORDELAAR_ERVARING)


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()


def is_programme_team(user) -> bool:
    return has_role(user, PROGRAMMATEAM)


def grant(user, role: str) -> None:
    """Give a user a role (creating the group on first use)."""
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
