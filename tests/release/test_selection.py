"""A release may publish part of the results: chosen years and region levels."""

import pandas as pd
import pytest

from armoedemonitor.errors import UserError
from armoedemonitor.release.package import select


def results() -> pd.DataFrame:
    rows = [
        # (year, region_level, region_code)
        (2020, "totaal", "totaal"), (2021, "totaal", "totaal"),
        (2021, "gemeente", "GM0014"), (2021, "wijk", "WK001401"),
        (2021, "buurt", "BU00140101"), (2021, "veenkolonien", "veenkolonien"),
    ]
    return pd.DataFrame(rows, columns=["year", "region_level", "region_code"])


def test_years_and_levels_select_rows():
    picked = select(results(), (2021, 2021), {"gemeente", "regiosets"})
    # 2021 only; gemeente and every region set (veenkolonien), not totaal/wijk/buurt
    assert list(picked.region_code) == ["GM0014", "veenkolonien"]


def test_no_levels_keeps_every_level():
    assert len(select(results(), (2021, 2022), None)) == 5


def test_unknown_level_and_empty_selection_are_refused():
    with pytest.raises(UserError, match="onbekend niveau provincie"):
        select(results(), None, {"provincie"})
    with pytest.raises(UserError, match="geen cijfers"):
        select(results(), (2030, 2031), None)
