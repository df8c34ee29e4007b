"""Connections to the engines that run the Ibis expressions: DuckDB (default) or PySpark."""

from __future__ import annotations

import os
import tempfile

import ibis

from armoedemonitor.errors import UserError

BACKENDS = ("duckdb", "pyspark")


def connect(backend: str = "duckdb", memory_limit: str | None = None):
    """An in-process connection; only aggregates are ever brought back to Python.

    DuckDB runs in memory and spills to a temporary directory when the data outgrows
    ``memory_limit`` (default: DuckDB's own, 80 % of RAM; or ARMOEDEMONITOR_MEMORY_LIMIT).
    PySpark runs locally on two cores with few shuffle partitions, which suits
    aggregate queries on one machine; a cluster is configured through SPARK_* settings.
    """
    if backend == "duckdb":
        config = {"temp_directory": tempfile.mkdtemp(prefix="armoedemonitor-duckdb-")}
        limit = memory_limit or os.environ.get("ARMOEDEMONITOR_MEMORY_LIMIT")
        if limit:
            config["memory_limit"] = limit
        return ibis.duckdb.connect(**config)
    if backend == "pyspark":
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
            .appName("armoedemonitor")
            .config("spark.driver.memory", os.environ.get("ARMOEDEMONITOR_SPARK_MEMORY", "6g"))
            .config("spark.sql.shuffle.partitions", "4")
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
    return con.create_table(name, expr, temp=True)
