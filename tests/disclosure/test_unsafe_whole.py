"""A block that fails even when hidden whole (a count it must protect is published under
a linked indicator) skips secondary suppression: no pattern can pass where hiding
everything does not, so the release is the same as with the suppression run."""

import pandas as pd

from armoedemonitor.disclosure import audit, control
from armoedemonitor.disclosure.rules import load_rules

from .helpers import frame, share_row, status_of

PERSONS, LONG_TERM = "laag_inkomen_personen", "langdurig_laag_inkomen_personen"


def table() -> pd.DataFrame:
    # Both indicators count persons in in-scope households (the same denominator). In
    # GM0001 the long-term figure rests on 6 persons (n < 10: 'klein', its denominator is
    # what must stay unknown), while the yearly figure passes and would publish that
    # denominator (40): the long-term block fails even hidden whole until the yearly
    # GM0001 cell is hidden too.
    rows = []
    for indicator, numerators in ((PERSONS, (50, 20, 30)), (LONG_TERM, (21, 3, 18))):
        for (level, code, den), num in zip((("totaal", "totaal", 100), ("gemeente", "GM0001", 40),
                                            ("gemeente", "GM0002", 60)), numerators, strict=True):
            rows.append(share_row(level, code, num, den, indicator=indicator))
    result = frame(rows)
    result.loc[(result["indicator"] == LONG_TERM) & (result["region_code"] == "GM0001"), "n"] = 6
    return result


def protect(results: pd.DataFrame) -> control.Protected:
    return control.protect(results, pd.Series(["aandeel"] * len(results)), load_rules(), {})


def test_a_block_unsafe_even_hidden_whole_skips_suppression_with_the_same_release(monkeypatch):
    results = table()
    cell = results.index[(results["indicator"] == LONG_TERM) & (results["region_code"] == "GM0001")][0]
    suppressed: list[bool] = []  # per suppression: the long-term GM0001 denominator known?
    original = control.suppress_block

    def spy(block, *args, **kwargs):
        if block.indicator == LONG_TERM:
            local = list(block.rows).index(cell)
            suppressed.append(block.revealed is not None and bool(block.revealed[local, 1]))
        return original(block, *args, **kwargs)

    monkeypatch.setattr(control, "suppress_block", spy)
    shortcut = protect(results)
    # The long-term block never ran secondary suppression with that denominator known.
    assert suppressed and True not in suppressed
    assert status_of(shortcut.table, "GM0001", indicator=LONG_TERM) == "primair"
    assert status_of(shortcut.table, "GM0001", indicator=PERSONS) == "secundair"
    assert shortcut.audit.ok

    suppressed.clear()
    monkeypatch.setattr(control, "_unsafe_whole", lambda *args: None)
    without = protect(results)
    assert True in suppressed  # without the shortcut it does
    pd.testing.assert_frame_equal(shortcut.table, without.table)


def test_ranges_proven_when_hidden_whole_are_not_solved_again_in_the_next_pass(monkeypatch):
    # The long-term GM0002 figure rests on 3 persons of 60 ('aandeel': its numerator is
    # protected), proven wide enough when the block is hidden whole in the first pass;
    # the next pass knows fewer linked counts, so that proof still holds and is reused.
    results = table()
    results.loc[(results["indicator"] == LONG_TERM) & (results["region_code"] == "GM0002"), "numerator"] = 3
    results.loc[(results["indicator"] == LONG_TERM) & (results["region_code"] == "totaal"), "numerator"] = 6
    remembered: list[set] = []
    original = control.ExactAudit.remember

    def spy(self, pattern, ranged, proofs):
        remembered.append({quantity for _, quantity in proofs})
        original(self, pattern, ranged, proofs)

    solves = [0]
    point = audit._Programme.point

    def counted(self, *args):
        solves[0] += 1
        return point(self, *args)

    monkeypatch.setattr(audit._Programme, "point", counted)
    monkeypatch.setattr(control.ExactAudit, "remember", spy)
    carried, with_proofs = protect(results), solves[0]
    assert remembered and {"teller", "rest"} <= remembered[0]
    monkeypatch.setattr(control.ExactAudit, "remember", lambda *args: None)
    solves[0] = 0
    without = protect(results)
    assert carried.audit.ok and with_proofs < solves[0]
    pd.testing.assert_frame_equal(carried.table, without.table)
