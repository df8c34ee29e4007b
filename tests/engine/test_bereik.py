"""huurtoeslag_niet_gebruik on hand-built households; every expected value is worked out.

2020: lage-inkomensgrens 13,200 (single person); e(1,0) = 1, e(2,0) = 1.40, e(1,1) = 1.32.
Huurtoeslag vermogensgrens 2020: alleen 30,846, samen 61,692 (definitions/data/huurtoeslag.toml).
"""


import pandas as pd
import pytest
from engine_tables import load, make_frames
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.definitions import huurtoeslag_wealth_limits
from armoedemonitor.engine import bereik
from armoedemonitor.engine.commands import parse_wealth_limits
from armoedemonitor.engine.context import EngineContext, Params
from armoedemonitor.engine.run import run_families
from armoedemonitor.errors import UserError
from armoedemonitor.registry import get

ZONDER, MET, EIGENAAR = "huurder_zonder_huurtoeslag", "huurder_met_huurtoeslag", "eigenaar"

# (id, tenure, fields): low = income / e < 13,200.
TOWN_2020 = [
    # entitled-looking, without huurtoeslag: 12000 < 13200, wealth 10000 <= 30846
    (1, ZONDER, {"disposable_income": 12000.0, "wealth": 10000.0}),
    # entitled-looking, with huurtoeslag: wealth exactly at the limit counts
    (2, MET, {"disposable_income": 12000.0, "wealth": 30846.0}),
    # wealth one euro above the 'alleen' limit: not in the denominator
    (3, ZONDER, {"disposable_income": 12000.0, "wealth": 30847.0}),
    # two adults: 17000 / 1.40 = 12143 low; 50000 <= 'samen' 61692: counted, without
    (4, ZONDER, {"disposable_income": 17000.0, "wealth": 50000.0, "n_adults": 2,
                 "household_type": "paar", "main_income_source": "uitkering"}),
    # owner: not a renter
    (5, EIGENAAR, {"disposable_income": 12000.0, "wealth": 0.0}),
    # wealth unknown: cannot tell, not counted
    (6, ZONDER, {"disposable_income": 12000.0, "wealth": None}),
    # not low income: 20000 >= 13200
    (7, ZONDER, {"disposable_income": 20000.0, "wealth": 0.0}),
    # tenure unknown
    (8, None, {"disposable_income": 12000.0, "wealth": 0.0}),
    # student household: out of scope
    (9, ZONDER, {"disposable_income": 12000.0, "wealth": 0.0, "student_household": True}),
    # GM0018 -> GM1952; one adult and one minor: 15000 / 1.32 = 11364 low, 'alleen' limit,
    # 20000 <= 30846: counted, without
    (10, ZONDER, {"disposable_income": 15000.0, "wealth": 20000.0, "n_minors": 1,
                  "household_type": "eenouder", "municipality": "GM0018"}),
    # same household shape with 35000 > 30846 ('alleen' although two persons): not counted
    (11, MET, {"disposable_income": 15000.0, "wealth": 35000.0, "n_minors": 1,
               "household_type": "eenouder", "municipality": "GM0018"}),
]


def frames_for(rows, year=2020):
    households = [{"year": year, "household_id": hid, "municipality": "GM0014", **fields}
                  for hid, _, fields in rows]
    members = [{"year": year, "person_id": hid, "household_id": hid} for hid, _, _ in rows]
    frames = make_frames(households, members)
    frames["households"]["tenure"] = pd.Series([t for _, t, _ in rows], dtype="string")
    return frames


def rows_of(con, frames, params=None):
    ctx = EngineContext.build(con, load(con, frames), params)
    frame = run_families(ctx, [bereik])
    return frame.set_index(["region_level", "region_code", "breakdown", "category", "year"])


def test_hand_worked_town(duck):
    r = rows_of(duck, frames_for(TOWN_2020))
    assert set(r.reset_index().indicator) == {"huurtoeslag_niet_gebruik"}
    total = r.loc[("totaal", "totaal", "", "", 2020)]
    # denominator H1, H2, H4, H10; numerator H1, H4, H10
    assert (total.numerator, total.denominator, total.n) == (3, 4, 4)
    assert total.value == pytest.approx(0.75)
    gm0014 = r.loc[("gemeente", "GM0014", "", "", 2020)]
    assert (gm0014.numerator, gm0014.denominator) == (2, 3)  # H1, H4 of H1, H2, H4
    gm1952 = r.loc[("gemeente", "GM1952", "", "", 2020)]
    assert (gm1952.numerator, gm1952.denominator) == (1, 1)  # H10
    expected = {("household_type", "eenpersoons"): (1, 2), ("household_type", "paar"): (1, 1),
                ("household_type", "eenouder"): (1, 1), ("main_income_source", "werk"): (2, 3),
                ("main_income_source", "uitkering"): (1, 1)}
    for (breakdown, category), (num, den) in expected.items():
        row = r.loc[("totaal", "totaal", breakdown, category, 2020)]
        assert (row.numerator, row.denominator) == (num, den), (breakdown, category)
    breakdowns = r.reset_index()
    breakdowns = breakdowns[(breakdowns.region_level == "totaal") & (breakdowns.breakdown != "")]
    assert set(zip(breakdowns.breakdown, breakdowns.category, strict=True)) == set(expected)


def test_a_year_with_tenure_but_no_limit_is_refused(duck):
    frames = frames_for(TOWN_2020, year=2016)  # 2016 is not in huurtoeslag.toml
    with pytest.raises(UserError, match=r"geen vermogensgrens huurtoeslag voor 2016.*--vermogensgrens"):
        rows_of(duck, frames)
    # supplied by the user: 2016 lage-inkomensgrens 12,360; H1 12000 low, wealth 10000 <= 24437
    r = rows_of(duck, frames, Params(wealth_limits={2016: (24437.0, 48874.0)}))
    total = r.loc[("totaal", "totaal", "", "", 2016)]
    # H2 (30846 > 24437) and H11 drop out; H4 50000 <= 48874? no: drops out too.
    # denominator H1, H10; numerator H1, H10
    assert (total.numerator, total.denominator) == (2, 2)


def test_years_without_tenure_need_no_limit(duck):
    frames = frames_for(TOWN_2020, year=2016)
    frames["households"]["tenure"] = pd.Series([None] * len(frames["households"]), dtype="string")
    assert rows_of(duck, frames).empty
    del frames["households"]["tenure"]
    assert rows_of(duck, frames).empty


def test_parse_wealth_limits():
    assert parse_wealth_limits(["2016=24437/48874", "2013 = 21139"]) == {
        2016: (24437.0, 48874.0), 2013: (21139.0, 42278.0)}
    with pytest.raises(UserError, match="JAAR=ALLEEN/SAMEN"):
        parse_wealth_limits(["2016:24437"])


def test_published_limits_cover_recent_years_and_double_for_partners():
    limits = huurtoeslag_wealth_limits()
    assert limits[2020] == (30846.0, 61692.0)
    assert all(together == 2 * single for single, together in limits.values())
    assert "schatting" in get("huurtoeslag_niet_gebruik").explanation_b1


household = st.fixed_dictionaries({
    "tenure": st.sampled_from([None, EIGENAAR, ZONDER, MET]),
    "disposable_income": st.one_of(st.none(), st.floats(-2000, 40000, allow_nan=False)),
    "n_adults": st.integers(0, 3), "n_minors": st.integers(0, 2),
    "household_type": st.sampled_from(["eenpersoons", "paar", "eenouder", "institutioneel"]),
    "student_household": st.booleans(),
    "main_income_source": st.sampled_from(["werk", "uitkering", "pensioen"]),
    "municipality": st.sampled_from(["GM0014", "GM0018", "GM0114"]),
    "wealth": st.one_of(st.none(), st.floats(-1e4, 1e5, allow_nan=False)),
})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(household, min_size=1, max_size=25))
def test_properties(rows):
    """Numerator <= denominator; per breakdown the categories add up to the total (every
    household_type and main_income_source is known)."""
    from armoedemonitor.engine.backend import connect

    con = connect("duckdb")
    listed = [(i, row.pop("tenure"), row) for i, row in enumerate(map(dict, rows), start=1)]
    r = rows_of(con, frames_for(listed)).reset_index()
    con.disconnect()
    assert (r.numerator <= r.denominator).all()
    assert ((r.value >= 0) & (r.value <= 1)).all()
    totals = r[r.breakdown == ""].set_index(["region_level", "region_code"])
    for breakdown in ("household_type", "main_income_source"):
        parts = r[r.breakdown == breakdown].groupby(["region_level", "region_code"])[
            ["numerator", "denominator"]].sum()
        pd.testing.assert_frame_equal(parts.sort_index(), totals[["numerator", "denominator"]].sort_index(),
                                      check_names=False)


def test_cli_refuses_before_computing_and_writes_nothing(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from armoedemonitor.cli import app
    from armoedemonitor.engine import run

    frames = frames_for([row for row in TOWN_2020 if row[0] not in (4, 10, 11)], year=2016)  # one member each
    data = tmp_path / "data"
    data.mkdir()
    for name, frame in frames.items():
        frame.to_parquet(data / f"{name}.parquet", index=False)
    runner = CliRunner()
    with monkeypatch.context() as patch:
        patch.setattr(run, "run_families", lambda *a, **k: pytest.fail("computed before refusing"))
        result = runner.invoke(app, ["compute", str(data), "--out", str(tmp_path / "r1")])
    assert isinstance(result.exception, UserError)  # armoedemonitor's main prints it as "Fout: ..."
    said = str(result.exception)
    assert "geen vermogensgrens huurtoeslag voor 2016" in said and "--vermogensgrens" in said
    assert not (tmp_path / "r1").exists()
    result = runner.invoke(app, ["compute", str(data), "--out", str(tmp_path / "r2"),
                                 "--vermogensgrens", "2016=24437/48874"])
    assert result.exit_code == 0, result.output
    results = pd.read_parquet(tmp_path / "r2" / "results.parquet")
    total = results[(results.indicator == "huurtoeslag_niet_gebruik") & (results.region_level == "totaal")
                     & (results.breakdown == "")]
    assert (total.numerator.item(), total.denominator.item()) == (1, 1)  # H1 (H2 30846 > 24437)
