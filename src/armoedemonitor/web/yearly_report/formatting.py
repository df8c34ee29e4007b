"""Dutch number formatting (1.234,5) for the report, also outside a request."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter
def nl_number(value, decimals=1):
    """Round half up (18,25 -> 18,3, as published statistics do; Python's round() would
    give 18,2) and format the Dutch way."""
    if value is None or value == "":
        return ""
    decimals = int(decimals)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    with translation.override("nl"):
        return formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@register.filter
def nl_date(value):
    """ISO date string from a snapshot -> 31-08-2026."""
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}-{month}-{year}"
