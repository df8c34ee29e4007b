"""Who lives with whom: the household of every person follows from the family links.

A household is keyed by its head: the lower index of a couple, or a single person with
an own home. Children live with their mother (else father) until they leave home; an
old parent may lodge with a child; people in care share one institution per
municipality (more where it would exceed INSTITUTION_UNIT residents). Keys are recomputed
every year, so composition always follows the events.
"""

from __future__ import annotations

import numpy as np

from armoedemonitor.synth.state import NONE, State

INSTITUTION_KEY = 10**12  # + municipality number * 1000 + unit: care institutions per municipality
# Residents of one institution household at most: n_adults is int16 in the schema, and a
# national-size population put 55 000 people in care in one municipality.
INSTITUTION_UNIT = 30_000


def own_home(state: State) -> np.ndarray:
    """Persons heading or co-heading a private household."""
    return state.present & state.independent & ~state.institution & (state.lodges_with == NONE)


def home_parent(state: State) -> np.ndarray:
    """The parent a dependent child lives with (mother first), NONE if neither has a home."""
    home = own_home(state)
    mother, father = state.mother, state.father
    with_mother = (mother != NONE) & home[np.maximum(mother, 0)]
    with_father = (father != NONE) & home[np.maximum(father, 0)]
    return np.where(with_mother, mother, np.where(with_father, father, NONE))


def household_keys(state: State, nb_municipality: np.ndarray) -> np.ndarray:
    """Household key per person (NONE for persons not present)."""
    n = state.n
    index = np.arange(n, dtype=np.int64)
    key = np.full(n, NONE, dtype=np.int64)
    home = own_home(state)
    partner = state.partner
    key[home] = np.where(partner[home] != NONE, np.minimum(index[home], partner[home]), index[home])
    dependent = state.present & ~state.independent & ~state.institution
    parent = home_parent(state)
    key[dependent] = key[np.maximum(parent[dependent], 0)]
    lodger = state.present & (state.lodges_with != NONE)
    key[lodger] = key[state.lodges_with[lodger]]
    care = np.flatnonzero(state.present & state.institution)
    municipality = nb_municipality[state.location[care]].astype(np.int64)
    order = np.lexsort((care, municipality))
    in_order = municipality[order]
    rank = np.empty(len(care), dtype=np.int64)
    rank[order] = np.arange(len(care)) - np.searchsorted(in_order, in_order)  # place within its municipality
    key[care] = INSTITUTION_KEY + municipality * 1000 + rank // INSTITUTION_UNIT
    return key


def settle_orphans(state: State, year: int, adult_age: int) -> None:
    """Dependants whose parents have no home: adults set up their own, minors leave the
    region (a foster family elsewhere); lodgers whose host is gone get their own home back."""
    home = own_home(state)
    lodger = state.present & (state.lodges_with != NONE)
    lost_host = lodger & ~home[np.maximum(state.lodges_with, 0)]
    state.location[lost_host] = state.location[state.lodges_with[lost_host]]
    state.lodges_with[lost_host] = NONE
    dependent = state.present & ~state.independent & ~state.institution
    orphan = dependent & (home_parent(state) == NONE)
    parent = np.where(state.mother != NONE, state.mother, state.father)
    located = orphan & (parent != NONE)
    state.location[located] = state.location[parent[located]]
    adult = orphan & (year - state.birth_year >= adult_age)
    state.independent[adult] = True
    state.present[orphan & ~adult] = False


def household_of_leavers(state: State, key: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """Everybody in the households headed by ``heads`` (bool over persons)."""
    leaving_key = np.zeros(state.n, dtype=bool)
    leaving_key[heads] = True
    valid = (key != NONE) & (key < INSTITUTION_KEY)
    members = np.zeros(state.n, dtype=bool)
    members[valid] = leaving_key[key[valid]]
    return members
