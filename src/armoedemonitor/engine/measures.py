"""General income measures (docs/spec/indicators.md, "General measures"), as Ibis expressions.

Definitions follow Eurostat as the R package laeken implements them: persons sorted by
income x ascending, weights w (1 when absent), N = Σw, c_i = Σ_{j≤i} w_j.

Every function takes a person-level table, the income column, an optional weight column
and grouping keys, and returns one row per group: ``by..., value, n, weight_sum`` (n is
the number of rows, weight_sum is N). The same expressions run on DuckDB and PySpark:
built-in operations only, explicit window frames, float64 everywhere.

Persons with equal income are first merged into one row per distinct income (their
weights summed). Every measure here depends only on that merged table, so the result
does not depend on how an engine orders ties.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

# Two cumulative weights closer than this fraction of N count as equal: unit and integer
# weights are summed exactly anyway; real weights (e.g. 0.1 each) then still hit p·N
# where they do so mathematically, whatever order an engine sums them in.
RELATIVE_TOLERANCE = 1e-10

_ALL = "_all"  # constant grouping key when no keys are given


def _prepare(table: ir.Table, x: str, weight: str | None, by: Sequence[str]) -> ir.Table:
    """Rows as (keys..., _x, _w), float64, with a constant key when ``by`` is empty."""
    w = table[weight].cast("float64") if weight else ibis.literal(1.0, "float64")
    keys = {k: table[k] for k in by} if by else {_ALL: ibis.literal(0, "int8")}
    return table.select(**keys, _x=table[x].cast("float64"), _w=w)


def _keys(by: Sequence[str]) -> list[str]:
    return list(by) if by else [_ALL]


def _finish(result: ir.Table, by: Sequence[str]) -> ir.Table:
    return result.drop(_ALL) if not by else result


def _distinct_incomes(rows: ir.Table, keys: list[str]) -> ir.Table:
    """One row per distinct income in each group, with cumulative weights.

    Columns: keys..., _x, _W (weight at _x), _C (cumulative weight up to and including _x),
    _N (group weight), _next (the next higher income, null for the highest).
    """
    merged = rows.group_by([*keys, "_x"]).aggregate(_W=rows._w.sum())
    return cumulative(merged, keys)


def cumulative(rows: ir.Table, keys: list[str], tie: str | None = None,
               rank: str | None = None) -> ir.Table:
    """``rows`` (keys..., _x, _W) with _C, _N and _next added, in order of _x per group.

    Equal incomes may also stay in several rows, ordered by the column ``tie`` (unique
    among them): every ``*_of_distinct`` measure below gives the same value, because a
    block of equal incomes adds the same to it however it is split (the Gini term
    X·W·(2C − W) is the sum of the terms of its parts; a quantile that falls inside a
    block is X, as _next is X there too). That spares merging them, which at real size
    costs as much as the cumulative sums. ``tie`` makes the order total, so _C and _next
    see the rows of a block in the same order. Instead of ``tie``, ``rank`` may give that
    order as one number unique per group (sorting the rows by _x and ``tie``): cheaper
    to sort by than the two.
    """
    order = [rank] if rank else ["_x", tie] if tie else ["_x"]
    running = ibis.window(group_by=keys, order_by=order, rows=(None, 0))
    whole = ibis.window(group_by=keys)
    ordered = ibis.window(group_by=keys, order_by=order)
    return rows.mutate(
        _C=rows._W.sum().over(running),
        _N=rows._W.sum().over(whole),
        _next=rows._x.lead().over(ordered),
    )


def _group_sizes(rows: ir.Table, keys: list[str]) -> ir.Table:
    return rows.group_by(keys).aggregate(n=rows.count(), weight_sum=rows._w.sum())


def _quantile_of(rows: ir.Table, keys: list[str], p: float) -> ir.Table:
    """keys..., value: the weighted p-quantile of _x per group (see ``quantile_of_distinct``)."""
    return quantile_of_distinct(_distinct_incomes(rows, keys), keys, p)


def quantile_of_distinct(d: ir.Table, keys: list[str], p: float) -> ir.Table:
    """keys..., value: the weighted p-quantile per group of a distinct-incomes table.

    q_p = x_j for the smallest j with c_j > p·N; where c_j = p·N exactly, the mean of x_j
    and x_{j+1}. On distinct incomes: the row whose cumulative weight first reaches p·N.
    """
    holds, value = _quantile_row(d, p)
    rows = d.mutate(_holds=holds, _value=value)
    return rows.filter(rows._holds).select(*keys, value=rows._value)


def _quantile_row(d: ir.Table, p: float) -> tuple[ir.BooleanValue, ir.FloatingValue]:
    """Whether a row of a cumulative table holds its group's p-quantile (see
    ``quantile_of_distinct``), and the quantile if it does."""
    target = d._N * p
    slack = d._N * RELATIVE_TOLERANCE
    holds = (d._C >= target - slack) & ((d._C - d._W) < target - slack)
    tie = (d._C - target).abs() <= slack
    value = ibis.ifelse(tie & d._next.notnull(), (d._x + d._next) / 2.0, d._x)
    return holds, value.cast("float64")


def _with_sizes(values: ir.Table, rows: ir.Table, keys: list[str]) -> ir.Table:
    """Attach n and weight_sum; groups without a value keep a null value."""
    sizes = _group_sizes(rows, keys)
    joined = sizes.left_join(values, keys)
    return joined.select(*keys, value=joined.value, n=joined.n, weight_sum=joined.weight_sum)


def quantile(
    table: ir.Table, x: str, p: float, weight: str | None = None, by: Sequence[str] = ()
) -> ir.Table:
    """Weighted p-quantile per group (median: p = 0.5; median of 1,2,3,4 is 2.5)."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    return _finish(_with_sizes(_quantile_of(rows, keys, p), rows, keys), by)


def median(table: ir.Table, x: str, weight: str | None = None, by: Sequence[str] = ()) -> ir.Table:
    return quantile(table, x, 0.5, weight, by)


def mean(table: ir.Table, x: str, weight: str | None = None, by: Sequence[str] = ()) -> ir.Table:
    """Σ w·x / N per group."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    result = rows.group_by(keys).aggregate(
        value=(rows._x * rows._w).sum() / rows._w.sum(), n=rows.count(), weight_sum=rows._w.sum()
    )
    return _finish(result, by)


def gini(table: ir.Table, x: str, weight: str | None = None, by: Sequence[str] = ()) -> ir.Table:
    """Gini coefficient per group (see ``gini_of_distinct``)."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    values = gini_of_distinct(_distinct_incomes(rows, keys), keys)
    return _finish(_with_sizes(values, rows, keys), by)


def gini_of_distinct(d: ir.Table, keys: list[str]) -> ir.Table:
    """keys..., value: gini = (2·Σ w_i x_i c_i − Σ w_i² x_i) / (N·Σ w_i x_i) − 1 per group.

    A block of equal incomes X with total weight W ending at cumulative weight C
    contributes X·W·(2C − W) to the numerator, whatever the order inside the block, so
    the sum runs over distinct incomes. Null when Σ w·x is 0.
    """
    return gini_of_sums(d.group_by(keys).aggregate(**gini_sums(d)), keys)


def gini_sums(d: ir.Table) -> dict[str, ir.Value]:
    """The three sums the Gini is made of (``gini_of_distinct``), as aggregates of a
    cumulative table: they may also be summed over parts of a group."""
    return {"_top": (d._x * d._W * (d._C * 2.0 - d._W)).sum(), "_total": (d._x * d._W).sum(),
            "_weight": d._W.sum()}


def gini_of_sums(sums: ir.Table, keys: list[str]) -> ir.Table:
    """keys..., value from a table of ``gini_sums`` per group."""
    denominator = sums._weight * sums._total
    return sums.select(
        *keys, value=ibis.ifelse(denominator == 0, ibis.null("float64"), sums._top / denominator - 1.0)
    )


def qsr(table: ir.Table, x: str, weight: str | None = None, by: Sequence[str] = ()) -> ir.Table:
    """Quintile share ratio per group (see ``qsr_of_distinct``)."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    values = qsr_of_distinct(_distinct_incomes(rows, keys), keys)
    return _finish(_with_sizes(values, rows, keys), by)


def qsr_of_distinct(d: ir.Table, keys: list[str]) -> ir.Table:
    """keys..., value: Σ_{x > q80} w·x / Σ_{x ≤ q20} w·x, quantiles within the group.

    Null when the bottom sum is 0 (the ratio is undefined).
    """
    r = with_quintiles(d, keys)
    return qsr_of_sums(r.group_by(keys).aggregate(**qsr_sums(r)), keys)


def with_quintiles(d: ir.Table, keys: list[str]) -> ir.Table:
    """A cumulative table with its group's q20 and q80 on every row (_q20, _q80; null when
    no row holds them). They are read from the rows that hold them, two per group, and
    joined back: DuckDB keeps ``d`` for the query and reads it twice, which costs less
    than a window over the whole group, as that sorts the table again."""
    marks = {}
    for name, p in (("_q20", 0.2), ("_q80", 0.8)):
        holds, value = _quantile_row(d, p)
        marks[name] = ibis.ifelse(holds, value, ibis.null("float64"))
    holding = d.mutate(**marks)
    holding = holding.filter(holding._q20.notnull() | holding._q80.notnull())
    quintiles = holding.group_by(keys).aggregate(_q20=holding._q20.max(), _q80=holding._q80.max())
    joined = d.left_join(quintiles, keys)
    return joined.select(*d.columns, "_q20", "_q80")


def qsr_sums(r: ir.Table) -> dict[str, ir.Value]:
    """The two sums of the quintile share ratio, as aggregates of ``with_quintiles``."""
    wx = r._x * r._W
    return {"_top_fifth": ibis.ifelse(r._x > r._q80, wx, 0.0).sum(),
            "_bottom_fifth": ibis.ifelse(r._x <= r._q20, wx, 0.0).sum()}


def qsr_of_sums(sums: ir.Table, keys: list[str]) -> ir.Table:
    """keys..., value from a table of ``qsr_sums`` per group."""
    ratio = sums._top_fifth / sums._bottom_fifth
    return sums.select(*keys, value=ibis.ifelse(sums._bottom_fifth == 0, ibis.null("float64"), ratio))


def share_below(
    table: ir.Table, x: str, line: float, weight: str | None = None, by: Sequence[str] = ()
) -> ir.Table:
    """arpr at a given threshold: Σ_{x < line} w / N (strict <) per group."""
    return fgt(table, x, line, 0, weight, by)


def fgt(
    table: ir.Table,
    x: str,
    line: float,
    alpha: int,
    weight: str | None = None,
    by: Sequence[str] = (),
) -> ir.Table:
    """Foster-Greer-Thorbecke: Σ w·1[x < z]·(1 − x/z)^α / N per group (α = 0, 1, 2)."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    z = ibis.literal(float(line), "float64")
    gap = 1.0 - rows._x / z
    term = {0: ibis.literal(1.0, "float64"), 1: gap, 2: gap * gap}[alpha]
    result = rows.group_by(keys).aggregate(
        value=ibis.ifelse(rows._x < z, rows._w * term, 0.0).sum() / rows._w.sum(),
        n=rows.count(),
        weight_sum=rows._w.sum(),
    )
    return _finish(result, by)


def watts(
    table: ir.Table, x: str, line: float, weight: str | None = None, by: Sequence[str] = ()
) -> ir.Table:
    """Watts index Σ_{x<z, x>0} w·ln(z/x) / N per group (N over all rows)."""
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    z = ibis.literal(float(line), "float64")
    counted = (rows._x < z) & (rows._x > 0)
    result = rows.group_by(keys).aggregate(
        value=ibis.ifelse(counted, rows._w * (z / rows._x).ln(), 0.0).sum() / rows._w.sum(),
        n=rows.count(),
        weight_sum=rows._w.sum(),
    )
    return _finish(result, by)


def rmpg(
    table: ir.Table, x: str, threshold: float, weight: str | None = None, by: Sequence[str] = ()
) -> ir.Table:
    """Relative median poverty gap (arpt − median of x over x < arpt) / arpt per group.

    Null for a group without anyone below the threshold.
    """
    rows, keys = _prepare(table, x, weight, by), _keys(by)
    z = float(threshold)
    poor_median = _quantile_of(rows.filter(rows._x < z), keys, 0.5)
    values = poor_median.select(*keys, value=(z - poor_median.value) / z)
    return _finish(_with_sizes(values, rows, keys), by)


DEFAULT_LINES = (0.4, 0.5, 0.6, 0.7)


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100):d}"


def summary(
    table: ir.Table,
    x: str,
    weight: str | None = None,
    by: Sequence[str] = (),
    lines: Sequence[float] = DEFAULT_LINES,
    execute=None,
):
    """The whole EU set per group, as a pandas frame ``keys..., measure, value, n, weight_sum``.

    arpt_p = p × the median over the whole table, reused in every group; rmpg, fgt0-2
    and watts are taken at arpt_60, whatever ``lines`` holds. ``execute`` runs an Ibis
    expression (default: ``.execute()``).
    """
    import pandas as pd

    run = execute or (lambda expr: expr.execute())
    overall_median = run(median(table, x, weight)).value.iloc[0]
    thresholds = {p: p * overall_median for p in lines}
    z = 0.6 * overall_median

    parts: dict[str, ir.Table] = {
        "median": median(table, x, weight, by),
        "q20": quantile(table, x, 0.2, weight, by),
        "q80": quantile(table, x, 0.8, weight, by),
    }
    for p, line in thresholds.items():
        parts[f"arpr_{_percent(p)}"] = share_below(table, x, line, weight, by)
    parts["rmpg"] = rmpg(table, x, z, weight, by)
    for alpha in (0, 1, 2):
        parts[f"fgt{alpha}"] = fgt(table, x, z, alpha, weight, by)
    parts["watts"] = watts(table, x, z, weight, by)
    parts["qsr"] = qsr(table, x, weight, by)
    parts["gini"] = gini(table, x, weight, by)
    parts["mean"] = mean(table, x, weight, by)

    frames = []
    sizes = run(mean(table, x, weight, by)).drop(columns="value")
    for p, line in thresholds.items():
        frames.append(sizes.assign(measure=f"arpt_{_percent(p)}", value=line))
    for name, expr in parts.items():
        frames.append(run(expr).assign(measure=name))
    order = ["median", "q20", "q80", *(f"arpt_{_percent(p)}" for p in lines),
             *(f"arpr_{_percent(p)}" for p in lines), "rmpg", "fgt0", "fgt1", "fgt2", "watts",
             "qsr", "gini", "mean"]
    result = pd.concat(frames, ignore_index=True)
    result["measure"] = pd.Categorical(result["measure"], categories=order, ordered=True)
    result = result.sort_values([*by, "measure"], kind="stable").reset_index(drop=True)
    result["measure"] = result["measure"].astype(str)
    return result[[*by, "measure", "value", "n", "weight_sum"]]
