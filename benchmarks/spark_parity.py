"""The same `compute` on DuckDB and on Spark (local): identical results, and how long each takes.

Not part of the test suite: on a real-size population Spark local needs many minutes.
Runs both backends on one microdata folder (or reuses DuckDB results given with
--duckdb-results), then compares the two results tables as benchmarks/compare_results.py
does: the same rows, identical counts, floats within 1e-9 of their size (sums of floats
added in another order; why that bound: see compare_results.py).

    .venv/bin/python benchmarks/spark_parity.py /work/data/synth-1100k \
        [--duckdb-results RESULTS_DIR] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARITY_RELATIVE = 1e-9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--duckdb-results", type=Path, help="results of an earlier DuckDB run")
    parser.add_argument("--out", type=Path, help="keep the results here (default: temporary)")
    args = parser.parse_args()

    from compare_results import compare

    from armoedemonitor.engine.run import compute

    with tempfile.TemporaryDirectory(prefix="armoedemonitor-parity-") as tmp:
        out = args.out or Path(tmp)
        duck = args.duckdb_results
        if duck is None:
            start = time.perf_counter()
            compute(args.data_dir, out / "duckdb", progress=False)
            print(f"DuckDB: {time.perf_counter() - start:.0f} s")
            duck = out / "duckdb"
        start = time.perf_counter()
        compute(args.data_dir, out / "pyspark", backend="pyspark", progress=False)
        print(f"Spark (local): {time.perf_counter() - start:.0f} s")
        same = compare(pd.read_parquet(duck / "results.parquet"),
                       pd.read_parquet(out / "pyspark" / "results.parquet"), max_ulps=4.0,
                       max_relative=PARITY_RELATIVE)
    print("identical" if same else "DIFFERENT")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
