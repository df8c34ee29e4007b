"""Small groups share one programme (``audit.BATCH_VARIABLES``): on any table and pattern,
in the release's audit and in the check's, that fails exactly the cells that a programme
per group fails."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.disclosure import audit
from armoedemonitor.disclosure.audit import audit_block
from armoedemonitor.disclosure.control import block_arrays, publish
from armoedemonitor.disclosure.primary import primary_reasons, public_reasons
from armoedemonitor.disclosure.relations import build_block
from armoedemonitor.disclosure.rules import load_rules

from .test_never_refuses import INDICATOR, share_tables


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(share_tables(), st.randoms(use_true_random=False), st.booleans())
def test_batched_groups_fail_the_cells_that_their_own_programmes_fail(drawn, random, exact):
    table, region_set = drawn
    rules = load_rules()
    units = pd.Series(["aandeel"] * len(table))
    reasons = primary_reasons(table, units, rules).map(public_reasons).tolist()
    # The primary cells and a random third of the others hidden: any pattern will do.
    hidden = np.array([bool(reason) or random.random() < 0.33 for reason in reasons])
    known = table if exact else publish(table, units, hidden, rules)
    block = build_block(INDICATOR, 2020, known, "aandeel", region_set, None if exact else {})
    counts, shares, _ = block_arrays(block, known)

    def run(batch_variables: int):
        saved = audit.BATCH_VARIABLES
        audit.BATCH_VARIABLES = batch_variables
        try:
            return audit_block(block, hidden, counts, None if exact else shares, reasons, rules.rounding_base,
                               rules.share_decimals, rules.protection_width, exact=exact)
        finally:
            audit.BATCH_VARIABLES = saved

    alone, together = run(1), run(10**6)
    assert len(together.findings) == len(alone.findings) > 0 or not any(reasons)
    assert {(f.row, f.quantity): f.ok for f in together.findings} == {
        (f.row, f.quantity): f.ok for f in alone.findings}
