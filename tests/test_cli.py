"""The command line offers every stage; a stage that cannot be imported is an error."""

import importlib
import sys

import pytest
from typer.testing import CliRunner

import armoedemonitor.cli


def test_every_stage_is_a_command():
    names = {command.name for command in armoedemonitor.cli.app.registered_commands}
    assert names >= {"validate", "map-cbs", "synth", "compute", "measures", "release", "check",
                     "import-release", "serve", "indicators"}
    assert CliRunner().invoke(armoedemonitor.cli.app, ["--help"]).exit_code == 0


def test_a_missing_stage_module_breaks_the_cli_instead_of_vanishing(monkeypatch):
    monkeypatch.setitem(sys.modules, "armoedemonitor.release.commands", None)  # import fails
    with pytest.raises(ImportError):
        importlib.reload(armoedemonitor.cli)
    monkeypatch.undo()
    importlib.reload(armoedemonitor.cli)


def test_python_dash_m_runs_the_same_command_line():
    import os
    import subprocess

    done = subprocess.run([sys.executable, "-m", "armoedemonitor", "indicators"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "laag_inkomen_personen" in done.stdout
