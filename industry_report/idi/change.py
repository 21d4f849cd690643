"""Explaining the IDI's change between two years, and the gap register.

Change between two years is decomposed exactly: D_m = Σ_q c_q / S_max,m, so the contribution of
question q to ΔIDI is c_q,t / (n_t S_max,m,t) − c_q,t−1 / (n_t−1 S_max,m,t−1) (a non-applicable
question contributes 0); the contributions sum to ΔIDI. The gap register gives, per legal act, the
points lost (Σ (max − c_q)) and the IDI points lost ((max − c_q) / (n S_max,m)), i.e. what the IDI
would gain if every question on the act were favourable, other things equal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from industry_report.idi.codebook import Codebook
from industry_report.idi.scoring import YearScore, question_codes, score_blocks


def _idi_share(combined: pd.DataFrame, blocks: list[str], mapping: dict[str, float]) -> pd.Series:
    """Each question's share of the IDI: c_q / (n · S_max,m) (0 if N/A); they sum to the IDI."""
    b = score_blocks(combined, blocks, mapping).set_index("block")
    n = int(b["d"].notna().sum())
    code = question_codes(combined, mapping).fillna(0.0)
    smax = combined["block"].map(b["s_max"])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(smax > 0, code / (n * smax), 0.0)
    return pd.Series(share, index=combined["question"].to_numpy())


def explain_change(
    prev: YearScore, curr: YearScore, codebook: Codebook, mapping: dict[str, float] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per question and per legal act: contribution to IDI_t − IDI_t−1 (sums exactly to the change).

    Question rows: question, block, act, code_prev, code, contribution, reason ('answer' if the
    code moved, 'applicability' if N/A status changed, 'weight' if only the block's S_max moved).
    """
    m = mapping or codebook.ternary
    sp = _idi_share(prev.combined, codebook.blocks, m)
    sc = _idi_share(curr.combined, codebook.blocks, m)
    cp = question_codes(prev.combined, m).to_numpy()
    cc = question_codes(curr.combined, m).to_numpy()
    q = curr.combined[["question", "block", "act"]].copy()
    q["code_prev"], q["code"] = cp, cc
    q["contribution"] = sc.to_numpy() - sp.reindex(q["question"]).to_numpy()
    na_moved = np.isnan(cp) != np.isnan(cc)
    moved = ~na_moved & ~np.isclose(np.nan_to_num(cp, nan=-1), np.nan_to_num(cc, nan=-1))
    q["reason"] = np.select(
        [na_moved, moved, ~np.isclose(q["contribution"], 0)], ["applicability", "answer", "weight"], "none"
    )
    q["year_prev"], q["year"] = prev.year, curr.year
    q = q.sort_values("contribution", key=np.abs, ascending=False, kind="stable")
    acts = (
        q.groupby("act")
        .agg(
            contribution=("contribution", "sum"),
            n_moved=("reason", lambda r: int((r.isin(["answer", "applicability"])).sum())),
            questions=(
                "question",
                lambda s: " ".join(s[q.loc[s.index, "reason"].isin(["answer", "applicability"])]),
            ),
        )
        .reset_index()
    )
    acts = acts.sort_values("contribution", key=np.abs, ascending=False, kind="stable")
    return q.reset_index(drop=True), acts.reset_index(drop=True)


def gap_register(
    score: YearScore, codebook: Codebook, mapping: dict[str, float] | None = None
) -> pd.DataFrame:
    """Points lost per legal act in one year, highest first (the basis of stage 4's recommendations).

    points_lost = Σ (max − c_q) over the act's applicable questions; idi_points_lost = the IDI gain
    if all of them were favourable, block maxima unchanged; questions = the ids losing points.
    """
    m = mapping or codebook.ternary
    vmax = max(m.values())
    comb = score.combined
    b = score.blocks.set_index("block")
    n = int(b["d"].notna().sum())
    code = question_codes(comb, m)
    lost = (vmax - code).where(~comb["na"].astype(bool), 0.0)
    smax = comb["block"].map(b["s_max"])
    idi_lost = np.where(smax > 0, lost / (n * smax), 0.0)
    df = pd.DataFrame(
        {
            "act": comb["act"],
            "question": comb["question"],
            "lost": lost.to_numpy(),
            "idi_lost": idi_lost,
            "applicable": ~comb["na"].astype(bool),
        }
    )
    reg = (
        df.groupby("act", sort=False)
        .agg(
            n_questions=("applicable", "sum"),
            points_lost=("lost", "sum"),
            idi_points_lost=("idi_lost", "sum"),
            questions=("question", lambda s: " ".join(s[df.loc[s.index, "lost"] > 1e-12])),
        )
        .reset_index()
    )
    reg["points_max"] = reg["n_questions"] * vmax
    reg["share_lost"] = np.where(reg["points_max"] > 0, reg["points_lost"] / reg["points_max"], np.nan)
    reg = reg[reg["points_lost"] > 1e-12].sort_values(
        ["idi_points_lost", "points_lost"], ascending=False, kind="stable"
    )
    reg.insert(0, "rank", range(1, len(reg) + 1))
    reg.insert(1, "year", score.year)
    return reg.reset_index(drop=True)
