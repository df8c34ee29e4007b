"""A simple random canonical dataset (not the synthetic population): for the independent
pandas check, the backend parity test and the engine benchmark.

Persons live in base households that persist over the years (so long-term poverty
occurs); each year some persons stay elsewhere (a move, possibly to another gemeente).
Incomes, scope flags, wealth and WSNP are drawn at random, with the awkward cases of the
spec mixed in: students, institutions, part-year and unknown or negative incomes,
households without adults, CBS's own low-income percentage, merged gemeente codes and
missing wijk/buurt codes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GEMEENTEN = ["GM0014", "GM0037", "GM0114", "GM0106", "GM1952", "GM0018", "GM0047"]
SOURCES = ["werk", "eigen_bedrijf", "uitkering", "pensioen", "overig"]


def generate(persons: int = 500, years=range(2015, 2023), seed: int = 1) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    years = list(years)
    person_id = np.arange(1, persons + 1, dtype="int64")
    birth_year = rng.integers(1935, years[-1] + 1, persons).astype("int16")
    n_groups = max(1, int(persons / 2.2))
    base_group = rng.integers(0, n_groups, persons)
    # children of a base group belong to it; a few persons are alone (size-1 groups)
    group_gemeente = rng.choice(GEMEENTEN, n_groups)
    group_wijk = rng.integers(1, 4, n_groups)
    group_buurt = rng.integers(1, 4, n_groups)
    group_income = rng.lognormal(np.log(26000), 0.55, n_groups)
    group_wealth = rng.normal(30000, 80000, n_groups)

    households, members = [], []
    for year in years:
        alive = birth_year <= year
        group = np.where(rng.random(persons) < 0.06, rng.integers(0, n_groups, persons), base_group)
        pid, grp = person_id[alive], group[alive]
        age = year - birth_year[alive].astype(int)
        adult = age >= 18
        order = np.lexsort((-age, grp))  # per group: oldest first
        pid, grp, age, adult = pid[order], grp[order], age[order], adult[order]
        frame = pd.DataFrame({"person_id": pid, "group": grp, "age": age, "adult": adult})
        frame["rank"] = frame.groupby("group").cumcount()
        sizes = frame.groupby("group").agg(n_adults=("adult", "sum"), size=("adult", "size"))
        sizes["n_minors"] = sizes["size"] - sizes["n_adults"]
        g = sizes.index.to_numpy()
        k = len(g)
        n_a, n_m = sizes["n_adults"].to_numpy(), sizes["n_minors"].to_numpy()
        htype = np.select(
            [(n_a <= 1) & (n_m == 0), (n_a == 2) & (n_m == 0), (n_a == 2) & (n_m > 0),
             (n_a == 1) & (n_m > 0)],
            ["eenpersoons", "paar", "paar_met_kinderen", "eenouder"], "overig")
        htype = np.where(rng.random(k) < 0.03, "institutioneel", htype)
        income = group_income[g] * np.sqrt(sizes["size"].to_numpy()) * rng.uniform(0.8, 1.2, k)
        income = np.where(rng.random(k) < 0.02, -rng.uniform(0, 5000, k), income)
        gemeente = group_gemeente[g]
        if year >= 2018:
            gemeente = np.where(gemeente == "GM0018", "GM1952", gemeente)
        digits = np.char.add(gemeente.astype(str), "")
        wijk = np.char.add(np.char.add("WK", np.char.lstrip(digits, "GM")),
                           np.char.zfill(group_wijk[g].astype(str), 2))
        buurt = np.char.add(np.char.add("BU", np.char.lstrip(wijk, "WK")),
                            np.char.zfill(group_buurt[g].astype(str), 2))
        no_wijk = rng.random(k) < 0.1
        no_buurt = no_wijk | (rng.random(k) < 0.1)
        pct = np.where(rng.random(k) < 0.05, rng.uniform(50, 150, k), np.nan)
        rent = np.where(rng.random(k) < 0.2, rng.uniform(1000, 4000, k), 0.0)
        households.append(pd.DataFrame({
            "year": year, "household_id": g.astype("int64") + 1,
            "disposable_income": np.where(rng.random(k) < 0.02, np.nan, np.round(income, 2)),
            "rent_allowance": np.round(rent, 2), "cbs_low_income_pct": pct,
            "n_adults": n_a.astype("int16"), "n_minors": n_m.astype("int16"),
            "household_type": htype, "student_household": rng.random(k) < 0.03,
            "full_year_income": rng.random(k) >= 0.05,
            "main_income_source": rng.choice(SOURCES, k),
            "wealth": np.where(rng.random(k) < 0.1, np.nan,
                               np.round(group_wealth[g] * rng.uniform(0.9, 1.1, k), 0)),
            "municipality": gemeente,
            "district": np.where(no_wijk, None, wijk),
            "neighbourhood": np.where(no_buurt, None, buurt),
        }))
        role = np.select([frame["rank"] == 0, (frame["rank"] == 1) & frame["adult"], ~frame["adult"]],
                         ["hoofdkostwinner", "partner", "kind"], "overig")
        n = len(frame)
        members.append(pd.DataFrame({
            "year": year, "person_id": frame["person_id"].to_numpy(),
            "household_id": frame["group"].to_numpy().astype("int64") + 1, "role": role,
            "employed": frame["adult"].to_numpy() & (rng.random(n) < 0.55),
            "benefit": frame["adult"].to_numpy() & (rng.random(n) < 0.2),
        }))
    hh = pd.concat(households, ignore_index=True)
    mm = pd.concat(members, ignore_index=True)
    adults = mm.merge(pd.DataFrame({"person_id": person_id, "birth_year": birth_year}), on="person_id")
    adults = adults[adults.year - adults.birth_year >= 18]
    debt = adults.sample(frac=0.03, random_state=seed)[["year", "person_id"]]
    outsiders = pd.DataFrame({"year": years[-1], "person_id": person_id[birth_year > years[-1] - 5][:3]})
    persons_df = pd.DataFrame({
        "person_id": person_id, "birth_year": birth_year,
        "sex": rng.choice(["M", "V"], persons),
        "education": rng.choice(np.array(["laag", "middelbaar", "hoog", None], dtype=object), persons),
    })
    return typed({"persons": persons_df, "households": hh, "members": mm,
                  "debt_restructuring": pd.concat([debt, outsiders], ignore_index=True),
                  "parent_child": pd.DataFrame({"child_id": [], "mother_id": [], "father_id": []})})


def typed(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Canonical dtypes (nullable strings stay object with None)."""
    from engine_tables import DTYPES

    out = {}
    for name, df in frames.items():
        df = df.copy()
        for column, dtype in DTYPES[name].items():
            if dtype == "string":
                df[column] = df[column].astype(object).where(df[column].notna(), None)
            else:
                df[column] = df[column].astype(dtype)
        out[name] = df[list(DTYPES[name])]
    return out
