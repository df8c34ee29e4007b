"""Engine benchmark: `compute` on DuckDB against the independent plain-Python reference.

Generates a random canonical dataset (tests/engine/random_data.py; not the synthetic
population) of --persons persons over --years, writes it as Parquet, then runs in
separate processes (so each has its own peak memory):
  1. `armoedemonitor compute` on DuckDB (validation + every engine indicator);
  2. the engine's poverty family alone on DuckDB (the like-for-like comparison);
  3. the spec reference (tests/reference/spec_reference.py, row by row in plain
     Python) for the poverty indicators, of which laag_inkomen_huishoudens,
     laag_inkomen_personen and laag_inkomen_minderjarigen at every region level
and checks that both give the same values for those three indicators.
Prints a markdown table: wall time, peak RSS (VmHWM of the process) and the ratio.

    .venv/bin/python benchmarks/engine.py [--persons 200000] [--years 2015-2022]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "engine"), str(ROOT / "tests" / "reference")]

POVERTY = ["laag_inkomen_huishoudens", "laag_inkomen_personen", "laag_inkomen_minderjarigen"]


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_engine(data_dir: Path, out: Path, queue) -> None:
    from armoedemonitor.engine.run import compute

    start = time.perf_counter()
    frame = compute(data_dir, out, progress=False)
    seconds = time.perf_counter() - start
    queue.put((seconds, peak_rss_mb(), len(frame)))


def run_engine_poverty(data_dir: Path, out: Path, queue) -> None:
    from armoedemonitor.engine import poverty
    from armoedemonitor.engine.backend import connect
    from armoedemonitor.engine.context import EngineContext
    from armoedemonitor.engine.run import run_families
    from armoedemonitor.sources.readers import open_tables

    start = time.perf_counter()
    con = connect("duckdb")
    frame = run_families(EngineContext.build(con, open_tables(con, data_dir)), [poverty])
    frame = frame[frame.indicator.isin(POVERTY)]
    seconds = time.perf_counter() - start
    queue.put((seconds, peak_rss_mb(), len(frame)))


def run_reference(data_dir: Path, out: Path, queue) -> None:
    import pandas as pd
    import spec_reference as ref

    start = time.perf_counter()
    tables = ref.read_tables(data_dir)
    shares = ref.Shares()
    ref.poverty(ref.Data(tables, *ref.facts()), shares)
    result = pd.DataFrame(shares.rows())
    result = result[result.indicator.isin(POVERTY)]
    seconds = time.perf_counter() - start
    result[["indicator", "year", "region_level", "region_code", "breakdown", "category",
            "numerator", "denominator", "n"]].to_parquet(out / "reference.parquet")
    queue.put((seconds, peak_rss_mb(), len(result)))


def in_process(target, *args):
    queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--years", default="2015-2022")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))

    import pandas as pd
    from random_data import generate

    with tempfile.TemporaryDirectory(prefix="armoedemonitor-bench-") as tmp:
        data_dir, out = Path(tmp) / "data", Path(tmp) / "out"
        data_dir.mkdir()
        out.mkdir()
        start = time.perf_counter()
        frames = generate(persons=args.persons, years=range(first, last + 1), seed=args.seed)
        for name, frame in frames.items():
            frame.to_parquet(data_dir / f"{name}.parquet", index=False)
        generated = time.perf_counter() - start
        engine = in_process(run_engine, data_dir, out)
        poverty_only = in_process(run_engine_poverty, data_dir, out)
        plain = in_process(run_reference, data_dir, out)

        key = ["indicator", "year", "region_level", "region_code", "breakdown", "category"]
        ours = pd.read_parquet(out / "results.parquet")
        ours = ours[ours.indicator.isin(POVERTY)].set_index(key).sort_index()
        theirs = pd.read_parquet(out / "reference.parquet").set_index(key).sort_index()
        same = (ours.index.equals(theirs.index)
                and (ours.numerator.to_numpy() == theirs.numerator.to_numpy()).all()
                and (ours.n.to_numpy() == theirs.n.to_numpy()).all())

    n_households = len(frames["households"])
    n_person_years = len(frames["members"])
    print(f"\nData: {args.persons:,} persons, years {first}-{last}, {n_households:,} household-years, "
          f"{n_person_years:,} person-years (generated in {generated:.1f} s).\n")
    print("| implementation | what | wall time (s) | peak RSS (MB) | result rows |")
    print("|---|---|---:|---:|---:|")
    print(f"| engine (DuckDB) | validate + every engine indicator | {engine[0]:.1f} | {engine[1]:.0f} | {engine[2]:,} |")
    print(f"| engine (DuckDB) | poverty family only (incl. the 3 below), no validation "
          f"| {poverty_only[0]:.1f} | {poverty_only[1]:.0f} | {poverty_only[2]:,} |")
    print(f"| spec reference (plain Python) | poverty family, of which laag_inkomen_* (3 indicators) "
          f"| {plain[0]:.1f} | {plain[1]:.0f} | {plain[2]:,} |")
    print(f"\nreference / engine (poverty family): time {plain[0] / poverty_only[0]:.2f}, "
          f"peak memory {plain[1] / poverty_only[1]:.2f}. laag_inkomen_* identical in both: {'yes' if same else 'NO'}.")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
