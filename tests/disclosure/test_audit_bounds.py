"""The audit's programmes hold the true figures, however far a hidden count lies above
the published ones (see also tests/release/test_never_refuses.py)."""

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.audit import COUNT_CEILING
from armoedemonitor.disclosure.control import audit_tables
from armoedemonitor.disclosure.rules import load_rules

from .helpers import count_row
from .test_secondary_audit import counts


def test_a_hidden_total_far_above_every_published_count_is_feasible():
    # Used to fail with "the figures contradict the relations": every variable was
    # capped at twice the largest *published* count plus 110 (2 * 1000 + 110 = 2110),
    # but the hidden totaal is the sum of four published gemeenten (4003), so the
    # check's programme had no solution at all.
    rows = [count_row("totaal", "totaal", 4003), count_row("gemeente", "GM0001", 3)]
    rows += [count_row("gemeente", f"GM000{g}", 1000) for g in range(2, 6)]
    table, units = counts(rows)
    published = table.copy()
    published["value"] = [np.nan, np.nan, 1000.0, 1000.0, 1000.0, 1000.0]
    hidden = np.array([True, True, False, False, False, False])
    result = audit_tables(published, units, {}, {}, hidden, pd.Series(["", "klein", "", "", "", ""]),
                          load_rules(), exact=False)
    (finding,) = result.findings
    # totaal is unbounded above in truth, and so is GM0001; under the ceiling GM0001 is
    # at most the ceiling minus the least the four published gemeenten can be (997.5).
    assert (finding.lower, finding.upper) == (0.0, COUNT_CEILING - 4 * 997.5)


def test_the_recheck_reports_a_failure_with_its_exact_range():
    # Published (rounded to 5, so each known within 2.5): totaal 70, GM0003 50, GM0004 20;
    # GM0001 and GM0002 hidden. Their sum is at most 72.5 - 47.5 - 17.5 = 7.5, so each
    # lies in [0, 7.5]: both fail, and each reports that whole range (the points that
    # prove other targets must not stand in for a failing target's own optimum).
    rows = [count_row("totaal", "totaal", 70), count_row("gemeente", "GM0001", 3),
            count_row("gemeente", "GM0002", 4), count_row("gemeente", "GM0003", 50),
            count_row("gemeente", "GM0004", 20)]
    table, units = counts(rows)
    published = table.copy()
    published.loc[[1, 2], "value"] = np.nan
    hidden = np.array([False, True, True, False, False])
    result = audit_tables(published, units, {}, {}, hidden, pd.Series(["", "klein", "klein", "", ""]),
                          load_rules(), exact=False)
    assert sorted((f.row, f.lower, f.upper, f.ok) for f in result.findings) == [
        (1, 0.0, 7.5, False), (2, 0.0, 7.5, False)]
