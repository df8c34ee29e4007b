"""Every indicator of the spec is in the registry, with everything users are shown."""

import re

import pytest

from armoedemonitor.registry import UNITS, registry

# Ids that the spec defines outside its tables.
SPEC_TEXT_IDS = {"migratie_armoede"}


def spec_indicator_ids(shared_dir) -> set[str]:
    text = (shared_dir / "spec" / "indicators.md").read_text("utf-8")
    table_ids = set(re.findall(r"^\| ([a-z0-9_]+) \|", text, flags=re.MULTILINE)) - {"id"}
    return table_ids | SPEC_TEXT_IDS


def test_every_spec_indicator_is_registered(shared_dir):
    missing = spec_indicator_ids(shared_dir) - set(registry())
    assert not missing, f"indicators in the spec but not in the registry: {sorted(missing)}"


@pytest.mark.parametrize("entry", list(registry().values()), ids=lambda e: e.id)
def test_registry_entry_is_complete(entry):
    assert entry.name.strip() and entry.explanation_b1.strip() and entry.definition.strip()
    assert entry.unit in UNITS
    assert entry.name_en.strip() and entry.explanation_en.strip(), "English text is missing"
    # B1: short sentences. A long explanation is a sign of technical language.
    longest = max(len(s.split()) for s in re.split(r"[.!?]", entry.explanation_b1) if s.strip())
    assert longest <= 25, f"{entry.id}: a sentence of {longest} words is too long for B1"
