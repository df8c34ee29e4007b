"""Cells for CSV and Excel exports that a spreadsheet will not run as formulas.

Text starting with = + - @ (or a tab or carriage return) is what Excel and LibreOffice
read as a formula, e.g. ``=HYPERLINK(…)`` from a register field. Such text gets a
leading apostrophe, the spreadsheets' own "this is text" mark (OWASP, CSV injection).
Numbers, also negative ones and numbers written as text (``-1,5``), stay as they are.
Every export writes its cells through ``neutral``; imports read them back with ``restore``.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?")


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def neutral(value):
    """The value to write in a cell: formula-like text with an apostrophe before it."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text as it was before ``neutral`` (for imports of our own exports)."""
    if text.startswith("'") and _formula_like(text[1:]):
        return text[1:]
    return text
