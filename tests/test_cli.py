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
