"""Scenario: every parameter of the generator, read from TOML.

The default scenario ships with the package; a user's file overrides only the keys it
names, so an experiment is a few lines. Unknown keys are refused: a typo must not pass
silently as "default".
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

from armoedemonitor.errors import UserError


def default_scenario() -> dict:
    return tomllib.loads(files(__package__).joinpath("default_scenario.toml").read_text("utf-8"))


def load_scenario(path: Path | None = None) -> dict:
    """The default scenario, with the values of ``path`` (if given) laid over it."""
    scenario = default_scenario()
    if path is None:
        return scenario
    try:
        override = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise UserError(f"Scenariobestand {path} bestaat niet.") from None
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Scenariobestand {path} is geen geldige TOML: {error}") from None
    _overlay(scenario, override, str(path), "")
    return scenario


def _overlay(base: dict, override: dict, source: str, prefix: str) -> None:
    for key, value in override.items():
        name = f"{prefix}{key}"
        if key not in base:
            raise UserError(f"Scenariobestand {source}: onbekende parameter '{name}'.")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise UserError(f"Scenariobestand {source}: '{name}' moet een tabel zijn.")
            _overlay(base[key], value, source, f"{name}.")
        else:
            base[key] = value
