"""The schema as data matches the spec's tables (docs/spec/microdata.md), column by column."""

from __future__ import annotations

import re

from armoedemonitor.sources.schema import TABLES


def spec_tables(text: str) -> dict[str, dict[str, str]]:
    """{table: {column: type cell}} from the '## name — ...' sections' Markdown tables."""
    tables, current = {}, None
    for line in text.splitlines():
        heading = re.match(r"^## (\w+) —", line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
        elif current is not None and line.startswith("| ") and not line.startswith("| column"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            current[cells[0]] = cells[1]
    return tables


def test_schema_matches_spec(docs_spec):
    spec = spec_tables((docs_spec / "microdata.md").read_text("utf-8"))
    assert set(spec) == set(TABLES)
    for name, columns in spec.items():
        table = TABLES[name]
        assert [c.name for c in table.columns] == list(columns), name
        for column in table.columns:
            cell = columns[column.name]
            spec_type = {"bool": "boolean"}.get(cell.split(",")[0], cell.split(",")[0])
            assert column.dtype == spec_type, (name, column.name)
            assert column.nullable == ("nullable" in cell), (name, column.name)
            assert column.optional == ("optional" in cell), (name, column.name)
