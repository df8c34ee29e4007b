"""The ``measures`` command end to end: file formats, dropped rows, groups, bad input."""

from __future__ import annotations

import pandas as pd
import pyreadstat
import pytest
from typer.testing import CliRunner

from armoedemonitor.cli import app

PEOPLE = pd.DataFrame({
    "inkomen": [2.0, 4.0, 6.0, 8.0, None, 5.0],
    "gewicht": [1.0, 1.0, 1.0, 1.0, 1.0, None],
    "regio": ["a", "a", "b", "b", "b", "a"],
})


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result


def read(path):
    """The output table: '' is the whole-file group, an empty value is unknown."""
    return pd.read_csv(path, keep_default_na=False, na_values={"value": [""]})


def write(tmp_path, suffix):
    path = tmp_path / f"people{suffix}"
    if suffix == ".csv":
        PEOPLE.to_csv(path, index=False)
    elif suffix == ".parquet":
        PEOPLE.to_parquet(path)
    else:
        pyreadstat.write_sav(PEOPLE, str(path))
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".sav"])
def test_every_format_gives_the_same_table(tmp_path, suffix):
    # After dropping the row without income and the row without weight: 2, 4, 6, 8,
    # median 5, arpt_60 3, arpr_60 1/4, gini 2·(2+8+18+32)/(4·20) − 5/4 = 0.25
    out = tmp_path / "out.csv"
    result = run("measures", write(tmp_path, suffix), "--income", "inkomen", "--weight", "gewicht",
                 "--out", out)
    assert result.exit_code == 0, result.output
    assert "2 rij(en) zonder inkomen of gewicht weggelaten" in result.output
    table = read(out)
    assert list(table.columns) == ["group", "measure", "value", "n", "weight_sum"]
    assert list(table.measure) == [
        "median", "q20", "q80", "arpt_40", "arpt_50", "arpt_60", "arpt_70", "arpr_40",
        "arpr_50", "arpr_60", "arpr_70", "rmpg", "fgt0", "fgt1", "fgt2", "watts", "qsr",
        "gini", "mean"]
    values = table.set_index("measure").value
    assert values["median"] == 5.0
    assert values["arpt_60"] == pytest.approx(3.0)
    assert values["arpr_60"] == 0.25
    assert values["gini"] == pytest.approx(0.25)
    assert set(table.group) == {""}
    assert set(table.n) == {4} and set(table.weight_sum.astype(float)) == {4.0}


def test_groups_reuse_the_overall_threshold(tmp_path):
    # a: 2, 4 (and 5 without weight is dropped); b: 6, 8. arpt_60 = 3 in both groups;
    # arpr_60: a 1/2 (only 2 < 3), b 0
    out = tmp_path / "out.csv"
    result = run("measures", write(tmp_path, ".csv"), "--income", "inkomen", "--weight", "gewicht",
                 "--by", "regio", "--out", out)
    assert result.exit_code == 0, result.output
    table = read(out)
    values = table.set_index(["group", "measure"]).value
    assert values["a", "arpt_60"] == values["b", "arpt_60"] == pytest.approx(3.0)
    assert values["a", "arpr_60"] == 0.5
    assert values["b", "arpr_60"] == 0.0
    assert pd.isna(values["b", "rmpg"])  # nobody below the threshold: unknown, not 0
    assert values["", "arpr_60"] == 0.25
    assert table[table.group == "a"].n.iloc[0] == 2


def test_without_weight_every_row_counts_once(tmp_path):
    # unweighted: 2, 4, 6, 8, 5 (the empty weight does not matter) -> median 5, n 5
    out = tmp_path / "out.csv"
    result = run("measures", write(tmp_path, ".csv"), "--income", "inkomen", "--out", out)
    assert result.exit_code == 0, result.output
    assert "1 rij(en) zonder inkomen weggelaten" in result.output
    table = read(out).set_index("measure")
    assert table.loc["median", "value"] == 5.0 and table.loc["median", "n"] == 5


def test_unknown_column_is_named(tmp_path):
    out = tmp_path / "out.csv"
    result = run("measures", write(tmp_path, ".csv"), "--income", "loon", "--out", out)
    assert result.exit_code != 0
    assert "'loon'" in str(result.exception) and "inkomen, gewicht, regio" in str(result.exception)
    assert not out.exists()


def test_negative_weights_are_refused_with_rows(tmp_path):
    path = tmp_path / "neg.csv"
    pd.DataFrame({"inkomen": [1.0, 2.0, 3.0], "gewicht": [1.0, -2.0, 1.0]}).to_csv(path, index=False)
    out = tmp_path / "out.csv"
    result = run("measures", path, "--income", "inkomen", "--weight", "gewicht", "--out", out)
    assert result.exit_code != 0
    assert "1 negatieve" in str(result.exception) and "rijen: 2" in str(result.exception)
    assert not out.exists()


def test_bad_lines_are_refused(tmp_path):
    result = run("measures", write(tmp_path, ".csv"), "--income", "inkomen", "--lines", "60")
    assert result.exit_code != 0 and "--lines" in str(result.exception)


def test_text_in_the_income_column_is_named_with_its_rows(tmp_path):
    path = tmp_path / "text.csv"
    path.write_text("inkomen,gewicht\n100,1\nn.v.t.,1\n200,1\nonbekend,1\n")
    out = tmp_path / "out.csv"
    result = run("measures", path, "--income", "inkomen", "--out", out)
    assert result.exit_code != 0
    message = str(result.exception)
    assert "'inkomen'" in message and "2 waarde(n)" in message
    assert "rij 2: 'n.v.t.'" in message and "rij 4: 'onbekend'" in message
    assert not out.exists()


def test_nan_income_is_unknown_not_used(tmp_path):
    # Parquet keeps NaN apart from null; both mean unknown. Used: 2, 4, 6, 8 -> median 5
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "nan.parquet"
    pq.write_table(pa.table({"inkomen": pa.array([2.0, 4.0, float("nan"), 6.0, 8.0, None])}), path)
    out = tmp_path / "out.csv"
    result = run("measures", path, "--income", "inkomen", "--out", out)
    assert result.exit_code == 0, result.output
    assert "2 rij(en) zonder inkomen weggelaten; 4 rij(en) gebruikt" in " ".join(result.output.split())
    table = read(out).set_index("measure")
    assert table.loc["median", "value"] == 5.0 and table.loc["median", "n"] == 4
    assert table.loc["gini", "value"] == pytest.approx(0.25)
    assert table.loc["mean", "value"] == 5.0


def test_infinite_income_is_refused_with_rows(tmp_path):
    path = tmp_path / "inf.parquet"
    pd.DataFrame({"inkomen": [2.0, float("inf"), 6.0]}).to_parquet(path)
    result = run("measures", path, "--income", "inkomen", "--out", tmp_path / "out.csv")
    assert result.exit_code != 0
    assert "mag niet oneindig zijn" in str(result.exception) and "rij 2" in str(result.exception)


def test_all_zero_weights_are_an_error(tmp_path):
    path = tmp_path / "zero.csv"
    pd.DataFrame({"inkomen": [1.0, 2.0, 3.0], "gewicht": [0, 0, 0]}).to_csv(path, index=False)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["measures", str(path), "--income", "inkomen", "--weight", "gewicht",
                                      "--out", str(out)])
    assert result.exit_code != 0
    assert "alle gewichten zijn 0" in str(result.exception)
    assert not out.exists()


def test_dutch_excel_csv_is_read(tmp_path):
    # what Dutch Excel writes: ';' between fields, a decimal comma. 2,5 4,5 6,5 8,5 -> median 5,5
    path = tmp_path / "excel.csv"
    path.write_text("inkomen;gewicht;regio\n2,5;1;a\n4,5;1;a\n6,5;1;b\n8,5;1;b\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("measures", path, "--income", "inkomen", "--weight", "gewicht", "--out", out)
    assert result.exit_code == 0, result.output
    assert read(out).set_index("measure").loc["median", "value"] == 5.5


def test_latin1_csv_gets_a_clear_message(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("inkomen,plaats\n100,Assen\n200,Hoogezand-Sappemeer\n300,Zuidbroek é\n".encode("latin-1"))
    result = run("measures", path, "--income", "inkomen", "--out", tmp_path / "out.csv")
    assert result.exit_code != 0
    message = str(result.exception)
    assert "latin1.csv: het bestand is geen UTF-8 (regel 4)" in message
    assert "Invalid" not in message and "byte" not in message


def test_sav_is_read_in_chunks(tmp_path, monkeypatch):
    path = tmp_path / "people.sav"
    pyreadstat.write_sav(PEOPLE, str(path))
    real, calls = pyreadstat.read_sav, []

    def in_chunks_only(file, *args, **kwargs):
        calls.append(kwargs)
        assert kwargs.get("row_limit") or kwargs.get("metadataonly"), "a .sav file was loaded whole"
        return real(file, *args, **kwargs)

    monkeypatch.setattr(pyreadstat, "read_sav", in_chunks_only)
    out = tmp_path / "out.csv"
    result = run("measures", path, "--income", "inkomen", "--weight", "gewicht", "--out", out)
    assert result.exit_code == 0, result.output
    assert calls and read(out).set_index("measure").loc["median", "value"] == 5.0
