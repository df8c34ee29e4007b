"""`armoedemonitor validate`: a summary and OK, or every problem and exit code 2."""

from __future__ import annotations

import subprocess
import sys

from .conftest import write_canonical


def run_validate(data_dir):
    return subprocess.run([sys.executable, "-m", "armoedemonitor.cli", "validate", str(data_dir)],
                          capture_output=True, text=True, timeout=120)


def test_valid_folder_prints_rows_per_year_and_ok(tmp_path):
    result = run_validate(write_canonical(tmp_path, fmt="hive"))
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert "households/" in result.stdout and "2021" in result.stdout


def test_invalid_folder_lists_problems_and_exits_2(tmp_path):
    data = write_canonical(tmp_path, persons=lambda f: f.assign(sex=["M", "X", "V", "M", "V", "M", "M"]))
    result = run_validate(data)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "persons.parquet, kolom sex: waarde niet in (M, V): 1 rij" in " ".join(result.stderr.split())
