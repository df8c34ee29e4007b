"""Primary suppression: the rules each cell must pass on its own.

A row of the results table is one published cell. Its reasons for primary suppression
(codes, joined with ','):

- ``n``: fewer than ``min_n`` persons or households behind it;
- ``noemer``: a share whose denominator is below ``min_n``;
- ``teller``: a share whose numerator is below ``min_n_share_sides``;
- ``rest``: a share whose denominator minus numerator is below ``min_n_share_sides``
  (nearly everyone counted: publishing it discloses the few who are not);
- ``model``: a model-like value (slope, rank, Gini, ratio, amount) with n below
  ``min_n_model``.

Unknown counts (null) are not tested: an unknown figure is not published as a number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from armoedemonitor.disclosure.rules import ADDITIVE_UNITS, SHARE_UNIT, Rules


def primary_reasons(results: pd.DataFrame, units: pd.Series, rules: Rules) -> pd.Series:
    """Per row the primary-suppression reason codes ('' when the row passes)."""
    n = results["n"].astype("float64")
    numerator = results["numerator"].astype("float64")
    denominator = results["denominator"].astype("float64")
    is_share = (units == SHARE_UNIT).to_numpy()
    is_model = (~units.isin(ADDITIVE_UNITS)).to_numpy()
    checks = {
        "n": (n < rules.min_n).to_numpy(),
        "noemer": is_share & (denominator < rules.min_n).to_numpy(),
        "teller": is_share & (numerator < rules.min_n_share_sides).to_numpy(),
        "rest": is_share & ((denominator - numerator) < rules.min_n_share_sides).to_numpy(),
        "model": is_model & (n < rules.min_n_model).to_numpy(),
    }
    reasons = np.full(len(results), "", dtype=object)
    for code, failed in checks.items():
        reasons = np.where(failed, np.where(reasons == "", code, reasons + "," + code), reasons)
    return pd.Series(reasons, index=results.index, name="primary")


# What the release says about a primary cell: coarse on purpose, since the release is
# public. Saying "denominator minus numerator below 10" would tell the reader that nearly
# everyone in that area is poor; "one side of the share" does not say which side.
PUBLIC_REASON = {"n": "klein", "noemer": "klein", "teller": "aandeel", "rest": "aandeel", "model": "model"}
PUBLIC_REASON_TEXT = {
    "klein": "minder dan {min_n} personen of huishoudens",
    "aandeel": "teller of noemer min teller kleiner dan {min_n_share_sides}",
    "model": "modelcijfer met minder dan {min_n_model} personen of huishoudens",
}


def public_reasons(codes: str) -> str:
    """The published reason codes for a row's primary codes, e.g. 'teller,rest' -> 'aandeel'."""
    found = {PUBLIC_REASON[code] for code in codes.split(",") if code}
    return ",".join(reason for reason in PUBLIC_REASON_TEXT if reason in found)

