"""Connections to the engines that run the Ibis expressions: DuckDB (default) or PySpark."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import ibis

from armoedemonitor.errors import UserError

BACKENDS = ("duckdb", "pyspark")


def connect(backend: str = "duckdb", memory_limit: str | None = None):
    """An in-process connection; only aggregates are ever brought back to Python.

    DuckDB keeps its working set under ``memory_limit`` (or ARMOEDEMONITOR_MEMORY_LIMIT;
    default 3GB, enough for 1.1 M persons over 20 years) and spills the rest to a
    temporary folder that is removed when the process ends. The database itself is a
    file in that folder, so the building blocks are stored compressed and can leave
    memory (in-memory tables could not). It uses ARMOEDEMONITOR_THREADS threads
    (default: every core). Results do not depend on either setting. PySpark runs locally on two cores with few shuffle partitions, which
    suits aggregate queries on one machine; a cluster is configured through SPARK_*
    settings (docs/operations.md).
    """
    if backend == "duckdb":
        spill = tempfile.mkdtemp(prefix="armoedemonitor-duckdb-")
        atexit.register(shutil.rmtree, spill, True)
        return ibis.duckdb.connect(
            database=str(Path(spill) / "engine.duckdb"),
            temp_directory=spill,
            memory_limit=memory_limit or os.environ.get("ARMOEDEMONITOR_MEMORY_LIMIT", "3GB"),
            threads=int(os.environ.get("ARMOEDEMONITOR_THREADS", os.cpu_count() or 1)),
            preserve_insertion_order=False,
        )
    if backend == "pyspark":
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
            .appName("armoedemonitor")
            .config("spark.driver.memory", os.environ.get("ARMOEDEMONITOR_SPARK_MEMORY", "6g"))
            .config("spark.sql.shuffle.partitions",
                    os.environ.get("ARMOEDEMONITOR_SPARK_PARTITIONS", "4"))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        return ibis.pyspark.connect(session)
    raise UserError(f"onbekende backend {backend!r}; kies uit {', '.join(BACKENDS)}")


def materialize(con, expr: ibis.Table, name: str) -> ibis.Table:
    """Compute ``expr`` once inside the engine and return it as a table.

    The building blocks are read by every indicator; computing them once keeps a run
    linear. The data stays in the engine (nothing is brought back to Python).
    """
    if con.name == "pyspark":
        frame = con._session.sql(con.compile(expr)).cache()
        frame.createOrReplaceTempView(name)
        return con.table(name)
    return con.create_table(name, expr)


def materialize_parts(con, parts: list[ibis.Table], name: str) -> ibis.Table:
    """``materialize`` of the union of ``parts``, built one part per query on DuckDB.

    For steps whose working memory grows with the input (windows over every region of
    every year): each query then needs only one part's memory. Spark plans the union as
    one job and spills by itself.
    """
    if con.name == "pyspark":
        return materialize(con, ibis.union(*parts, distinct=False), name)
    con.create_table(name, parts[0])
    for part in parts[1:]:
        con.insert(name, part)
    return con.table(name)
