"""Dutch number formatting (1.234,5) for the report, also outside a request."""

from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter
def nl_number(value, decimals=1):
    if value is None or value == "":
        return ""
    with translation.override("nl"):
        return formats.number_format(round(float(value), int(decimals)), int(decimals), use_l10n=True,
                                     force_grouping=True)


@register.filter
def nl_date(value):
    """ISO date string from a snapshot -> 31-08-2026."""
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}-{month}-{year}"
