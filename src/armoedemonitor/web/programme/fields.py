"""Numbers as people type them: a Dutch decimal comma, or a point, but never a guess.

A browser's number input drops a comma it does not understand ("12,5" became 125), so
these fields are text inputs with a decimal keyboard and their own parsing. "1.234" is
refused: it is 1234 to a Dutch reader and 1,234 to an English one.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PLAIN = re.compile(r"[+-]?\d+")
_COMMA = re.compile(r"[+-]?\d+,\d+")
_POINT = re.compile(r"[+-]?\d+\.\d+")
_DUTCH_GROUPED = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3}\.\d{3}")


def parse_number(text: str) -> float:
    """'12,5' and '12.5' -> 12.5; '1.234,5' -> 1234.5; '1.234' and other doubtful input
    raise a ValidationError that says how to write it."""
    value = text.strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if _AMBIGUOUS.fullmatch(value):
        raise ValidationError(
            _("Is %(text)s een getal met een punt voor de duizendtallen of voor de decimalen? "
              "Schrijf het zonder punt (bijvoorbeeld 1234) of met een komma (bijvoorbeeld 1,234)."),
            code="ambiguous", params={"text": text.strip()},
        )
    if _PLAIN.fullmatch(value) or _POINT.fullmatch(value):
        return float(value)
    if _COMMA.fullmatch(value):
        return float(value.replace(",", "."))
    if _DUTCH_GROUPED.fullmatch(value):
        return float(value.replace(".", "").replace(",", "."))
    raise ValidationError(
        _("%(text)s is geen getal. Schrijf bijvoorbeeld 12,5 of 1250."), code="invalid", params={"text": text.strip()}
    )


class DutchNumberInput(forms.TextInput):
    """A text box with a decimal keyboard on phones; shows a stored value with a comma."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, float):
            text = f"{value:.10g}" if value != int(value) else str(int(value))
            return text.replace(".", ",")
        return super().format_value(value)


class DutchNumberField(forms.FloatField):
    widget = DutchNumberInput

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (int, float)):
            return float(value)
        return parse_number(str(value))

    def widget_attrs(self, widget):
        # No min/max/step attributes: they only make sense on a number input.
        return forms.Field.widget_attrs(self, widget)
