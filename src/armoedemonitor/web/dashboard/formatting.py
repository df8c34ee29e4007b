"""How a figure is written for people: Dutch number formats and the unit of the indicator.

A share is stored as a fraction (0.057) and shown as a percentage ("5,7 %"); counts get
thousand separators ("1.235"); other units two decimals. Rounding is the project's one
rule (armoedemonitor.numbers); the active language decides the separators (Dutch by
default, English when chosen).
"""

from __future__ import annotations

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from armoedemonitor.numbers import format_number


def format_value(value: float | None, eenheid: str) -> str:
    if value is None:
        return "–"
    if eenheid == "aandeel":
        return f"{_number(value, 1, scale=100)} %"
    if eenheid in ("aantal", "euro"):
        text = _number(value, 0)
        return f"€ {text}" if eenheid == "euro" else text
    return _number(value, 2)


def _number(value: float, decimals: int, scale: int = 1) -> str:
    return format_number(value, decimals, scale=scale,
                         decimal_separator=get_format("DECIMAL_SEPARATOR"),
                         thousands_separator=get_format("THOUSAND_SEPARATOR"))


def format_change(change: float | None, eenheid: str) -> str:
    """A change since the previous year: shares in percentage points, with a sign."""
    if change is None:
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    magnitude = abs(change)
    if eenheid == "aandeel":
        return _("%(sign)s%(points)s procentpunt") % {
            "sign": sign,
            "points": _number(magnitude, 1, scale=100),
        }
    return sign + format_value(magnitude, eenheid)


def status_text(status: str) -> str:
    """Why a cell has no number (or a rounded one), in plain words."""
    return {
        "primair": _("te weinig gegevens"),
        "secundair": _("weggelaten om andere cijfers te beschermen"),
        "afgerond": _("afgerond"),
    }.get(status, "")
