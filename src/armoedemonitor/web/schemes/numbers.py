"""Whole numbers as people type them in Dutch: "1.234", "1234", "12,0" (not "12,5")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class NotACount(ValueError):
    pass


def parse_dutch_number(text) -> Decimal:
    """'1.234' -> 1234, '12,5' -> 12.5, '12.5' -> 12.5; numbers from Excel pass as they are."""
    if isinstance(text, int | float):
        return Decimal(str(text))
    raw = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    elif "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise NotACount(_("%(text)s is geen getal") % {"text": repr(str(text))}) from None


def parse_count(text) -> int:
    """A count of people: a whole number of at least 0."""
    if text is None or str(text).strip() == "":
        raise NotACount(_("er staat geen aantal"))
    number = parse_dutch_number(text)
    if number != number.to_integral_value():
        raise NotACount(_("%(text)s is geen heel getal") % {"text": str(text).strip()})
    if number < 0:
        raise NotACount(_("%(text)s is kleiner dan 0") % {"text": str(text).strip()})
    return int(number)
