"""The default scenario reproduces the published Veenkoloniën figures (seed-figures.toml).

Runs the real engine (the families of armoedemonitor.engine.run that hold the targets)
on a default population of 200,000 persons and compares the Veenkoloniën region set, averaged over 2020-2022, with
the targets of the issue. The independent reading of the same definitions
(tests/reference/spec_reference.py) must give the same figures as the engine: exact
agreement needs no size, so that check runs on 20,000 persons (the row-by-row
reference on 200,000 takes minutes and ~6 GB).
"""

from __future__ import annotations

import tomllib

import pytest
from spec_reference import compute_reference

from armoedemonitor.engine import debt, inequality, lifecourse, poverty
from armoedemonitor.engine.backend import connect
from armoedemonitor.engine.context import EngineContext, Params
from armoedemonitor.engine.run import run_families
from armoedemonitor.sources.readers import open_tables
from armoedemonitor.sources.validate import validate_dataset
from armoedemonitor.synth.model import generate
from armoedemonitor.synth.scenario import load_scenario

YEARS = [2020, 2021, 2022]


def default_population(folder, persons):
    generate(folder, persons, 2003, 2022, seed=1, scenario=load_scenario())
    return folder


def engine_figures_of(population):
    validate_dataset(population)
    con = connect("duckdb")
    ctx = EngineContext.build(con, open_tables(con, population), Params(), (2020, 2022))
    return figures(run_families(ctx, families=[poverty, inequality, debt, lifecourse]))


@pytest.fixture(scope="module")
def engine_figures(tmp_path_factory):
    return engine_figures_of(default_population(tmp_path_factory.mktemp("calibration") / "data", 200_000))


def figures(results):
    """The calibration targets: Veenkoloniën rows averaged over YEARS."""
    veen = results[(results["region_level"] == "veenkolonien") & results["year"].isin(YEARS)]

    def mean(indicator, category=""):
        rows = veen[(veen["indicator"] == indicator) & (veen["category"] == category)]
        assert len(rows) == len(YEARS), (indicator, category)
        return rows["value"].mean()

    return {
        "laag_inkomen_personen": mean("laag_inkomen_personen"),
        "eenouder": mean("laag_inkomen_huishoudens", "eenouder"),
        "eenpersoons": mean("laag_inkomen_huishoudens", "eenpersoons"),
        "werkende_armen": mean("werkende_armen"),
        "vermogen_top10_aandeel": mean("vermogen_top10_aandeel"),
        "wsnp_volwassenen": mean("wsnp_volwassenen"),
        "wsnp_werkend": mean("wsnp_werkend"),
        "relatief_risico_opgroeien_in_armoede": mean("relatief_risico_opgroeien_in_armoede"),
    }


@pytest.mark.slow
def test_default_population_reproduces_the_seed_figures(engine_figures, shared_dir):
    seed = tomllib.loads((shared_dir / "reference" / "seed-figures.toml").read_text())
    vk = seed["veenkolonien_2022_presentation"]
    rr = seed["faseplan_2025_2026"]["relative_risk_child_poor_later"]
    f = engine_figures
    assert f["laag_inkomen_personen"] == pytest.approx(vk["persons_low_income_share"], abs=0.005)
    assert f["eenouder"] == pytest.approx(vk["single_parent_households_poor_share"], abs=0.03)
    assert f["eenpersoons"] == pytest.approx(vk["single_person_households_poor_share"], abs=0.03)
    assert f["werkende_armen"] == pytest.approx(vk["working_poor_share_of_poor"], abs=0.05)
    assert f["vermogen_top10_aandeel"] >= vk["wealth_top10_share_min"]
    assert f["wsnp_volwassenen"] == pytest.approx(vk["wsnp_adults_share"], abs=0.001)
    assert f["wsnp_werkend"] == pytest.approx(vk["wsnp_working_share"], abs=0.10)
    assert f["relatief_risico_opgroeien_in_armoede"] == pytest.approx(rr, abs=0.3)


@pytest.mark.slow
def test_engine_and_the_spec_reference_agree(tmp_path):
    population = default_population(tmp_path / "data", 20_000)
    engine = engine_figures_of(population)
    reference = figures(compute_reference(population, years=YEARS))
    assert reference.keys() == engine.keys()
    for name, value in engine.items():
        assert reference[name] == pytest.approx(value, rel=1e-9), name
