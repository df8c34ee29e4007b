"""Secondary suppression from the top down (issue 11): a total or region-set figure is
given up only when gemeente cells cannot protect, and wijken and buurten never pull a
gemeente or the total in."""

import pandas as pd

from armoedemonitor.disclosure.control import protect
from armoedemonitor.disclosure.rules import load_rules

from .helpers import count_row, frame, share_row
from .test_secondary_audit import recheck

SETS = {"vk": ("GM0001", "GM0002")}


def region(level, code, a, b):
    return [count_row(level, code, a + b), count_row(level, code, a, "k", "a"),
            count_row(level, code, b, "k", "b")]


def test_the_total_stays_when_gemeenten_can_protect_a_region_set():
    # Category a: GM0001 2, GM0002 3, GM0003 6 (all primary), region set vk = GM0001 +
    # GM0002 = 5 (primary), totaal 11 (passes). Each primary a-cell gets its b-cell as
    # partner (the breakdown gives it away otherwise). That is enough: from totaal a = 11
    # = vk a + GM0003 a, vk a can be 0 (GM0003 a = 11, GM0003 b = 75) or 11 (GM0003 a = 0):
    # the range [0, 11] is 11 wide. The cost rule alone hid totaal a and b as well.
    rows = (region("totaal", "totaal", 11, 210) + region("vk", "vk", 5, 130)
            + region("gemeente", "GM0001", 2, 60) + region("gemeente", "GM0002", 3, 70)
            + region("gemeente", "GM0003", 6, 80))
    table = frame(rows)
    units = pd.Series(["aantal"] * len(table))
    protected = protect(table, units, load_rules(), SETS)
    status = protected.table.set_index(["region_code", "category"])["status"]
    assert status["totaal"].tolist() == ["afgerond"] * 3
    for code in ("vk", "GM0001", "GM0002", "GM0003"):
        assert status[code].tolist() == ["afgerond", "primair", "secundair"]
    vk_a = next(f for f in protected.audit.findings if f.row == 4)
    assert (vk_a.lower, vk_a.upper) == (0.0, 11.0)
    assert protected.audit.ok and recheck(protected, units, load_rules(), SETS).ok


def test_a_wijk_never_pulls_its_gemeente_in():
    # GM0001 (50 households, 12 poor) has two wijken that hold all of them: WK000101 with
    # 3 poor of 20 (primary) and WK000102 with 9 of 30 (primary). Hiding both leaves each
    # in [0, 12] (12 - 0 - 0 at most): protected by wijken alone, so GM0001 and the total
    # stay published.
    rows = [share_row("totaal", "totaal", 40, 150), share_row("gemeente", "GM0001", 12, 50),
            share_row("gemeente", "GM0002", 28, 100), share_row("wijk", "WK000101", 3, 20),
            share_row("wijk", "WK000102", 9, 30)]
    table = frame(rows)
    units = pd.Series(["aandeel"] * len(table))
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond", "afgerond", "afgerond", "primair", "primair"]
    ranges = {(f.row, f.quantity): (f.lower, f.upper) for f in protected.audit.findings}
    assert ranges[(3, "teller")] == (0.0, 12.0)
    assert protected.audit.ok and recheck(protected, units, load_rules()).ok
