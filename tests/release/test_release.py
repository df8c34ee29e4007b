"""Writing, reading and verifying releases; tampering and refusals."""

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from armoedemonitor.cli import app
from armoedemonitor.errors import InputError, UserError
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
    # Hidden secondarily per level: one wijk (WK001401, n 200: below 500 when rounded).
    assert "| wijk | 1 | 0 | minder dan 500 |" in release.output_check
    # The ranges as the rules file sets them: 5 points, then 10 where 5 is not safe.
    assert "`bereik`), 5 procentpunt breed" in release.output_check
    assert "dan wordt het bereik 10 procentpunt\n   breed" in release.output_check
    metadata = release.metadata
    assert metadata["rules"]["min_n"]["value"] == 10 and metadata["engine_version"]
    assert (metadata["rules"]["range_width"]["value"], metadata["rules"]["wide_range_width"]["value"]) == (5, 10)
    assert metadata["input"]["notice"] == "niet onthullingsgecontroleerd"
    assert {r["path"] for r in metadata["resources"]} == {
        "indicators.csv", "definitions.csv", "onderdrukt.csv", "OUTPUT_CHECK.md"}


def test_output_check_never_shows_a_suppressed_value(release_dir):
    text = (release_dir / "OUTPUT_CHECK.md").read_text()
    line = next(line for line in text.splitlines() if "WK001402" in line)
    assert "4" not in line.replace("laag_inkomen_huishoudens", "").replace("WK001402", "").replace("2020", "")


def test_output_check_lists_each_hidden_cell_with_its_reason(release_dir):
    # WK001402 (4 of 150) fails the share rule; WK001401 goes to protect it; the Gini of
    # GM0014 has n 90, below the 100 of a model-like figure. Breakdown and category are
    # empty (shown as a dash).
    text = (release_dir / "OUTPUT_CHECK.md").read_text()
    rows = text[text.index("## Weggelaten cellen"):].splitlines()[4:]
    assert sorted(rows) == sorted([
        "| laag_inkomen_huishoudens | 2020 | wijk | WK001401 | – | – | secundair "
        "| voorkomt terugrekenen van een ander weggelaten cijfer |",
        "| laag_inkomen_huishoudens | 2020 | wijk | WK001402 | – | – | primair "
        "| teller of noemer min teller kleiner dan 10 |",
        "| gini_inkomen | 2020 | gemeente | GM0014 | – | – | primair "
        "| modelcijfer met minder dan 100 personen of huishoudens |",
    ])


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


def _rewrite(release_dir: Path, name: str, lines: list[str]) -> None:
    """Write a release file anew and fix up its hash, as a forger would."""
    from armoedemonitor.release.package import sha256

    path = release_dir / name
    path.write_text("\n".join(lines) + "\n")
    descriptor = json.loads((release_dir / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource["hash"] = f"sha256:{sha256(path)}"
            resource["bytes"] = path.stat().st_size
    (release_dir / "datapackage.json").write_text(json.dumps(descriptor))


def test_check_reapplies_the_rules_even_when_hashes_are_forged(release_dir):
    # Publish the hidden wijk again and fix up the hash: the rules catch it.
    lines = (release_dir / "indicators.csv").read_text().splitlines()
    _rewrite(release_dir, "indicators.csv",
             [line.replace("WK001401,,,,,,,secundair", "WK001401,,,40.0,200.0,0.2,200,afgerond") for line in lines])
    with pytest.raises(ReleaseCheckError) as error:
        verify_release(release_dir)
    assert "onderdrukt.csv en de status" in str(error.value)
    assert "audit" in str(error.value)  # WK001402 is now recoverable: 45 - 40 = 5 +- 5


def test_check_matches_suppressed_cells_in_any_order(release_dir):
    # onderdrukt.csv in reverse order names the same cells: the check still passes, with
    # the same findings (the reasons are matched by key, not by position).
    before = verify_release(release_dir).audit.findings
    header, *rows = (release_dir / "onderdrukt.csv").read_text().splitlines()
    assert len(rows) >= 2
    _rewrite(release_dir, "onderdrukt.csv", [header, *reversed(rows)])
    assert verify_release(release_dir).audit.findings == before


def test_check_names_a_suppressed_cell_listed_for_another(release_dir):
    # As many lines as hidden cells, but one names a published cell instead.
    header, *rows = (release_dir / "onderdrukt.csv").read_text().splitlines()
    hidden_wijk = next(row for row in rows if "WK001401" in row)
    _rewrite(release_dir, "onderdrukt.csv",
             [header, *(row.replace("WK001401", "GM0014") if row == hidden_wijk else row for row in rows)])
    with pytest.raises(ReleaseCheckError, match="onderdrukt.csv en de status"):
        verify_release(release_dir)


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


def test_an_impossible_protection_width_hides_the_table_instead_of_refusing(results_dir, tmp_path):
    # No pattern can give a range of 100 000 while a total is published (every range is
    # at most 750 wide). The release does not refuse itself: the share table is hidden
    # whole, every range is then unbounded, and check agrees. Ranges (10-15 %) alone say
    # nothing about the size of a count, so the gemeenten and the total keep theirs. The
    # model-like Gini is outside the audit and keeps its own rule.
    rules = rules_file(tmp_path, protection_width=100000)
    path, protected = write_release(results_dir, tmp_path / "out" / "release", rules)
    table = protected.table
    shares = table[table["indicator"] == "laag_inkomen_huishoudens"]
    assert shares.set_index("region_code")["status"].to_dict() == {
        "totaal": "bereik", "GM0014": "bereik", "GM0037": "bereik", "WK001401": "secundair",
        "WK001402": "primair", "WK003701": "secundair", "WK003702": "secundair"}
    assert shares[["numerator", "denominator", "value", "n"]].isna().all().all()
    assert table.loc[(table["indicator"] == "gini_inkomen") & (table["region_code"] == "totaal"),
                     "status"].item() == "ok"
    assert protected.audit.ok and all(f.width >= 100000 for f in protected.audit.findings)
    assert verify_release(path).audit.ok


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


def _refresh_hash(release_dir: Path, name: str) -> None:
    """Forge the hash of a changed file, as a tamperer would."""
    from armoedemonitor.release.package import sha256

    descriptor = json.loads((release_dir / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource["hash"] = f"sha256:{sha256(release_dir / name)}"
            resource["bytes"] = (release_dir / name).stat().st_size
    (release_dir / "datapackage.json").write_text(json.dumps(descriptor))


def test_non_finite_input_is_refused_naming_file_column_and_rows(tmp_path):
    # Row 1's value is infinite and row 2's numerator NaN (not empty): no figures, and a
    # release must never publish them. Unknown (empty) stays allowed.
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = hierarchical_shares()
    table.loc[1, "value"] = np.inf
    results = write_results(table, tmp_path / "results")
    stored = pq.read_table(results / "results.parquet")
    numerator = stored.column("numerator").to_numpy().copy()
    numerator[2] = np.nan  # a NaN, which pandas would have turned into an empty value
    stored = stored.set_column(stored.schema.get_field_index("numerator"), "numerator",
                               pa.array(numerator, from_pandas=False))
    pq.write_table(stored, results / "results.parquet")
    with pytest.raises(InputError) as error:
        write_release(results, tmp_path / "release")
    message = str(error.value)
    assert "results.parquet: kolom numerator heeft 1 waarden die geen eindig getal zijn" in message
    assert "rijen 2" in message and "kolom value" in message and "rijen 1" in message
    assert not (tmp_path / "release").exists()


def test_check_refuses_non_finite_numbers_even_with_forged_hashes(release_dir):
    path = release_dir / "indicators.csv"
    lines = path.read_text().splitlines()
    lines = [line.replace(",0.179,750,afgerond", ",inf,750,afgerond") for line in lines]
    path.write_text("\n".join(lines) + "\n")
    _refresh_hash(release_dir, "indicators.csv")
    with pytest.raises(ReleaseCheckError, match="kolom value heeft 1 waarden die geen eindig getal zijn"):
        verify_release(release_dir)


def test_only_finite_numbers_pass_whatever_their_notation(tmp_path):
    # Plain decimals pass on their pattern, other texts are parsed: 1.5e-05 and 2E3 are
    # numbers, 1e999 overflows to infinity, and nan, -inf, Infinity and 1,5 are no numbers.
    from armoedemonitor.release.verify import _not_finite

    texts = ["12", "-0.5", "", "1.5e-05", "2E3", "1e999", "nan", "-inf", "Infinity", '"1,5"']
    path = tmp_path / "indicators.csv"
    path.write_text("indicator,value,n\n" + "".join(f"x,{text},10\n" for text in texts))
    assert _not_finite(path) == [
        "indicators.csv: kolom value heeft 5 waarden die geen eindig getal zijn (regels 7, 8, 9, 10, 11)"]


def test_check_refuses_a_share_outside_zero_to_one(release_dir):
    path = release_dir / "indicators.csv"
    lines = path.read_text().splitlines()
    lines = [line.replace(",0.179,750,afgerond", ",7.5,750,afgerond") for line in lines]
    path.write_text("\n".join(lines) + "\n")
    _refresh_hash(release_dir, "indicators.csv")
    with pytest.raises(ReleaseCheckError, match="1 rijen met een aandeel buiten 0..1"):
        verify_release(release_dir)


def test_a_release_holds_regular_files_only(release_dir, tmp_path):
    # OUTPUT_CHECK.md as a link to a file with the same bytes passes the hash, but could
    # as well point at any file on the server: check and the reader refuse it.
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes((release_dir / "OUTPUT_CHECK.md").read_bytes())
    (release_dir / "OUTPUT_CHECK.md").unlink()
    (release_dir / "OUTPUT_CHECK.md").symlink_to(outside)
    with pytest.raises(ReleaseCheckError, match="OUTPUT_CHECK.md is een symbolische link"):
        verify_release(release_dir)
    with pytest.raises(UserError, match="symbolische link"):
        read_release(release_dir)
    (release_dir / "OUTPUT_CHECK.md").unlink()
    (release_dir / "OUTPUT_CHECK.md").write_bytes(outside.read_bytes())
    (release_dir / "extra").mkdir()
    with pytest.raises(ReleaseCheckError, match="extra is geen gewoon bestand"):
        verify_release(release_dir)


@pytest.mark.parametrize("apart", [False, True])
def test_a_schema_error_is_what_the_check_names_validated_apart_or_not(release_dir, monkeypatch, apart):
    # A large release validates its schema in a process of its own while the audit
    # runs; small and large report the same thing.
    from armoedemonitor.release import verify

    monkeypatch.setattr(verify, "APART_FROM_BYTES", 0 if apart else 10**12)
    assert verify_release(release_dir).audit.ok
    path = release_dir / "indicators.csv"
    lines = path.read_text().splitlines()
    lines = [line.replace(",0.179,750,afgerond", ",0.179,zeven,afgerond") for line in lines]
    path.write_text("\n".join(lines) + "\n")
    _refresh_hash(release_dir, "indicators.csv")
    with pytest.raises(ReleaseCheckError) as error:
        verify_release(release_dir)
    assert "indicators: Type error" in str(error.value) and "zeven" in str(error.value)
    assert "kolom n heeft 1 waarden" in str(error.value)


def test_the_check_reports_each_audited_table(release_dir):
    totals = []
    report = verify_release(release_dir, totals.append)
    assert report.audit.blocks == len(totals) > 0 and set(totals) == {len(totals)}
