"""Demography: the initial population and the yearly events that change families.

Births, deaths, partnering, separation, leaving home (students often leave the region),
moves between neighbourhoods and municipalities (the Veenkoloniën draw fewer movers than
they lose), migration in and out, care institutions and old parents moving in with a
child. Each event is a vectorised draw over the persons it can happen to.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from armoedemonitor.synth.geography import Geography
from armoedemonitor.synth.households import household_keys, household_of_leavers, own_home
from armoedemonitor.synth.state import NONE, State

ADULT = 18


def age(state: State, year: int) -> np.ndarray:
    return year - state.birth_year.astype(np.int64)


# ---------------------------------------------------------------- new persons
def education_from_u(rng, u: np.ndarray, sc: dict) -> np.ndarray:
    p = sc["education"]
    level = u + p["noise"] * rng.standard_normal(len(u))
    return np.where(level < p["cut_low"], 0, np.where(level > p["cut_high"], 2, 1)).astype(np.int8)


def child_u(rng, u_parents: np.ndarray, sc: dict) -> np.ndarray:
    """Intergenerational transmission of the economic level (rank-rank slope)."""
    slope = sc["income"]["rank_rank_slope"]
    return slope * u_parents + np.sqrt(1 - slope**2) * rng.standard_normal(len(u_parents))


def new_persons(state: State, rng, sc: dict, birth_year, female, u, arrived: int) -> np.ndarray:
    """Add persons with their lifelong traits; returns their indices."""
    count = len(u)
    idx = state.add(count)
    inc, edu, wealth = sc["income"], sc["education"], sc["wealth"]
    state.birth_year[idx] = birth_year
    state.female[idx] = female
    state.u[idx] = u
    state.present[idx] = True
    state.arrived[idx] = arrived
    education = education_from_u(rng, u, sc)
    state.education[idx] = education
    study_share = np.array([0.0, edu["student_share_middelbaar"], edu["student_share_hoog"]])
    state.student_track[idx] = rng.random(count) < study_share[education]
    state.shock[idx] = inc["shock_sd"] * rng.standard_normal(count)
    state.self_employed[idx] = rng.random(count) < inc["self_employed_share"]
    state.takes_benefit[idx] = rng.random(count)
    state.incomplete_aow[idx] = rng.random(count) < inc["incomplete_aow_share"]
    # who was not insured for AOW (abroad) had no Dutch occupational pension either
    state.no_pension[idx] = state.incomplete_aow[idx] | (rng.random(count) < inc["no_pension_share"])
    state.part_time[idx] = female & (rng.random(count) < inc["part_time_share"])
    state.wealth_draw[idx] = rng.standard_normal(count)
    draw = rng.random(count)
    state.wealth_kind[idx] = np.where(
        draw < wealth["pareto_share"], 1, np.where(draw > 1 - wealth["negative_share"], 2, 0)
    )
    return idx


def place(rng, geo: Geography, municipality: np.ndarray, u: np.ndarray, sc: dict) -> np.ndarray:
    """A neighbourhood in each municipality; richer persons tend to richer neighbourhoods."""
    s = sc["geography"]["neighbourhood_sorting"]
    position = ndtr(s * u + np.sqrt(1 - s**2) * rng.standard_normal(len(u)))
    return geo.neighbourhood(municipality, position)


# ---------------------------------------------------------------- initial population
def initial_population(state: State, rng, sc: dict, geo: Geography, persons: int, year: int) -> None:
    """Households of a simple year-``year`` population: couples and singles with children.

    Parent links exist only within this population; the burn-in years then grow the
    families that the written years see as three generations.
    """
    n_households = max(1, round(persons / 2.4))
    ages = np.arange(20, min(96, year - 1900))  # the schema's birth years start in 1900
    weight = np.where(ages < 65, 1.0, np.exp(-(ages - 65) / 10))
    head_age = rng.choice(ages, size=n_households, p=weight / weight.sum())
    couple_p = np.where(head_age < 28, 0.45, np.where(head_age <= 70, 0.75, 0.75 * np.exp(-(head_age - 70) / 12)))
    couple = rng.random(n_households) < couple_p
    head_female = ~couple & (rng.random(n_households) < 0.55)
    u_head = rng.standard_normal(n_households)
    municipality = rng.choice(len(geo.codes), size=n_households, p=geo.population / geo.population.sum())
    location = place(rng, geo, municipality, u_head, sc)

    head = new_persons(state, rng, sc, year - head_age, head_female, u_head, arrived=year)
    state.independent[head] = True
    state.location[head] = location

    c = np.flatnonzero(couple)
    srt = sc["partnering"]["sorting"]
    u_partner = srt * u_head[c] + np.sqrt(1 - srt**2) * rng.standard_normal(len(c))
    partner_age = np.clip(head_age[c] - 2 + np.round(3 * rng.standard_normal(len(c))), 18, ages[-1])
    partner = new_persons(state, rng, sc, year - partner_age, np.ones(len(c), bool), u_partner, arrived=year)
    state.independent[partner] = True
    state.location[partner] = location[c]
    state.partner[head[c]] = partner
    state.partner[partner] = head[c]

    mother = np.full(n_households, NONE)
    mother[c] = partner
    mother[head_female] = head[head_female]
    mother_age = np.full(n_households, 0)
    mother_age[c] = partner_age
    mother_age[head_female] = head_age[head_female]
    father = np.full(n_households, NONE)
    father[c] = head[c]
    youngest_parent = mother_age.copy()
    youngest_parent[c] = np.minimum(partner_age, head_age[c])
    fertile = (mother != NONE) & (youngest_parent >= 21) & (mother_age <= 58)
    rate = np.where(couple, 1.8, 0.6) * fertile * np.clip((youngest_parent - 19) / 12, 0, 1)
    n_children = rng.poisson(rate)
    family = np.repeat(np.arange(n_households), n_children)
    max_child_age = np.minimum(youngest_parent[family] - 19, 22)
    child_age = (rng.random(len(family)) * (max_child_age + 1)).astype(np.int64)
    u_par = np.where(couple[family], (u_head[family] + state.u[np.maximum(mother[family], 0)]) / 2, u_head[family])
    kids = new_persons(state, rng, sc, year - child_age, rng.random(len(family)) < 0.49,
                       child_u(rng, u_par, sc), arrived=year)
    state.mother[kids] = mother[family]
    state.father[kids] = father[family]
    state.location[kids] = location[family]


# ---------------------------------------------------------------- yearly events
def come_of_age(state: State, year: int, sc: dict) -> None:
    """Growing up poor leaves a mark beyond the parents' level (less schooling, health,
    networks): at 18 the economic level drops by ``childhood_poverty_scar``."""
    turning_adult = state.present & (age(state, year) == ADULT)
    grew_up_poor = (state.child_years >= 3) & (2 * state.child_poor_years >= state.child_years)
    state.u[turning_adult & grew_up_poor] -= sc["income"]["childhood_poverty_scar"]


def clear_links(state: State) -> None:
    """Partners who died or left are no longer partners (widowhood)."""
    partner = state.partner
    gone = (partner != NONE) & ~state.present[np.maximum(partner, 0)]
    partner[gone] = NONE


def mortality(state: State, rng, year: int, sc: dict) -> None:
    """Who dies during ``year`` (they still belong to that year's households)."""
    p = sc["mortality"]
    a = age(state, year)
    q = np.minimum(np.exp(p["gompertz_a"] + p["gompertz_b"] * a), 0.6)
    q = np.where(a == 0, p["infant"], q)
    q = np.where(a >= p["max_age"], 1.0, q)
    state.dies[:] = state.present & (rng.random(state.n) < q)


def remove_dead(state: State) -> None:
    state.present[state.dies] = False
    state.dies[:] = False


def emigration(state: State, rng, year: int, sc: dict, geo: Geography) -> None:
    """Whole households leave the region (to the rest of the country or abroad)."""
    p = sc["moves"]
    key = household_keys(state, geo.nb_municipality)
    index = np.arange(state.n)
    head = own_home(state) & (key == index)
    a = age(state, year)
    young_single = (a >= 20) & (a < 35) & (state.partner == NONE)
    rate = np.where(young_single, p["young_emigration"], p["emigration"])
    leaving = np.flatnonzero(head & (rng.random(state.n) < rate))
    state.present[household_of_leavers(state, key, leaving)] = False


def immigration(state: State, rng, year: int, sc: dict, geo: Geography, target: int) -> None:
    """Households arriving from elsewhere keep the population near its target size."""
    p = sc["immigration"]
    shortfall = target - int(state.present.sum())
    if shortfall <= 0:
        return
    size = 1 + p["couple_share"] * (1 + p["child_rate"])
    n_households = max(1, round(shortfall / size))
    couple = rng.random(n_households) < p["couple_share"]
    head_age = np.clip(np.round(p["age_mean"] + p["age_sd"] * rng.standard_normal(n_households)), 18, 80)
    u_head = p["level_shift"] + rng.standard_normal(n_households)
    municipality = rng.choice(len(geo.codes), size=n_households, p=geo.destination_weight)
    location = place(rng, geo, municipality, u_head, sc)
    head = new_persons(state, rng, sc, year - head_age, rng.random(n_households) < 0.5, u_head, arrived=year)
    state.independent[head] = True
    state.location[head] = location
    c = np.flatnonzero(couple)
    u_partner = 0.5 * u_head[c] + 0.87 * rng.standard_normal(len(c)) + p["level_shift"] / 2
    partner_age = np.clip(head_age[c] + np.round(3 * rng.standard_normal(len(c))), 18, 80)
    partner = new_persons(state, rng, sc, year - partner_age, ~state.female[head[c]], u_partner, arrived=year)
    state.independent[partner] = True
    state.location[partner] = location[c]
    state.partner[head[c]] = partner
    state.partner[partner] = head[c]
    female_head = state.female[head[c]]
    mothers = np.where(female_head, head[c], partner)
    fathers = np.where(female_head, partner, head[c])
    n_children = rng.poisson(p["child_rate"], len(c)) * (np.minimum(head_age[c], partner_age) >= 21)
    family = np.repeat(np.arange(len(c)), n_children)
    youngest_parent = np.minimum(head_age[c], partner_age)[family]
    child_age = (rng.random(len(family)) * np.clip(youngest_parent - 19, 0, 17)).astype(np.int64)
    u_par = (u_head[c][family] + u_partner[family]) / 2
    kids = new_persons(state, rng, sc, year - child_age, rng.random(len(family)) < 0.49,
                       child_u(rng, u_par, sc), arrived=year)
    state.mother[kids] = mothers[family]
    state.father[kids] = fathers[family]
    unknown = rng.random(n_households) < p["unknown_education"]
    state.education[head[unknown]] = NONE


def leaving_home(state: State, rng, year: int, sc: dict, geo: Geography) -> None:
    """Young adults leave the parental home; students at 18, often out of the region."""
    p = sc["leaving_home"]
    a = age(state, year)
    living_at_home = state.present & ~state.independent & ~state.institution & (a >= p["min_age"])
    start_study = living_at_home & state.student_track & (a == p["min_age"])
    state.student_until[start_study] = year + p["study_years"] - 1
    draw = rng.random(state.n)
    students_leave = start_study & (draw < p["student_leave"])
    others_leave = living_at_home & ~start_study & ((draw < p["hazard"]) | (a >= p["force_age"]))

    out = students_leave & (rng.random(state.n) < p["student_out_of_region"])
    state.present[out] = False
    stay = np.flatnonzero(students_leave & ~out)
    home_municipality = geo.nb_municipality[state.location[stay]]
    to_city = rng.random(len(stay)) < p["student_to_city"]
    municipality = np.where(to_city, geo.city, home_municipality)
    state.location[stay] = place(rng, geo, municipality, state.u[stay], sc)
    state.independent[stay] = True

    movers = np.flatnonzero(others_leave)
    parent = np.where(state.mother[movers] != NONE, state.mother[movers], state.father[movers])
    home_municipality = geo.nb_municipality[state.location[np.maximum(parent, 0)]]
    elsewhere = rng.random(len(movers)) < sc["moves"]["between_municipalities"]
    chosen = rng.choice(len(geo.codes), size=len(movers), p=geo.destination_weight)
    municipality = np.where(elsewhere, chosen, home_municipality)
    state.location[movers] = place(rng, geo, municipality, state.u[movers], sc)
    state.independent[movers] = True


def separation(state: State, rng, year: int, sc: dict, geo: Geography) -> None:
    """Couples split; the children stay with the mother, the father finds a new home."""
    index = np.arange(state.n)
    partner = state.partner
    couple_head = own_home(state) & (partner != NONE) & (index < partner)
    split = np.flatnonzero(couple_head & (rng.random(state.n) < sc["partnering"]["separation_rate"]))
    other = partner[split]
    man = np.where(state.female[split], other, split)
    state.partner[split] = NONE
    state.partner[other] = NONE
    municipality = geo.nb_municipality[state.location[man]]
    state.location[man] = place(rng, geo, municipality, state.u[man], sc)


def partnering(state: State, rng, year: int, sc: dict) -> None:
    """Singles with an own home pair up, men with women of similar age and level."""
    p = sc["partnering"]
    a = age(state, year)
    single = own_home(state) & (state.partner == NONE) & (a >= p["min_age"]) & (a <= p["max_age"])
    single &= state.student_until < year
    age_factor = np.where(a < 25, 0.7, np.where(a <= 40, 1.0, np.maximum(0.2, 1 - (a - 40) / 30)))
    seeking = single & (rng.random(state.n) < p["rate"] * age_factor)
    men = np.flatnonzero(seeking & ~state.female)
    women = np.flatnonzero(seeking & state.female)
    k = min(len(men), len(women))
    if k == 0:
        return
    men = rng.choice(men, size=k, replace=False)
    women = rng.choice(women, size=k, replace=False)
    s = p["sorting"]

    def order(people, shift):
        key = (a[people] - shift) / 10 + s * state.u[people] + (1 - s) * rng.standard_normal(len(people))
        return people[np.argsort(key, kind="stable")]

    men, women = order(men, 2), order(women, 0)
    state.partner[men] = women
    state.partner[women] = men
    together = rng.random(k) < 0.5
    state.location[men] = np.where(together, state.location[women], state.location[men])
    state.location[women] = state.location[men]


def births(state: State, rng, year: int, sc: dict) -> None:
    """Women with an own home have children; the child inherits part of the parents' level."""
    p = sc["fertility"]
    a = age(state, year)
    woman = own_home(state) & state.female & (a >= p["min_age"]) & (a <= p["max_age"]) & ~state.dies
    rate = p["peak_rate"] * np.exp(-0.5 * ((a - p["peak_age"]) / p["spread"]) ** 2)
    rate = np.where(state.partner != NONE, rate, rate * p["single_factor"])
    mothers = np.flatnonzero(woman & (rng.random(state.n) < rate))
    fathers = state.partner[mothers]
    u_mother = state.u[mothers]
    u_parents = np.where(fathers != NONE, (u_mother + state.u[np.maximum(fathers, 0)]) / 2, u_mother)
    kids = new_persons(state, rng, sc, year, rng.random(len(mothers)) < 0.49, child_u(rng, u_parents, sc), arrived=year)
    state.mother[kids] = mothers
    state.father[kids] = fathers
    state.location[kids] = state.location[mothers]


def moves(state: State, rng, year: int, sc: dict, geo: Geography) -> None:
    """Households move house: mostly within the municipality, some to another one."""
    p = sc["moves"]
    index = np.arange(state.n)
    head = own_home(state) & ((state.partner == NONE) | (index < state.partner))
    movers = np.flatnonzero(head & (rng.random(state.n) < p["rate"]))
    current = geo.nb_municipality[state.location[movers]]
    elsewhere = rng.random(len(movers)) < p["between_municipalities"]
    chosen = rng.choice(len(geo.codes), size=len(movers), p=geo.destination_weight)
    municipality = np.where(elsewhere, chosen, current)
    location = place(rng, geo, municipality, state.u[movers], sc)
    state.location[movers] = location
    has_partner = state.partner[movers] != NONE
    state.location[state.partner[movers][has_partner]] = location[has_partner]


def care(state: State, rng, year: int, sc: dict) -> None:
    """Old people living alone enter care, or move in with a child."""
    p = sc["moves"]
    a = age(state, year)
    alone = own_home(state) & (state.partner == NONE)
    old = alone & (a >= p["institution_age"])
    hazard = p["institution_hazard"] * (1 + 0.15 * (a - p["institution_age"]))
    state.institution[old & (rng.random(state.n) < hazard)] = True

    candidates = np.flatnonzero(alone & ~state.institution & (a >= 75) & (rng.random(state.n) < p["elderly_move_in"]))
    if len(candidates) == 0:
        return
    # a child with an own home: look the old person up as mother or father
    home = own_home(state)
    children = np.flatnonzero(home & ((state.mother != NONE) | (state.father != NONE)))
    parent_of_child = np.concatenate([state.mother[children], state.father[children]])
    child = np.concatenate([children, children])
    keep = parent_of_child != NONE
    parent_of_child, child = parent_of_child[keep], child[keep]
    host = np.full(state.n, NONE)
    host[parent_of_child] = child  # one child per parent (the last one listed)
    hosted = candidates[host[candidates] != NONE]
    state.lodges_with[hosted] = host[hosted]
