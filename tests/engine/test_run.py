"""`armoedemonitor compute` end to end: files in, sorted results out, nothing on failure."""

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from engine_tables import make_frames
from typer.testing import CliRunner

from armoedemonitor.cli import app
from armoedemonitor.engine.commands import parse_region_sets, parse_thresholds
from armoedemonitor.engine.results import SCHEMA
from armoedemonitor.engine.run import write_csv
from armoedemonitor.errors import UserError
from armoedemonitor.results_table import KEY
from armoedemonitor.years import parse_years


def write_dataset(folder, years=(2020,)):
    households, members = [], []
    for year in years:
        households += [
            {"year": year, "household_id": 1, "disposable_income": 10000.0, "municipality": "GM0114",
             "district": "WK011401", "neighbourhood": "BU01140101"},
            {"year": year, "household_id": 2, "disposable_income": 40000.0, "n_adults": 2,
             "household_type": "paar", "municipality": "GM0014"},
        ]
        members += [{"year": year, "person_id": 1, "household_id": 1},
                    {"year": year, "person_id": 2, "household_id": 2},
                    {"year": year, "person_id": 3, "household_id": 2, "role": "partner"}]
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in make_frames(households, members).items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    return folder


def run(*args):
    return CliRunner().invoke(app, ["compute", *map(str, args)])


def test_compute_writes_sorted_results_with_the_notice(tmp_path):
    data = write_dataset(tmp_path / "data", years=(2019, 2020))
    out = tmp_path / "out"
    result = run(data, "--out", out, "--years", "2020", "--region-set", "drenthe")
    assert result.exit_code == 0, result.output
    table = pq.read_table(out / "results.parquet")
    assert table.schema.names == list(SCHEMA)
    assert str(table.schema.field("year").type) == "int16"
    assert b"niet verlaten" in table.schema.metadata[b"armoedemonitor.notice"]
    assert "NOT disclosure-controlled" in (out / "README.txt").read_text()
    frame = table.to_pandas()
    assert set(frame.year) == {2020}
    assert frame[KEY].equals(frame.sort_values(KEY)[KEY].reset_index(drop=True))
    assert set(frame.region_level) == {"totaal", "gemeente", "wijk", "buurt", "drenthe"}
    csv = pd.read_csv(out / "results.csv", keep_default_na=False, na_values=[""])
    assert len(csv) == len(frame) and list(csv.columns) == list(SCHEMA)
    # household 1 (GM0114, in Drenthe) is poor: 10000 < 13200; household 2: 40000/1.40
    row = frame[(frame.indicator == "laag_inkomen_huishoudens") & (frame.region_level == "drenthe")
                & (frame.breakdown == "")]
    assert row[["numerator", "denominator", "value", "n"]].values.tolist() == [[1.0, 1.0, 1.0, 1]]


def test_invalid_input_writes_nothing(tmp_path):
    data = write_dataset(tmp_path / "data")
    households = pd.read_parquet(data / "households.parquet")
    households.loc[0, "household_type"] = "woonboot"
    households.to_parquet(data / "households.parquet", index=False)
    out = tmp_path / "out"
    result = run(data, "--out", out)
    assert isinstance(result.exception, UserError)
    assert "household_type" in str(result.exception)
    assert not (out / "results.parquet").exists() and not (out / "results.csv").exists()


def test_missing_threshold_is_refused_and_can_be_supplied(tmp_path):
    data = write_dataset(tmp_path / "data", years=(2023,))
    result = run(data, "--out", tmp_path / "out")
    assert isinstance(result.exception, UserError) and "2023" in str(result.exception)
    assert not (tmp_path / "out" / "results.parquet").exists()
    result = run(data, "--out", tmp_path / "out", "--threshold", "2023=15000")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "results.parquet").exists()


def test_only_the_families_asked_for(tmp_path):
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run(data, "--out", out, "--family", "bereik", "--family", "poverty")
    assert result.exit_code == 0, result.output
    table = pq.read_table(out / "results.parquet")
    # no tenure: no bereik rows; one year, no minors: no long-term or minors' rows
    assert set(table.column("indicator").to_pylist()) == {
        "laag_inkomen_huishoudens", "laag_inkomen_personen", "werkende_armen"}
    parameters = json.loads(table.schema.metadata[b"armoedemonitor.parameters"])
    assert parameters["families"] == ["poverty", "bereik"]  # in FAMILIES' order
    result = run(data, "--out", tmp_path / "other", "--family", "armoede")
    assert isinstance(result.exception, UserError)
    assert "onbekende indicatorfamilie 'armoede'; kies uit poverty, inequality" in str(result.exception)
    assert not (tmp_path / "other").exists()


def test_option_parsing(tmp_path):
    assert parse_years("2018-2022") == (2018, 2022) and parse_years("2020") == (2020, 2020)
    with pytest.raises(UserError):
        parse_years("2022-2018")
    assert parse_thresholds(["2023=15000", "2024=15500.5"]) == {2023: 15000.0, 2024: 15500.5}
    with pytest.raises(UserError, match="JAAR=EURO"):
        parse_thresholds(["2023:15000"])
    toml = tmp_path / "sets.toml"
    toml.write_text('[oost]\ngemeenten = ["GM0114", "GM0109"]\n')
    plain = tmp_path / "stad.txt"
    plain.write_text("GM0014\n")
    assert parse_region_sets(["veenkolonien", str(toml), str(plain)])["oost"] == ("GM0114", "GM0109")
    assert parse_region_sets([str(plain)]) == {"stad": ("GM0014",)}
    assert parse_region_sets([]) is None
    plain.write_text("Groningen\n")
    with pytest.raises(UserError, match="GM"):
        parse_region_sets([str(plain)])
    with pytest.raises(UserError, match="onbekend|geen bekende"):
        parse_region_sets(["nergens"])


def test_existing_out_is_refused_before_computing_unless_overwrite(tmp_path, monkeypatch):
    data = write_dataset(tmp_path / "micro")
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.csv").write_text("earlier run\n")
    import armoedemonitor.sources.validate as validate

    def never(*args):
        raise AssertionError("computed although --out was refused")

    with monkeypatch.context() as patched:
        patched.setattr(validate, "validate_dataset", never)
        result = run(data, "--out", out, "--years", "2020")
    assert result.exit_code != 0
    assert "bestaat al" in str(result.exception)
    assert (out / "results.csv").read_text() == "earlier run\n"
    result = run(data, "--out", out, "--years", "2020", "--overwrite")
    assert result.exit_code == 0, result.output
    assert (out / "results.csv").read_text().startswith("indicator,")


def test_out_under_a_file_is_refused_before_computing(tmp_path, monkeypatch):
    data = write_dataset(tmp_path / "micro")
    (tmp_path / "a_file").write_text("")
    import armoedemonitor.sources.validate as validate

    monkeypatch.setattr(validate, "validate_dataset", lambda *args: pytest.fail("computed first"))
    result = run(data, "--out", tmp_path / "a_file" / "out")
    assert result.exit_code != 0
    assert "a_file is geen map" in str(result.exception)


def test_results_csv_is_what_pandas_writes_byte_for_byte(tmp_path):
    # Floats at the edges of their notation, null, empty and quoted texts, a quote in the path.
    frame = pd.DataFrame({
        "indicator": ["x", "", "a,b", 'q"x', " lead", "é", "a\nb", None, "x", "x", "x", "x", "x"],
        "value": [1e-05, 1e16, 123456789.0, 0.1 + 0.2, -0.0, 2.5e-10, 1 / 3, 1e22, 12345678901234567.0,
                  0.0001, float("nan"), 5e-324, 1.7976931348623157e308],
        "n": range(13),
    })
    folder = tmp_path / "it's"
    folder.mkdir()
    write_csv(pa.Table.from_pandas(frame, preserve_index=False), folder / "results.csv")
    frame.to_csv(tmp_path / "pandas.csv", index=False, lineterminator="\n")
    assert (folder / "results.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
