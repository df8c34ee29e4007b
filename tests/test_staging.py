"""A staged folder appears whole or not at all, and cleans up after killed runs."""

import subprocess
import sys

import pytest

from armoedemonitor.errors import UserError
from armoedemonitor.staging import staged_folder


def test_folder_appears_only_when_complete(tmp_path):
    target = tmp_path / "out"
    with staged_folder(target) as folder:
        (folder / "a.csv").write_text("x\n")
        assert not target.exists()
    assert (target / "a.csv").read_text() == "x\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failure_writes_nothing(tmp_path):
    target = tmp_path / "out"
    with pytest.raises(RuntimeError), staged_folder(target) as folder:
        (folder / "a.csv").write_text("half")
        raise RuntimeError("killed halfway")
    assert list(tmp_path.iterdir()) == []


def test_existing_target_is_refused_unless_replaced(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.csv").write_text("old")
    with pytest.raises(UserError, match="bestaat al"), staged_folder(target):
        pass
    with staged_folder(target, replace=True) as folder:
        (folder / "new.csv").write_text("new")
    assert [p.name for p in target.iterdir()] == ["new.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failed_replacement_keeps_the_old_folder(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.csv").write_text("old")
    with pytest.raises(RuntimeError), staged_folder(target, replace=True):
        raise RuntimeError
    assert [p.name for p in target.iterdir()] == ["old.csv"]


def test_staging_of_a_dead_process_is_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    leftover = tmp_path / f".out.staging-{dead}-abc"
    leftover.mkdir()
    (leftover / "results.csv").write_text("half")
    with staged_folder(tmp_path / "out"):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_target_under_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(UserError, match="geen map"), staged_folder(tmp_path / "file" / "out"):
        pass
