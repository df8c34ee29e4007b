"""Writing, reading and verifying releases; tampering and refusals."""

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from armoedemonitor.cli import app
from armoedemonitor.errors import InputError
from armoedemonitor.release.package import ReleaseRefused, write_release
from armoedemonitor.release.read import read_release
from armoedemonitor.release.verify import ReleaseCheckError, verify_release
from disclosure.helpers import rules_file

from .builders import hierarchical_shares, model_row, write_results


@pytest.fixture
def results_dir(tmp_path) -> Path:
    table = pd.concat([
        hierarchical_shares(),
        pd.DataFrame([model_row("gini_inkomen", "totaal", "totaal", 0.291234, 750),
                      model_row("gini_inkomen", "gemeente", "GM0014", 0.28, 90)]),
    ], ignore_index=True)
    return write_results(table, tmp_path / "results")


@pytest.fixture
def release_dir(results_dir, tmp_path) -> Path:
    path, _ = write_release(results_dir, tmp_path / "release")
    return path


def test_release_contents(release_dir):
    release = read_release(release_dir)
    table = release.indicators.set_index(["indicator", "region_code"])
    # WK001402 has 4 poor households (primary); WK001401 is the only other wijk of
    # GM0014, so it goes too (secondary). Published counts are rounded to 5:
    # totaal 134 -> 135, 750 -> 750; GM0014 44 -> 45; share 134/750 = 0.178666 -> 0.179.
    assert table.loc[("laag_inkomen_huishoudens", "WK001402"), "status"] == "primair"
    assert table.loc[("laag_inkomen_huishoudens", "WK001401"), "status"] == "secundair"
    assert pd.isna(table.loc[("laag_inkomen_huishoudens", "WK001401"), "value"])
    totaal = table.loc[("laag_inkomen_huishoudens", "totaal")]
    assert (totaal["numerator"], totaal["denominator"], totaal["value"], totaal["n"]) == (135, 750, 0.179, 750)
    assert totaal["status"] == "afgerond"
    # Model-like: Gini with n 750 published as is (value only), with n 90 < 100 hidden.
    gini = table.loc[("gini_inkomen", "totaal")]
    assert gini["status"] == "ok" and gini["value"] == 0.291234 and pd.isna(gini["numerator"])
    assert table.loc[("gini_inkomen", "GM0014"), "status"] == "primair"
    assert list(release.definitions["id"]) == ["gini_inkomen", "laag_inkomen_huishoudens"] or \
        set(release.definitions["id"]) == {"gini_inkomen", "laag_inkomen_huishoudens"}
    assert list(release.definitions.columns) == ["id", "naam", "uitleg_b1", "definitie", "eenheid",
                                                 "name_en", "explanation_en"]
    assert "WK001402" in release.output_check and "GESLAAGD" in release.output_check
    metadata = release.metadata
    assert metadata["rules"]["min_n"]["value"] == 10 and metadata["engine_version"]
    assert metadata["input"]["notice"] == "niet onthullingsgecontroleerd"
    assert {r["path"] for r in metadata["resources"]} == {
        "indicators.csv", "definitions.csv", "onderdrukt.csv", "OUTPUT_CHECK.md"}


def test_output_check_never_shows_a_suppressed_value(release_dir):
    text = (release_dir / "OUTPUT_CHECK.md").read_text()
    line = next(line for line in text.splitlines() if "WK001402" in line)
    assert "4" not in line.replace("laag_inkomen_huishoudens", "").replace("WK001402", "").replace("2020", "")


def test_check_passes_and_frictionless_agrees(release_dir):
    from frictionless import Package

    report = verify_release(release_dir)
    assert report.rows == 9 and report.audit.ok
    assert Package(str(release_dir / "datapackage.json")).validate().valid


@pytest.mark.parametrize("name", ["indicators.csv", "definitions.csv", "onderdrukt.csv", "OUTPUT_CHECK.md"])
def test_a_changed_byte_fails_the_check(release_dir, name):
    path = release_dir / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ReleaseCheckError, match=name):
        verify_release(release_dir)


def test_check_reapplies_the_rules_even_when_hashes_are_forged(release_dir):
    # Publish the hidden wijk again and fix up the hash: the rules catch it.
    from armoedemonitor.release.package import sha256

    path = release_dir / "indicators.csv"
    lines = path.read_text().splitlines()
    lines = [line.replace("WK001401,,,,,,,secundair", "WK001401,,,40.0,200.0,0.2,200,afgerond")
             for line in lines]
    path.write_text("\n".join(lines) + "\n")
    descriptor = json.loads((release_dir / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == "indicators.csv":
            resource["hash"] = f"sha256:{sha256(path)}"
            resource["bytes"] = path.stat().st_size
    (release_dir / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(ReleaseCheckError) as error:
        verify_release(release_dir)
    assert "onderdrukt.csv en de status" in str(error.value)
    assert "audit" in str(error.value)  # WK001402 is now recoverable: 45 - 40 = 5 +- 5


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: [1, 2, 3], "datapackage.json is geen object maar list"),
    (lambda d: d | {"resources": "indicators.csv"}, "resources is geen lijst"),
    (lambda d: d | {"resources": [1, 2]}, "resources is geen lijst"),
    (lambda d: {k: v for k, v in d.items() if k != "rules"}, "rules is geen tabel"),
    (lambda d: d | {"rules": {"min_n": 10}}, "rules is geen tabel"),
    (lambda d: d | {"region_sets": ["veenkolonien"]}, "region_sets is geen tabel"),
])
def test_malformed_datapackage_is_a_clear_refusal(release_dir, change, message):
    descriptor = json.loads((release_dir / "datapackage.json").read_text())
    (release_dir / "datapackage.json").write_text(json.dumps(change(descriptor)))
    result = CliRunner().invoke(app, ["check", str(release_dir)])
    assert isinstance(result.exception, ReleaseCheckError), result.exception
    assert message in str(result.exception)


def test_release_refuses_to_overwrite(release_dir, results_dir):
    before = {p.name: p.read_bytes() for p in release_dir.iterdir()}
    with pytest.raises(ReleaseRefused, match="bestaat al"):
        write_release(results_dir, release_dir)
    assert {p.name: p.read_bytes() for p in release_dir.iterdir()} == before


def test_refused_audit_writes_nothing(results_dir, tmp_path):
    # A protection width no table can give (every range is at most 750 wide) makes the
    # audit fail: the release is refused and no file or temporary folder is left.
    rules = rules_file(tmp_path, protection_width=100000)
    with pytest.raises(ReleaseRefused, match="audit"):
        write_release(results_dir, tmp_path / "out" / "release", rules)
    assert not (tmp_path / "out" / "release").exists()
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_bad_input_names_file_and_column(tmp_path):
    table = hierarchical_shares().drop(columns=["n"])
    folder = tmp_path / "results"
    folder.mkdir()
    table.to_parquet(folder / "results.parquet")
    with pytest.raises(InputError, match=r"results.parquet: kolommen ontbreken: n"):
        write_release(folder, tmp_path / "release")
    assert not (tmp_path / "release").exists()


def test_truncated_results_are_refused_naming_the_file(results_dir, tmp_path):
    parquet = results_dir / "results.parquet"
    parquet.write_bytes(parquet.read_bytes()[:300])
    with pytest.raises(InputError, match=r"results.parquet: geen leesbaar Parquet-bestand"):
        write_release(results_dir, tmp_path / "release")
    assert not (tmp_path / "release").exists()


def test_year_as_text_is_refused_naming_the_column(tmp_path):
    folder = tmp_path / "results"
    folder.mkdir()
    hierarchical_shares().astype({"year": str}).to_parquet(folder / "results.parquet")
    with pytest.raises(InputError, match=r"results.parquet: kolom year is (large_)?string, verwacht int16"):
        write_release(folder, tmp_path / "release")
    assert not (tmp_path / "release").exists()


def test_cli_release_and_check(results_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli-release"
    result = runner.invoke(app, ["release", str(results_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code == 0 and "in orde" in result.output
    (out / "OUTPUT_CHECK.md").write_text("veranderd")
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code != 0 and isinstance(result.exception, ReleaseCheckError)
