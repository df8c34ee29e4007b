"""Generating small synthetic populations for the synth tests."""

from pathlib import Path

from armoedemonitor.synth.model import generate
from armoedemonitor.synth.scenario import load_scenario


def make(folder: Path, persons: int, seed: int = 7, first: int = 2003, last: int = 2019) -> Path:
    generate(folder, persons, first, last, seed, load_scenario())
    return folder
