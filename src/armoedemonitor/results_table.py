"""The results table: the one contract between engine, disclosure, release and web.

``compute`` writes it (raw, inside the secure environment), ``release`` publishes it with
a status per cell, and the web app imports that. Every stage reads the column names,
types and key from here (docs/spec/results.md says what they mean).
"""

from __future__ import annotations

# Column name -> logical type; the stages map these onto Ibis, Arrow, pandas, Frictionless.
COLUMNS: dict[str, str] = {
    "indicator": "string",
    "year": "int16",
    "region_level": "string",
    "region_code": "string",
    "breakdown": "string",
    "category": "string",
    "numerator": "float64",
    "denominator": "float64",
    "value": "float64",
    "n": "int64",
}
NAMES: list[str] = list(COLUMNS)
# Rows are unique on these columns.
KEY: list[str] = NAMES[:6]
# Columns that may be hidden or rounded by disclosure control.
MEASURES: list[str] = NAMES[6:]

# Status of a published cell (release indicators.csv), with its Dutch meaning for readers.
STATUSES: dict[str, str] = {
    "ok": "gepubliceerd",
    "primair": "te weinig gegevens",
    "secundair": "weggelaten om andere cijfers te beschermen",
    "afgerond": "afgerond",
    "bereik": "minder precies: alleen een bereik",
}
SUPPRESSED: tuple[str, ...] = ("primair", "secundair")
# A share hidden to protect other cells may be published less precisely, as a range
# (status 'bereik'): these release columns hold its bounds, as fractions 0..1.
RANGE_STATUS = "bereik"
RANGE_COLUMNS: tuple[str, str] = ("value_lower", "value_upper")
# Statuses whose numerator, denominator, value and n are empty in a release.
HIDDEN_NUMBERS: tuple[str, ...] = (*SUPPRESSED, RANGE_STATUS)
