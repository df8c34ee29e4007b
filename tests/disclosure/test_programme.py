"""The audit's programme: caps for one solve hold for that solve only, and a solve that
ends without a verdict is tried again."""

from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from armoedemonitor.disclosure.audit import _Programme
from armoedemonitor.disclosure.control import audit_tables
from armoedemonitor.disclosure.rules import load_rules
from armoedemonitor.results_table import HIDDEN_NUMBERS

DATA = Path(__file__).parent / "data"
NUMBERS = ["numerator", "denominator", "value", "n", "value_lower", "value_upper"]

# Variables: x0 a cell's numerator, x1 its denominator, x2 the denominator of its sibling.
# Relations: x1 + x2 = 40 (the published parent) and x0 - x1 <= 0 (numerator <= denominator).
RELATIONS = csr_matrix(np.array([[0.0, 1.0, 1.0], [1.0, -1.0, 0.0]]))
REST = csr_matrix(np.array([[-1.0, 1.0, 0.0]]))  # the cell's 'rest': x1 - x0


def programme() -> _Programme:
    return _Programme(RELATIONS, np.array([40.0, -np.inf]), np.array([40.0, 0.0]),
                      np.zeros(3), np.full(3, 1e8))


def test_a_cap_on_a_target_of_two_counts_holds_for_that_solve_only():
    lp = programme()
    objective = REST.toarray()[0]
    assert abs((REST @ lp.point(objective, 1.0))[0]) < 1e-9  # the smallest rest: 0
    capped = lp.capped_point(objective, -1.0, REST, np.array([12.0]))
    # Largest rest with rest <= 12: 12 (e.g. x0 = 0, x1 = 12, x2 = 28), and the parent holds.
    assert capped is not None
    assert abs((REST @ capped)[0] - 12.0) < 1e-9
    assert abs(capped[1] + capped[2] - 40.0) < 1e-9
    # The cap binds, yet the next solve starts warm: the basis from before is restored.
    assert lp.highs.getBasis().valid
    # The cap is gone afterwards: the plain largest rest is the whole parent, 40.
    plain = lp.point(objective, -1.0)
    assert abs((REST @ plain)[0] - 40.0) < 1e-9


def test_caps_no_point_can_meet_give_none_and_leave_the_programme_as_it_was():
    lp = programme()
    objective = REST.toarray()[0]
    # rest <= -5 contradicts numerator <= denominator.
    assert lp.capped_point(objective, -1.0, REST, np.array([-5.0])) is None
    assert lp.highs.getNumRow() == 2
    assert abs((REST @ lp.point(objective, -1.0))[0] - 40.0) < 1e-9
    assert abs((REST @ lp.point(objective, 1.0))[0] - 0.0) < 1e-9


def test_a_warm_start_without_a_verdict_is_solved_again_from_a_fresh_start():
    # A published table (every cell hidden or a range) that the never-refuses property
    # test found with more examples: the check's warm-started programme ended in HiGHS
    # status kUnknown, which made a valid release fail its own check.
    table = pd.read_csv(DATA / "check_warm_start.csv", dtype={"breakdown": str, "category": str},
                        keep_default_na=False, na_values={c: [""] for c in NUMBERS})
    table.insert(0, "indicator", "laag_inkomen_huishoudens")
    table.insert(1, "year", 2020)
    hidden = table["status"].isin(HIDDEN_NUMBERS).to_numpy()
    units = pd.Series(["aandeel"] * len(table))
    result = audit_tables(table, units, {"veenkolonien": ("GM0001", "GM0002")}, {}, hidden,
                          table["reden"], load_rules(), exact=False)
    # Every protected quantity of a primary cell is audited: 'klein' protects the count
    # behind the share, 'aandeel' the numerator and the rest (see audit.py's docstring).
    protected = {(row, quantity) for row, reden in table["reden"].items()
                 for reason, quantities in (("klein", ["noemer"]), ("aandeel", ["teller", "rest"]))
                 if reason in reden.split(",") for quantity in quantities}
    assert {(finding.row, finding.quantity) for finding in result.findings} == protected
    assert result.ok
