"""Numbers on the result pages, written the Dutch way (English under /en/)."""

from django import template

from armoedemonitor.web.dashboard.formatting import format_value

register = template.Library()


@register.filter
def percent(value):
    """A share (0.573) as "57,3 %"."""
    return format_value(value, "aandeel")


@register.filter
def decimal(value):
    return format_value(value, "gemiddelde")
