"""The project's one independent reading of docs/spec/indicators.md: every indicator.

Written from the spec alone, without looking at the engine, so that the engine can be
checked against a second implementation. Slow on purpose: plain loops over persons and
households, one definition per function, in the spec's words. Its users: the engine
tests on random data (tests/reference, tests/engine/test_independent.py), the
calibration of the synthetic population (tests/synth) and the engine benchmark.

It shares with the engine only the facts (the project's threshold and region files,
read here as plain TOML) and the results contract (the key columns).
Readings of ambiguous sentences are marked ``READING:``.
"""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction
from importlib.resources import files
from pathlib import Path

import pandas as pd

from armoedemonitor.results_table import KEY

TABLES = ("persons", "households", "members", "debt_restructuring", "parent_child")
AGE_GROUPS = [
    (0, 17, "0-17"),
    (18, 29, "18-29"),
    (30, 44, "30-44"),
    (45, 64, "45-64"),
    (65, 200, "65+"),
]
FLOWS = [
    "blijvers_in",
    "blijvers_uit",
    "instromers_verhuizing",
    "uitstromers_verhuizing",
    "nieuwkomers",
    "vertrekkers",
]


def age_group(age: int) -> str:
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


# ---------------------------------------------------------------- building blocks
def equivalence_factor(year: int, adults: int, minors: int, tables: dict) -> float:
    """CBS table of the year, else (a + 0.8 m) ** 0.5; no adults: oldest minor is one."""
    if adults == 0:
        adults, minors = 1, minors - 1
    table = tables["from_2018"] if year >= 2018 else tables["until_2017"]
    row = table.get(str(adults))
    if row is not None and minors < len(row):
        return float(row[minors])
    return (adults + 0.8 * minors) ** 0.5


def in_scope(h) -> bool:
    return (
        h.household_type != "institutioneel"
        and not bool(h.student_household)
        and bool(h.full_year_income)
        and not _null(h.disposable_income)
        and h.disposable_income > 0
    )


def _null(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def low_income(h, e: float, threshold: float) -> bool:
    """lage_inkomensgrens: CBS's percentage decides where given, else income minus rent."""
    if not in_scope(h):
        return False
    pct = getattr(h, "cbs_low_income_pct", None)
    if not _null(pct):
        return pct < 100
    rent = getattr(h, "rent_allowance", 0.0)
    rent = 0.0 if _null(rent) else rent
    return (h.disposable_income - rent) / e < threshold


def below_arop(h, e: float, arpt: float) -> bool:
    """arop60. READING: the Eurostat test on standardised income itself (the line is
    60 % of the median of exactly that quantity); rent allowance is not subtracted and
    cbs_low_income_pct, a percentage of the CBS line, does not decide."""
    return in_scope(h) and h.disposable_income / e < arpt


def below_household_amount(h, amount: float) -> bool:
    """A user table of amounts per year and household type (e.g. 120 % of the social
    minimum). READING: the amounts are for the whole household, so income is not
    standardised; rent allowance is subtracted as in the CBS test (social-minimum norms
    exclude it too); cbs_low_income_pct does not decide."""
    rent = getattr(h, "rent_allowance", 0.0)
    rent = 0.0 if _null(rent) else rent
    return in_scope(h) and h.disposable_income - rent < amount


def quantile(sorted_x: list[float], p: Fraction) -> float:
    """Unit weights: x_j for the smallest j with j > pN; j == pN exactly: mean with next."""
    n = len(sorted_x)
    target = p * n
    for j in range(1, n + 1):
        if j == target:
            return (sorted_x[j - 1] + sorted_x[j]) / 2 if j < n else sorted_x[j - 1]
        if j > target:
            return sorted_x[j - 1]
    raise ValueError("empty")


def gini(values: list[float]) -> float | None:
    x = sorted(values)
    n, total = len(x), sum(x)
    if n == 0 or total == 0:
        return None
    return 2 * sum(i * xi for i, xi in enumerate(x, start=1)) / (n * total) - (n + 1) / n


def qsr(values: list[float]) -> tuple[float, float] | None:
    x = sorted(values)
    if not x:
        return None
    q20, q80 = quantile(x, Fraction(1, 5)), quantile(x, Fraction(4, 5))
    top = sum(v for v in x if v > q80)
    bottom = sum(v for v in x if v <= q20)
    return (top, bottom) if bottom != 0 else None


def percentile_ranks(values: dict) -> dict:
    """100 (average rank - 0.5) / N, ascending, ties share their average rank."""
    n = len(values)
    ordered = sorted(values.values())
    first, last = {}, {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
        last[v] = i
    return {k: 100 * ((first[v] + last[v]) / 2 - 0.5) / n for k, v in values.items()}


# ---------------------------------------------------------------- general measures
def weighted_quantile(people: list[tuple[float, Fraction]], p: Fraction) -> float | None:
    """x_j for the smallest j with c_j > p·N; where c_j = p·N exactly, (x_j + x_{j+1}) / 2.

    READING: weights are the decimals they print as (Fraction of their repr), so that
    ten weights of 0.1 sum to exactly 1, as the spec asks of unit weights.
    """
    ordered = sorted(people, key=lambda person: person[0])
    target = p * sum(w for _, w in ordered)
    c = Fraction(0)
    for j, (x, w) in enumerate(ordered):
        c += w
        if c == target and j + 1 < len(ordered):
            return (x + ordered[j + 1][0]) / 2
        if c >= target:
            return x
    return None


def general_measures(
    people: list[tuple[float, float, str]], lines=(0.4, 0.5, 0.6, 0.7)
) -> dict[tuple[str, str], float | None]:
    """The EU set of "General measures" for (income, weight, group) rows, as
    {(group, measure): value}; the poverty lines come from the median of all rows."""
    exact = [(x, Fraction(repr(w)), g) for x, w, g in people]
    overall = weighted_quantile([(x, w) for x, w, _ in exact], Fraction(1, 2))
    z = 0.6 * overall
    groups = defaultdict(list)
    for row in exact:
        groups[row[2]].append(row)
    out = {}
    for group, rows in groups.items():
        xw = [(x, w) for x, w, _ in rows]
        n = sum(w for _, w in xw)
        measures = {
            "median": weighted_quantile(xw, Fraction(1, 2)),
            "q20": weighted_quantile(xw, Fraction(1, 5)),
            "q80": weighted_quantile(xw, Fraction(4, 5)),
            "mean": float(sum(w * Fraction(x) for x, w in xw) / n),
        }
        for line in lines:
            label = f"{round(100 * line)}"
            measures[f"arpt_{label}"] = line * overall
            measures[f"arpr_{label}"] = float(sum(w for x, w in xw if x < line * overall) / n)
        poor = [(x, w) for x, w in xw if x < z]
        measures["rmpg"] = (z - weighted_quantile(poor, Fraction(1, 2))) / z if poor else None
        for alpha in (0, 1, 2):
            measures[f"fgt{alpha}"] = sum(float(w) * (1 - x / z) ** alpha for x, w in poor) / float(n)
        measures["watts"] = sum(float(w) * math.log(z / x) for x, w in poor if x > 0) / float(n)
        q20, q80 = measures["q20"], measures["q80"]
        bottom = sum(float(w) * x for x, w in xw if x <= q20)
        measures["qsr"] = sum(float(w) * x for x, w in xw if x > q80) / bottom if bottom else None
        ordered, c, weighted = sorted(xw), Fraction(0), 0.0
        for x, w in ordered:
            c += w
            weighted += 2 * float(w) * x * float(c) - float(w) ** 2 * x
        total = sum(float(w) * x for x, w in xw)
        measures["gini"] = weighted / (float(n) * total) - 1 if total else None
        out.update({(group, name): value for name, value in measures.items()})
    return out


# ---------------------------------------------------------------- regions
class Regions:
    def __init__(self, mergers: dict[str, str], sets: dict[str, list[str]]):
        self.mergers, self.sets = mergers, sets

    def gemeente(self, code: str) -> str:
        return self.mergers.get(code, code)

    def of(self, h) -> list[tuple[str, str]]:
        """All (region_level, region_code) a household-year belongs to."""
        g = self.gemeente(h.municipality)
        out = [("totaal", "totaal"), ("gemeente", g)]
        if not _null(h.district):
            out.append(("wijk", h.district))
        if not _null(h.neighbourhood):
            out.append(("buurt", h.neighbourhood))
        out += [(name, name) for name, members in self.sets.items() if g in members]
        return out


def facts() -> tuple[Regions, dict[int, float], dict]:
    """Default regions, thresholds and equivalence tables from the project's fact files."""
    data = files("armoedemonitor.definitions").joinpath("data")
    regions = tomllib.loads(data.joinpath("regions.toml").read_text("utf-8"))
    numbers = tomllib.loads(data.joinpath("thresholds.toml").read_text("utf-8"))
    mergers = {old: new for new, merger in regions["samenvoegingen"].items()
               for old in merger["uit"]}
    sets = {name: s["gemeenten"] for name, s in regions["regiosets"].items()}
    thresholds = {int(year): entry["value"] for year, entry
                  in numbers["lage_inkomensgrens"]["single_person_eur_per_year"].items()}
    return Regions(mergers, sets), thresholds, numbers["equivalence"]


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The canonical tables of a folder: NAME.parquet, or a folder NAME/ of year=... parts."""
    tables = {}
    for name in TABLES:
        single = Path(folder) / f"{name}.parquet"
        frame = pd.read_parquet(single if single.exists() else Path(folder) / name)
        if "year" in frame:
            frame["year"] = frame["year"].astype(int)
        tables[name] = frame
    return tables


# ---------------------------------------------------------------- accumulators
class Shares:
    """Counts per (indicator, year, level, code, breakdown, category): numerator/denominator."""

    def __init__(self):
        self.num = defaultdict(int)
        self.den = defaultdict(int)

    def add(self, indicator, year, regions, breakdowns, in_numerator: bool):
        for level, code in regions:
            for breakdown, category in breakdowns:
                key = (indicator, year, level, code, breakdown, category)
                self.den[key] += 1
                self.num[key] += int(in_numerator)

    def rows(self):
        for key, den in self.den.items():
            num = self.num[key]
            yield dict(
                zip(KEY, key, strict=True),
                numerator=float(num),
                denominator=float(den),
                value=num / den,
                n=den,
            )


# ---------------------------------------------------------------- the data
class Data:
    def __init__(
        self,
        tables: dict[str, pd.DataFrame],
        regions: Regions,
        thresholds: dict[int, float],
        equivalence: dict,
        poverty_line: str | dict = "lage_inkomensgrens",
        years: Iterable[int] | None = None,
    ):
        self.persons = tables["persons"]
        self.households = tables["households"]
        self.members = tables["members"]
        self.debt = tables["debt_restructuring"]
        self.parent_child = tables["parent_child"]
        self.regions = regions
        self.years = sorted(int(y) for y in self.households.year.unique())
        # rows are written for these years only; every input year is still read
        self.output = set(self.years if years is None else years)
        self.birth = dict(
            zip(self.persons.person_id, self.persons.birth_year.astype(int), strict=True)
        )
        self.education = dict(zip(self.persons.person_id, self.persons.education, strict=True))
        self.parents = defaultdict(set)
        for r in self.parent_child.itertuples():
            for parent in (r.mother_id, r.father_id):
                if not _null(parent):
                    self.parents[int(r.child_id)].add(int(parent))

        # person-year: household id and member facts
        self.member = {}
        self.household_members = defaultdict(set)
        for m in self.members.itertuples():
            key = (int(m.year), int(m.person_id))
            self.member[key] = m
            self.household_members[(int(m.year), int(m.household_id))].add(int(m.person_id))
        # household-year facts
        self.hh = {}
        for h in self.households.itertuples():
            year = int(h.year)
            e = equivalence_factor(year, int(h.n_adults), int(h.n_minors), equivalence)
            scope = in_scope(h)
            self.hh[(year, int(h.household_id))] = dict(
                row=h,
                e=e,
                in_scope=scope,
                std=h.disposable_income / e if scope else None,
                regions=regions.of(h),
            )
        if isinstance(poverty_line, dict):
            line = None
        elif poverty_line == "arop60":
            line = {year: 0.6 * self.median_standardised_income(year) for year in self.years}
        else:
            line = thresholds
        for (year, _), h in self.hh.items():
            if isinstance(poverty_line, dict):  # {(year, household_type): amount}
                amount = poverty_line.get((year, h["row"].household_type))
                h["low"] = amount is not None and below_household_amount(h["row"], amount)
            elif poverty_line == "arop60":
                h["low"] = below_arop(h["row"], h["e"], line[year])
            else:
                h["low"] = low_income(h["row"], h["e"], line[year])

    def median_standardised_income(self, year) -> float:
        """Over persons in in-scope households of the whole input (quantile rule)."""
        x = sorted(
            self.hh[(year, int(m.household_id))]["std"]
            for (t, _), m in self.member.items()
            if t == year and self.hh[(t, int(m.household_id))]["in_scope"]
        )
        return quantile(x, Fraction(1, 2))

    def age(self, person, year):
        return year - self.birth[person]

    def household(self, year, person):
        m = self.member.get((year, person))
        return None if m is None else self.hh[(year, int(m.household_id))]

    def person_low(self, year, person) -> bool:
        h = self.household(year, person)
        return h is not None and h["low"]

    def person_in_scope(self, year, person) -> bool:
        h = self.household(year, person)
        return h is not None and h["in_scope"]

    def lives_with_parent(self, year, person) -> bool:
        m = self.member[(year, person)]
        return bool(self.parents[person] & self.household_members[(year, int(m.household_id))])


# ---------------------------------------------------------------- poverty
def poverty(d: Data, out: Shares):
    for (year, _), h in d.hh.items():
        if year not in d.output:
            continue
        if not h["in_scope"]:
            continue
        bd = [("", ""), ("household_type", h["row"].household_type)]
        out.add("laag_inkomen_huishoudens", year, h["regions"], bd, h["low"])
    for (year, person), m in d.member.items():
        if year not in d.output:
            continue
        h = d.hh[(year, int(m.household_id))]
        if not h["in_scope"]:
            continue
        age = d.age(person, year)
        # READING: the person breakdowns apply to every person indicator.
        bd = [
            ("", ""),
            ("age_group", age_group(age)),
            ("main_income_source", h["row"].main_income_source),
        ]
        regions = h["regions"]
        out.add("laag_inkomen_personen", year, regions, bd, h["low"])
        if age < 18:
            out.add("laag_inkomen_minderjarigen", year, regions, bd, h["low"])
        earlier = [year - k for k in range(1, 4)]
        if all(t in d.years for t in earlier):
            long_term = h["low"] and all(d.person_low(t, person) for t in earlier)
            out.add("langdurig_laag_inkomen_personen", year, regions, bd, long_term)
            if age < 18:
                out.add("langdurig_laag_inkomen_minderjarigen", year, regions, bd, long_term)
        if age >= 18 and h["low"]:
            out.add("werkende_armen", year, regions, bd, bool(m.employed))


# ---------------------------------------------------------------- inequality, wealth, debt
def inequality(d: Data, shares: Shares, rows: list):
    incomes = defaultdict(list)
    for (year, _), m in d.member.items():
        if year not in d.output:
            continue
        h = d.hh[(year, int(m.household_id))]
        if h["in_scope"]:
            for region in h["regions"]:
                incomes[(year, region)].append(h["std"])
    for (year, (level, code)), x in incomes.items():
        g = gini(x)
        if g is not None:
            rows.append(_row("gini_inkomen", year, level, code, None, None, g, len(x)))
        q = qsr(x)
        if q is not None:
            rows.append(_row("s80s20", year, level, code, q[0], q[1], q[0] / q[1], len(x)))

    wealth = defaultdict(list)
    for (year, hid), h in d.hh.items():
        if year not in d.output:
            continue
        if h["in_scope"] and not _null(h["row"].wealth):
            for region in h["regions"]:
                wealth[(year, region)].append((h["row"].wealth, hid))
    for (year, (level, code)), items in wealth.items():
        values = [w for w, _ in items]
        total = sum(values)
        if total != 0:
            # READING: wealthiest first, equal wealth broken by ascending household_id.
            ranked = sorted(items, key=lambda wh: (-wh[0], wh[1]))
            top = sum(w for w, _ in ranked[: math.ceil(len(items) / 10)])
            rows.append(
                _row(
                    "vermogen_top10_aandeel", year, level, code, top, total, top / total, len(items)
                )
            )
        wealth_profile(d, rows, year, level, code, items)
        g = gini(values)
        if g is not None:
            rows.append(_row("gini_vermogen", year, level, code, None, None, g, len(values)))

    wsnp = set(zip(d.debt.year.astype(int), d.debt.person_id.astype(int), strict=True))
    for (year, person), m in d.member.items():
        if year not in d.output:
            continue
        if d.age(person, year) < 18:
            continue
        h = d.hh[(year, int(m.household_id))]
        in_wsnp = (year, person) in wsnp
        shares.add("wsnp_volwassenen", year, h["regions"], [("", "")], in_wsnp)
        if in_wsnp:
            shares.add("wsnp_werkend", year, h["regions"], [("", "")], bool(m.employed))
            shares.add("wsnp_uitkering", year, h["regions"], [("", "")], bool(m.benefit))
            shares.add("wsnp_laag_inkomen", year, h["regions"], [("", "")], h["low"])


PROFILE = "groep×kenmerk"


def wealth_profile(d: Data, rows: list, year, level, code, items):
    """vermogen_top10_profiel: the ⌈N/10⌉ wealthiest households versus the rest.

    READING: means over households (the breadwinner is the member with role
    'hoofdkostwinner'); the share 'hoog' counts breadwinners with known education only
    (unknown is not 'laag'). The spec names no breakdown or categories: the names
    (breakdown 'groep×kenmerk', '{top10|overig}×{leeftijd|hoog_opgeleid|inkomen}') are
    taken over from the engine's registry, a naming choice, not a reading.
    """
    ranked = sorted(items, key=lambda wh: (-wh[0], wh[1]))
    k = math.ceil(len(items) / 10)
    for group, part in (("top10", ranked[:k]), ("overig", ranked[k:])):
        ages, high, incomes = [], [], []
        for _, hid in part:
            incomes.append(d.hh[(year, hid)]["std"])
            for person in d.household_members[(year, hid)]:
                if d.member[(year, person)].role == "hoofdkostwinner":
                    ages.append(d.age(person, year))
                    if not _null(d.education[person]):
                        high.append(d.education[person] == "hoog")
        for name, values in (
            ("leeftijd", ages),
            ("hoog_opgeleid", high),
            ("inkomen", incomes),
        ):
            if values:
                rows.append(
                    _row(
                        "vermogen_top10_profiel",
                        year,
                        level,
                        code,
                        float(sum(values)),
                        float(len(values)),
                        sum(values) / len(values),
                        len(values),
                        PROFILE,
                        f"{group}×{name}",
                    )
                )


def _row(indicator, year, level, code, num, den, value, n, breakdown="", category=""):
    return dict(
        indicator=indicator,
        year=year,
        region_level=level,
        region_code=code,
        breakdown=breakdown,
        category=category,
        numerator=num,
        denominator=den,
        value=value,
        n=n,
    )


def ratio_rows(shares: Shares, rows: list, indicator: str, high: str, low: str):
    """value = share(high) / share(low) for every key where both exist and share(low) > 0."""
    by_key = {k: (shares.num[k], d) for k, d in shares.den.items()}
    for key, (num_h, den_h) in by_key.items():
        if key[0] != high:
            continue
        other = (low,) + key[1:]
        if other not in by_key:
            continue
        num_l, den_l = by_key[other]
        if num_l == 0:
            continue
        share_h, share_l = num_h / den_h, num_l / den_l
        # READING: numerator and denominator are the two shares; n both groups together.
        rows.append(
            _row(
                indicator,
                key[1],
                key[2],
                key[3],
                share_h,
                share_l,
                share_h / share_l,
                den_h + den_l,
            )
        )


# ---------------------------------------------------------------- intergenerational
def concurrent(d: Data, shares: Shares):
    for (year, person), m in d.member.items():
        if year not in d.output:
            continue
        if not 22 <= d.age(person, year) <= 26:
            continue
        parents = d.parents[person]
        if not any(d.person_in_scope(year, p) for p in parents):
            continue
        if d.lives_with_parent(year, person):
            continue
        h = d.hh[(year, int(m.household_id))]
        if not h["in_scope"]:
            continue
        parents_poor = any(d.person_low(year, p) for p in parents)
        child_poor = h["low"]
        bd = [("", "")]
        regions = h["regions"]
        shares.add("generatiearmoede", year, regions, bd, child_poor and parents_poor)
        if parents_poor:
            shares.add("kind_arm_als_ouders_arm", year, regions, bd, child_poor)
        else:
            shares.add("kind_arm_als_ouders_niet_arm", year, regions, bd, child_poor)
        if child_poor:
            shares.add("ouders_arm_als_kind_arm", year, regions, bd, parents_poor)


def childhood(d: Data, person) -> bool | None:
    """Grew up poor: low income in >= half the observed in-scope years at 0-17 (>= 3)."""
    observed = [t for t in d.years if 0 <= d.age(person, t) <= 17 and d.person_in_scope(t, person)]
    if len(observed) < 3:
        return None
    poor = sum(d.person_low(t, person) for t in observed)
    return 2 * poor >= len(observed)


def upbringing_regions(d: Data, person):
    years = [t for t in d.years if 12 <= d.age(person, t) <= 17 and d.person_in_scope(t, person)]
    return d.household(years[-1], person)["regions"] if years else None


def life_course(d: Data, shares: Shares):
    for (year, person), m in d.member.items():
        if year not in d.output:
            continue
        if not 25 <= d.age(person, year) <= 34:
            continue
        h = d.hh[(year, int(m.household_id))]
        if not h["in_scope"] or d.lives_with_parent(year, person):
            continue
        grew_up_poor = childhood(d, person)
        regions = upbringing_regions(d, person)
        if grew_up_poor is None or regions is None:
            continue
        indicator = (
            "arm_als_volwassene_opgegroeid_arm"
            if grew_up_poor
            else "arm_als_volwassene_niet_opgegroeid_arm"
        )
        shares.add(indicator, year, regions, [("", "")], h["low"])


# ---------------------------------------------------------------- mobility
def mobility(d: Data, rows: list):
    parental, child = {}, {}
    for person in d.birth:
        teen = [
            d.household(t, person)["std"]
            for t in d.years
            if 12 <= d.age(person, t) <= 17 and d.person_in_scope(t, person)
        ]
        # READING: "own household" = a household without a parent of theirs in it.
        adult = [
            d.household(t, person)["std"]
            for t in d.years
            if 26 <= d.age(person, t) <= 32
            and d.person_in_scope(t, person)
            and not d.lives_with_parent(t, person)
        ]
        if len(teen) >= 3 and len(adult) >= 2:
            parental[person] = sum(teen) / len(teen)
            child[person] = sum(adult) / len(adult)
    # READING: ranks within the cohort of the children that count (both incomes known).
    parent_rank, child_rank = {}, {}
    for cohort in {d.birth[p] for p in parental}:
        members = [p for p in parental if d.birth[p] == cohort]
        parent_rank.update(percentile_ranks({p: parental[p] for p in members}))
        child_rank.update(percentile_ranks({p: child[p] for p in members}))
    groups = defaultdict(list)
    for person in parental:
        for region in upbringing_regions(d, person):
            groups[region].append(person)
    year = d.years[-1]
    if year not in d.output:
        return
    for (level, code), people in groups.items():
        x = [parent_rank[p] for p in people]
        y = [child_rank[p] for p in people]
        n = len(people)
        mx, my = sum(x) / n, sum(y) / n
        sxx = sum((a - mx) ** 2 for a in x)
        if sxx > 0:
            slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sxx
            intercept = my - slope * mx
            rows.append(_row("rang_rang_helling", year, level, code, None, None, slope, n))
            rows.append(
                _row(
                    "opwaartse_mobiliteit_p25",
                    year,
                    level,
                    code,
                    None,
                    None,
                    intercept + 25 * slope,
                    n,
                )
            )
        quint = lambda r: min(5, math.floor(r / 20) + 1)  # noqa: E731
        cells = defaultdict(int)
        row_totals = defaultdict(int)
        for p in people:
            qp, qc = quint(parent_rank[p]), quint(child_rank[p])
            cells[(qp, qc)] += 1
            row_totals[qp] += 1
        # READING: all five child quintiles for every parental quintile present (zeros too).
        for qp, total in row_totals.items():
            for qc in range(1, 6):
                rows.append(
                    _row(
                        "overgangsmatrix",
                        year,
                        level,
                        code,
                        float(cells[(qp, qc)]),
                        float(total),
                        cells[(qp, qc)] / total,
                        total,
                        "parent_quintile×child_quintile",
                        f"{qp}×{qc}",
                    )
                )


# ---------------------------------------------------------------- migration
def migration(d: Data, rows: list):
    for year in d.years:
        if year not in d.output:
            continue
        if year - 1 not in d.years:
            continue
        counts = defaultdict(int)
        persons = {p for (t, p) in d.member if t in (year, year - 1)}
        for person in persons:
            now, before = d.household(year, person), d.household(year - 1, person)
            regions_now = set(now["regions"]) if now else set()
            regions_before = set(before["regions"]) if before else set()
            poor_now, poor_before = bool(now and now["low"]), bool(before and before["low"])
            for region in regions_now | regions_before:
                counts[region]  # every region with a person in it gets all six flows
                if region in regions_now and region in regions_before:
                    counts[(region, "blijvers_in")] += poor_now and not poor_before
                    counts[(region, "blijvers_uit")] += poor_before and not poor_now
                elif region in regions_now:
                    flow = "instromers_verhuizing" if before else "nieuwkomers"
                    counts[(region, flow)] += poor_now
                else:
                    flow = "uitstromers_verhuizing" if now else "vertrekkers"
                    counts[(region, flow)] += poor_before
        for region in [k for k in counts if not isinstance(k[0], tuple)]:
            for flow in FLOWS:
                c = counts.get((region, flow), 0)
                # READING: a count has no numerator/denominator; n is the count itself.
                rows.append(
                    _row(
                        "migratie_armoede",
                        year,
                        region[0],
                        region[1],
                        None,
                        None,
                        float(c),
                        c,
                        "flow",
                        flow,
                    )
                )


# ---------------------------------------------------------------- everything
def compute_reference(
    data: Path | dict[str, pd.DataFrame],
    regions: Regions | None = None,
    thresholds: dict[int, float] | None = None,
    equivalence: dict | None = None,
    poverty_line: str | dict = "lage_inkomensgrens",
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Every indicator's rows for a folder or a dict of canonical tables.

    Regions, thresholds and equivalence tables default to the project's facts (a given
    thresholds dict replaces them); ``years`` limits the rows, not the input read.
    """
    default_regions, default_thresholds, default_equivalence = facts()
    tables = data if isinstance(data, dict) else read_tables(Path(data))
    d = Data(tables, regions or default_regions, thresholds or default_thresholds,
             equivalence or default_equivalence, poverty_line, years)
    shares, rows = Shares(), []
    poverty(d, shares)
    inequality(d, shares, rows)
    concurrent(d, shares)
    life_course(d, shares)
    ratio_rows(
        shares,
        rows,
        "relatief_risico_generatiearmoede",
        "kind_arm_als_ouders_arm",
        "kind_arm_als_ouders_niet_arm",
    )
    ratio_rows(
        shares,
        rows,
        "relatief_risico_opgroeien_in_armoede",
        "arm_als_volwassene_opgegroeid_arm",
        "arm_als_volwassene_niet_opgegroeid_arm",
    )
    mobility(d, rows)
    migration(d, rows)
    frame = pd.DataFrame(list(shares.rows()) + rows)
    return frame.sort_values(KEY).reset_index(drop=True)
