"""Secondary suppression and the audit on tables whose safe pattern is known by hand."""

import json

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armoedemonitor.disclosure.control import audit_tables, protect
from armoedemonitor.disclosure.rules import load_rules
from armoedemonitor.results_table import HIDDEN_NUMBERS

from .helpers import count_row, frame, rules_with, share_row, status_of


def counts(rows):
    table = frame(rows)
    return table, pd.Series(["aantal"] * len(table))


def recheck(protected, units, rules, sets=None):
    """The audit as `check` runs it: on the published (rounded) table alone."""
    table = protected.table
    hidden = table["status"].isin(HIDDEN_NUMBERS).to_numpy()
    primary = table["reden"].where(table["status"] == "primair", "")
    return audit_tables(table, units, sets or {}, protected.exceptions, hidden, primary, rules, exact=False)


def test_singleton_gets_a_partner_the_smallest():
    # totaal 73 = GM0001 3 + GM0002 50 + GM0003 20. GM0001 (3 < 10) is primary; alone it
    # would be 73 - 50 - 20 = 3, so one more gemeente goes: the smallest, GM0003 (20).
    # Then GM0001 lies in [0, 3 + 20] = [0, 23]: 23 wide >= 10.
    table, units = counts([count_row("totaal", "totaal", 73), count_row("gemeente", "GM0001", 3),
                           count_row("gemeente", "GM0002", 50), count_row("gemeente", "GM0003", 20)])
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond", "primair", "afgerond", "secundair"]
    (finding,) = protected.audit.findings
    assert (finding.lower, finding.upper) == (0.0, 23.0)
    assert protected.audit.ok and recheck(protected, units, load_rules()).ok


def test_two_small_cells_are_not_enough_cover_for_each_other():
    # totaal 107 = 3 + 4 + 100. Both small cells are primary; together they sum to 7, so
    # each lies in [0, 7]: narrower than 10. The third gemeente must go as well.
    table, units = counts([count_row("totaal", "totaal", 107), count_row("gemeente", "GM0001", 3),
                           count_row("gemeente", "GM0002", 4), count_row("gemeente", "GM0003", 100)])
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond", "primair", "primair", "secundair"]
    assert protected.audit.ok


def test_two_way_table_protects_along_both_relations():
    # gemeenten x categories a/b. GM0001/a = 2 is primary. Its row (gemeente total 32)
    # and its column (category total a at totaal) both give it away, so the cheapest
    # partner goes in each, and the hidden cells form a rectangle:
    #            a    b   total
    #  GM0001    2   30    32
    #  GM0002   40   25    65
    #  totaal   42   55    97
    # Row: hide GM0001/b (30). Column a: hide GM0002/a (40). Then GM0002/b closes the
    # rectangle (column b and row GM0002 would each have one hidden cell otherwise).
    rows = [count_row("totaal", "totaal", 97), count_row("totaal", "totaal", 42, "k", "a"),
            count_row("totaal", "totaal", 55, "k", "b")]
    for code, a, b in (("GM0001", 2, 30), ("GM0002", 40, 25)):
        rows += [count_row("gemeente", code, a + b), count_row("gemeente", code, a, "k", "a"),
                 count_row("gemeente", code, b, "k", "b")]
    table, units = counts(rows)
    protected = protect(table, units, load_rules(), {})
    published = protected.table
    assert status_of(published, "GM0001", "a") == "primair"
    assert {status_of(published, "GM0001", "b"), status_of(published, "GM0002", "a"),
            status_of(published, "GM0002", "b")} == {"secundair"}
    assert status_of(published, "totaal") == "afgerond"
    (finding,) = protected.audit.findings
    # GM0001/a + GM0001/b = 32, GM0001/a + GM0002/a = 42: a ranges over [0, 32].
    assert (finding.lower, finding.upper) == (0.0, 32.0)
    assert recheck(protected, units, load_rules()).ok


def test_audit_catches_a_recoverable_cell():
    # The audit does not trust secondary suppression: hide only the primary cell and it
    # is recovered exactly (73 - 50 - 20 = 3, width 0).
    table, units = counts([count_row("totaal", "totaal", 73), count_row("gemeente", "GM0001", 3),
                           count_row("gemeente", "GM0002", 50), count_row("gemeente", "GM0003", 20)])
    rules = load_rules()
    hidden = np.array([False, True, False, False])
    primary = pd.Series(["", "klein", "", ""])
    result = audit_tables(table, units, {}, {}, hidden, primary, rules, exact=True)
    (failure,) = result.failures
    assert (failure.lower, failure.upper) == (3.0, 3.0)


def test_rounding_alone_is_counted_in_the_recheck():
    # Published counts are known only within +-2.5 (base 5): with the primary cell
    # alone hidden, the recheck finds 73 -> 75, 50 -> 50, 20 -> 20, so GM0001 lies in
    # [75 - 2.5 - 52.5 - 22.5, 77.5 - 47.5 - 17.5] = [0, 12.5]: 12.5 wide.
    table, units = counts([count_row("totaal", "totaal", 73), count_row("gemeente", "GM0001", 3),
                           count_row("gemeente", "GM0002", 50), count_row("gemeente", "GM0003", 20)])
    rules = load_rules()
    published = table.copy()
    published["value"] = [75.0, np.nan, 50.0, 20.0]
    result = audit_tables(published, units, {}, {}, np.array([False, True, False, False]),
                          pd.Series(["", "klein", "", ""]), rules, exact=False)
    (finding,) = result.findings
    assert (finding.lower, finding.upper) == (0.0, 12.5)


def test_wijken_sum_to_at_most_their_gemeente():
    # GM0001 has 100 households with 44 poor, its wijken 40/200?? no: wijken 40/60 and
    # 4/30 (10 poor households live in no known wijk). WK000102 has 4 poor (primary).
    # Wijken are an inequality, so hiding WK000102 alone leaves it in
    # [0, 44 - 40] = [0, 4]: too narrow, and WK000101 goes too.
    rows = [share_row("totaal", "totaal", 44, 100, indicator="laag_inkomen_huishoudens"),
            share_row("gemeente", "GM0001", 44, 100, indicator="laag_inkomen_huishoudens"),
            share_row("wijk", "WK000101", 40, 60, indicator="laag_inkomen_huishoudens"),
            share_row("wijk", "WK000102", 4, 30, indicator="laag_inkomen_huishoudens")]
    table = frame(rows)
    units = pd.Series(["aandeel"] * 4)
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond", "afgerond", "secundair", "primair"]
    assert protected.audit.ok


def poor_and_long_term(long_term: tuple[int, int, int]) -> list[dict]:
    """laag_inkomen_personen (totaal 60, GM0001 30, GM0002 30) and the long-term numerators
    given, over the shared denominators 500 = 200 + 300."""
    rows = []
    for indicator, numerators in (("laag_inkomen_personen", (60, 30, 30)),
                                  ("langdurig_laag_inkomen_personen", long_term)):
        total, first, second = numerators
        rows += [share_row("totaal", "totaal", total, 500, indicator=indicator),
                 share_row("gemeente", "GM0001", first, 200, indicator=indicator),
                 share_row("gemeente", "GM0002", second, 300, indicator=indicator)]
    return rows


def test_a_shared_denominator_is_protected_once():
    # laag_inkomen_personen and langdurig_laag_inkomen_personen share their denominator.
    # In GM0001 the long-term numerator is 3 (primary). laag_inkomen_personen passes
    # everywhere and stays published, so the long-term block is protected with both
    # denominators known (200 and 300): GM0002 goes too (or 33 - 30 = 3 gives GM0001
    # away), and GM0001's numerator then lies in [0, 33] (GM0002 taking all 33), its
    # rest 200 - numerator in [167, 200].
    rows = poor_and_long_term((33, 3, 30))
    table = frame(rows)
    units = pd.Series(["aandeel"] * 6)
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond"] * 3 + ["afgerond", "primair", "secundair"]
    ranges = {f.quantity: (f.lower, f.upper) for f in protected.audit.findings}
    assert ranges == {"teller": (0.0, 33.0), "rest": (167.0, 200.0)}
    assert protected.audit.ok and recheck(protected, units, load_rules()).ok


def test_a_shared_count_that_gives_a_cell_away_hides_only_its_own_partner():
    # As above, but long-term GM0001 is primary for its size (n = 5, "klein"): its
    # protected count is its denominator, which laag_inkomen_personen publishes (200), so
    # it is given away even with the whole long-term table hidden. Only that partner is
    # hidden (with GM0002 to protect it, 60 = 30 + 30; GM0002 gets a range, as in the
    # long-term table); the totaal of laag_inkomen_personen stays. (Before, every partner
    # of the table was hidden.)
    rows = poor_and_long_term((33, 13, 20))
    rows[4]["n"] = 5
    table = frame(rows)
    units = pd.Series(["aandeel"] * 6)
    protected = protect(table, units, load_rules(), {})
    assert protected.table["status"].tolist() == ["afgerond", "secundair", "bereik",
                                                  "afgerond", "primair", "bereik"]
    assert protected.table["reden"].iloc[1] == "gekoppeld aan langdurig_laag_inkomen_personen"
    assert protected.audit.ok and recheck(protected, units, load_rules()).ok


def test_whole_links_are_hidden_together():
    # laag_inkomen_minderjarigen is the age group 0-17 of laag_inkomen_personen: the same
    # row twice. Minors: totaal 40 = GM0001 3 (primary) + GM0002 37, so GM0002 goes as
    # its partner. laag_inkomen_personen (here without a totaal row) would keep its
    # GM0002 0-17 row, which publishes those 37: the link hides it too, and then its
    # own breakdown hides GM0002 18+ (0-17 = '' - 18+ otherwise); 18+ passes its own
    # rules, so readers get it as the range 10-15 % (30 of 300).
    minors = {"GM0001": (3, 100), "GM0002": (37, 200)}
    adults = {"GM0001": (30, 400), "GM0002": (30, 300)}
    rows = [share_row("totaal", "totaal", 40, 300, indicator="laag_inkomen_minderjarigen")]
    for code, (num, den) in minors.items():
        rows.append(share_row("gemeente", code, num, den, indicator="laag_inkomen_minderjarigen"))
        rows.append(share_row("gemeente", code, num + adults[code][0], den + adults[code][1],
                              indicator="laag_inkomen_personen"))
        rows.append(share_row("gemeente", code, num, den, "age_group", "0-17", indicator="laag_inkomen_personen"))
        rows.append(share_row("gemeente", code, *adults[code], "age_group", "18+", indicator="laag_inkomen_personen"))
    table = frame(rows)
    units = pd.Series(["aandeel"] * len(table))
    progress = []
    protected = protect(table, units, load_rules(), {}, on_block=lambda label, total: progress.append((label, total)))
    # Two tables, then laag_inkomen_personen again (its 0-17 row hidden by the link): the
    # progress bar's total grows with the second pass, so it never shows 3 of 2.
    assert [total for _, total in progress] == [2, 2, 3] and progress[-1][0] == "laag_inkomen_personen 2020"
    published = protected.table.set_index(["indicator", "region_code", "category"])
    assert published.loc[("laag_inkomen_minderjarigen", "GM0002", ""), "status"] == "secundair"
    group = published.loc[("laag_inkomen_personen", "GM0002", "0-17")]
    assert (group["status"], group["reden"]) == ("secundair", "gekoppeld aan laag_inkomen_minderjarigen")
    adult = published.loc[("laag_inkomen_personen", "GM0002", "18+")]
    assert (adult["status"], adult["value_lower"], adult["value_upper"]) == ("bereik", 0.10, 0.15)
    assert published.loc[("laag_inkomen_personen", "GM0002", ""), "status"] == "afgerond"
    assert protected.audit.ok and recheck(protected, units, load_rules()).ok


def test_ssb_z1_protects_the_same_primary_cells(shared_dir, tmp_path):
    # Statistics Norway's z1 table with its rule maxN = 3 (a cell <= 3 is primary, so
    # min_n = 4), no rounding. Our pattern may differ from GaussSuppression's, but the
    # primary cells must be the same and none may be recoverable exactly.
    z1 = pd.read_csv(shared_dir / "validation" / "ssb_z1.csv")
    expected = json.loads((shared_dir / "validation" / "ssb_z1_expected.json").read_text())
    rows = [count_row("totaal", "totaal", z1["ant"].sum())]
    for kind, group in z1.groupby("hovedint"):
        rows.append(count_row("totaal", "totaal", group["ant"].sum(), "hovedint", kind))
    for region, group in z1.groupby("region"):
        rows.append(count_row("gemeente", f"GM000{region}", group["ant"].sum()))
        rows += [count_row("gemeente", f"GM000{region}", r.ant, "hovedint", r.hovedint)
                 for r in group.itertuples()]
    table, units = counts(rows)
    rules = rules_with(tmp_path, min_n=4, rounding_base=1, protection_width=1)
    protected = protect(table, units, rules, {})
    published = protected.table
    ours = {(code[-1], category) for code, category in
            published.loc[published["status"] == "primair", ["region_code", "category"]].itertuples(index=False)}
    theirs = {(c["region"], c["hovedint"]) for c in expected["suppressed_cells"] if c["kind"] == "primary"}
    assert ours == theirs
    assert protected.audit.ok and all(f.width >= 1 for f in protected.audit.findings)
    assert recheck(protected, units, rules).ok


@st.composite
def hierarchical_counts(draw):
    """totaal > 2-3 gemeenten > 1-3 wijken, with a breakdown of 2-3 categories; cells
    drawn at the wijk x category level and summed upwards, so every relation holds."""
    categories = [f"c{i}" for i in range(draw(st.integers(2, 3)))]
    cells = {}
    for g in range(draw(st.integers(2, 3))):
        for w in range(draw(st.integers(1, 3))):
            for category in categories:
                cells[(f"GM000{g}", f"WK000{g}0{w}", category)] = draw(st.integers(0, 40))
    rows = []
    sums: dict[tuple, int] = {}
    for (gemeente, wijk, category), value in cells.items():
        for key in (("wijk", wijk, category), ("wijk", wijk, ""), ("gemeente", gemeente, category),
                    ("gemeente", gemeente, ""), ("totaal", "totaal", category), ("totaal", "totaal", "")):
            sums[key] = sums.get(key, 0) + value
    for (level, code, category), value in sums.items():
        rows.append(count_row(level, code, value, "k" if category else "", category))
    return frame(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchical_counts())
def test_random_hierarchical_tables_are_protected(table):
    rules = load_rules()
    units = pd.Series(["aantal"] * len(table))
    protected = protect(table, units, rules, {})
    published = protected.table
    shown = published["status"] == "afgerond"
    assert (published.loc[shown, "value"] >= rules.min_n).all()
    assert (published.loc[shown, "value"] % rules.rounding_base == 0).all()
    assert (table.loc[published["status"] == "primair", "n"] < rules.min_n).all()
    assert (table.loc[shown, "n"] >= rules.min_n).all()
    assert protected.audit.ok
    assert recheck(protected, units, rules).ok


def test_worker_processes_give_the_same_release_as_one_process():
    # Tables are independent, so spreading them over two processes must not change a
    # thing: the same pattern, reasons, audit findings and recheck. Two indicators
    # linked by their denominator (laag_inkomen_personen ~ langdurig_...) over three
    # years make six tables.
    rows = []
    for year in (2020, 2021, 2022):
        for indicator, numerators in (("laag_inkomen_personen", (60, 30, 30)),
                                      ("langdurig_laag_inkomen_personen", (33, 3, 30))):
            total, first, second = numerators
            rows += [share_row("totaal", "totaal", total, 500, indicator=indicator, year=year),
                     share_row("gemeente", "GM0001", first, 200, indicator=indicator, year=year),
                     share_row("gemeente", "GM0002", second, 300, indicator=indicator, year=year)]
    table = frame(rows)
    units = pd.Series(["aandeel"] * len(table))
    rules = load_rules()
    alone = protect(table, units, rules, {}, workers=1)
    spread = protect(table, units, rules, {}, workers=2)
    pd.testing.assert_frame_equal(alone.table, spread.table)
    assert alone.audit.findings == spread.audit.findings and spread.audit.ok
    # Per year: langdurig GM0001 (3) is primary, GM0002 its partner in the totaal
    # relation; laag_inkomen_personen stays published, so both denominators are known.
    # A range 10-15 % for langdurig GM0002 would put its numerator in [30, 45] and
    # GM0001's in [0, 3]: withdrawn, the cell stays empty.
    assert (spread.table["status"] == "secundair").sum() == 3
    assert (spread.table["status"] == "primair").sum() == 3
    assert set(spread.table.loc[spread.table["status"] == "secundair", "region_code"]) == {"GM0002"}
    assert (spread.table.loc[spread.table["indicator"] == "laag_inkomen_personen", "status"] == "afgerond").all()
    assert alone.exceptions == spread.exceptions
