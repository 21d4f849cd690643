"""Disclosure control for published survey tables.

Rule (documented; a linear-programming audit in the manner of tau-ARGUS / sdcTable, with scipy):

1. Primary suppression: a cell (an estimate for a domain) based on fewer than ``min_n`` responding
   enterprises (default 3) is not published ("primary"). A share of exactly 0 or 1 in a domain of
   fewer than ``attribute_n`` respondents (default 10) tells every respondent's answer: it is not
   published either ("attribute").
2. Audit: the cells of one *group* (the domains of one breakdown of one variable, e.g. the 17 regions
   for one problem) partition the population and the overall estimate is published, so
   Σ_d W_d · p_d = W · p_total, W_d the domain's weighted population. For each protected cell the
   attacker's feasible interval of p_d is computed by linear programming (``scipy.optimize.linprog``:
   minimise and maximise p_d subject to that equation, the published cells fixed, every suppressed
   share in [0, 1]). The cell is protected when the interval is at least ``protection`` wide
   (default 0.5: the attacker cannot narrow the share to less than half of the unit range).
3. Secondary suppression by cost: while a protected cell fails the audit, the unsuppressed cell of
   its group with the least cost (its respondents n: the information lost) among those whose
   suppression makes the failing cell pass is suppressed ("secondary"); when no single cell is
   enough, the cell with the largest W_d (the most room it opens) is added and the audit repeated.

Suppressed cells keep their n (a count of respondents, not an enterprise attribute) and lose est,
se, lci, uci, cv; ``suppressed`` says "primary", "attribute", "secondary" or "".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linprog

VALUE_COLUMNS = ("est", "se", "lci", "uci", "cv")
PROTECTED = ("primary", "attribute")
ATTRIBUTE_N, PROTECTION = 10, 0.5  # defaults of suppress(), printed by chapter 05
# Published shares (fractions) keep 3 decimals, 0.1 percentage point: with some 450 respondents a
# share's standard error is 2-2.5 points, so a further digit is noise, and the 6-16 digits of an
# unrounded estimate would let the published margins narrow a suppressed cell (issue 12).
SHARE_DECIMALS = 3
ROUNDED_COLUMNS = ("est", "lci", "uci")


def round_for_publication(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its shares and their interval bounds rounded to :data:`SHARE_DECIMALS`."""
    return table.round({c: SHARE_DECIMALS for c in ROUNDED_COLUMNS if c in table.columns})


def feasible_interval(
    weights: np.ndarray, values: np.ndarray, hidden: np.ndarray, cell: int
) -> tuple[float, float]:
    """Bounds an attacker gets for the share of ``cell`` from the published cells (``~hidden``), the
    published total Σ W_d p_d and 0 ≤ p ≤ 1 for the hidden cells."""
    idx = np.flatnonzero(hidden)
    rhs = float(weights @ values) - float(weights[~hidden] @ values[~hidden])
    a_eq = weights[idx][None, :]
    c = np.zeros(len(idx))
    c[list(idx).index(cell)] = 1.0
    lo = linprog(c, A_eq=a_eq, b_eq=[rhs], bounds=[(0, 1)] * len(idx), method="highs")
    hi = linprog(-c, A_eq=a_eq, b_eq=[rhs], bounds=[(0, 1)] * len(idx), method="highs")
    return float(lo.fun), float(-hi.fun)


def _failing(weights, values, hidden, protected, protection) -> list[int]:
    out = []
    for i in np.flatnonzero(protected):
        lo, hi = feasible_interval(weights, values, hidden, i)
        if hi - lo < protection - 1e-9:
            out.append(i)
    return out


def suppress(
    table: pd.DataFrame,
    group_cols: list[str],
    min_n: int = 3,
    n_col: str = "n",
    value_cols=VALUE_COLUMNS,
    weight_col: str = "w_sum",
    attribute_n: int = ATTRIBUTE_N,
    protection: float = PROTECTION,
) -> pd.DataFrame:
    """Apply primary, attribute and audited secondary suppression; ``group_cols`` identify the
    partitions. ``weight_col`` (the domain's weighted population) falls back to n when absent."""
    out = table.copy()
    est = out["est"].astype(float) if "est" in out.columns else pd.Series(np.nan, index=out.index)
    flag = np.where(out[n_col] < min_n, "primary", "")
    bound = (est.isin([0.0, 1.0])) & (out[n_col] < attribute_n) & (flag == "")
    out["suppressed"] = np.where(bound, "attribute", flag)
    weights_all = out[weight_col].astype(float) if weight_col in out.columns else out[n_col].astype(float)
    for _, grp in out.groupby(group_cols, sort=False, dropna=False):
        part = grp.index[est.loc[grp.index].notna().to_numpy()]
        if len(part) < 2 or not out.loc[part, "suppressed"].isin(PROTECTED).any():
            continue
        w = weights_all.loc[part].to_numpy()
        v = est.loc[part].to_numpy()
        hidden = (out.loc[part, "suppressed"] != "").to_numpy().copy()
        protected = out.loc[part, "suppressed"].isin(PROTECTED).to_numpy()
        n = out.loc[part, n_col].to_numpy()
        while _failing(w, v, hidden, protected, protection) and not hidden.all():
            free = np.flatnonzero(~hidden)
            passing = [
                j
                for j in free
                if not _failing(w, v, hidden | (np.arange(len(part)) == j), protected, protection)
            ]
            pick = min(passing, key=lambda j: (n[j], j)) if passing else max(free, key=lambda j: (w[j], -j))
            hidden[pick] = True
            out.loc[part[pick], "suppressed"] = "secondary"
    for c in value_cols:
        if c in out.columns:
            out[c] = out[c].astype(float)
            out.loc[out["suppressed"] != "", c] = np.nan
    return out
