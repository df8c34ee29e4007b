"""Engine benchmark: `compute`, every family, a bare-DuckDB floor and plain pandas.

Input: an existing microdata folder (--data, e.g. a `synth` population), or a random
canonical dataset (tests/engine/random_data.py; not the synthetic population) of
--persons persons over --years, written as Parquet. Each step runs in its own process,
so each has its own peak memory (VmHWM):
  1. `armoedemonitor compute` on DuckDB (validation + every family + writing results);
  2. the building blocks and each family on their own, one after another in one
     process (the high-water mark is reset between them), as benchmarks/profile_engine.py;
  3. the floor: the poverty family's core work as one hand-written DuckDB query on the
     same files (members joined to households, the low-income test, one 4-year window
     per person, one aggregate at gemeente, wijk and buurt). No engine can do that work
     in less; every family is compared with it;
     The inequality family sorts the units of every region, work of another kind, so it
     is also compared with a floor of its own: the Gini of standardised income (persons)
     and of wealth (households) per year at totaal, gemeente, wijk and buurt as one
     hand-written query (one window per region, no S80/S20, top 10 %, region sets or
     weights: less than the family does);
  4. plain pandas: the poverty family (benchmarks/plain_pandas.py, the baseline of the
     issue's "at least 10 times faster than plain pandas"), from reading the input files
     to the last row. Its rows must equal the six poverty indicators of step 1's
     results.parquet exactly: the same keys, the same n, and numerator, denominator and
     value identical to the last bit (benchmarks/compare_results.py with 0 ulps); else
     the script exits 1. The engine's time it is set against is the poverty family run
     on its own (`compute --family poverty` without validation and writing: the building
     blocks with the columns it reads, then the family), in a process of its own.
     --no-pandas skips it: at 1,1 M persons plain pandas needs several GB.
Prints markdown tables: wall time, CPU time, peak RSS and the ratios.

    .venv/bin/python benchmarks/engine.py [--persons 200000] [--years 2015-2022] [--no-pandas]
    .venv/bin/python benchmarks/engine.py --data /work/data/synth-1100k
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "engine"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_engine(data_dir: Path, out: Path, queue) -> None:
    from profile_engine import peak_rss_mb

    from armoedemonitor.engine.run import compute

    start = time.perf_counter()
    frame = compute(data_dir, out, progress=False)
    queue.put((time.perf_counter() - start, cpu_seconds(), peak_rss_mb(), len(frame)))


def run_steps(data_dir: Path, out: Path, queue) -> None:
    """The building blocks, then every family: (label, wall, cpu, peak MB, rows) each."""
    from profile_engine import peak_rss_mb, reset_peak

    from armoedemonitor.engine.backend import connect
    from armoedemonitor.engine.context import EngineContext
    from armoedemonitor.engine.run import FAMILIES, family_name, family_results
    from armoedemonitor.sources.readers import open_tables

    con = connect("duckdb")
    ctx = EngineContext.build(con, open_tables(con, data_dir))
    steps = [("building blocks", lambda: ctx.person_years.count().to_pyarrow().as_py())]
    steps += [(family_name(family), lambda family=family: len(family_results(ctx, family)))
              for family in FAMILIES]
    rows = []
    for label, work in steps:
        reset_peak()
        start, cpu = time.perf_counter(), cpu_seconds()
        n = work()
        rows.append((label, time.perf_counter() - start, cpu_seconds() - cpu, peak_rss_mb(), n))
    queue.put(rows)


def run_poverty_alone(data_dir: Path, queue) -> None:
    """The poverty family on its own, from opening the input to its last row."""
    from profile_engine import peak_rss_mb

    from armoedemonitor.engine import poverty
    from armoedemonitor.engine.backend import connect
    from armoedemonitor.engine.context import EngineContext
    from armoedemonitor.engine.run import block_columns, family_results
    from armoedemonitor.sources.readers import open_tables

    start, cpu = time.perf_counter(), cpu_seconds()
    con = connect("duckdb")
    ctx = EngineContext.build(con, open_tables(con, data_dir),
                              **block_columns([poverty]))
    rows = len(family_results(ctx, poverty))
    queue.put((time.perf_counter() - start, cpu_seconds() - cpu, peak_rss_mb(), rows))


FLOOR = """
WITH h AS (
    SELECT year, household_id, municipality, district, neighbourhood,
           household_type <> 'institutioneel' AND NOT student_household AND full_year_income
               AND disposable_income > 0 AS in_scope,
           (disposable_income - coalesce(rent_allowance, 0))
               / sqrt(n_adults + 0.8 * n_minors) < 12000 AS below
    FROM read_parquet('{households}', hive_partitioning = true, union_by_name = true)
), p AS (
    SELECT m.person_id, m.year, h.municipality, h.district, h.neighbourhood, h.in_scope,
           h.in_scope AND h.below AS low
    FROM read_parquet('{members}', hive_partitioning = true, union_by_name = true) m
    JOIN h USING (year, household_id)
), w AS (
    SELECT *, count(*) FILTER (WHERE low) OVER (
        PARTITION BY person_id ORDER BY year RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) = 4 AS long_low
    FROM p
)
SELECT year, municipality, district, neighbourhood,
       count(*) FILTER (WHERE in_scope) AS in_scope, count(*) FILTER (WHERE low) AS low,
       count(*) FILTER (WHERE long_low) AS long_low
FROM w
GROUP BY GROUPING SETS ((year, municipality), (year, district), (year, neighbourhood))
"""


INEQUALITY_FLOOR = """
WITH h AS (
    SELECT year, household_id, municipality, district, neighbourhood, wealth,
           disposable_income / sqrt(n_adults + 0.8 * n_minors) AS x
    FROM read_parquet('{households}', hive_partitioning = true, union_by_name = true)
    WHERE household_type <> 'institutioneel' AND NOT student_household AND full_year_income
      AND disposable_income IS NOT NULL AND n_adults + n_minors > 0
), units AS (
    SELECT 'inkomen' AS measure, h.year, h.municipality, h.district, h.neighbourhood, h.x
    FROM read_parquet('{members}', hive_partitioning = true, union_by_name = true) m
    JOIN h USING (year, household_id)
    UNION ALL
    SELECT 'vermogen', year, municipality, district, neighbourhood, wealth FROM h
    WHERE wealth IS NOT NULL
), spread AS (
    SELECT measure, year, 'totaal' AS level, '' AS code, x FROM units
    UNION ALL SELECT measure, year, 'gemeente', municipality, x FROM units
    UNION ALL SELECT measure, year, 'wijk', district, x FROM units WHERE district IS NOT NULL
    UNION ALL SELECT measure, year, 'buurt', neighbourhood, x FROM units
    WHERE neighbourhood IS NOT NULL
), ranked AS (
    SELECT measure, year, level, code, x,
           row_number() OVER (PARTITION BY measure, year, level, code ORDER BY x) AS i
    FROM spread
)
SELECT measure, year, level, code,
       2 * sum(i * x) / (count(*) * sum(x)) - (count(*) + 1) / count(*) AS gini
FROM ranked
GROUP BY ALL
"""


def parquet_glob(data_dir: Path, table: str) -> str:
    folder = data_dir / table
    return str(folder / "**" / "*.parquet") if folder.is_dir() else str(data_dir / f"{table}.parquet")


def run_floor(data_dir: Path, floor: str, queue) -> None:
    from profile_engine import peak_rss_mb

    from armoedemonitor.engine.backend import connect

    start = time.perf_counter()
    con = connect("duckdb").con  # the same settings as the engine's connection
    query = floor.format(households=parquet_glob(data_dir, "households"),
                         members=parquet_glob(data_dir, "members"))
    rows = len(con.sql(query).fetchall())
    queue.put((time.perf_counter() - start, cpu_seconds(), peak_rss_mb(), rows))


def run_pandas(data_dir: Path, out: Path, queue) -> None:
    """The poverty family in plain pandas, timed from reading the input to the last row;
    its rows go to out/pandas.parquet for the comparison."""
    from plain_pandas import poverty_family
    from profile_engine import peak_rss_mb

    start, cpu = time.perf_counter(), cpu_seconds()
    frame = poverty_family(data_dir)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    frame.to_parquet(out / "pandas.parquet", index=False)
    queue.put((seconds, cpu, peak_rss_mb(), len(frame)))


def in_process(target, *args):
    queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def poverty_rows(out: Path):
    """The engine's rows of the six poverty indicators (from `compute`) and pandas' rows."""
    import pandas as pd
    from plain_pandas import INDICATORS

    engine = pd.read_parquet(out / "results" / "results.parquet")
    return engine[engine.indicator.isin(INDICATORS)], pd.read_parquet(out / "pandas.parquet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="an existing microdata folder")
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--years", default="2015-2022")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-pandas", action="store_true",
                        help="skip plain pandas (it needs several GB at 1,1 M persons)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="armoedemonitor-bench-") as tmp:
        out = Path(tmp)
        if args.data:
            data_dir = args.data
            description = f"{data_dir}"
        else:
            from random_data import generate

            first, last = (int(y) for y in args.years.split("-"))
            data_dir = out / "data"
            data_dir.mkdir()
            frames = generate(persons=args.persons, years=range(first, last + 1), seed=args.seed)
            for name, frame in frames.items():
                frame.to_parquet(data_dir / f"{name}.parquet", index=False)
            description = (f"random data, {args.persons:,} persons, years {first}-{last}, "
                           f"{len(frames['members']):,} person-years")
        engine = in_process(run_engine, data_dir, out / "results")
        steps = in_process(run_steps, data_dir, out)
        alone = in_process(run_poverty_alone, data_dir)
        floor = in_process(run_floor, data_dir, FLOOR)
        inequality_floor = in_process(run_floor, data_dir, INEQUALITY_FLOOR)
        plain = None if args.no_pandas else in_process(run_pandas, data_dir, out)
        compared = poverty_rows(out) if plain else None

    print(f"\nData: {description}\n")
    print("| step | wall time (s) | CPU time (s) | peak RSS (MB) | rows | wall / floor |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| `compute` (validate, every family, write) | {engine[0]:.1f} | {engine[1]:.1f} "
          f"| {engine[2]:.0f} | {engine[3]:,} | {engine[0] / floor[0]:.2f} |")
    for label, wall, cpu, peak, rows in steps:
        print(f"| {label} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {rows:,} | {wall / floor[0]:.2f} |")
    print(f"| poverty family on its own (its building blocks, then the family) | {alone[0]:.1f} "
          f"| {alone[1]:.1f} | {alone[2]:.0f} | {alone[3]:,} | {alone[0] / floor[0]:.2f} |")
    print(f"| floor: bare DuckDB query | {floor[0]:.1f} | {floor[1]:.1f} | {floor[2]:.0f} "
          f"| {floor[3]:,} | 1.00 |")
    print(f"| inequality's own floor: Gini of income and wealth per region, bare DuckDB "
          f"| {inequality_floor[0]:.1f} | {inequality_floor[1]:.1f} | {inequality_floor[2]:.0f} "
          f"| {inequality_floor[3]:,} | {inequality_floor[0] / floor[0]:.2f} |")
    if plain:
        print(f"| plain pandas: the poverty family (read, building blocks, six indicators) "
              f"| {plain[0]:.1f} | {plain[1]:.1f} | {plain[2]:.0f} | {plain[3]:,} "
              f"| {plain[0] / floor[0]:.2f} |")
    inequality = next(s for s in steps if s[0] == "inequality")
    print(f"\ninequality family / its own floor: time {inequality[1] / inequality_floor[0]:.2f}, "
          f"peak memory {inequality[3] / inequality_floor[2]:.2f}.")
    if plain and compared:
        from compare_results import compare

        print("\nplain pandas against `compute`'s rows of the six poverty indicators "
              "(identical: 0 ulps apart):\n")
        engine_rows, pandas_rows = compared
        same = compare(engine_rows, pandas_rows, max_ulps=0)
        print(f"\nengine = the poverty family on its own (its row above): "
              f"{alone[0]:.1f} s wall, {alone[1]:.1f} s CPU, {alone[2]:.0f} MB peak.")
        print(f"plain pandas / engine: wall time {plain[0] / alone[0]:.2f} (target: at least 10), "
              f"CPU time {plain[1] / alone[1]:.2f}, peak memory {plain[2] / alone[2]:.2f}. "
              f"Identical: {'yes' if same else 'NO'}.")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
