"""The release's exact audit remembers what it proved, and secondary suppression acts only
on failures that the programmes of a cell's whole group confirm."""

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.audit import AuditResult, Finding, audit_block
from armoedemonitor.disclosure.control import ExactAudit
from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.ranges import range_ladder
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


# Three gemeenten under the total: GM0001 (4 poor of 60) is primary, GM0002 (30 of 100)
# hidden to protect it, GM0003 published. GM0002's households are known (a linked
# indicator publishes them), so GM0001's are too: 60. Without a range the two numerators
# share 34 - GM0001's lies in [0, 34]; GM0002's range "30 tot 35 %" of 100 households
# pins it to [30, 35], and GM0001's to [0, 4]: too narrow.
LINKED = [share_row("totaal", "totaal", 44, 200), share_row("gemeente", "GM0001", 4, 60),
          share_row("gemeente", "GM0002", 30, 100), share_row("gemeente", "GM0003", 10, 40)]
BOTH = np.array([False, True, True, False])


def linked_audit(offered_on_gm0002: bool = True):
    table = frame(LINKED)
    rules = load_rules()
    units = pd.Series(["aandeel"] * len(table))
    reasons = primary_reasons(table, units, rules).map(public_reasons).tolist()
    assert reasons[1] and not reasons[2]
    block = build_block("x", 2020, table, "aandeel", {})
    block.revealed = np.zeros((4, 2), dtype=bool)
    block.revealed[2, 1] = True  # GM0002's denominator
    counts = table[["numerator", "denominator"]].to_numpy(dtype="float64")
    offered = np.full((4, 2), np.nan)
    if offered_on_gm0002:
        offered[2] = (0.30, 0.35)
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    return block, counts, reasons, scalars, ExactAudit(block, counts, reasons, scalars, [offered])


def test_a_range_that_gives_a_cell_away_is_withdrawn_and_hides_nothing_more():
    block, counts, reasons, scalars, audit = linked_audit()
    with_range = audit_block(block, BOTH, counts, None, reasons, *scalars, exact=True, points_only=False,
                             ranges=audit.ranges(BOTH))
    teller = next(f for f in with_range.failures if f.row == 1 and f.quantity == "teller")
    assert (teller.lower, teller.upper) == (0.0, 4.0)
    assert (1, "teller") in with_range.range_bound  # at its maximum GM0002 sits at 30 %

    result = audit(BOTH, points_only=False)
    assert result.ok  # the failure was the range's, not the pattern's
    assert np.isnan(audit.ranges(BOTH)).all()
    teller = next(f for f in result.findings if f.row == 1 and f.quantity == "teller")
    assert (teller.lower, teller.upper) == (0.0, 34.0)


def test_a_real_failure_is_reported_with_its_range_kept():
    # GM0001 alone hidden: the published total and the other gemeenten give it away,
    # range or not; GM0002 publishes no range (it is not hidden), nothing is withdrawn.
    _, _, _, _, audit = linked_audit()
    alone = np.array([False, True, False, False])
    result = audit(alone, points_only=False)
    assert not result.ok and {f.row for f in result.failures} == {1}
    assert (audit.step == 0).all()


def test_a_failure_no_range_binds_is_real_without_solving_it_again():
    # GM0001 1 of 60 and GM0002 33 of 100 share 44 - 10 = 34; GM0002's published wijk
    # (31) keeps it at 31 or more, its range "30 tot 35 %" at 30 to 35. So GM0001's
    # numerator lies in [0, 3] (too narrow) and at both ends GM0002 (31 or 34) is inside
    # its range: the range binds neither, the failure is the pattern's own.
    rows = [share_row("totaal", "totaal", 44, 200), share_row("gemeente", "GM0001", 1, 60),
            share_row("gemeente", "GM0002", 33, 100), share_row("gemeente", "GM0003", 10, 40),
            share_row("wijk", "WK000201", 31, 80)]
    table = frame(rows)
    rules = load_rules()
    reasons = primary_reasons(table, pd.Series(["aandeel"] * 5), rules).map(public_reasons).tolist()
    assert reasons[1] and not any(reasons[2:])
    block = build_block("x", 2020, table, "aandeel", {})
    block.revealed = np.zeros((5, 2), dtype=bool)
    block.revealed[2, 1] = True
    counts = table[["numerator", "denominator"]].to_numpy(dtype="float64")
    offered = np.full((5, 2), np.nan)
    offered[2] = (0.30, 0.35)
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    hidden = np.array([False, True, True, False, False])
    audit = ExactAudit(block, counts, reasons, scalars, [offered])

    direct = audit_block(block, hidden, counts, None, reasons, *scalars, exact=True, points_only=False,
                         ranges=audit.ranges(hidden))
    teller = next(f for f in direct.failures if f.row == 1 and f.quantity == "teller")
    assert (teller.lower, teller.upper) == (0.0, 3.0)
    assert not direct.range_bound

    result = audit(hidden, points_only=False)
    assert {(f.row, f.quantity) for f in result.failures} == {(1, "teller"), (1, "rest")}
    assert audit.spent.linear_programmes == direct.linear_programmes  # not solved without ranges
    assert audit.ranged(hidden)[2] and (audit.step == 0).all()


def test_proofs_are_reused_only_where_no_range_was_added_since():
    block, counts, reasons, scalars, audit = linked_audit(offered_on_gm0002=False)
    first = audit(BOTH, points_only=False)
    proofs = {(f.row, f.quantity): (f.lower, f.upper) for f in first.findings}
    assert first.ok and first.linear_programmes > 0

    # Proven without ranges: not valid once GM0002 publishes one (it gives GM0001 away).
    _, _, _, _, ranged = linked_audit()
    ranged.remember(BOTH, np.full((4, 2), np.nan), proofs)
    again = ranged(BOTH, points_only=False)
    assert again.ok and np.isnan(ranged.ranges(BOTH)).all()  # solved afresh: the range is withdrawn
    assert ranged.spent.linear_programmes > 0

    # Proven with GM0002's range published: valid under the same ranges, no programmes.
    _, _, _, _, same = linked_audit()
    wide = {key: (0.0, 99.0) for key in proofs}
    same.remember(BOTH, same.ranges(BOTH), wide)
    reused = same(BOTH, points_only=False)
    assert reused.linear_programmes == 0 and reused.ok
    assert not np.isnan(same.ranges(BOTH)[2]).any()


# GM0001 (4 poor of 60) is primary, GM0002 (74 of 200, 37 %) hidden to protect it,
# GM0003 (10 of 40) published; GM0002's households are known, so GM0001's are too: 60.
# The two hidden numerators share 88 - 10 = 78. "35 tot 40 %" puts GM0002's in [70, 80],
# so GM0001's lies in [0, 8] (too narrow); "30 tot 40 %" puts it in [60, 78] and
# GM0001's in [0, 18] (and its rest, 60 minus it, in [42, 60]): safe.
WIDER = [share_row("totaal", "totaal", 88, 300), share_row("gemeente", "GM0001", 4, 60),
         share_row("gemeente", "GM0002", 74, 200), share_row("gemeente", "GM0003", 10, 40)]


def wider_audit():
    table = frame(WIDER)
    rules = load_rules()
    reasons = primary_reasons(table, pd.Series(["aandeel"] * 4), rules).map(public_reasons).tolist()
    assert reasons[1] and not reasons[2] and not reasons[3]
    block = build_block("x", 2020, table, "aandeel", {})
    block.revealed = np.zeros((4, 2), dtype=bool)
    block.revealed[2, 1] = True
    counts = table[["numerator", "denominator"]].to_numpy(dtype="float64")
    ladder = range_ladder(table["value"].to_numpy(), np.array([False, False, True, False]), rules.range_widths)
    assert [tuple(offered[2]) for offered in ladder] == [(0.35, 0.40), (0.30, 0.40)]
    scalars = (rules.rounding_base, rules.share_decimals, rules.protection_width)
    return block, counts, reasons, scalars, ladder


def test_a_range_too_narrow_to_be_safe_is_published_wider():
    block, counts, reasons, scalars, ladder = wider_audit()
    audit = ExactAudit(block, counts, reasons, scalars, ladder)
    result = audit(BOTH, points_only=False)
    assert result.ok
    assert tuple(audit.ranges(BOTH)[2]) == (0.30, 0.40) and np.isnan(audit.ranges(BOTH)[[0, 1, 3]]).all()
    found = {(f.row, f.quantity): (f.lower, f.upper) for f in result.findings}
    assert found[(1, "teller")] == (0.0, 18.0) and found[(1, "rest")] == (42.0, 60.0)

    narrow_only = ExactAudit(block, counts, reasons, scalars, ladder[:1])
    assert narrow_only(BOTH, points_only=False).ok
    assert np.isnan(narrow_only.ranges(BOTH)).all()  # withdrawn: without a wider one the cell stays empty


def test_a_proof_under_a_narrow_range_holds_under_the_wide_one_not_the_other_way():
    block, counts, reasons, scalars, ladder = wider_audit()
    proofs = {(1, "teller"): (0.0, 10.0)}  # made up, to see whether it is reused
    narrow, wide = (np.where(BOTH[:, None], offered, np.nan) for offered in ladder)

    widened = ExactAudit(block, counts, reasons, scalars, ladder)
    widened.step[2] = 1  # GM0002 publishes the wide range
    widened.remember(BOTH, narrow, proofs)  # proven while it said more
    reused = widened(BOTH, points_only=True)
    assert next(f for f in reused.findings if (f.row, f.quantity) == (1, "teller")).upper == 10.0

    narrowed = ExactAudit(block, counts, reasons, scalars, ladder)  # GM0002 publishes the narrow range
    narrowed.remember(BOTH, wide, proofs)  # proven while it said less: not valid now
    again = narrowed(BOTH, points_only=True)
    assert next(f for f in again.findings if (f.row, f.quantity) == (1, "teller")).upper != 10.0


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
