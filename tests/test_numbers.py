"""One rounding rule and one Dutch number format for every place a figure is printed."""

from decimal import Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from armoedemonitor.numbers import format_number, rounded


def test_hand_worked_values():
    # half away from zero on the decimal value; Python's round() gives 7.2, 0.12, 2
    assert format_number(7.25, 1) == "7,3"
    assert format_number(0.125, 2) == "0,13"
    assert format_number(2.5) == "3"
    assert format_number(-2.5) == "-3"
    assert format_number(1.005, 2) == "1,01"  # as written, not the binary 1.00499...
    assert format_number(0.0725, 1, scale=100) == "7,3"  # a share as a percentage
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234567) == "1.234.567"
    assert format_number(999.96, 1) == "1.000,0"
    assert format_number(-1234.5, 1) == "-1.234,5"
    assert format_number(-0.04, 1) == "0,0"
    assert format_number(12, 2) == "12,00"
    assert format_number(np.float64(7.25), 1) == "7,3" and format_number(np.int64(1234)) == "1.234"
    assert format_number(1234.5, 1, decimal_separator=".", thousands_separator=",") == "1,234.5"


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_reading_the_text_back_gives_the_rounded_value(value, decimals):
    number = Decimal(value).scaleb(-4)  # four decimals, so halves occur
    text = format_number(number, decimals)
    back = Decimal(text.replace(".", "").replace(",", "."))
    assert back == rounded(number, decimals)
    assert abs(back - number) <= Decimal(1).scaleb(-decimals) / 2


def test_dashboard_report_and_output_check_print_the_same_digits():
    from armoedemonitor.release.output_check import _number
    from armoedemonitor.web.dashboard.formatting import format_value
    from armoedemonitor.web.yearly_report.formatting import nl_number

    assert format_value(0.1825, "aandeel") == "18,3 %"
    assert nl_number(18.25, 1) == "18,3"
    assert format_value(2.675, "ratio") == nl_number(2.675, 2) == "2,68"
    assert format_value(12344.5, "aantal") == nl_number(12344.5, 0) == "12.345"
    assert _number(12344.25) == nl_number(12344.25, 1) == "12.344,3"
