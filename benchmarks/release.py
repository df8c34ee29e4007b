"""Time ``armoedemonitor release`` + ``armoedemonitor check`` on a results folder.

Usage: .venv/bin/python benchmarks/release.py RESULTS_DIR [RESULTS_DIR ...]

Each folder is released into a temporary folder and checked, each command in its own
process (as a user runs them). In the same run a yardstick: primary suppression only,
written as plain pandas (read the parquet, the threshold rules, blank the cells, write
a CSV). The ratio says how much the whole disclosure control (secondary suppression,
linked quantities, the audit, the data package and its re-check) costs on top of the
simplest thing one could do; it is not a target.

Measured 23 Nov 2026 on the shared 2-core machine (other jobs running), synthetic
population of 20,000 persons (seed 1), results of 2020 only (48,419 rows, 98 % primary):
    before (one process, audit in secondary's inner loop): release > 420 s (stopped)
    after (two workers, capped joint maxima, re-audit of unproven cells only):
        release 153 s (9,986 linear programmes, 110 s of audit), check 98 s
All 20 years (931,770 rows) were stopped after 5 min: by the figures above about
50 min. The largest table (laag_inkomen_personen 2004, 8,468 rows, 8,309 primary)
alone went from 208 s to 39 s. The 5-minute goal for the demo is not met yet.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

CLI = Path(sys.executable).with_name("armoedemonitor")


def timed(*arguments: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(CLI), *arguments], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def pandas_primary_only(results_dir: Path, out: Path) -> float:
    """The yardstick: threshold rules on every row, suppressed cells blanked, CSV out."""
    start = time.perf_counter()
    table = pd.read_parquet(results_dir / "results.parquet")
    n, num, den = (table[c].astype("float64") for c in ("n", "numerator", "denominator"))
    small = (n < 10) | (den < 10) | (num < 10) | (den - num < 10)
    table.loc[small, ["numerator", "denominator", "value", "n"]] = np.nan
    for column in ("numerator", "denominator", "n"):
        table[column] = (table[column] / 5).round() * 5
    table.to_csv(out, index=False)
    return time.perf_counter() - start


def main(folders: list[str]) -> None:
    print(f"{'results':40} {'rows':>10} {'release s':>10} {'check s':>8} {'pandas s':>9} {'ratio':>6}")
    for folder in folders:
        results_dir = Path(folder)
        rows = pd.read_parquet(results_dir / "results.parquet", columns=["n"]).shape[0]
        with tempfile.TemporaryDirectory(prefix="release-bench-") as tmp:
            release_dir = Path(tmp) / "release"
            release = timed("release", str(results_dir), "--out", str(release_dir))
            check = timed("check", str(release_dir))
            baseline = pandas_primary_only(results_dir, Path(tmp) / "primary.csv")
        print(f"{str(results_dir):40} {rows:>10,} {release:>10.1f} {check:>8.1f} {baseline:>9.1f} "
              f"{(release + check) / baseline:>6.0f}")


if __name__ == "__main__":
    main(sys.argv[1:] or sys.exit(__doc__))
