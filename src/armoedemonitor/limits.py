"""Memory, spill folder and threads for every DuckDB connection of a run.

Validation, the CBS mapping and the engine each open DuckDB; all of them keep their
working set under ARMOEDEMONITOR_MEMORY_LIMIT (default 3GB, enough for 1.1 M persons over
20 years) and spill the rest to a temporary folder that is removed when the process
ends. Without it DuckDB takes up to 80 % of the machine's memory: validating 18 M
persons peaked at 17.9 GB. ARMOEDEMONITOR_THREADS sets the threads (default: every core).
Results do not depend on either setting.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile


def duckdb_settings(memory_limit: str | None = None) -> dict[str, str | int]:
    """DuckDB configuration: memory_limit, temp_directory (new, removed at exit), threads."""
    spill = tempfile.mkdtemp(prefix="armoedemonitor-duckdb-")
    atexit.register(shutil.rmtree, spill, True)
    return {
        "memory_limit": memory_limit or os.environ.get("ARMOEDEMONITOR_MEMORY_LIMIT", "3GB"),
        "temp_directory": spill,
        "threads": int(os.environ.get("ARMOEDEMONITOR_THREADS", os.cpu_count() or 1)),
    }
