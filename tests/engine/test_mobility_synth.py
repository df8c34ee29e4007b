"""The rank-rank slope on the synthetic population responds to the generator's
intergenerational transmission.

The generator draws a child's latent economic level as
u_child = s·u_parents + √(1 − s²)·noise (``income.rank_rank_slope`` = s). Incomes add
education, age, part-time work, partners' incomes, shocks and benefits on top of u, so
the income rank-rank slope the engine measures is attenuated: measured at 20,000
persons, s = 0, 0.5, 0.9 gave about −0.04, 0.18, 0.37 (ratio ≈ 0.4). The test
therefore checks what the parameter must do to the estimate, with tolerances of about
three standard errors (SE ≈ √(1/n) ≈ 0.04 for the ~600 children of 12,000 persons):
- s = 0: the slope is 0 within 0.12 (no transmission, no slope);
- every step of s (0 -> 0.5 -> 0.9) raises the slope by more than 0.08.
"""

import pytest

from armoedemonitor.engine import mobility
from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.context import EngineContext
from armoedemonitor.engine.run import run_families
from armoedemonitor.sources.readers import open_tables
from armoedemonitor.synth import model as synth_model
from armoedemonitor.synth.scenario import load_scenario

pytestmark = pytest.mark.slow
PERSONS, SEED = 12_000, 7


def estimated_slope(tmp_path, s: float) -> tuple[float, int]:
    scenario = load_scenario()
    scenario["income"]["rank_rank_slope"] = s
    out = tmp_path / f"s{s}"
    # 2000-2022: children born 1984-1990 are 12-17 and 26-32 inside the window
    synth_model.generate(out, PERSONS, 2000, 2022, SEED, scenario)
    con = connect("duckdb")
    try:
        ctx = EngineContext.build(con, open_tables(con, out))
        rows = run_families(ctx, [mobility])
    finally:
        con.disconnect()
    total = rows[(rows.indicator == "rang_rang_helling") & (rows.year == 2022)
                 & (rows.region_level == "totaal")]
    assert len(total) == 1
    return float(total.value.iloc[0]), int(total.n.iloc[0])


def test_slope_follows_the_transmission_parameter(tmp_path):
    none, n = estimated_slope(tmp_path, 0.0)
    middle, _ = estimated_slope(tmp_path, 0.5)
    strong, _ = estimated_slope(tmp_path, 0.9)
    assert n >= 400, "too few children with both incomes for the stated tolerance"
    assert abs(none) < 0.12, none
    assert middle - none > 0.08, (none, middle)
    assert strong - middle > 0.08, (middle, strong)
