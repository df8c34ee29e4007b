"""The release's exact audit remembers what it proved, and secondary suppression acts only
on failures that the programmes of a cell's whole group confirm."""

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.audit import AuditResult, Finding
from armoedemonitor.disclosure.control import ExactAudit
from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.relations import build_block
from armoedemonitor.disclosure.rules import load_rules
from armoedemonitor.disclosure.secondary import cost_keys, suppress_block

from .helpers import frame, share_row

# GM0001 (50 households, 12 poor) has two wijken holding all of them: WK000101 3 of 20
# and WK000102 9 of 30, both primary. Hidden together, each numerator lies in [0, 12].
ROWS = [share_row("totaal", "totaal", 40, 150), share_row("gemeente", "GM0001", 12, 50),
        share_row("gemeente", "GM0002", 28, 100), share_row("wijk", "WK000101", 3, 20),
        share_row("wijk", "WK000102", 9, 30)]


def exact_audit():
    table = frame(ROWS)
    rules = load_rules()
    units = pd.Series(["aandeel"] * len(table))
    reasons = primary_reasons(table, units, rules).map(public_reasons).tolist()
    block = build_block("x", 2020, table, "aandeel", {})
    counts = table[["numerator", "denominator"]].to_numpy(dtype="float64")
    audit = ExactAudit(block, counts, reasons, (rules.rounding_base, rules.share_decimals, rules.protection_width))
    return block, reasons, audit


def test_a_proven_range_is_reused_under_a_pattern_that_contains_it():
    _, reasons, audit = exact_audit()
    assert reasons[3] and reasons[4] and not any(reasons[:3])
    wijken = np.array([False, False, False, True, True])
    first = audit(wijken, points_only=False)
    assert first.ok and first.linear_programmes > 0
    ranges = {(f.row, f.quantity): (f.lower, f.upper) for f in first.findings}
    assert ranges[(3, "teller")] == (0.0, 12.0)

    more = wijken | np.array([False, False, True, False, False])  # GM0002 hidden as well
    again = audit(more, points_only=False)
    assert again.linear_programmes == 0
    assert {(f.row, f.quantity): (f.lower, f.upper) for f in again.findings} == ranges


def test_a_proof_is_not_reused_under_a_pattern_that_shows_more():
    _, _, audit = exact_audit()
    assert audit(np.array([False, False, False, True, True]), points_only=False).ok
    # WK000101 alone hidden: 12 - 9 published = 3 at most, the range [0, 3] is too narrow.
    alone = audit(np.array([False, False, False, True, False]), points_only=False)
    assert not alone.ok
    teller = next(f for f in alone.findings if f.row == 3 and f.quantity == "teller")
    assert (teller.lower, teller.upper) == (0.0, 3.0)


def test_a_failure_that_the_whole_group_does_not_confirm_hides_nothing():
    block, reasons, _ = exact_audit()
    hidden = np.array([False, False, False, True, True])
    calls = []

    def audit(pattern, rows, points_only=True):
        # Shared points did not prove WK000101; its own programmes do.
        calls.append(points_only)
        result = AuditResult()
        if points_only:
            result.findings.append(Finding("x", 2020, 3, "teller", 0.0, 3.0, 10.0))
        return result

    rank = cost_keys(np.array([150.0, 50, 100, 20, 30]), np.array(["totaal", "gemeente", "gemeente", "wijk", "wijk"]),
                     np.array([""] * 5), 10)
    pattern, settled = suppress_block(block, hidden, hidden.copy(), reasons, rank, 10.0, audit)
    # Only what the thin-margin step hides before any audit (see secondary, step 1).
    margins, _ = suppress_block(block, hidden, hidden.copy(), reasons, rank, 10.0, lambda *_: AuditResult())
    assert settled and (pattern == margins).all()
    assert calls == [True, False]


def test_the_audit_with_ranges_reuses_groups_that_no_range_reaches():
    _, _, audit = exact_audit()
    pattern = np.array([False, False, True, True, True])  # GM0002 and both wijken of GM0001
    marked = AuditResult(findings=[Finding("x", 2020, 3, "teller", 0.0, 99.0, 10),
                                   Finding("x", 2020, 3, "rest", 0.0, 98.0, 10)])
    # A range on GM0002 (28 of 100): its group (GM0002 against the published total) does
    # not hold the wijken, so their programme is the same as without it: reused as given.
    on_gemeente = np.full((5, 2), np.nan)
    on_gemeente[2] = (0.25, 0.30)
    reused = audit(pattern, points_only=False, ranges=on_gemeente, unranged=marked)
    found = {(f.row, f.quantity): (f.lower, f.upper) for f in reused.findings}
    assert found[(3, "teller")] == (0.0, 99.0) and found[(3, "rest")] == (0.0, 98.0)
    # A range on WK000102 is in the wijken's group: solved afresh, the marks are ignored
    # (the denominators are hidden too, so WK000101's numerator still lies in [0, 12]).
    on_wijk = np.full((5, 2), np.nan)
    on_wijk[4] = (0.25, 0.35)
    fresh = audit(pattern, points_only=False, ranges=on_wijk, unranged=marked)
    teller = next(f for f in fresh.findings if f.row == 3 and f.quantity == "teller")
    assert fresh.linear_programmes > 0 and (teller.lower, teller.upper) == (0.0, 12.0)


def test_the_finder_looks_around_the_unknown_count_of_a_target():
    """The 'rest' of WK000101 (denominator minus numerator) with its denominator known from
    a linked indicator: only the numerator is unknown, so the relations that hold it are
    the numerator's (GM0001 >= its wijken), not those of some other unknown."""
    from armoedemonitor.disclosure.secondary import _Attacker

    block, _, _ = exact_audit()
    block.revealed = np.zeros((5, 2), dtype=bool)
    block.revealed[3, 1] = True
    attacker = _Attacker(block, np.array([False, False, False, True, True]))
    found = attacker.binding({3 * 2 + 1: 1.0, 3 * 2 + 0: -1.0})
    labels = {block.relations[r].label for r in found}
    assert labels and all("numerator" in label for label in labels), labels
    assert any("gemeente|GM0001" in label for label in labels), labels
