"""One year of the canonical tables (households, members, debt_restructuring) from the state."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from armoedemonitor.definitions import equivalence_scale, huurtoeslag_wealth_limits
from armoedemonitor.synth.geography import Geography
from armoedemonitor.synth.households import INSTITUTION_KEY
from armoedemonitor.synth.income import SOURCES
from armoedemonitor.synth.state import NONE, State
from armoedemonitor.synth.wealth import household_wealth

HOUSEHOLD_TYPES = np.array(
    ["eenpersoons", "paar", "paar_met_kinderen", "eenouder", "overig", "institutioneel"], dtype=object
)
ROLES = np.array(["hoofdkostwinner", "partner", "kind", "overig"], dtype=object)


def equivalence_factors(year: int, adults: np.ndarray, minors: np.ndarray) -> np.ndarray:
    scale = equivalence_scale()
    combo = adults.astype(np.int64) * 1000 + minors
    unique, inverse = np.unique(combo, return_inverse=True)
    factors = np.array([scale.factor(year, int(c // 1000), int(c % 1000)) for c in unique])
    return factors[inverse]


def tenure(draw: np.ndarray, eligible: np.ndarray, gets_allowance: np.ndarray, p: dict) -> np.ndarray:
    """Owner or renter, from the same uniform draw that decided huurtoeslag (so the other
    tables stay as they were). Of the eligible, rent_allowance_take_up receive it; with a
    non-take-up share q, rent_allowance_take_up / (1 - q) of them rent. Of the others,
    renter_share_not_eligible rent. Written only for years whose huurtoeslag vermogensgrens
    the project knows (others unknown): compute refuses tenure without that year's limit."""
    renters_eligible = p["rent_allowance_take_up"] / (1 - p["huurtoeslag_non_take_up"])
    renter = np.where(eligible, draw < renters_eligible, draw < p["renter_share_not_eligible"])
    return np.where(gets_allowance, "huurder_met_huurtoeslag",
                    np.where(renter, "huurder_zonder_huurtoeslag", "eigenaar")).astype(object)


def year_tables(state: State, rng, year: int, sc: dict, geo: Geography, key: np.ndarray,
                income: np.ndarray, employed: np.ndarray, benefit: np.ndarray,
                source: np.ndarray, scale: float, line: float, build: bool = True) -> dict[str, pa.Table] | None:
    """Build the year's tables; also records each person's low-income status in the state.

    ``scale`` turns EUR of 2020 into EUR of ``year``; ``line`` is that year's threshold.
    With ``build`` false (burn-in years) only the state is updated.
    """
    p = sc["income"]
    person = np.flatnonzero(state.present)
    person = person[np.argsort(key[person], kind="stable")]
    hh_key, first, inverse = np.unique(key[person], return_index=True, return_inverse=True)
    n_hh = len(hh_key)
    a = year - state.birth_year[person].astype(np.int64)
    minor = a < 18
    n_minors = np.bincount(inverse, weights=minor, minlength=n_hh).astype(np.int64)
    n_adults = np.bincount(inverse, minlength=n_hh) - n_minors

    care = hh_key >= INSTITUTION_KEY
    head = np.where(care, person[first], hh_key)
    partner = np.where(care, NONE, state.partner[head])
    has_partner = partner != NONE
    partner_richer = has_partner & (income[np.maximum(partner, 0)] > income[head])
    breadwinner = np.where(partner_richer, partner, head)

    lodger = state.lodges_with[person] != NONE
    child = ~state.independent[person] & ~state.institution[person]
    n_lodgers = np.bincount(inverse, weights=lodger, minlength=n_hh)
    n_children = np.bincount(inverse, weights=child, minlength=n_hh)
    size = n_adults + n_minors
    kind = np.select(
        [care, n_lodgers > 0, size == 1, has_partner & (n_children > 0), has_partner, n_children > 0],
        [5, 4, 0, 2, 1, 3],
        default=4,
    )

    role = np.full(len(person), 3, dtype=np.int8)
    role[child] = 2
    role[(person == breadwinner[inverse]) & ~care[inverse]] = 0
    role[(person != breadwinner[inverse]) & (person == head[inverse]) & ~care[inverse]] = 1
    role[(person == partner[inverse]) & (person != breadwinner[inverse])] = 1

    total = np.bincount(inverse, weights=income[person], minlength=n_hh)
    single_parent = ~has_partner & (n_minors > 0)
    base = (total + p["child_benefit"] * n_minors + p["single_parent_supplement"] * single_parent) * scale
    factor = equivalence_factors(year, n_adults, n_minors)
    standardised = base / factor
    eligible = standardised < p["rent_allowance_limit"] * line
    draw = rng.random(n_hh)
    gets_allowance = eligible & (draw < p["rent_allowance_take_up"])
    allowance = np.where(
        gets_allowance, p["rent_allowance_amount"] * scale * np.exp(0.25 * rng.standard_normal(n_hh)), 0.0
    )
    unknown = care | (rng.random(n_hh) < p["unknown_share"])
    disposable = base + allowance

    student = ~care & (state.student_until[breadwinner] >= year)
    newcomer = (state.arrived[person] == year) & (a > 0)
    part_year = np.bincount(inverse, weights=newcomer | state.dies[person], minlength=n_hh) > 0
    in_scope = ~care & ~student & ~part_year & ~unknown & (disposable > 0)
    low = in_scope & (standardised < line)
    state.low_income[person] = low[inverse]
    counted = person[minor & in_scope[inverse]]
    state.child_years[counted] += 1
    state.child_poor_years[counted] += low[inverse][minor & in_scope[inverse]]

    if not build:
        return None
    breadwinner_age = year - state.birth_year[breadwinner].astype(np.int64)
    wealth = household_wealth(
        rng, sc, state.u[breadwinner], state.wealth_draw[breadwinner], state.wealth_kind[breadwinner],
        breadwinner_age, state.wsnp_until[breadwinner] >= year,
    ) * scale

    location = state.location[head]
    location = np.where(care, geo.nb_start[geo.nb_municipality[location]], location)
    gm, wk, bu = geo.codes_for_year(year)
    household_id = hh_key + 1
    year16 = np.int16(year)

    households = pa.table({
        "year": pa.array(np.full(n_hh, year16)),
        "household_id": pa.array(household_id, pa.int64()),
        "disposable_income": pa.array(disposable, pa.float64(), mask=unknown),
        "rent_allowance": pa.array(np.where(unknown, 0.0, allowance), pa.float64()),
        "n_adults": pa.array(n_adults.astype(np.int16)),
        "n_minors": pa.array(n_minors.astype(np.int16)),
        "household_type": pa.array(HOUSEHOLD_TYPES[kind], pa.string()),
        "student_household": pa.array(student),
        "full_year_income": pa.array(~part_year),
        "main_income_source": pa.array(SOURCES[source[breadwinner]], pa.string()),
        "wealth": pa.array(wealth, pa.float64(), mask=care),
        "municipality": pa.array(gm[location], pa.string()),
        "district": pa.array(wk[location], pa.string()),
        "neighbourhood": pa.array(bu[location], pa.string()),
        "tenure": pa.array(tenure(draw, eligible, gets_allowance, p), pa.string(),
                           mask=care | (year not in huurtoeslag_wealth_limits())),
    })
    members = pa.table({
        "year": pa.array(np.full(len(person), year16)),
        "person_id": pa.array(person + 1, pa.int64()),
        "household_id": pa.array(household_id[inverse], pa.int64()),
        "role": pa.array(ROLES[role], pa.string()),
        "employed": pa.array(employed[person]),
        "benefit": pa.array(benefit[person]),
    })
    in_wsnp = np.flatnonzero(state.present & (state.wsnp_until >= year))
    debt = pa.table({
        "year": pa.array(np.full(len(in_wsnp), year16)),
        "person_id": pa.array(in_wsnp + 1, pa.int64()),
    })
    return {"households": households, "members": members, "debt_restructuring": debt}
