"""Template helpers for the interventions pages."""

from django import template

from .. import permissions

register = template.Library()


@register.filter
def programmateam(user) -> bool:
    return permissions.is_team(user)
