"""Disclosure control for published survey tables.

Rule (documented, in the spirit of official-statistics cell suppression; no pytauargus needed):

1. Primary suppression: a cell (an estimate for a domain) based on fewer than ``min_n`` responding
   enterprises (default 3) is not published.
2. Secondary suppression: cells of one *group* (the domains of one breakdown of one variable, e.g. the
   17 regions for one problem) partition the population, and the overall estimate is published, so a
   single suppressed cell could be recovered from the others and the population weights
   (overall = Σ_d W_d · est_d). Whenever a group has exactly one suppressed cell, the unsuppressed cell
   of that group with the smallest n (ties: first in order) is suppressed too. Two or more suppressed
   cells in a group leave one equation with two unknowns, so nothing more is needed.

Suppressed cells keep their n (a count of respondents, not an enterprise attribute) and lose est,
se, lci, uci, cv; ``suppressed`` says "primary", "secondary" or "".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VALUE_COLUMNS = ("est", "se", "lci", "uci", "cv")


def suppress(
    table: pd.DataFrame, group_cols: list[str], min_n: int = 3, n_col: str = "n", value_cols=VALUE_COLUMNS
) -> pd.DataFrame:
    """Apply primary and secondary suppression; ``group_cols`` identify the partitions."""
    out = table.copy()
    out["suppressed"] = np.where(out[n_col] < min_n, "primary", "")
    for _, grp in out.groupby(group_cols, sort=False, dropna=False):
        part = out.loc[grp.index]
        if len(part) < 2:
            continue
        if (part["suppressed"] == "primary").sum() == 1:
            free = part[part["suppressed"] == ""]
            if len(free):
                out.loc[free[n_col].idxmin(), "suppressed"] = "secondary"
    for c in value_cols:
        if c in out.columns:
            out[c] = out[c].astype(float)
            out.loc[out["suppressed"] != "", c] = np.nan
    return out
