"""Documentation is tested (as in datasette): every command and option, every indicator
and every setting is documented, and the generated pages match the code."""

import re
from pathlib import Path

import pytest

from armoedemonitor import reference_docs
from armoedemonitor.registry import registry

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", list(reference_docs.PAGES))
def test_generated_page_matches_the_code(name):
    written = (DOCS / name).read_text("utf-8")
    assert written == reference_docs.PAGES[name](), (
        f"docs/{name} is out of date: run `python -m armoedemonitor.reference_docs`")


def test_every_command_and_option_is_in_the_cli_reference():
    import typer

    from armoedemonitor.cli import app

    text = (DOCS / "cli.md").read_text("utf-8")
    group = typer.main.get_command(app)
    with group.make_context("armoedemonitor", [], resilient_parsing=True) as context:
        for name in group.list_commands(context):
            assert f"## `armoedemonitor {name}`" in text
            for param in group.get_command(context, name).params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("--") and opt != "--help":
                        assert f"`{opt}`" in text, f"{name} {opt} is not documented"


def test_every_indicator_is_documented():
    text = (DOCS / "indicators.md").read_text("utf-8")
    for entry in registry().values():
        assert f"### `{entry.id}`: {entry.name}" in text


def settings_read_by_the_code() -> set[str]:
    pattern = re.compile(r"""(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Z][A-Z0-9_]+)["']""")
    found = set()
    for path in (ROOT / "src").rglob("*.py"):
        found |= set(pattern.findall(path.read_text("utf-8")))
    return found


def test_every_setting_is_documented():
    found = settings_read_by_the_code()
    assert {"ARMOEDEMONITOR_HOME", "DJANGO_SECRET_KEY"} <= found  # the scan itself works
    text = (DOCS / "settings.md").read_text("utf-8")
    missing = sorted(name for name in found if f"`{name}`" not in text)
    assert not missing, f"settings read by the code but not in docs/settings.md: {missing}"
