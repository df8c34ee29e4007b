"""households.tenure in the synthetic population: renters with and without huurtoeslag."""

from __future__ import annotations

import pytest
from test_model import read

from armoedemonitor.definitions import huurtoeslag_wealth_limits, low_income_thresholds
from armoedemonitor.synth.scenario import load_scenario


def test_tenure_follows_huurtoeslag_and_the_non_take_up_rate(small):
    h = read(small, "households")
    care = h["household_type"] == "institutioneel"
    known_rules = h["year"].isin(list(huurtoeslag_wealth_limits()))
    assert h.loc[care | ~known_rules, "tenure"].isna().all()
    assert h.loc[~care & known_rules, "tenure"].notna().all()
    assert known_rules.any() and (~known_rules).any()  # the fixture spans both kinds of year
    # (a household whose income is unknown has its allowance written as 0)
    known = h[known_rules & h["disposable_income"].notna()]
    with_allowance = known["rent_allowance"] > 0
    assert (known.loc[with_allowance, "tenure"] == "huurder_met_huurtoeslag").all()
    assert (known.loc[~with_allowance, "tenure"] != "huurder_met_huurtoeslag").all()
    # every household below the line is eligible, so among low-income renters the share
    # without huurtoeslag is the scenario's non-take-up (binomial, n in the thousands)
    line = low_income_thresholds()
    recent = h[~care & known_rules & h["disposable_income"].notna()].copy()
    factor = (recent["n_adults"] + 0.8 * recent["n_minors"]).pow(0.5)  # close to the CBS table
    low = (recent["disposable_income"] - recent["rent_allowance"]) / factor < recent["year"].map(line) * 0.9
    renters = recent[low & recent["tenure"].str.startswith("huurder")]
    assert len(renters) > 300
    expected = load_scenario()["income"]["huurtoeslag_non_take_up"]
    share = (renters["tenure"] == "huurder_zonder_huurtoeslag").mean()
    assert share == pytest.approx(expected, abs=0.03)
