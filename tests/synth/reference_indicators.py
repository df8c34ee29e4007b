"""The calibration targets computed straight from docs/spec/indicators.md with pandas.

An independent, plain reading of the definitions (not the engine) for the calibration
of the synthetic population: Veenkoloniën region set, per year.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from armoedemonitor.definitions import (
    equivalence_scale,
    low_income_thresholds,
    merger_map,
    region_sets,
)


def load(folder: Path) -> dict[str, pd.DataFrame]:
    tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in ("persons", "parent_child")}
    for name in ("households", "members", "debt_restructuring"):
        frame = pd.read_parquet(folder / name)  # year comes from the hive folder names
        frame["year"] = frame["year"].astype(int)
        tables[name] = frame
    return tables


def household_status(households: pd.DataFrame) -> pd.DataFrame:
    """Adds in_scope, low and region (current municipality code) to households."""
    h = households.copy()
    scale = equivalence_scale()
    factor = [scale.factor(y, a, m) for y, a, m in zip(h["year"], h["n_adults"], h["n_minors"], strict=True)]
    h["standardised"] = h["disposable_income"] / np.array(factor)
    line = h["year"].map(low_income_thresholds())
    h["in_scope"] = (
        (h["household_type"] != "institutioneel") & ~h["student_household"] & h["full_year_income"]
        & h["disposable_income"].notna() & (h["disposable_income"] > 0)
    )
    h["low"] = h["in_scope"] & ((h["disposable_income"] - h["rent_allowance"]) / np.array(factor) < line)
    h["gemeente"] = h["municipality"].replace(merger_map())
    return h


def indicators(tables: dict[str, pd.DataFrame], years: list[int], region: str = "veenkolonien") -> dict[str, float]:
    """Pooled over ``years``: the figures the calibration is judged on."""
    codes = set(region_sets()[region].gemeenten)
    h = household_status(tables["households"])
    h["in_region"] = h["gemeente"].isin(codes)
    m = tables["members"].merge(h, on=["year", "household_id"])
    m = m.merge(tables["persons"][["person_id", "birth_year"]], on="person_id")
    m["age"] = m["year"] - m["birth_year"]
    hy = h[h["year"].isin(years) & h["in_region"] & h["in_scope"]]
    my = m[m["year"].isin(years) & m["in_region"]]
    scoped = my[my["in_scope"]]
    poor_adults = scoped[scoped["low"] & (scoped["age"] >= 18)]
    result = {
        "laag_inkomen_personen": scoped["low"].mean(),
        "laag_inkomen_huishoudens": hy["low"].mean(),
        "eenouder": hy.loc[hy["household_type"] == "eenouder", "low"].mean(),
        "eenpersoons": hy.loc[hy["household_type"] == "eenpersoons", "low"].mean(),
        "werkende_armen": poor_adults["employed"].mean(),
    }
    wealth = hy[hy["wealth"].notna()]
    shares = []
    for _, group in wealth.groupby("year"):
        ordered = group.sort_values(["wealth", "household_id"], ascending=[False, True])
        top = math.ceil(len(ordered) / 10)
        shares.append(ordered["wealth"].iloc[:top].sum() / ordered["wealth"].sum())
    result["vermogen_top10_aandeel"] = float(np.mean(shares))
    adults = my[my["age"] >= 18]
    debt = tables["debt_restructuring"][["year", "person_id"]].assign(wsnp=True)
    adults = adults.merge(debt, on=["year", "person_id"], how="left")
    adults["wsnp"] = adults["wsnp"].fillna(False).astype(bool)
    result["wsnp_volwassenen"] = adults["wsnp"].mean()
    result["wsnp_werkend"] = adults.loc[adults["wsnp"], "employed"].mean()
    result.update(life_course(tables, m, years, codes))
    result["n_persons_in_scope"] = len(scoped) / len(years)
    return result


def life_course(tables, m: pd.DataFrame, years: list[int], codes: set[str]) -> dict[str, float]:
    """Relative risk: poor at 25-34 after growing up poor, by upbringing region."""
    child = m[(m["age"] < 18) & m["in_scope"]]
    status = child.groupby("person_id").agg(n=("low", "size"), poor=("low", "sum"))
    status = status[status["n"] >= 3]
    status["grew_up_poor"] = status["poor"] * 2 >= status["n"]
    teen = child[child["age"] >= 12].sort_values("year").groupby("person_id").tail(1)
    status = status.join(teen.set_index("person_id")["gemeente"].rename("upbringing"), how="inner")

    adults = m[m["year"].isin(years) & (m["age"] >= 25) & (m["age"] <= 34) & m["in_scope"]]
    parents = tables["parent_child"].melt(id_vars="child_id", value_name="parent_id").dropna()
    parents["parent_id"] = parents["parent_id"].astype("int64")
    hh = m[["year", "person_id", "household_id"]]
    with_parent = (
        parents.merge(hh.rename(columns={"person_id": "child_id"}), on="child_id")
        .merge(hh.rename(columns={"person_id": "parent_id"}), on=["parent_id", "year", "household_id"])
    )[["child_id", "year"]].drop_duplicates().assign(at_home=True)
    adults = adults.merge(with_parent.rename(columns={"child_id": "person_id"}), on=["person_id", "year"], how="left")
    adults = adults[adults["at_home"].isna()]
    adults = adults.join(status, on="person_id", how="inner")
    adults = adults[adults["upbringing"].isin(codes)]
    poor_if_poor = adults.loc[adults["grew_up_poor"], "low"].mean()
    poor_if_not = adults.loc[~adults["grew_up_poor"], "low"].mean()
    return {
        "arm_als_volwassene_opgegroeid_arm": poor_if_poor,
        "arm_als_volwassene_niet_opgegroeid_arm": poor_if_not,
        "relatief_risico_opgroeien_in_armoede": poor_if_poor / poor_if_not,
        "n_life_course": len(adults),
    }
