"""Rankings with their uncertainty: rank intervals from a bootstrap over the design.

Replicates: the Rao-Wu rescaling bootstrap for a stratified single-stage design. In each variance
stratum h with n_h ≥ 2 respondents, n_h - 1 respondents are drawn with replacement; respondent i,
drawn m_i times, gets the replicate weight w_i · m_i · n_h / (n_h - 1) (no finite-population
correction: slightly conservative). For each replicate every item (a problem's share, a risk's
mean score) is re-estimated as a weighted mean over its respondents and the items are ranked
(1 = highest). The rank interval is the 2.5th..97.5th percentile of an item's replicate ranks.

Two items whose rank intervals overlap are not ordered by the data: they are reported as tied.
The problems that get a root-cause analysis are those whose rank interval reaches the top ``k``
(its lower end ≤ k): a rule that a noise-level difference cannot decide.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DRAWS, SEED = 500, 20250  # bootstrap replicates of the rank intervals and their seed


def replicate_weights(data: pd.DataFrame, draws: int, seed: int) -> np.ndarray:
    """(draws, n) Rao-Wu bootstrap weights of the respondents in ``data`` (w_final, var_stratum)."""
    rng = np.random.default_rng(seed)
    w = data["w_final"].to_numpy(float)
    out = np.tile(w, (draws, 1))
    for _, idx in data.groupby("var_stratum").indices.items():
        nh = len(idx)
        if nh < 2:
            continue
        picks = rng.integers(0, nh, size=(draws, nh - 1))
        counts = np.zeros((draws, nh))
        np.add.at(counts, (np.arange(draws)[:, None], picks), 1)
        out[:, idx] = w[idx] * counts * nh / (nh - 1)
    return out


def rank_intervals(
    data: pd.DataFrame, items: list[str], draws: int = 500, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """item, est, rank, rank_lo, rank_hi for the weighted means of ``items`` (NaN = not answered)."""
    rw = replicate_weights(data, draws, seed)
    y = data[items].to_numpy(float)
    ok = ~np.isnan(y)
    y0 = np.where(ok, y, 0.0)
    w = data["w_final"].to_numpy(float)
    est = (w @ y0) / (w @ ok)
    rep = (rw @ y0) / np.maximum(rw @ ok, 1e-300)  # (draws, items)
    ranks = (-rep).argsort(axis=1).argsort(axis=1) + 1
    a = (1 - level) / 2
    out = pd.DataFrame(
        {
            "item": items,
            "est": est,
            "rank": (-est).argsort().argsort() + 1,
            "rank_lo": np.floor(np.quantile(ranks, a, axis=0, method="lower")).astype(int),
            "rank_hi": np.ceil(np.quantile(ranks, 1 - a, axis=0, method="higher")).astype(int),
        }
    )
    return out


def tied_with_first(ranks: pd.DataFrame) -> list[str]:
    """Items whose rank interval includes 1: the data do not tell which of them is first."""
    return list(ranks.loc[ranks["rank_lo"] <= 1].sort_values("rank")["item"])


def reaching_top(ranks: pd.DataFrame, k: int) -> list[str]:
    """Items whose rank interval reaches the top k (rank_lo ≤ k), in order of the estimate."""
    return list(ranks.loc[ranks["rank_lo"] <= k].sort_values("rank")["item"])
