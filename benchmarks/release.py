"""Time ``armoedemonitor release`` + ``armoedemonitor check`` and measure what reaches readers.

Usage:
    .venv/bin/python benchmarks/release.py RESULTS_DIR [--years 2018-2022]
        [--levels totaal,gemeente,wijk,regiosets] [--src OTHER/src] [--keep DIR]

Release and check run each in its own process, as a user runs them; the peak memory is
the largest resident set of any process (workers included). ``--src`` runs the same
commands with another checkout's code (for before/after on the same input). After the
run the figures of "hide the least" (issue 11) are computed from the release itself:

- per level: cells published, published less precisely (bereik), hidden primarily and
  secondarily;
- the headline: the cells of laag_inkomen_personen, laag_inkomen_huishoudens,
  laag_inkomen_minderjarigen and langdurig_laag_inkomen_personen at totaal and
  region-set level that are hidden although their own primary rule passes (goal: 0), and
  the share of municipality-years for which those four are published at gemeente level,
  yearly or as a range (goal: >= 95 %).

The latest figures, with the commands that produced them, are in the README
(Benchmarks). At real size (the 1,1 M population, every year and level): release 5,2 min,
2,8 GiB; check 4,5 min, 1,7 GiB (5 Dec 2026, a machine that computes that population in
82 s; 11 and 7 min on a slower one before the ranges were proven along the search).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HEADLINE = ("laag_inkomen_personen", "laag_inkomen_huishoudens", "laag_inkomen_minderjarigen",
            "langdurig_laag_inkomen_personen")
PUBLISHED = ("ok", "afgerond")
STANDARD = ("totaal", "gemeente", "wijk", "buurt")


def timed(src: Path | None, *arguments: str) -> tuple[float, float]:
    """Seconds and peak resident memory (GiB, largest process: the command or one of its
    workers) of one CLI command. The rusage of this command alone (``wait4``): the
    process-wide maximum over all children would hide a command that peaks lower than an
    earlier one."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    command = subprocess.Popen([sys.executable, "-m", "armoedemonitor.cli", *arguments],
                               stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(command.pid, 0)
    command.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if command.returncode:
        raise subprocess.CalledProcessError(command.returncode, command.args)
    return seconds, usage.ru_maxrss / 2**20


def hide_the_least(release: Path) -> dict:
    table = pd.read_csv(release / "indicators.csv", dtype={"breakdown": str, "category": str},
                        keep_default_na=False, na_values={"value": [""]})
    status = table["status"]
    level = table["region_level"].where(table["region_level"].isin(STANDARD), "regioset")
    per_level = pd.crosstab(level, status).reindex(columns=["afgerond", "ok", "bereik", "primair",
                                                            "secundair"], fill_value=0)
    head = table[table["indicator"].isin(HEADLINE)]
    high = head[~head["region_level"].isin(STANDARD[1:])]
    own_rule_passes = high["status"] != "primair"
    gemeente = head[(head["region_level"] == "gemeente") & (head["breakdown"] == "")
                    & (head["category"] == "")]
    shown = gemeente["status"].isin((*PUBLISHED, "bereik"))
    return {
        "cells": len(table),
        "published": float(status.isin(PUBLISHED).mean()),
        "published_or_range": float(status.isin((*PUBLISHED, "bereik")).mean()),
        "per_level": per_level,
        "headline_high_hidden": int((own_rule_passes & (high["status"] == "secundair")).sum()),
        "headline_high_range": int((own_rule_passes & (high["status"] == "bereik")).sum()),
        "headline_high_cells": len(high),
        "gemeente_shown": float(shown.mean()) if len(gemeente) else float("nan"),
        "gemeente_yearly": float(gemeente["status"].isin(PUBLISHED).mean()) if len(gemeente) else float("nan"),
        "gemeente_by_indicator": gemeente.assign(shown=shown).groupby("indicator")["shown"].mean(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--years")
    parser.add_argument("--levels")
    parser.add_argument("--src", type=Path, help="another checkout's src folder (before/after)")
    parser.add_argument("--keep", type=Path, help="keep the release in this (new) folder")
    args = parser.parse_args()
    selection = [*(["--years", args.years] if args.years else []),
                 *(["--levels", args.levels] if args.levels else [])]
    rows = pd.read_parquet(args.results / "results.parquet", columns=["n"]).shape[0]
    with tempfile.TemporaryDirectory(prefix="release-bench-") as tmp:
        release = args.keep or Path(tmp) / "release"
        release_s, release_gb = timed(args.src, "release", str(args.results), "--out", str(release), *selection)
        check_s, check_gb = timed(args.src, "check", str(release))
        figures = hide_the_least(release)
    print(f"input {args.results} ({rows:,} rows), selection {' '.join(selection) or 'alles'}, "
          f"code {args.src or 'this checkout'}")
    print(f"release {release_s:.1f} s, peak {release_gb:.2f} GiB; check {check_s:.1f} s, peak {check_gb:.2f} GiB")
    print(f"cells {figures['cells']:,}: published {figures['published']:.1%}, "
          f"published or as a range {figures['published_or_range']:.1%}")
    print(figures["per_level"].to_string())
    print(f"headline at totaal/region sets: {figures['headline_high_hidden']} of "
          f"{figures['headline_high_cells']} hidden secondarily while their own rule passes "
          f"({figures['headline_high_range']} published as a range)")
    print(f"headline at gemeente: {figures['gemeente_shown']:.1%} of municipality-years published "
          f"(yearly {figures['gemeente_yearly']:.1%}, the rest as a range)")
    print(figures["gemeente_by_indicator"].to_string())


if __name__ == "__main__":
    main()
