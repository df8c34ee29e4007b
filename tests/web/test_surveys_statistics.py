"""Weighting, intervals and disclosure of the experience monitor, against values worked
out by hand (the arithmetic is in the comments) and a few properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armoedemonitor.web.surveys.estimates import effective_n, mean, share
from armoedemonitor.web.surveys.protection import OK, PRIMARY, SECONDARY, Line, protect
from armoedemonitor.web.surveys.weighting import RakingError, rake

# z = 1,959964 is the 97,5 % point of the standard normal (z^2 = 3,841459).


def test_rake_matches_hand_worked_solution():
    # Respondents (sex, age): (m, jong), (m, oud), (v, jong), (v, jong); population
    # m 50, v 50, jong 60, oud 40. Raking gives w = a_sex * b_age:
    #   v: 2 a_v b_jong = 50 -> a_v b_jong = 25;  jong: a_m b_jong + 50 = 60 -> a_m b_jong = 10;
    #   m: 10 + a_m b_oud = 50 -> a_m b_oud = 40 (and oud = 40 holds).
    units = [{"geslacht": "m", "leeftijd": "jong"}, {"geslacht": "m", "leeftijd": "oud"},
             {"geslacht": "v", "leeftijd": "jong"}, {"geslacht": "v", "leeftijd": "jong"}]
    margins = {"geslacht": {"m": 50, "v": 50}, "leeftijd": {"jong": 60, "oud": 40}}
    assert rake(units, margins) == pytest.approx([10, 40, 25, 25], rel=1e-6)


def test_rake_one_dimension_is_post_stratification():
    # 3 respondents in A (population 30) and 1 in B (population 70): 10 each, then 70.
    units = [{"g": "A"}, {"g": "A"}, {"g": "A"}, {"g": "B"}]
    assert rake(units, {"g": {"A": 30, "B": 70}}) == pytest.approx([10, 10, 10, 70])


def test_rake_names_what_cannot_be_fitted():
    with pytest.raises(RakingError, match="geen antwoorden uit B"):
        rake([{"g": "A"}], {"g": {"A": 5, "B": 5}})
    with pytest.raises(RakingError, match="geen bevolkingsaantal voor C"):
        rake([{"g": "C"}, {"g": "A"}], {"g": {"A": 5}})
    with pytest.raises(RakingError, match="hetzelfde totaal"):
        rake([{"g": "A", "h": "x"}], {"g": {"A": 5}, "h": {"x": 6}})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from("xyz")), min_size=6, max_size=40),
       st.integers(1, 50), st.integers(1, 50))
def test_rake_reproduces_every_margin(pairs, extra_a, extra_x):
    units = [{"s": s, "l": age} for s, age in pairs]
    present_s = {s for s, _ in pairs}
    present_l = {age for _, age in pairs}
    if present_s != {"a", "b"} or len(present_l) < 2:
        return
    # margins that a table with these cells can reach: counts times random positive factors
    sizes = {c: sum(1 for s, _ in pairs if s == c) for c in present_s}
    margin_s = {"a": sizes["a"] * extra_a, "b": sizes["b"] * 7}
    total = sum(margin_s.values())
    ages = sorted(present_l)
    margin_l = {age: total * (extra_x if i == 0 else 1) / (extra_x + len(ages) - 1) for i, age in enumerate(ages)}
    try:
        weights = rake(units, {"s": margin_s, "l": margin_l})
    except RakingError:
        return  # some sparse tables have no exact raking solution; that is reported
    for dimension, margin in (("s", margin_s), ("l", margin_l)):
        for category, target in margin.items():
            got = sum(w for u, w in zip(units, weights, strict=True) if u[dimension] == category)
            assert got == pytest.approx(target, rel=1e-6)


def test_effective_n_kish():
    # (1+1+2+4)^2 / (1+1+4+16) = 64 / 22
    assert effective_n([1, 1, 2, 4]) == pytest.approx(64 / 22)
    assert effective_n([3.0] * 7) == pytest.approx(7)


def test_share_wilson_unweighted():
    # p = 0,5, n = 100: denominator 1 + z^2/100 = 1,038415; centre 0,5;
    # half = z / 1,038415 * sqrt(0,0025 + z^2/40000) = 1,887457 * 0,050951 = 0,096168
    estimate = share([True] * 50 + [False] * 50, [1.0] * 100)
    assert (estimate.value, estimate.n) == (0.5, 100)
    assert estimate.low == pytest.approx(0.403832, abs=1e-6)
    assert estimate.high == pytest.approx(0.596168, abs=1e-6)


def test_share_weighted_uses_effective_n():
    # hits yes, no, no, yes with weights 1, 1, 2, 4: p = (1 + 4) / 8 = 0,625; n_eff = 2,9091.
    # Wilson on n_eff: d = 1 + z^2/2,9091 = 2,32051; centre = (0,625 + 0,66025) / d = 0,55387;
    # half = z / d * sqrt(0,625*0,375/2,9091 + z^2/(4*2,9091^2)) = 0,84463 * 0,44116 = 0,37206
    estimate = share([True, False, False, True], [1, 1, 2, 4])
    assert estimate.value == pytest.approx(0.625)
    assert estimate.n_eff == pytest.approx(64 / 22)
    assert estimate.low == pytest.approx(0.181802, abs=1e-5)
    assert estimate.high == pytest.approx(0.925933, abs=1e-5)


def test_mean_unweighted_is_the_t_interval():
    # 1..5: mean 3, s^2 = 10/4 = 2,5, SE = sqrt(2,5/5) = 0,70711, t(4) = 2,77645 -> 3 -/+ 1,96324
    estimate = mean([1, 2, 3, 4, 5], [1.0] * 5)
    assert estimate.value == 3
    assert estimate.low == pytest.approx(1.036757, abs=1e-6)
    assert estimate.high == pytest.approx(4.963243, abs=1e-6)


def test_mean_weighted():
    # values 2, 4, 4, 6 with weights 1, 1, 2, 4: mean 38/8 = 4,75;
    # sum w (y-m)^2 = 7,5625 + 0,5625 + 1,125 + 6,25 = 15,5; /8 = 1,9375;
    # times n_eff/(n_eff-1) = 2,9091/1,9091 -> 2,95238; SE = sqrt(2,95238/2,9091) = 1,007413;
    # t(0,975; df 1,9091) = 4,505085 -> 4,75 -/+ 4,538481
    estimate = mean([2, 4, 4, 6], [1, 1, 2, 4])
    assert estimate.value == pytest.approx(4.75)
    assert estimate.low == pytest.approx(0.211519, abs=1e-5)
    assert estimate.high == pytest.approx(9.288481, abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.floats(0.1, 10)), min_size=1, max_size=60))
def test_share_interval_contains_the_share_and_stays_in_0_1(rows):
    estimate = share([h for h, _ in rows], [w for _, w in rows])
    assert 0 <= estimate.low <= estimate.value + 1e-12
    assert estimate.value - 1e-12 <= estimate.high <= 1
    assert 0 < estimate.n_eff <= len(rows) + 1e-9


def test_primary_and_share_sides():
    # 9 respondents: too few; 20 with 18 yes: only 2 said no, too few on that side.
    cells = {("a",): (9, 5), ("b",): (20, 18), ("c",): (20, 10), ("d",): (12, None)}
    status = protect(cells, [], min_n=10, min_sides=10)
    assert status == {("a",): PRIMARY, ("b",): PRIMARY, ("c",): OK, ("d",): OK}


def test_secondary_hides_the_next_smallest_part():
    # total 60 = A 8 + B 22 + C 30: A is hidden (8 < 10) and 60 - 22 - 30 = 8 would reveal
    # it, so the smallest published part, B, is hidden too (8 + 22 >= 10).
    cells = {"T": (60, None), "A": (8, None), "B": (22, None), "C": (30, None)}
    status = protect(cells, [Line("T", ("A", "B", "C"))], 10, 10)
    assert status == {"T": OK, "A": PRIMARY, "B": SECONDARY, "C": OK}


def test_respondents_in_no_part_are_a_hidden_part():
    # total 50, parts 25 + 20 published: the 5 without a wijk would be 50 - 45.
    cells = {"T": (50, None), "W1": (25, None), "W2": (20, None)}
    status = protect(cells, [Line("T", ("W1", "W2"))], 10, 10)
    assert status["W2"] == SECONDARY and status["W1"] == OK
    # 12 without a wijk is enough on its own: nothing more is hidden.
    cells = {"T": (57, None), "W1": (25, None), "W2": (20, None)}
    assert set(protect(cells, [Line("T", ("W1", "W2"))], 10, 10).values()) == {OK}


def test_secondary_spreads_over_crossing_lines():
    # area x group table; A1 small. Row A: A1 + A2 hidden. Column 1: A1 + B1 hidden, then
    # column 2 has A2 hidden alone: B2 must go too.
    cells = {"A": (40, None), "B": (40, None), "1": (40, None), "2": (40, None),
             "A1": (5, None), "A2": (35, None), "B1": (35, None), "B2": (5, None)}
    lines = [Line("A", ("A1", "A2")), Line("B", ("B1", "B2")), Line("1", ("A1", "B1")), Line("2", ("A2", "B2"))]
    status = protect(cells, lines, 10, 10)
    assert status["A1"] == status["B2"] == PRIMARY
    assert status["A2"] == status["B1"] == SECONDARY
    for line in lines:
        hidden = sum(cells[p][0] for p in line.parts if status[p] != OK)
        assert hidden == 0 or hidden >= 10


def test_whole_line_hidden_hides_the_total():
    cells = {"T": (12, None), "A": (6, None), "B": (6, None)}
    status = protect(cells, [Line("T", ("A", "B"))], 10, 10)
    assert status == {"T": OK, "A": PRIMARY, "B": PRIMARY}  # 12 hidden together: fine
    cells = {"T": (15, None), "A": (9, None)}
    status = protect(cells, [Line("T", ("A",))], 10, 10)
    # 15 - 9 = 6 without a part, A hidden: 15 hidden together, enough
    assert status == {"T": OK, "A": PRIMARY}
    cells = {"T": (15, None), "A": (3, None), "B": (10, None)}
    # 2 in no part + A 3 = 5 hidden -> B hidden too: 15 hidden, total stays
    assert protect(cells, [Line("T", ("A", "B"))], 10, 10) == {"T": OK, "A": PRIMARY, "B": SECONDARY}



def test_wave_figures_by_wijk_region_set_and_group():
    from armoedemonitor.definitions import municipalities
    from armoedemonitor.web.surveys.figures import Unit, wave_figures

    # a mean question; weights 1. Emmen: 12 in wijk 01 (answer 6), 12 in wijk 02 (8),
    # 3 without a wijk (7). Assen: 20 (5). The wave covers every gemeente, so the region
    # set Drenthe lies inside it.
    units = ([Unit("GM0114", "WK011401", "ouders", 1.0, {"cijfer": 6})] * 12
             + [Unit("GM0114", "WK011402", "ouders", 1.0, {"cijfer": 8})] * 12
             + [Unit("GM0114", "", "ouders", 1.0, {"cijfer": 7})] * 3
             + [Unit("GM0106", "", "jongeren", 1.0, {"cijfer": 5})] * 20)
    question = {"name": "cijfer", "type": "integer", "positive": [], "choices": []}
    cells = {(c.level, c.code, c.group): c for c in wave_figures(units, [question], list(municipalities()), 10, 10)}
    # Emmen = (72 + 96 + 21) / 27 = 7; Drenthe and the whole wave = 289 / 47
    assert cells[("gemeente", "GM0114", "")].value == pytest.approx(7.0)
    assert cells[("regioset", "drenthe", "")].value == pytest.approx(289 / 47)
    assert cells[("totaal", "totaal", "")].value == pytest.approx(289 / 47)
    assert cells[("regioset", "groningen", "")].status == PRIMARY  # nobody answered there
    # the 3 without a wijk would be Emmen minus both wijken: one wijk is hidden too
    assert cells[("wijk", "WK011401", "")].status == SECONDARY
    wijk = cells[("wijk", "WK011402", "")]
    assert (wijk.status, wijk.value, wijk.low, wijk.high) == (OK, 8, 8, 8)
    # groups: Emmen has only parents, Assen only young people -> each equals its area
    assert cells[("gemeente", "GM0106", "jongeren")].value == pytest.approx(5)
    assert cells[("gemeente", "GM0114", "jongeren")].n == 0


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=2, max_size=4), min_size=2, max_size=4),
       st.lists(st.integers(0, 15), min_size=4, max_size=4))
def test_no_line_leaves_a_small_hidden_remainder(table, outside):
    # an area x group table with row totals (areas) and column totals (groups); rows may
    # have respondents in no group (``outside``)
    width = min(len(row) for row in table)
    cells, lines = {}, []
    for a, row in enumerate(table):
        parts = tuple((a, g) for g in range(width))
        for g in range(width):
            cells[(a, g)] = (row[g], None)
        cells[(a, "*")] = (sum(row[:width]) + outside[a], None)
        lines.append(Line((a, "*"), parts))
    for g in range(width):
        cells[("*", g)] = (sum(row[g] for row in table), None)
        lines.append(Line(("*", g), tuple((a, g) for a in range(len(table)))))
    status = protect(cells, lines, 10, 10)
    for key, (n, _hits) in cells.items():
        if n < 10:
            assert status[key] == PRIMARY
    for line in lines:
        if status[line.total] != OK:
            continue
        rest = cells[line.total][0] - sum(cells[p][0] for p in line.parts)
        hidden = rest + sum(cells[p][0] for p in line.parts if status[p] != OK)
        assert hidden == 0 or hidden >= 10
