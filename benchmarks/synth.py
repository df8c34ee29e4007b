"""Time and peak memory of ``armoedemonitor synth`` (2003-2022) at several sizes.

Usage: .venv/bin/python benchmarks/synth.py [N ...]   (default: 100000 1000000)
The 18 M run (the size of the Netherlands) is documented, run it by hand:
    .venv/bin/python benchmarks/synth.py 18000000
Each size runs in its own process; peak memory is that process's maximum resident set.

Measured 23 Nov 2026 on the shared 2-core, 24 GB machine (other jobs running), default
scenario, 25 burn-in years + 20 written years:
         persons   seconds  peak GiB  parquet MiB
         100,000      35.9      0.28         53.5
       1,000,000     202.9      0.84        438.0
18 M has not been run here; cost and memory grow linearly in N (by extrapolation about
1 hour and 12-15 GiB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = Path(sys.executable).with_name("armoedemonitor")


def run(persons: int) -> tuple[float, float, int]:
    """(seconds, peak GiB, bytes written) for one population of ``persons``."""
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(CLI), "synth", "--out", out, "--persons", str(persons), "--years", "2003-2022"],
            stdout=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"synth failed for {persons} persons (status {status})")
        written = sum(f.stat().st_size for f in Path(out).rglob("*.parquet"))
    return seconds, usage.ru_maxrss / 2**20, written


def main(sizes: list[int]) -> None:
    print(f"{'persons':>12} {'seconds':>9} {'peak GiB':>9} {'parquet MiB':>12}")
    for persons in sizes:
        seconds, peak, written = run(persons)
        print(f"{persons:>12,} {seconds:>9.1f} {peak:>9.2f} {written / 2**20:>12.1f}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000])
