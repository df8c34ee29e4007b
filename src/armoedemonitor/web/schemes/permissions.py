"""Who may change the register of schemes: the programme team everywhere, an editor
(redacteur) of a municipal organisation for that municipality. Everybody may read."""

from __future__ import annotations

from armoedemonitor.web.accounts.roles import REDACTEUR, has_role, is_programme_team


def own_gemeenten(user) -> set[str]:
    """Gemeenten whose schemes the user keeps (all for the programme team)."""
    if is_programme_team(user):
        from armoedemonitor.definitions import municipalities

        return set(municipalities())
    if not has_role(user, REDACTEUR):
        return set()
    return set(user.organisaties.filter(soort="gemeente").exclude(gemeente_code="")
               .values_list("gemeente_code", flat=True))


def can_register(user) -> bool:
    return bool(own_gemeenten(user))


def can_report(user, scheme) -> bool:
    """May give recipient counts for (some of) the scheme's gemeenten."""
    return bool(own_gemeenten(user) & set(scheme.gemeenten))


def can_edit(user, scheme) -> bool:
    return is_programme_team(user) or (bool(scheme.gemeenten) and set(scheme.gemeenten) <= own_gemeenten(user))
