"""Template filters of the yearly report: Dutch numbers and dates, also outside a request
(the report is Dutch only)."""

from django import template

from armoedemonitor.numbers import format_number

register = template.Library()


@register.filter
def nl_number(value, decimals=1):
    """1.234,5: rounded by the project's one rule (armoedemonitor.numbers)."""
    if value is None or value == "":
        return ""
    return format_number(value, int(decimals))


@register.filter
def nl_date(value):
    """ISO date string from a snapshot -> 31-08-2026."""
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}-{month}-{year}"
