"""An independent plain-pandas reading of docs/spec/indicators.md (poverty, inequality, debt).

Written from the spec without the engine's code: row-wise Python for the building
blocks, explicit sorting for the measures. Used to check the engine on random data and
as the baseline in benchmarks/engine.py.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from armoedemonitor import definitions

KEY = ["indicator", "year", "region_level", "region_code", "breakdown", "category"]


def household_blocks(hh: pd.DataFrame) -> pd.DataFrame:
    scale, thresholds = definitions.equivalence_scale(), definitions.low_income_thresholds()
    hh = hh.copy()
    hh["municipality"] = hh["municipality"].replace(definitions.merger_map())
    hh["e"] = [scale.factor(int(y), int(a), int(m))
               for y, a, m in zip(hh.year, hh.n_adults, hh.n_minors, strict=True)]
    income = hh.disposable_income
    hh["in_scope"] = ((hh.household_type != "institutioneel") & ~hh.student_household.astype(bool)
                      & hh.full_year_income.astype(bool) & income.notna() & (income > 0))
    hh["std_income"] = income / hh.e
    line = hh.year.map(thresholds)
    by_threshold = (income - hh.rent_allowance) / hh.e < line
    by_cbs = hh.cbs_low_income_pct < 100
    hh["low"] = hh.in_scope & np.where(hh.cbs_low_income_pct.notna(), by_cbs, by_threshold)
    return hh


def person_blocks(frames: dict[str, pd.DataFrame], hh: pd.DataFrame) -> pd.DataFrame:
    p = frames["members"].merge(hh, on=["year", "household_id"]).merge(
        frames["persons"], on="person_id", how="left")
    p["age"] = p.year.astype(int) - p.birth_year.astype(int)
    p["age_group"] = pd.cut(p.age, [-1000, 17, 29, 44, 64, 1000],
                            labels=["0-17", "18-29", "30-44", "45-64", "65+"]).astype(object)
    return p


def regions(units: pd.DataFrame, region_sets) -> pd.DataFrame:
    """Units repeated per region: totaal, gemeente, wijk, buurt, region sets."""
    parts = [units.assign(region_level="totaal", region_code="totaal"),
             units.assign(region_level="gemeente", region_code=units.municipality),
             units[units.district.notna()].assign(region_level="wijk",
                                                  region_code=units.district),
             units[units.neighbourhood.notna()].assign(region_level="buurt",
                                                       region_code=units.neighbourhood)]
    for name, codes in region_sets.items():
        parts.append(units[units.municipality.isin(codes)].assign(region_level=name,
                                                                  region_code=name))
    return pd.concat(parts, ignore_index=True)


def shares(units, indicator, num, den, breakdowns, region_sets) -> pd.DataFrame:
    units = units[units[den]].assign(_num=units[num].astype(float))
    spread = regions(units, region_sets)
    rows = []
    for breakdown in ["", *breakdowns]:
        part = spread.assign(breakdown=breakdown,
                             category="" if breakdown == "" else spread[breakdown])
        part = part[part.category.notna()]
        g = part.groupby(["year", "region_level", "region_code", "breakdown", "category"])
        agg = g.agg(numerator=("_num", "sum"), denominator=("_num", "size")).reset_index()
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True)
    out["denominator"] = out.denominator.astype(float)
    out["value"] = out.numerator / out.denominator
    out["n"] = out.denominator.astype("int64")
    return out.assign(indicator=indicator)


def gini(x: np.ndarray) -> float:
    x = np.sort(x)
    n = len(x)
    return 2 * float(np.sum(np.arange(1, n + 1) * x)) / (n * float(x.sum())) - (n + 1) / n


def quantile(x: np.ndarray, k: int) -> float:
    """q_{k/5}: x_j for the smallest j with j > kN/5; the mean of x_j, x_{j+1} when j = kN/5."""
    x, n = np.sort(x), len(x)
    if (n * k) % 5 == 0:
        j = n * k // 5
        return (x[j - 1] + x[j]) / 2
    return x[n * k // 5]


def measure(units, column, region_sets, indicator, fn) -> pd.DataFrame:
    spread = regions(units, region_sets)
    rows = []
    for (year, level, code), group in spread.groupby(["year", "region_level", "region_code"]):
        result = fn(group)
        if result is None:
            continue
        value, numerator, denominator = result
        rows.append({"indicator": indicator, "year": year, "region_level": level,
                     "region_code": code, "breakdown": "", "category": "",
                     "numerator": numerator, "denominator": denominator, "value": value,
                     "n": len(group)})
    return pd.DataFrame(rows)


def qsr(group):
    x = group.std_income.to_numpy()
    top, bottom = x[x > quantile(x, 4)].sum(), x[x <= quantile(x, 1)].sum()
    return None if bottom == 0 else (top / bottom, np.nan, np.nan)


def top10(group):
    g = group.sort_values(["wealth", "household_id"], ascending=[False, True])
    top = g.wealth.iloc[: math.ceil(len(g) / 10)].sum()
    total = g.wealth.sum()
    return None if total == 0 else (top / total, top, total)


def profile(wealthy: pd.DataFrame, p: pd.DataFrame, region_sets) -> pd.DataFrame:
    """vermogen_top10_profiel: top ⌈N/10⌉ by wealth (ties: lower household_id) vs the rest."""
    bw = p[p.role == "hoofdkostwinner"].sort_values("person_id").drop_duplicates(["year", "household_id"])
    units = wealthy.merge(bw[["year", "household_id", "age", "education"]],
                          on=["year", "household_id"], how="left")
    rows = []
    for (year, level, code), g in regions(units, region_sets).groupby(["year", "region_level", "region_code"]):
        g = g.sort_values(["wealth", "household_id"], ascending=[False, True])
        cut = math.ceil(len(g) / 10)
        for groep, part in (("top10", g.iloc[:cut]), ("overig", g.iloc[cut:])):
            known_edu = part[part.education.notna()]
            for kenmerk, num, den in (
                ("leeftijd", part.age.sum(), part.age.notna().sum()),
                ("hoog_opgeleid", (known_edu.education == "hoog").sum(), len(known_edu)),
                ("inkomen", part.std_income.sum(), len(part)),
            ):
                if den:
                    rows.append({"indicator": "vermogen_top10_profiel", "year": year,
                                 "region_level": level, "region_code": code,
                                 "breakdown": "groep×kenmerk", "category": f"{groep}×{kenmerk}",
                                 "numerator": float(num), "denominator": float(den),
                                 "value": num / den, "n": int(den)})
    return pd.DataFrame(rows)


def long_term(p: pd.DataFrame, span: int = 4) -> set[tuple[int, int]]:
    poor = set(zip(p.person_id[p.low], p.year[p.low], strict=True))
    return {(pid, year) for pid, year in poor
            if all((pid, year - k) in poor for k in range(1, span))}


def indicators(frames: dict[str, pd.DataFrame], region_sets, output_years=None) -> pd.DataFrame:
    hh = household_blocks(frames["households"])
    p = person_blocks(frames, hh)
    input_years = set(hh.year)
    output_years = sorted(output_years or input_years)
    hh, p_all = hh[hh.year.isin(output_years)], p
    p = p[p.year.isin(output_years)].copy()
    p["minor"], p["adult"] = p.age < 18, p.age >= 18
    person_bd = ["age_group", "main_income_source"]
    out = [
        shares(hh, "laag_inkomen_huishoudens", "low", "in_scope", ["household_type"], region_sets),
        shares(p, "laag_inkomen_personen", "low", "in_scope", person_bd, region_sets),
        shares(p.assign(d=p.in_scope & p.minor, k=p.low & p.minor),
               "laag_inkomen_minderjarigen", "k", "d", person_bd, region_sets),
        shares(p.assign(d=p.low & p.adult, k=p.low & p.adult & p.employed.astype(bool)),
               "werkende_armen", "k", "d", person_bd, region_sets),
    ]
    lt_years = [t for t in output_years if all(t - k in input_years for k in (1, 2, 3))]
    lt = long_term(p_all)
    q = p[p.year.isin(lt_years)].copy()
    q["long"] = [(a, b) in lt for a, b in zip(q.person_id, q.year, strict=True)]
    q["long"] &= q.in_scope
    if len(q):
        out += [shares(q, "langdurig_laag_inkomen_personen", "long", "in_scope", person_bd, region_sets),
                shares(q.assign(d=q.in_scope & q.minor, k=q.long & q.minor),
                       "langdurig_laag_inkomen_minderjarigen", "k", "d", person_bd, region_sets)]
    scoped = p[p.in_scope]
    out.append(measure(scoped, "std_income", region_sets, "gini_inkomen",
                       lambda g: (gini(g.std_income.to_numpy()), np.nan, np.nan)))
    out.append(measure(scoped, "std_income", region_sets, "s80s20", qsr))
    wealthy = hh[hh.in_scope & hh.wealth.notna()]
    out.append(measure(wealthy, "wealth", region_sets, "gini_vermogen",
                       lambda g: (gini(g.wealth.to_numpy()), np.nan, np.nan)))
    out.append(measure(wealthy, "wealth", region_sets, "vermogen_top10_aandeel", top10))
    out.append(profile(wealthy, p, region_sets))
    debt = set(zip(frames["debt_restructuring"].person_id, frames["debt_restructuring"].year,
                   strict=True))
    a = p[p.adult].copy()
    a["wsnp"] = [(x, y) in debt for x, y in zip(a.person_id, a.year, strict=True)]
    a["all"] = True
    for indicator, column in (("wsnp_werkend", "employed"), ("wsnp_uitkering", "benefit"),
                              ("wsnp_laag_inkomen", "low")):
        a[indicator] = a.wsnp & a[column].astype(bool)
        out.append(shares(a, indicator, indicator, "wsnp", [], region_sets))
    out.append(shares(a, "wsnp_volwassenen", "wsnp", "all", [], region_sets))
    result = pd.concat([o for o in out if len(o)], ignore_index=True)
    result["year"] = result.year.astype("int16")
    return result[[*KEY, "numerator", "denominator", "value", "n"]].sort_values(KEY).reset_index(drop=True)
