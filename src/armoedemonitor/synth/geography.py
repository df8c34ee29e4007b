"""Municipalities, districts and neighbourhoods of Groningen and Drenthe.

The 22 real municipalities with their CBS codes; districts (wijken) and neighbourhoods
(buurten) are invented but well formed (``WKggggww``, ``BUggggwwbb``) and nested. Each
district of a merged municipality lies in one of the old municipalities, so years
before the merger carry the old codes and the engine's merger mapping has work to do.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from armoedemonitor.definitions import municipalities, region_sets


def _mergers() -> dict[str, dict]:
    regions = files("armoedemonitor.definitions").joinpath("data", "regions.toml")
    return tomllib.loads(regions.read_text("utf-8"))["samenvoegingen"]


@dataclass
class Geography:
    codes: list[str]              # current municipality codes, index = municipality number
    population: np.ndarray        # real population per municipality (weights)
    veenkolonien: np.ndarray      # bool per municipality
    destination_weight: np.ndarray  # probability of each municipality as destination of a move
    nb_municipality: np.ndarray   # municipality number per neighbourhood
    nb_start: np.ndarray          # first neighbourhood of each municipality (ordered poor -> rich)
    nb_count: np.ndarray          # number of neighbourhoods of each municipality
    _current: tuple[np.ndarray, np.ndarray, np.ndarray]
    _old: tuple[np.ndarray, np.ndarray, np.ndarray]
    _old_until: np.ndarray        # per neighbourhood: last year of the old code (0 = none)

    @property
    def city(self) -> int:
        return self.codes.index("GM0014")

    def codes_for_year(self, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(gemeente, wijk, buurt) code per neighbourhood as valid in ``year``."""
        old = year <= self._old_until
        return tuple(np.where(old, o, c) for c, o in zip(self._current, self._old, strict=True))

    def neighbourhood(self, municipality: np.ndarray, position: np.ndarray) -> np.ndarray:
        """Neighbourhood at relative position 0..1 (poor -> rich) within each municipality."""
        count = self.nb_count[municipality]
        offset = np.minimum((position * count).astype(np.int64), count - 1)
        return self.nb_start[municipality] + offset


def build_geography(scenario: dict) -> Geography:
    params = scenario["geography"]
    rng = np.random.default_rng(params["seed"])
    known = municipalities()
    codes = list(known)
    missing = set(codes) - set(params["populations"])
    if missing:
        raise ValueError(f"scenario geography.populations lacks {sorted(missing)}")
    population = np.array([params["populations"][c] for c in codes], dtype=float)
    veen = np.array([c in region_sets()["veenkolonien"].gemeenten for c in codes])
    weight = population * np.where(veen, params["veenkolonien_attractiveness"], 1.0)
    weight[codes.index("GM0014")] *= params["city_attractiveness"]
    mergers = _mergers()
    lo, hi = params["neighbourhoods_per_district"]

    nb_muni, current, old, old_until, starts, counts = [], [], [], [], [], []
    for m, code in enumerate(codes):
        n_districts = int(np.clip(round(population[m] / params["persons_per_district"]), 2, 99))
        parts = _old_parts(code, n_districts, mergers, params["old_populations"])
        rows = []
        old_numbers: dict[str, int] = {}
        for w in range(n_districts):
            old_code, until = parts[w]
            ow = old_numbers.setdefault(old_code, 0) if old_code else 0
            if old_code:
                old_numbers[old_code] += 1
            for b in range(int(rng.integers(lo, hi + 1))):
                cur = (code, f"WK{code[2:]}{w:02d}", f"BU{code[2:]}{w:02d}{b:02d}")
                if old_code:
                    prev = (old_code, f"WK{old_code[2:]}{ow:02d}", f"BU{old_code[2:]}{ow:02d}{b:02d}")
                else:
                    prev = cur
                rows.append((cur, prev, until))
        order = rng.permutation(len(rows))  # affluence rank of each neighbourhood
        starts.append(len(nb_muni))
        counts.append(len(rows))
        for i in order:
            cur, prev, until = rows[i]
            nb_muni.append(m)
            current.append(cur)
            old.append(prev)
            old_until.append(until)

    def columns(triples):
        return tuple(np.array([t[k] for t in triples], dtype=object) for k in range(3))

    return Geography(
        codes=codes,
        population=population,
        veenkolonien=veen,
        destination_weight=weight / weight.sum(),
        nb_municipality=np.array(nb_muni, dtype=np.int64),
        nb_start=np.array(starts, dtype=np.int64),
        nb_count=np.array(counts, dtype=np.int64),
        _current=columns(current),
        _old=columns(old),
        _old_until=np.array(old_until, dtype=np.int64),
    )


def _old_parts(code, n_districts, mergers, old_populations) -> list[tuple[str | None, int]]:
    """For each district of ``code``: (old municipality code, last year of that code)."""
    if code not in mergers:
        return [(None, 0)] * n_districts
    olds = mergers[code]["uit"]
    until = mergers[code]["sinds"] - 1
    share = np.array([old_populations[o] for o in olds], dtype=float)
    n_each = np.maximum(1, np.round(share / share.sum() * n_districts)).astype(int)
    n_each[np.argmax(n_each)] += n_districts - n_each.sum()
    return [(o, until) for o, k in zip(olds, n_each, strict=True) for _ in range(k)]
