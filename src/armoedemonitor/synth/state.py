"""The population as columns of numpy arrays, one slot per person ever simulated.

A person's index is fixed for the whole run (person_id = index + 1), so parent and
partner links are plain indices and every yearly step is a vectorised operation.
"""

from __future__ import annotations

import numpy as np

NONE = -1  # missing link (no partner, parent unknown, ...)

# column -> (dtype, value of a new slot)
COLUMNS: dict[str, tuple[type, object]] = {
    "birth_year": (np.int16, 0),
    "female": (np.bool_, False),
    "education": (np.int8, NONE),     # 0 laag, 1 middelbaar, 2 hoog, -1 unknown
    "mother": (np.int64, NONE),
    "father": (np.int64, NONE),
    "present": (np.bool_, False),     # alive and living in Groningen/Drenthe
    "independent": (np.bool_, False),  # has left the parental home
    "partner": (np.int64, NONE),
    "lodges_with": (np.int64, NONE),  # an old parent living in a child's household
    "institution": (np.bool_, False),
    "location": (np.int64, 0),        # neighbourhood (meaningful for independent persons)
    "u": (np.float32, 0.0),           # latent economic level, standard normal
    "shock": (np.float32, 0.0),       # persistent AR(1) part of log earnings
    "self_employed": (np.bool_, False),
    "student_track": (np.bool_, False),
    "student_until": (np.int16, 0),   # last year of study (0 = not a student)
    "takes_benefit": (np.float32, 0.0),  # uniform draw: persistent benefit take-up
    "no_pension": (np.bool_, False),
    "incomplete_aow": (np.bool_, False),  # not insured for AOW all years (lived abroad)
    "part_time": (np.bool_, False),
    "wealth_draw": (np.float32, 0.0),
    "wealth_kind": (np.int8, 0),      # 0 ordinary, 1 Pareto fortune, 2 net debts
    "wsnp_until": (np.int16, 0),      # last year in debt restructuring
    "arrived": (np.int16, 0),         # year of birth or immigration
    "dies": (np.bool_, False),        # dies during the current year
    "low_income": (np.bool_, False),  # household had low income in the last simulated year
    "child_years": (np.int8, 0),      # observed years at ages 0-17 in a household in scope
    "child_poor_years": (np.int8, 0),  # of which with low income
    "written": (np.bool_, False),     # appears in the output
}


class State:
    def __init__(self, capacity: int):
        self.n = 0
        self.cols = {name: np.full(capacity, fill, dtype) for name, (dtype, fill) in COLUMNS.items()}

    def __getattr__(self, name: str) -> np.ndarray:
        cols = self.__dict__["cols"]
        if name in cols:
            return cols[name][: self.__dict__["n"]]
        raise AttributeError(name)

    def add(self, count: int) -> np.ndarray:
        """Reserve ``count`` new person slots (default values); return their indices."""
        needed = self.n + count
        capacity = len(self.cols["present"])
        if needed > capacity:
            grow = max(needed, int(capacity * 1.5))
            for name, (dtype, fill) in COLUMNS.items():
                column = np.full(grow, fill, dtype)
                column[: self.n] = self.cols[name][: self.n]
                self.cols[name] = column
        index = np.arange(self.n, needed)
        self.n = needed
        return index
