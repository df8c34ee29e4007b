"""The release publishes huurtoeslag_niet_gebruik like any share: rounded, small cells hidden,
breakdown categories protected together with their total."""

import pandas as pd

from armoedemonitor.release.package import write_release
from armoedemonitor.release.read import read_release
from armoedemonitor.release.verify import verify_release
from release.builders import hierarchical_shares, share_row, write_results

INDICATOR = "huurtoeslag_niet_gebruik"


def test_release_of_a_small_results_table(tmp_path):
    # totaal 134/750 split by household_type: eenpersoons 100/500, paar 31/242, eenouder 3/8
    breakdown = [share_row(INDICATOR, "totaal", "totaal", n, d, "household_type", c)
                 for c, n, d in (("eenpersoons", 100, 500), ("paar", 31, 242), ("eenouder", 3, 8))]
    table = pd.concat([hierarchical_shares(INDICATOR), pd.DataFrame(breakdown)], ignore_index=True)
    path, _ = write_release(write_results(table, tmp_path / "results"), tmp_path / "release")
    verify_release(path)
    release = read_release(path)
    published = release.indicators.set_index(["region_code", "breakdown", "category"])
    total = published.loc[("totaal", "", "")]
    assert (total["numerator"], total["denominator"], total["value"]) == (135, 750, 0.179)
    # eenouder has 8 households (< 10): primary; another category loses its exact count
    # (hidden, or only a range), else 134 - 100 - 31 would give it away. verify_release
    # above re-ran the audit that proves the protection.
    statuses = published.xs("household_type", level="breakdown")["status"]
    assert statuses[("totaal", "eenouder")] == "primair"
    assert statuses.drop(("totaal", "eenouder")).isin(["primair", "secundair", "bereik"]).sum() >= 1
    assert published.loc[("WK001402", "", ""), "status"] == "primair"  # 4 households
    definition = release.definitions.set_index("id").loc[INDICATOR]
    assert "schatting" in definition["uitleg_b1"] and definition["eenheid"] == "aandeel"
