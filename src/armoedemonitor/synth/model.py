"""The yearly loop: events, incomes, debt, and the year's tables.

Deterministic for a seed: every random draw comes from one numpy Generator in a fixed
order. Memory holds the person columns only; each written year goes to disk at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from armoedemonitor.definitions import low_income_thresholds
from armoedemonitor.synth import debt, income, population
from armoedemonitor.synth.geography import build_geography
from armoedemonitor.synth.households import INSTITUTION_KEY, household_keys, settle_orphans
from armoedemonitor.synth.state import State
from armoedemonitor.synth.tables import year_tables
from armoedemonitor.synth.writer import write_persons, write_year


def threshold(year: int) -> float:
    """CBS low-income threshold for ``year``; outside the table, the nearest year's."""
    table = low_income_thresholds()
    nearest = min(table, key=lambda y: abs(y - year))
    return table[nearest]


def generate(out: Path, persons: int, first_year: int, last_year: int, seed: int, scenario: dict,
             on_year: Callable[[int], None] = lambda year: None) -> None:
    """Simulate from ``first_year - burn_in`` and write ``first_year..last_year`` to ``out``."""
    rng = np.random.default_rng(seed)
    geo = build_geography(scenario)
    burn_in = scenario["population"]["burn_in_years"]
    growth = scenario["population"]["target_growth"]
    start = first_year - burn_in
    state = State(capacity=int(persons * 2.5) + 1000)
    population.initial_population(state, rng, scenario, geo, persons, start)
    reference_line = threshold(income.REFERENCE_YEAR)

    for name in ("households", "members", "debt_restructuring"):
        shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    for year in range(start, last_year + 1):
        target = round(persons * (1 + growth) ** (year - first_year))
        tables = simulate_year(state, rng, year, scenario, geo, target, reference_line,
                               write=year >= first_year)
        if tables is not None:
            write_year(out, year, tables)
            on_year(year)
    write_persons(out, state)


def simulate_year(state, rng, year, sc, geo, target, reference_line, write):
    population.clear_links(state)
    population.come_of_age(state, year, sc)
    population.mortality(state, rng, year, sc)
    population.emigration(state, rng, year, sc, geo)
    population.clear_links(state)
    population.leaving_home(state, rng, year, sc, geo)
    population.separation(state, rng, year, sc, geo)
    population.partnering(state, rng, year, sc)
    population.births(state, rng, year, sc)
    population.moves(state, rng, year, sc, geo)
    population.care(state, rng, year, sc)
    settle_orphans(state, year, population.ADULT)
    population.immigration(state, rng, year, sc, geo, target)

    key = household_keys(state, geo.nb_municipality)
    income.update_shocks(state, rng, sc)
    private = (key >= 0) & (key < INSTITUTION_KEY)
    municipality = geo.nb_municipality[state.location[np.where(private, key, np.arange(state.n))]]
    veenkolonien = geo.veenkolonien[municipality] & state.present
    earned, employed, benefit, source = income.personal_income(state, rng, year, sc, veenkolonien)
    debt.enter_wsnp(state, rng, year, sc, employed)
    income.cap_in_wsnp(state, year, sc, earned, reference_line)
    scale = threshold(year) / reference_line
    tables = year_tables(state, rng, year, sc, geo, key, earned, employed, benefit, source,
                         scale, threshold(year), build=write)
    if write:
        state.written[state.present] = True
    population.remove_dead(state)
    return tables
