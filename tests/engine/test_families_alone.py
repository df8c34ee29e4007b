"""A family computed on its own gives the rows it gives in a run of every family.

A run builds person_years and household_years with only the columns its families read
(each family's PERSON_YEARS and HOUSEHOLD_YEARS, ``run.block_columns``). A family that reads a column it does not
declare fails here, on its own, instead of silently depending on another family.
"""

import pandas as pd
import pytest

from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.blocks import HOUSEHOLD_COLUMNS
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.regions import FINE
from armoedemonitor.engine.run import FAMILIES, block_columns, family_name, run_families
from armoedemonitor.results_table import KEY
from armoedemonitor.sources.readers import open_tables


def rows_and_columns(data, families) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The rows of ``families`` and the columns of the person_years and household_years
    they were built from."""
    con = connect("duckdb")
    try:
        ctx = EngineContext.build(con, open_tables(con, data), **block_columns(families))
        rows = run_families(ctx, families).set_index(KEY).sort_index()
        return rows, list(ctx.person_years.columns), list(ctx.household_years.columns)
    finally:
        con.disconnect()


@pytest.fixture(scope="module")
def every_family(synthetic_population):
    return rows_and_columns(synthetic_population, FAMILIES)


@pytest.fixture(scope="module")
def each_alone(synthetic_population):
    return {family: rows_and_columns(synthetic_population, [family]) for family in FAMILIES}


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: family_name(f))
def test_a_family_alone_gives_its_rows_of_the_whole_run(every_family, each_alone, family):
    whole, all_columns, all_household_columns = every_family
    alone, columns, household_columns = each_alone[family]
    assert len(alone) > 0
    indicators = set(alone.index.get_level_values("indicator"))
    expected = whole[whole.index.get_level_values("indicator").isin(indicators)]
    assert alone.index.equals(expected.index)
    assert (alone.n.to_numpy() == expected.n.to_numpy()).all()
    # sums of floats may be taken in another order: equal to the last few bits
    pd.testing.assert_frame_equal(alone, expected, check_exact=False, rtol=1e-12, atol=0)
    assert set(columns) == {"year", "person_id"} | family.PERSON_YEARS
    assert len(columns) < len(all_columns)  # narrower than the whole run's person_years
    read_through_person_years = family.PERSON_YEARS & set(HOUSEHOLD_COLUMNS)
    assert set(household_columns) == ({"year", "household_id", FINE} | family.HOUSEHOLD_YEARS
                                      | read_through_person_years)
    assert len(household_columns) < len(all_household_columns)


def test_the_families_alone_give_every_row(every_family, each_alone):
    whole, _, _ = every_family
    assert sum(len(rows) for rows, _, _ in each_alone.values()) == len(whole)
