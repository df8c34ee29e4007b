"""The results do not depend on how many years one query takes (``blocks.computed_by_years``).

At real size the building blocks and the heavy families are computed a few years per
query so that their joins and windows fit in memory; on a small population everything
is one query. Splitting must not change a single row: every family runs on the same
synthetic population once in one part and once a year per part.
"""

import pandas as pd

from armoedemonitor.engine import blocks
from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families
from armoedemonitor.results_table import KEY
from armoedemonitor.sources.readers import open_tables


def results(data, monkeypatch, part_person_years: int) -> tuple[pd.DataFrame, int]:
    """All rows, and how many years one query took."""
    monkeypatch.setattr(blocks, "PART_PERSON_YEARS", part_person_years)
    con = connect("duckdb")
    try:
        ctx = EngineContext.build(con, open_tables(con, data))
        rows = run_families(ctx).set_index(KEY).sort_index()
        return rows, blocks.years_per_part(ctx)
    finally:
        con.disconnect()


def test_one_year_per_query_gives_the_same_rows(synthetic_population, monkeypatch):
    whole, years_whole = results(synthetic_population, monkeypatch, 10**9)
    split, years_split = results(synthetic_population, monkeypatch, 1)
    assert years_whole >= 19 and years_split == 1  # nineteen years: one query against nineteen
    assert set(whole.index.get_level_values("indicator")) >= {
        "gini_inkomen", "vermogen_top10_profiel", "generatiearmoede", "migratie_armoede",
        "rang_rang_helling", "laag_inkomen_personen"}
    assert whole.index.equals(split.index)
    assert (whole.n.to_numpy() == split.n.to_numpy()).all()
    # sums of floats may be taken in another order: equal to the last few bits
    pd.testing.assert_frame_equal(whole, split, check_exact=False, rtol=1e-12, atol=0)
