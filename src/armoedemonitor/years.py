"""Year ranges as users type them on the command line."""

from __future__ import annotations

import re

from armoedemonitor.errors import UserError


def parse_years(text: str, option: str = "--years") -> tuple[int, int]:
    """'2018-2022' -> (2018, 2022); '2020' -> (2020, 2020)."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not match:
        raise UserError(f"{option} {text!r}: gebruik JAAR of JAAR-JAAR, bijvoorbeeld 2018-2022")
    first, last = int(match[1]), int(match[2] or match[1])
    if first > last:
        raise UserError(f"{option} {text!r}: het eerste jaar ligt na het laatste")
    return first, last
