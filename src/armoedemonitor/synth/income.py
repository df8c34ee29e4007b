"""Personal net income: a permanent level, a persistent shock, and what people live on.

log earnings = log(median) + u-effect·u + education + region (Veenkoloniën poorer)
+ age profile + AR(1) shock + transitory noise. Employability uses the same u and
shock, so the poor are mostly those out of work, with working poor among part-timers
and the self-employed. Amounts are EUR of 2020 (``REFERENCE_YEAR``); the caller scales.
"""

from __future__ import annotations

import numpy as np

from armoedemonitor.synth.state import NONE, State

REFERENCE_YEAR = 2020
SOURCES = np.array(["werk", "eigen_bedrijf", "uitkering", "pensioen", "overig"], dtype=object)
WORK, BUSINESS, BENEFIT, PENSION, OTHER = range(5)


def update_shocks(state: State, rng, sc: dict) -> None:
    p = sc["income"]
    phi = p["shock_persistence"]
    present = np.flatnonzero(state.present)
    eps = rng.standard_normal(len(present)).astype(np.float32)
    state.shock[present] = phi * state.shock[present] + np.sqrt(1 - phi**2) * p["shock_sd"] * eps


def personal_income(state: State, rng, year: int, sc: dict, veenkolonien: np.ndarray):
    """(income, employed, benefit, source) per person; ``veenkolonien`` is per person."""
    p = sc["income"]
    n = state.n
    a = year - state.birth_year.astype(np.int64)
    u = state.u.astype(np.float64)
    shock = state.shock.astype(np.float64)
    education = state.education
    edu_effect = np.array(p["education_effect"] + [0.0])[np.where(education >= 0, education, 3)]
    level = (
        np.log(p["earnings_median"]) + p["earnings_u_effect"] * u + edu_effect
        + p["veenkolonien_effect"] * veenkolonien
        - p["age_curvature"] * (np.minimum(a, 66) - p["age_peak"]) ** 2
    )
    adult = state.present & (a >= 18)
    student = adult & (state.student_until >= year)
    retired = adult & (a >= p["pension_age"])
    working_age = adult & ~student & ~retired

    employability = p["employment_u"] * u + shock / p["shock_sd"] + p["veenkolonien_employment"] * veenkolonien
    employability -= 0.04 * np.maximum(a - 55, 0)
    employed = working_age & (employability > p["employment_cut"])
    business = employed & state.self_employed

    earnings = np.maximum(p["minimum_wage"], np.exp(level + shock + p["transitory_sd"] * rng.standard_normal(n)))
    has_minor_child = _mothers_of_minors(state, year)
    factor = np.where(state.part_time, 0.7, 1.0)
    factor = np.where(has_minor_child, p["part_time_mother"], factor)
    earnings *= factor
    business_income = np.exp(level + shock + p["self_employed_sd"] * rng.standard_normal(n) - 0.1)
    loss = business & (rng.random(n) < p["self_employed_loss"])
    business_income = np.where(loss, -np.exp(np.log(6000) + rng.standard_normal(n)), business_income)

    partnered = state.partner != NONE
    jobless = working_age & ~employed
    on_benefit = jobless & ((state.takes_benefit < p["benefit_take_up"]) | ~partnered)
    benefit_amount = np.where(partnered, p["benefit_partner"], p["benefit_single"])
    benefit_amount = benefit_amount * np.exp(p["benefit_sd"] * rng.standard_normal(n))
    aow = np.where(partnered, p["aow_partner"], p["aow_single"])
    aow = np.where(state.incomplete_aow, aow * p["incomplete_aow_factor"], aow)
    occupational = np.where(state.no_pension, 0.0, p["occupational_pension"] * np.exp(level))

    income = np.zeros(n)
    source = np.full(n, OTHER, dtype=np.int8)
    income[employed] = earnings[employed]
    source[employed] = WORK
    income[business] = business_income[business]
    source[business] = BUSINESS
    income[on_benefit] = benefit_amount[on_benefit]
    source[on_benefit] = BENEFIT
    income[retired] = aow[retired] + occupational[retired]
    source[retired] = PENSION
    income[student] = p["student_income"] * np.exp(0.2 * rng.standard_normal(int(student.sum())))

    return income, employed, on_benefit, source


def _mothers_of_minors(state: State, year: int) -> np.ndarray:
    minors = np.flatnonzero(state.present & (year - state.birth_year < 18) & (state.mother != NONE))
    mothers = np.zeros(state.n, dtype=bool)
    mothers[state.mother[minors]] = True
    return mothers


def cap_in_wsnp(state: State, year: int, sc: dict, income: np.ndarray, line: float) -> None:
    """During debt restructuring a person keeps only the amount the court leaves free."""
    in_wsnp = state.present & (state.wsnp_until >= year)
    income[in_wsnp] = np.minimum(income[in_wsnp], sc["wsnp"]["income_cap"] * line)
