"""Connections to the engines that run the Ibis expressions: DuckDB (default) or PySpark."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import ibis

from armoedemonitor.errors import UserError
from armoedemonitor.limits import duckdb_settings

BACKENDS = ("duckdb", "pyspark")


def connect(backend: str = "duckdb", memory_limit: str | None = None):
    """An in-process connection; only aggregates are ever brought back to Python.

    DuckDB works within the run's limits (:mod:`armoedemonitor.limits`); the database
    itself is a file in the spill folder, so the building blocks are stored compressed
    and can leave memory (in-memory tables could not). PySpark runs locally on two cores
    with few shuffle partitions, which suits aggregate queries on one machine; a cluster
    is configured through SPARK_* settings (docs/operations.md).
    """
    if backend == "duckdb":
        settings = duckdb_settings(memory_limit)
        return ibis.duckdb.connect(
            database=str(Path(settings["temp_directory"]) / "engine.duckdb"),
            **settings,
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
    linear. The data stays in the engine (nothing is brought back to Python). On Spark
    the table is a local checkpoint, not a cached view: a view is planned from its whole
    lineage wherever it is read, and the lineages of blocks built on blocks grew past
    the driver's memory at 1,1 M persons (12 GB). A local checkpoint lives on the
    executors that computed it, so a lost executor fails the run instead of recomputing.
    """
    if con.name == "pyspark":
        frame = con._session.sql(con.compile(expr)).localCheckpoint(eager=True)
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


_STORED = itertools.count()


def stored(expr: ibis.Table, what: str) -> ibis.Table:
    """``materialize`` of a small intermediate table, under a name of its own, on the
    engine ``expr`` runs on. Spark plans every branch of a query apart, so a table that
    many branches read (every region level, breakdown and indicator) would otherwise be
    computed again, with everything it is made of, once per branch."""
    return materialize(ibis.get_backend(expr), expr, f"armoedemonitor_{what}_{next(_STORED)}")
