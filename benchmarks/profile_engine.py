"""Where a `compute` run spends its time and memory: per building block and per family.

Runs in one process on an existing microdata folder (e.g. /work/data/synth-1100k) and
prints, for the building blocks and each indicator family in turn, the wall time and the
peak resident memory of that step alone (the kernel's high-water mark is reset between
steps through /proc/self/clear_refs). A step that runs longer than --timeout seconds is
interrupted and reported as such, so one slow family cannot hide the others.

    PYTHONPATH=src .venv/bin/python benchmarks/profile_engine.py DATA_DIR \
        [--families poverty,inequality] [--timeout 600] [--memory-limit 3GB]
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    """Start a new high-water mark (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def timed(con, label: str, work, timeout: float) -> None:
    """Run ``work()``, interrupting DuckDB after ``timeout`` seconds; print one table row."""
    reset_peak()
    timer = threading.Timer(timeout, con.con.interrupt)
    timer.start()
    start = time.perf_counter()
    try:
        rows = work()
        outcome = f"{rows:,} rows" if isinstance(rows, int) else "done"
    except Exception as error:  # an interrupted query raises; report it and go on
        outcome = f"stopped: {type(error).__name__}: {str(error)[:300]!r}"
    finally:
        timer.cancel()
    print(f"| {label} | {time.perf_counter() - start:.1f} | {peak_rss_mb():.0f} | {outcome} |",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--families", default="", help="comma-separated (default: all)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--memory-limit", default=None)
    args = parser.parse_args()

    from armoedemonitor.engine.backend import connect
    from armoedemonitor.engine.context import EngineContext
    from armoedemonitor.engine.run import FAMILIES, family_name, family_results
    from armoedemonitor.sources.readers import open_tables

    chosen = [f for f in FAMILIES
              if not args.families or family_name(f) in args.families.split(",")]
    con = connect("duckdb", memory_limit=args.memory_limit)
    ctx = EngineContext.build(con, open_tables(con, args.data_dir))
    print(f"\n{args.data_dir}: years {ctx.input_years[0]}-{ctx.input_years[-1]}\n")
    print("| step | wall time (s) | peak RSS (MB) | outcome |")
    print("|---|---:|---:|---|")
    timed(con, "block: household_years", lambda: ctx.household_years.count().to_pyarrow().as_py(),
          args.timeout)
    timed(con, "block: person_years", lambda: ctx.person_years.count().to_pyarrow().as_py(),
          args.timeout)
    for family in chosen:
        name = family_name(family)
        timed(con, f"family: {name}", lambda family=family: len(family_results(ctx, family)),
              args.timeout)


if __name__ == "__main__":
    main()
