"""Are two results tables the same? For a speed rewrite or another backend.

Compares the rows on the results key: the same keys, identical counts (n), and
numerator, denominator and value identical or apart by at most --ulps units in the last
place (sums of floats may be added in another order), or, with --relative R, by at most
R of their size. Prints, per indicator, the rows and the largest differences; exits 1
when the tables differ beyond that.

Why a relative bound across engines: a sum of floats depends on the order of its terms,
which no engine promises (two DuckDB runs of the same code already differ by thousands
of ulps in an OLS slope over a million terms; see the README). The bound for parity is
1e-9: a published figure has at most five significant digits, so a difference below
that never changes one, while a real error (a row missed, a wrong weight) does.

    .venv/bin/python benchmarks/compare_results.py BEFORE/results.parquet AFTER/results.parquet
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from armoedemonitor.results_table import KEY

FLOATS = ("numerator", "denominator", "value")


def ulps_apart(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many representable doubles lie between a and b (0 where both are equal or null)."""
    both_null = np.isnan(a) & np.isnan(b)
    one_null = np.isnan(a) ^ np.isnan(b)
    spacing = np.spacing(np.maximum(np.abs(a), np.abs(b)))
    with np.errstate(invalid="ignore"):
        apart = np.where(both_null | (a == b), 0.0, np.abs(a - b) / spacing)
    return np.where(one_null, np.inf, apart)


def relatively_apart(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a - b| relative to the larger of the two (0 where both are equal or null)."""
    both_null = np.isnan(a) & np.isnan(b)
    one_null = np.isnan(a) ^ np.isnan(b)
    size = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(invalid="ignore", divide="ignore"):
        apart = np.where(both_null | (a == b), 0.0, np.abs(a - b) / size)
    return np.where(one_null, np.inf, apart)


def compare(before: pd.DataFrame, after: pd.DataFrame, max_ulps: float,
            max_relative: float | None = None) -> bool:
    """Same keys, identical n, and every float within ``max_ulps`` or, when given,
    within ``max_relative`` of its size."""
    before = before.set_index(KEY).sort_index()
    after = after.set_index(KEY).sort_index()
    only_before = before.index.difference(after.index)
    only_after = after.index.difference(before.index)
    same = True
    if len(only_before) or len(only_after):
        same = False
        print(f"keys only before: {len(only_before)}, only after: {len(only_after)}")
        for label, keys in (("before", only_before), ("after", only_after)):
            for key in keys[:5]:
                print(f"  only {label}: {key}")
    common = before.index.intersection(after.index)
    b, a = before.loc[common], after.loc[common]
    print("| indicator | rows | n differs | max ulps apart (numerator, denominator, value) | max relative |")
    print("|---|---:|---:|---|---:|")
    for indicator in sorted(set(common.get_level_values("indicator"))):
        mask = common.get_level_values("indicator") == indicator
        n_differs = int((b.n.to_numpy()[mask] != a.n.to_numpy()[mask]).sum())
        pairs = [(b[c].to_numpy(float)[mask], a[c].to_numpy(float)[mask]) for c in FLOATS]
        worst = [float(ulps_apart(x, y).max(initial=0)) for x, y in pairs]
        relative = max(float(relatively_apart(x, y).max(initial=0)) for x, y in pairs)
        print(f"| {indicator} | {int(mask.sum()):,} | {n_differs} | "
              f"{', '.join(f'{w:g}' for w in worst)} | {relative:.1e} |")
        within = relative <= max_relative if max_relative is not None else max(worst) <= max_ulps
        if n_differs or not within:
            same = False
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--ulps", type=float, default=4.0,
                        help="largest accepted float difference in ulps (default 4)")
    parser.add_argument("--relative", type=float,
                        help="instead of --ulps: largest accepted difference relative to the value")
    args = parser.parse_args()
    same = compare(pd.read_parquet(args.before), pd.read_parquet(args.after), args.ulps, args.relative)
    print("same" if same else "DIFFERENT")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
