"""Small parts of the generator: scenario files, years option, geography, equivalence."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from armoedemonitor.errors import UserError
from armoedemonitor.synth.geography import build_geography
from armoedemonitor.synth.scenario import default_scenario, load_scenario
from armoedemonitor.synth.tables import equivalence_factors
from armoedemonitor.years import parse_years

GEO = build_geography(default_scenario())


def test_scenario_file_overrides_only_its_keys(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[income]\nrank_rank_slope = 0.1\n")
    scenario = load_scenario(path)
    assert scenario["income"]["rank_rank_slope"] == 0.1
    assert scenario["income"]["earnings_median"] == default_scenario()["income"]["earnings_median"]


@pytest.mark.parametrize("text, message", [
    ("[income]\nrank_rank_slop = 0.1\n", "onbekende parameter 'income.rank_rank_slop'"),
    ("income = 3\n", "'income' moet een tabel zijn"),
    ("[income\n", "geen geldige TOML"),
])
def test_bad_scenario_files_are_refused(tmp_path, text, message):
    path = tmp_path / "s.toml"
    path.write_text(text)
    with pytest.raises(UserError, match=message):
        load_scenario(path)


def test_every_default_parameter_has_a_comment():
    from importlib.resources import files

    text = files("armoedemonitor.synth").joinpath("default_scenario.toml").read_text("utf-8")
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            assert "#" in line, line


def test_years_option():
    assert parse_years("2003-2022") == (2003, 2022) and parse_years("2010") == (2010, 2010)
    for bad in ("2003-", "2022-2003", "03-22"):
        with pytest.raises(UserError):
            parse_years(bad)


def test_every_municipality_has_districts_and_neighbourhoods_with_real_codes():
    gm, wk, bu = GEO.codes_for_year(2022)
    assert set(gm) == set(GEO.codes) and len(GEO.codes) == 22
    # Groningen (233,300 inhabitants) / 7,000 per district -> round(33.3) = 33 districts
    assert len({w for g, w in zip(gm, wk, strict=True) if g == "GM0014"}) == 33


@given(st.lists(st.tuples(st.integers(0, 21), st.floats(0, 1)), min_size=1, max_size=50))
def test_neighbourhood_lies_in_its_municipality(draws):
    municipality = np.array([m for m, _ in draws])
    position = np.array([p for _, p in draws])
    neighbourhood = GEO.neighbourhood(municipality, position)
    assert (GEO.nb_municipality[neighbourhood] == municipality).all()


def test_equivalence_factors_follow_the_cbs_tables():
    adults = np.array([1, 2, 2, 5, 0])
    minors = np.array([0, 2, 2, 0, 2])
    # 2020 table: e(1,0)=1.00, e(2,2)=1.91; outside the table (5,0): 5**0.5 = 2.2361;
    # no adults, 2 minors: the oldest minor counts as adult -> e(1,1) = 1.32
    assert equivalence_factors(2020, adults, minors) == pytest.approx([1.0, 1.91, 1.91, 5**0.5, 1.32])
    # 2017 uses the old table: e(2,2) = 1.88
    assert equivalence_factors(2017, adults[1:2], minors[1:2]) == pytest.approx([1.88])


def test_people_in_care_fill_institutions_of_at_most_the_unit_size(monkeypatch):
    # Seven people in care: five in neighbourhood 0 (municipality 3), two in neighbourhood
    # 1 (municipality 8). With units of two: municipality 3 gets three institutions
    # (2 + 2 + 1 residents), municipality 8 one; everyone else keeps a private key.
    from armoedemonitor.synth import households

    monkeypatch.setattr(households, "INSTITUTION_UNIT", 2)
    state = households.State(10)
    state.add(8)
    state.present[:] = True
    state.independent[:] = True
    state.institution[:7] = True
    state.location[:] = [0, 0, 1, 0, 0, 1, 0, 0]
    keys = households.household_keys(state, np.array([3, 8]))
    base = households.INSTITUTION_KEY
    assert keys[:7].tolist() == [base + 3000, base + 3000, base + 8000, base + 3001, base + 3001,
                                 base + 8000, base + 3002]
    assert keys[7] == 7
