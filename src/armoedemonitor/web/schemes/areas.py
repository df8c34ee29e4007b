"""Areas a scheme reports on: CBS codes of a gemeente, wijk or buurt, with their level."""

from __future__ import annotations

import re

from armoedemonitor.definitions import municipalities

LEVELS = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
CODE = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")


def level_of(code: str) -> str:
    return LEVELS[code[:2]]


def gemeente_of(code: str) -> str:
    """The gemeente a wijk or buurt code belongs to (its first four digits)."""
    return "GM" + code[2:6]


def area_name(code: str) -> str:
    if code in municipalities():
        return municipalities()[code].naam
    return code
