"""households.tenure: validation, and INHEHALGR -> tenure on the CBS scenario of test_cbs
(households 1, 3, 8 are placed in a gemeente; 7 has no address and is left out)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest

from armoedemonitor.sources.cbs import map_cbs
from armoedemonitor.sources.validate import InvalidDataset, validate_dataset

from .conftest import write_canonical
from .test_cbs import write_cbs


def tenures(tmp_path, codes):
    cbs = write_cbs(tmp_path / "cbs")
    if codes is not None:
        households, _ = pyreadstat.read_sav(str(cbs / "INHA2020TABV2.sav"))
        households["INHEHALGR"] = pd.Series(codes, dtype="string")  # households 1, 3, 7, 8
        pyreadstat.write_sav(households, str(cbs / "INHA2020TABV2.sav"))
    map_cbs(cbs, tmp_path / "out", [2020])
    table = pq.read_table(tmp_path / "out" / "households.parquet").sort_by("household_id")
    return dict(zip(table["household_id"].to_pylist(), table["tenure"].to_pylist(), strict=True))


@pytest.mark.parametrize(("codes", "expected"), [
    # 1 owner, 2 renter without huurtoeslag, 3 renter with (household 7 is left out)
    (["1", "2", "1", "3"], {1: "eigenaar", 3: "huurder_zonder_huurtoeslag", 8: "huurder_met_huurtoeslag"}),
    # 8 institutional and 9 unknown: no tenure (null); codes read as numbers as well
    (["8", "9", "2", "2.0"], {1: None, 3: None, 8: "huurder_zonder_huurtoeslag"}),
])
def test_inhehalgr_codes(tmp_path, codes, expected):
    assert tenures(tmp_path, codes) == expected


def test_without_inhehalgr_tenure_is_null(tmp_path):
    assert tenures(tmp_path, None) == {1: None, 3: None, 8: None}


def test_validation_accepts_the_tenures_and_null_and_names_an_unknown_one(tmp_path):
    def with_tenure(values):
        return lambda f: f.assign(tenure=(values * len(f))[:len(f)])

    (tmp_path / "ok").mkdir()
    (tmp_path / "bad").mkdir()
    validate_dataset(write_canonical(tmp_path / "ok", households=with_tenure(
        ["eigenaar", "huurder_zonder_huurtoeslag", "huurder_met_huurtoeslag", None])))
    with pytest.raises(InvalidDataset) as raised:
        validate_dataset(write_canonical(tmp_path / "bad", households=with_tenure(["huurder"])))
    message = str(raised.value)
    assert "households" in message and "kolom tenure" in message and "waarde niet in" in message
