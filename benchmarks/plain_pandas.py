"""The poverty family in plain pandas: the baseline the engine's speed is measured against.

The issue asks that the poverty family is at least 10 times faster than plain pandas.
This module is that plain pandas, written as a competent pandas user would: the input
Parquet read with ``pd.read_parquet`` (only the columns needed), then merge, groupby,
shift and boolean columns, nothing per row, no DuckDB, no Ibis, no Arrow compute. It
starts from the canonical microdata (docs/spec/microdata.md) and builds what it needs
itself: household-years (scope, equivalence factor, low income) and person-years (age,
age group, employment, the household's main income source), and it writes every row
the engine's poverty family writes (engine/poverty.py with blocks.py and
results.count_shares_together): six indicators, every year, region level and breakdown
category, in the results columns.

Only facts come from the project (armoedemonitor.definitions: thresholds, equivalence
factors, mergers, region sets), with the engine's default parameters: the
lage-inkomensgrens poverty line, the default region sets, long_term_years = 4, and
households with income <= 0 out of scope. armoedemonitor.engine is not imported, so
that neither Ibis nor DuckDB is loaded in the process that is measured.

Input: Parquet only (NAME.parquet or a folder NAME/, optionally hive-partitioned by
year=); the files of one folder are taken to share one schema, as ``synth`` writes
them (the engine also reads CSV and SPSS, and unions folder schemas by name).
Tests: tests/benchmarks/test_plain_pandas.py; timing: benchmarks/engine.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from armoedemonitor import definitions
from armoedemonitor.results_table import KEY, NAMES

# The engine's defaults (engine/context.py Params; the test checks they still agree).
LONG_TERM_YEARS = 4
REGION_LEVELS = ("municipality", "district", "neighbourhood")
AGE_BINS = [-1, 17, 29, 44, 64, np.inf]  # ages are whole years: (-1, 17] is 0-17
AGE_LABELS = ["0-17", "18-29", "30-44", "45-64", "65+"]
HOUSEHOLD_SHARES = {"laag_inkomen_huishoudens": ("low_income", "in_scope")}
PERSON_SHARES = {
    "laag_inkomen_personen": ("low_income", "in_scope"),
    "laag_inkomen_minderjarigen": ("minor_low", "minor_in_scope"),
    "werkende_armen": ("adult_low_employed", "adult_low"),
    "langdurig_laag_inkomen_personen": ("long_low", "long_in_scope"),
    "langdurig_laag_inkomen_minderjarigen": ("long_minor_low", "long_minor_in_scope"),
}
INDICATORS = [*HOUSEHOLD_SHARES, *PERSON_SHARES]


def region_sets() -> dict[str, tuple[str, ...]]:
    """The engine's default region sets (context.default_region_sets)."""
    return {name: s.gemeenten for name, s in definitions.region_sets().items()}


def read_table(data_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    """``columns`` of table ``name``; an absent optional column comes back missing.

    Reading only the needed columns is what keeps pandas' memory near the data's size;
    the schema is asked first because pandas refuses a column the file lacks.
    """
    path = data_dir / f"{name}.parquet"
    if not path.is_file():
        path = data_dir / name
    if not path.exists():
        raise FileNotFoundError(f"{data_dir}: no {name}.parquet or folder {name}/ (Parquet only)")
    present = set(pq.ParquetDataset(path).schema.names)
    frame = pd.read_parquet(path, columns=[c for c in columns if c in present])
    if "year" in frame:  # a hive partition column comes back as a categorical
        frame["year"] = frame["year"].astype("int16")
    return frame


def equivalence_factors(households: pd.DataFrame) -> pd.Series:
    """e(a, m) per household: the CBS table of the year's period, else (a + 0.8 m)^0.5;
    a household without adults counts its oldest minor as an adult."""
    no_adults = (households.n_adults == 0) & (households.n_minors > 0)
    adults = households.n_adults.where(~no_adults, 1).astype("int64")
    minors = households.n_minors.where(~no_adults, households.n_minors - 1).astype("int64")
    scale = definitions.equivalence_scale()
    table = pd.DataFrame(
        [(from_2018, a, m, factor)
         for from_2018, periods in ((True, scale.from_2018), (False, scale.until_2017))
         for a, row in periods.items() for m, factor in enumerate(row)],
        columns=["from_2018", "adults", "minors", "factor"],
    )
    keys = pd.DataFrame({"from_2018": households.year.to_numpy() >= 2018,
                         "adults": adults.to_numpy(), "minors": minors.to_numpy()})
    looked_up = keys.merge(table, how="left", on=["from_2018", "adults", "minors"])["factor"]
    formula = np.sqrt(adults.to_numpy(float) + 0.8 * minors.to_numpy(float))
    return pd.Series(looked_up.fillna(pd.Series(formula)).to_numpy(), index=households.index)


def household_years(data_dir: Path) -> pd.DataFrame:
    """One row per household-year with in_scope and low_income (blocks.household_years).

    In scope: not institutional, not a student household, income over the whole year,
    income known and > 0. Low income: in scope and CBS's own percentage < 100 where it is
    given, else (income - rent allowance) / e below the year's single-person threshold.
    """
    h = read_table(data_dir, "households", [
        "year", "household_id", "disposable_income", "rent_allowance", "cbs_low_income_pct",
        "n_adults", "n_minors", "household_type", "student_household", "full_year_income",
        "main_income_source", *REGION_LEVELS])
    for column in ("rent_allowance", "cbs_low_income_pct"):
        if column not in h:
            h[column] = np.nan
    mergers = definitions.merger_map()
    h["municipality"] = h.municipality.map(mergers).fillna(h.municipality)
    # Codes and types repeat a lot: as categories, grouping and merging them is cheap.
    for column in (*REGION_LEVELS, "household_type", "main_income_source"):
        h[column] = h[column].astype("category")
    thresholds = definitions.low_income_thresholds()
    missing = sorted(set(h.year.unique()) - set(thresholds))
    if missing:
        raise ValueError(f"no lage-inkomensgrens for {', '.join(map(str, missing))}")
    h["in_scope"] = ((h.household_type != "institutioneel") & ~h.student_household.astype(bool)
                     & h.full_year_income.astype(bool) & (h.disposable_income > 0))
    income = (h.disposable_income - h.rent_allowance.fillna(0.0)) / equivalence_factors(h)
    below = income < h.year.map(thresholds)
    by_cbs = h.cbs_low_income_pct.notna()
    h["low_income"] = h.in_scope & np.where(by_cbs, h.cbs_low_income_pct < 100, below)
    return h.drop(columns=["disposable_income", "rent_allowance", "cbs_low_income_pct",
                           "n_adults", "n_minors", "student_household", "full_year_income"])


def person_years(data_dir: Path, households: pd.DataFrame) -> pd.DataFrame:
    """One row per person-year in a household-year (blocks.person_years): members joined
    to their household-year and to the person's birth year, with age and age group."""
    members = read_table(data_dir, "members", ["year", "person_id", "household_id", "employed"])
    persons = read_table(data_dir, "persons", ["person_id", "birth_year"])
    py = members.merge(
        households[["year", "household_id", *REGION_LEVELS, "main_income_source", "in_scope",
                    "low_income"]],
        on=["year", "household_id"],
    ).merge(persons, how="left", on="person_id")
    py["age"] = py.year - py.birth_year  # float where a person is unknown: NaN, no age group
    py["age_group"] = pd.cut(py.age, AGE_BINS, labels=AGE_LABELS)
    return py.drop(columns=["household_id", "birth_year"])


def long_term_low(py: pd.DataFrame, span: int) -> pd.Series:
    """Low income in t and in each of the span - 1 years before (in any household).

    Per person in year order, the row k places back must be the same person in year
    t - k with low income: (person, year) is unique, so that row being t - k means
    every year between is there too.
    """
    ordered = py[["person_id", "year", "low_income"]].sort_values(["person_id", "year"])
    streak = ordered.low_income.copy()
    for k in range(1, span):
        back = ordered.shift(k)
        streak &= ((back.person_id == ordered.person_id) & (back.year == ordered.year - k)
                   & back.low_income.fillna(False).astype(bool))
    return streak.reindex(py.index)


def person_flags(py: pd.DataFrame, input_years: set[int], span: int) -> pd.DataFrame:
    """The numerator and denominator columns of every person indicator (poverty.persons).

    The long-term indicators have a denominator only in years whose span - 1 years
    before are all in the input.
    """
    minor = py.age < 18
    adult = py.age >= 18
    with_history = [t for t in input_years if all(t - k in input_years for k in range(1, span))]
    long_in_scope = py.in_scope & py.year.isin(with_history)
    long_low = long_in_scope & long_term_low(py, span)
    employed = py.employed.fillna(False).astype(bool)
    return py.assign(
        minor_in_scope=py.in_scope & minor, minor_low=py.low_income & minor,
        adult_low=py.low_income & adult, adult_low_employed=py.low_income & adult & employed,
        long_in_scope=long_in_scope, long_low=long_low,
        long_minor_in_scope=long_in_scope & minor, long_minor_low=long_low & minor,
    )


def share_rows(units: pd.DataFrame, shares: dict[str, tuple[str, str]], breakdowns: list[str],
               sets: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Results rows of share indicators (results.count_shares_together).

    Per indicator, a unit counts in the denominator when its denominator column is
    true, in the numerator when both are. Counted once per (year, buurt, category) and
    summed from there to totaal, gemeente, wijk, buurt and every region set (a unit
    without wijk or buurt is in no wijk or buurt row); the total row has breakdown and
    category ''; a unit without a category counts in the total only. Rows whose
    denominator is 0 are left out.
    """
    columns = {}
    for i, (numerator, denominator) in enumerate(shares.values()):
        columns[f"d{i}"] = units[denominator]
        columns[f"n{i}"] = units[denominator] & units[numerator]
    flags = pd.DataFrame(columns)  # booleans: an eighth of the memory of int64 counts
    counts = list(flags)
    fine_parts = []
    for breakdown in ["", *breakdowns]:
        keys = [units.year, *(units[c] for c in REGION_LEVELS)]
        if breakdown:  # unknown categories are grouped too, then dropped from the small result
            keys.append(units[breakdown].rename("category"))
        part = flags.groupby(keys, dropna=False, observed=True, sort=False).sum().reset_index()
        if breakdown:
            part = part.dropna(subset=["category"]).astype({"category": str})
        else:
            part["category"] = ""
        fine_parts.append(part.assign(breakdown=breakdown))
    fine = pd.concat(fine_parts, ignore_index=True)
    by = ["year", "breakdown", "category"]
    levels = [fine.groupby(by, sort=False)[counts].sum().reset_index()
              .assign(region_level="totaal", region_code="totaal")]
    for level, column in (("gemeente", "municipality"), ("wijk", "district"), ("buurt", "neighbourhood")):
        summed = fine.groupby([*by, column], observed=True, sort=False)[counts].sum().reset_index()
        levels.append(summed.rename(columns={column: "region_code"}).assign(region_level=level))
    for name, codes in sets.items():
        inside = fine[fine.municipality.isin(codes)]
        summed = inside.groupby(by, sort=False)[counts].sum().reset_index()
        levels.append(summed.assign(region_level=name, region_code=name))
    counted = pd.concat(levels, ignore_index=True)
    rows = []
    for i, indicator in enumerate(shares):
        share = counted.loc[counted[f"d{i}"] > 0]
        rows.append(pd.DataFrame({
            "indicator": indicator, "year": share.year, "region_level": share.region_level,
            "region_code": share.region_code, "breakdown": share.breakdown,
            "category": share.category, "numerator": share[f"n{i}"].astype("float64"),
            "denominator": share[f"d{i}"].astype("float64"), "n": share[f"d{i}"],
        }))
    return pd.concat(rows, ignore_index=True)


def poverty_family(data_dir: Path, long_term_years: int = LONG_TERM_YEARS) -> pd.DataFrame:
    """Every row of the engine's poverty family for the microdata in ``data_dir``, in the
    results columns (value = numerator / denominator), sorted on the results key.

    Every input year is an output year. The long-term indicators have rows only for
    years with long_term_years - 1 input years before them; with none, no rows at all
    (as the engine, which then does not compute them).
    """
    data_dir = Path(data_dir)
    sets = region_sets()
    households = household_years(data_dir)
    py = person_flags(person_years(data_dir, households), set(households.year.unique().tolist()),
                      long_term_years)
    frame = pd.concat([
        share_rows(households, HOUSEHOLD_SHARES, ["household_type"], sets),
        share_rows(py, PERSON_SHARES, ["age_group", "main_income_source"], sets),
    ], ignore_index=True)
    frame["value"] = frame.numerator / frame.denominator
    frame = frame.astype({"year": "int16", "n": "int64"})
    for column in ("indicator", "region_level", "region_code", "breakdown", "category"):
        frame[column] = frame[column].astype(object)
    return frame[NAMES].sort_values(KEY, kind="stable").reset_index(drop=True)
