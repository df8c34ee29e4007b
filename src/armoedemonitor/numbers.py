"""How every figure is written for people, in one place: the release's OUTPUT_CHECK.md,
the dashboard and the yearly report print the same last digit for the same value.

The rule: round half away from zero on the value as written in decimal (7,25 -> 7,3;
0,125 -> 0,13; -2,5 -> -3), as published statistics (CBS StatLine) do. Python's round()
rounds half to even on the binary value (round(7.25, 1) == 7.2), which readers take for an
error. A float goes through its shortest decimal text (``repr``), so 1.005 counts as
1,005 and not as the binary 1,00499...; shares are scaled to percentages in decimal for
the same reason (0,0725 -> 7,25 % -> 7,3 %).

Dutch separators (1.234,5) by default; the web passes the active language's separators.
Years are labels, not amounts: write them with ``str()``, never through this module
(2022, not 2.022).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: float | int | Decimal, decimals: int, scale: int = 1) -> Decimal:
    """``value`` × ``scale`` rounded half away from zero to ``decimals`` places."""
    # numpy numbers too: repr(float(...)), since repr(numpy.float64(7.25)) is not "7.25"
    exact = value if isinstance(value, int | Decimal) else Decimal(repr(float(value)))
    exact = Decimal(exact)
    return (exact * scale).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: float | int | Decimal, decimals: int = 0, *, scale: int = 1,
                  decimal_separator: str = ",", thousands_separator: str = ".") -> str:
    """The value rounded (see module) with grouped thousands: 1234.5 -> "1.234,5"."""
    text = f"{rounded(value, decimals, scale):f}"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    grouped = thousands_separator.join([whole, *groups])
    if sign and set(grouped + fraction) <= {"0"}:
        sign = ""  # -0,04 rounds to 0,0: no minus before a zero
    return sign + grouped + (decimal_separator + fraction if fraction else "")
