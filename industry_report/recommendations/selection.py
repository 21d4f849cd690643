"""Selecting and ranking this year's recommendations (paragraph 12 of Order No. 260): stage 4.

Candidates come from config/recommendations.yaml (:mod:`.candidates`), their evidence and priority
from :mod:`.evidence`. A candidate is selected when its conditions hold (p ≥ min_prevalence,
r ≥ min_reach, L ≥ min_idi_points_lost unless it addresses the top root cause of its problem,
evidence present); the selected ones are ranked by priority (ties: higher p, then id) and capped at
`max_selected`, the cap never cutting a candidate that addresses a top root cause. Editors decide last
(:mod:`.editorial`); the executive summary and chapter 8 both read the result, so they always agree.
"""

from __future__ import annotations

import pandas as pd


def select_and_rank(matrix: pd.DataFrame, max_selected: int | None = None) -> pd.DataFrame:
    """Add ``selected`` and ``rank`` (1 = highest priority) to the evidence matrix.

    Candidates that meet every condition are sorted by priority (descending), then prevalence
    (descending), then id. Those addressing a top root cause of their problem (``protected``) are
    all selected; the others fill the places left up to ``max_selected`` (all when None). The rest
    keep ``rank`` empty; a candidate cut by the cap gets the failed condition ``max_selected``.
    """
    m = matrix.copy()
    ok = m["failed"] == ""
    order = (
        m[ok]
        .sort_values(["priority", "prevalence", "id"], ascending=[False, False, True], kind="mergesort")
        .index
    )
    if max_selected is None:
        keep = list(order)
    else:
        first = {i for i in order if m.at[i, "protected"]}
        room = max(max_selected - len(first), 0)
        others = [i for i in order if i not in first][:room]
        keep = [i for i in order if i in first or i in others]
    cut = [i for i in order if i not in keep]
    m["selected"] = False
    m.loc[keep, "selected"] = True
    m.loc[cut, "failed"] = "max_selected"
    return numbered(m, keep)


def numbered(m: pd.DataFrame, keep) -> pd.DataFrame:
    """Rank the rows ``keep`` (index labels, best first) 1..k, the rest empty; ranked rows first."""
    m["rank"] = pd.array([pd.NA] * len(m), dtype="Int64")
    m.loc[keep, "rank"] = range(1, len(keep) + 1)
    return m.sort_values(["rank", "id"], na_position="last", kind="mergesort").reset_index(drop=True)


MATRIX_COLUMNS = [
    "rank",
    "id",
    "problem",
    "prevalence",
    "prevalence_lci",
    "prevalence_uci",
    "root_cause",
    "reach",
    "reach_lci",
    "reach_uci",
    "top_root_causes",
    "protected",
    "questions_losing",
    "acts_losing",
    "idi_points_lost",
    "idi_points_max",
    "idi_gap_share",
    "idi_index_points_lost",
    "indicator",
    "idi_waived",
    "body",
    "priority",
]


def traceability_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The traceability matrix: one row per selected recommendation, in rank order."""
    return ranked[ranked["selected"]][MATRIX_COLUMNS].reset_index(drop=True)
