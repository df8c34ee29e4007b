"""The schemes of one gemeente for the yearly factsheet: plain values, so the frozen
report snapshot (JSON) keeps them as they were when it was adopted."""

from __future__ import annotations

from .models import Scheme
from .reach import latest_reach


def factsheet_rows(code: str) -> list[dict]:
    """Per scheme running in the gemeente: its latest count there and the reach (or why not)."""
    rows = []
    for scheme in Scheme.objects.all():
        if code not in scheme.gemeenten:
            continue
        reach = latest_reach(scheme, code)
        if reach is None:
            continue
        rows.append({"naam": scheme.naam, "doelgroep": scheme.doelgroep_omschrijving, "jaar": reach.year,
                     "ontvangers": reach.recipients, "bereik": None if reach.value is None else 100 * reach.value,
                     "reden": reach.reason})
    return rows
