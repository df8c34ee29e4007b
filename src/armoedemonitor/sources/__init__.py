"""Input side: the canonical schema, readers for every file format, validation and the
mapping from CBS Remote Access tables (docs/spec/microdata.md)."""
