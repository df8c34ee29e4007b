"""Small random canonical datasets (docs/spec/microdata.md) full of edge cases.

Families are followed over many years so that every family of indicators has rows:
children grow up at home, leave (sometimes as students), and are seen again as young
adults; households move between gemeenten (also from the old code GM0018, merged into
GM1952 in 2018), wijk and buurt are sometimes unknown, persons skip years (entrants and
leavers), some households have no adults, three adults or more minors than the CBS table
covers, incomes are sometimes unknown, zero or negative, some households are
institutional, student or part-year, and some carry CBS's own low-income percentage.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

LOCATIONS = [
    ("GM0018", "WK001801", "BU00180101"),
    ("GM0018", "WK001801", None),
    ("GM1952", "WK195201", "BU19520101"),
    ("GM1952", "WK195202", "BU19520201"),
    ("GM0014", "WK001401", "BU00140101"),
    ("GM0014", "WK001401", "BU00140102"),
    ("GM0014", None, None),
    ("GM0114", "WK011401", "BU01140101"),
    ("GM0106", "WK010601", "BU01060101"),
    ("GM0363", "WK036301", "BU03630101"),  # outside every region set
]
# The CBS single-person low-income line of some years (thresholds.toml), to put incomes
# exactly on it.
ON_THE_LINE = {2010: 11287.0, 2015: 12323.0, 2016: 12360.0, 2019: 13083.0, 2020: 13200.0}
SOURCES = ["werk", "eigen_bedrijf", "uitkering", "pensioen", "overig"]


class Population:
    def __init__(
        self,
        seed: int,
        first_year: int = 2005,
        last_year: int = 2021,
        n_families: int = 24,
        n_singles: int = 16,
        missing_year: int | None = None,
    ):
        self.rng = np.random.default_rng(seed)
        self.years = [y for y in range(first_year, last_year + 1) if y != missing_year]
        self.persons, self.parent_child = [], []
        self.units = []  # living units: dict(kind, people, location, level)
        self.next_person = 1
        for _ in range(n_families):
            self._family()
        for _ in range(n_singles):
            self._single()

    # ------------------------------------------------------------------ people
    def _person(self, birth_year, sex=None):
        rng = self.rng
        pid = self.next_person
        self.next_person += 1
        education = rng.choice(["laag", "middelbaar", "hoog", None], p=[0.3, 0.3, 0.3, 0.1])
        self.persons.append(
            dict(
                person_id=pid,
                birth_year=int(birth_year),
                sex=sex or rng.choice(["M", "V"]),
                education=education,
            )
        )
        return pid

    def _family(self):
        rng = self.rng
        mother_birth = int(rng.integers(1950, 1975))
        mother = self._person(mother_birth, "V")
        father = (
            self._person(mother_birth - int(rng.integers(-2, 5)), "M")
            if rng.random() < 0.8
            else None
        )
        n_children = int(rng.choice([1, 2, 3, 5], p=[0.3, 0.35, 0.2, 0.15]))
        level = float(rng.choice([11000, 22000, 45000], p=[0.4, 0.35, 0.25]))
        children = []
        birth = mother_birth + int(rng.integers(20, 30))
        for _ in range(n_children):
            if rng.random() > 0.25:  # else a twin of the previous child: rank ties
                birth += int(rng.integers(1, 4))
            child = self._person(birth)
            children.append(child)
            known_mother = mother if (father is None or rng.random() < 0.9) else None
            self.parent_child.append(dict(child_id=child, mother_id=known_mother, father_id=father))
        self.units.append(
            dict(
                kind="family",
                parents=[p for p in (mother, father) if p],
                children=children,
                leave_age={c: int(rng.integers(18, 31)) for c in children},
                student={c: rng.random() < 0.3 for c in children},
                split_year=int(rng.choice(self.years)) if rng.random() < 0.3 else None,
                away_year=int(rng.choice(self.years)) if rng.random() < 0.2 else None,
                location=int(rng.integers(len(LOCATIONS))),
                level=level,
            )
        )

    def _single(self):
        rng = self.rng
        pid = self._person(int(rng.integers(1930, 2003)))
        self.units.append(
            dict(
                kind="single",
                people=[pid],
                institutional=rng.random() < 0.2,
                location=int(rng.integers(len(LOCATIONS))),
                level=float(rng.choice([10000, 20000, 40000])),
            )
        )

    # ------------------------------------------------------------------ one year
    def _households_of(self, unit, year):
        """Lists of (person ids, level, kind) living together in ``year``."""
        birth = {p["person_id"]: p["birth_year"] for p in self.persons}
        present = lambda p: year >= birth[p] and self.rng.random() > 0.06  # noqa: E731
        if unit["kind"] == "single":
            people = [p for p in unit["people"] if present(p)]
            kind = "institutioneel" if unit["institutional"] and year % 3 else "single"
            return [(people, unit["level"], kind)] if people else []
        parents = [p for p in unit["parents"] if present(p)]
        if unit["away_year"] == year:
            parents = []
        at_home, away = [], []
        for c in unit["children"]:
            if not present(c):
                continue
            (at_home if year - birth[c] < unit["leave_age"][c] else away).append(c)
        out = []
        if unit["split_year"] and year >= unit["split_year"] and len(parents) == 2:
            out.append(([parents[1]], unit["level"] * 0.7, "single"))
            parents = parents[:1]
        if parents or at_home:
            out.append((parents + at_home, unit["level"], "family"))
        for c in away:
            age = year - birth[c]
            student = unit["student"][c] and age <= 24
            child_level = unit["level"] if self.rng.random() < 0.6 else 25000.0
            out.append(([c], child_level, "student" if student else "single"))
        return out

    def tables(self):
        rng = self.rng
        birth = {p["person_id"]: p["birth_year"] for p in self.persons}
        households, members, debt = [], [], []
        for year in self.years:
            next_household = 1000 * (year - 2000)
            for unit in self.units:
                if rng.random() < 0.15:
                    unit["location"] = int(rng.integers(len(LOCATIONS)))
                for people, level, kind in self._households_of(unit, year):
                    next_household += int(rng.integers(1, 3))
                    hid = next_household
                    gm, wk, bu = LOCATIONS[unit["location"]]
                    if year >= 2018 and gm == "GM0018":
                        gm, wk, bu = LOCATIONS[2]
                    adults = [p for p in people if year - birth[p] >= 18]
                    minors = [p for p in people if year - birth[p] < 18]
                    households.append(
                        self._household(year, hid, level, kind, adults, minors, gm, wk, bu)
                    )
                    for i, p in enumerate(sorted(people, key=lambda p: birth[p])):
                        adult = year - birth[p] >= 18
                        role = (
                            "hoofdkostwinner"
                            if i == 0
                            else "partner"
                            if i == 1 and adult and kind == "family" and len(adults) >= 2
                            else "kind"
                            if kind == "family"
                            else "overig"
                        )
                        members.append(
                            dict(
                                year=year,
                                person_id=p,
                                household_id=hid,
                                role=role,
                                employed=bool(adult and rng.random() < 0.55),
                                benefit=bool(rng.random() < 0.2),
                            )
                        )
                        if adult and rng.random() < 0.07:
                            debt.append(dict(year=year, person_id=p))
                            if year + 1 in self.years and rng.random() < 0.3:
                                debt.append(dict(year=year + 1, person_id=p))
        return dict(
            persons=pd.DataFrame(self.persons).astype(
                {
                    "person_id": "int64",
                    "birth_year": "int16",
                    "sex": "string",
                    "education": "string",
                }
            ),
            parent_child=pd.DataFrame(self.parent_child).astype(
                {"child_id": "int64", "mother_id": "Int64", "father_id": "Int64"}
            ),
            households=pd.DataFrame(households).astype(
                {
                    "year": "int16",
                    "household_id": "int64",
                    "n_adults": "int16",
                    "n_minors": "int16",
                    "household_type": "string",
                    "main_income_source": "string",
                    "municipality": "string",
                    "district": "string",
                    "neighbourhood": "string",
                    "cbs_low_income_pct": "float64",
                    "wealth": "float64",
                    "disposable_income": "float64",
                    "rent_allowance": "float64",
                }
            ),
            members=pd.DataFrame(members).astype(
                {"year": "int16", "person_id": "int64", "household_id": "int64", "role": "string"}
            ),
            debt_restructuring=pd.DataFrame(debt, columns=["year", "person_id"])
            .drop_duplicates()
            .astype({"year": "int16", "person_id": "int64"}),
        )

    def _household(self, year, hid, level, kind, adults, minors, gm, wk, bu):
        rng = self.rng
        size = len(adults) + len(minors)
        income = float(level * np.exp(rng.normal(0, 0.35)) * (1 + 0.4 * (size - 1)) ** 0.5)
        draw = rng.random()
        if draw < 0.04:
            income = None
        elif draw < 0.07:
            income = -float(rng.integers(1, 5000))
        elif draw < 0.09:
            income = 0.0
        rent = float(rng.choice([0.0, 1500.0, 2800.0], p=[0.6, 0.2, 0.2]))
        if size == 1 and year in ON_THE_LINE and rng.random() < 0.1:
            income = ON_THE_LINE[year] + rent  # exactly on the low-income line: not below
        if kind == "institutioneel":
            household_type = "institutioneel"
        elif not adults:
            household_type = "overig"
        elif size == 1:
            household_type = "eenpersoons"
        elif kind == "family" and len(adults) == 2 and not minors:
            household_type = "paar"
        elif kind == "family" and len(adults) == 2:
            household_type = "paar_met_kinderen"
        elif kind == "family" and len(adults) == 1:
            household_type = "eenouder"
        else:
            household_type = "overig"
        wealth = (
            None
            if rng.random() < 0.1
            else float(
                rng.choice(
                    [0.0, 5000.0, 250000.0, round(rng.normal(30000, 60000), 2)],
                    p=[0.2, 0.1, 0.08, 0.62],
                )
            )
        )
        return dict(
            year=year,
            household_id=hid,
            disposable_income=income,
            rent_allowance=rent,
            cbs_low_income_pct=(
                float(rng.choice([round(rng.uniform(60, 160), 1), 100.0, 99.9]))
                if rng.random() < 0.1
                else None
            ),
            n_adults=len(adults),
            n_minors=len(minors),
            household_type=household_type,
            student_household=kind == "student",
            full_year_income=bool(rng.random() > 0.05),
            main_income_source=str(rng.choice(SOURCES)),
            wealth=wealth,
            municipality=gm,
            district=wk,
            neighbourhood=bu,
        )


def write_population(seed: int, out: Path, **options) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in Population(seed, **options).tables().items():
        frame.to_parquet(out / f"{name}.parquet", index=False)
    return out
