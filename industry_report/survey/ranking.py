"""Rankings with their uncertainty: rank intervals from pairwise comparisons over design replicates.

Replicates: the Rao-Wu rescaling bootstrap for a stratified single-stage design. In each variance
stratum h with n_h ≥ 2 respondents, n_h - 1 respondents are drawn with replacement; respondent i,
drawn m_i times, gets the replicate weight w_i · m_i · n_h / (n_h - 1) (no finite-population
correction: slightly conservative). Every item (a problem's share, a risk's mean score) is
re-estimated in each replicate as a weighted mean over its respondents.

Rank intervals (Mogstad, Romano, Shaikh and Wilhelm, "Inference for ranks", Review of Economic
Studies, 2024, marginal intervals): the percentiles of replicate ranks are unreliable exactly when
items are close (Hall and Miller, 2009), so ranks are inferred from the differences. For item j and
every other item i, the difference d_ij = est_i - est_j has the replicate standard error se_ij; c_j is
the ``level`` quantile over replicates of max_i |d*_ij - d_ij| / se_ij (one critical value for all
comparisons of j, so they hold together). i is ahead of j when d_ij > c_j · se_ij, behind when
d_ij < -c_j · se_ij. Then rank_lo = 1 + (items ahead), rank_hi = p - (items behind), and the interval
covers j's true rank with probability ``level``. Two items with equal answers (se_ij = 0, d_ij = 0)
are never ordered: ties are ties, in the point rank too (equal estimates share the better rank).

The problems that get a root-cause analysis (:func:`could_be_top`) are those whose interval reaches
the top ``k`` (rank_lo ≤ k): a problem is left out only when at least ``k`` problems are
significantly more widespread than it, so a noise-level difference can never leave it out, and
problems tied at the boundary are in or out together.
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


def point_ranks(est: np.ndarray) -> np.ndarray:
    """1 + the number of items with a strictly larger estimate: equal estimates share a rank."""
    est = np.asarray(est, float)
    return 1 + (est[None, :] > est[:, None]).sum(axis=1)


def pairwise_rank_intervals(est: np.ndarray, rep: np.ndarray, level: float = 0.95) -> pd.DataFrame:
    """rank, rank_lo, rank_hi of items with estimates ``est`` (p,) and replicate estimates ``rep``
    (draws, p), by the pairwise rule of the module docstring."""
    est, rep = np.asarray(est, float), np.asarray(rep, float)
    p = len(est)
    d = est[:, None] - est[None, :]  # d[i, j] = est_i - est_j
    d_rep = rep[:, :, None] - rep[:, None, :]
    se = d_rep.std(axis=0, ddof=1)  # replicate variance about the replicates' mean, as R's survey
    dev = d_rep - d[None]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, np.abs(dev) / se, 0.0)  # se = 0: an item against itself or its twin
        z = np.where(se > 0, d / se, np.sign(d) * np.inf)  # a difference no replicate disturbs is sure
    off = ~np.eye(p, dtype=bool)
    z = np.where(off, np.nan_to_num(z, nan=0.0), 0.0)
    lo, hi = np.empty(p, int), np.empty(p, int)
    for j in range(p):
        others = off[:, j]
        c = float(np.quantile(t[:, others, j].max(axis=1), level, method="higher")) if p > 1 else 0.0
        lo[j] = 1 + int((z[others, j] > c).sum())
        hi[j] = p - int((z[others, j] < -c).sum())
    return pd.DataFrame({"rank": point_ranks(est), "rank_lo": lo, "rank_hi": hi})


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
    return pd.concat(
        [pd.DataFrame({"item": items, "est": est}), pairwise_rank_intervals(est, rep, level)], axis=1
    )


def tied_with_first(ranks: pd.DataFrame) -> list[str]:
    """Items whose rank interval includes 1: the data do not tell which of them is first."""
    return list(
        ranks.loc[ranks["rank_lo"] <= 1].sort_values(["rank", "est"], ascending=[True, False])["item"]
    )


def could_be_top(ranks: pd.DataFrame, k: int) -> list[str]:
    """Items whose rank interval reaches the top k (rank_lo ≤ k), in order of the estimate: those
    fewer than k items are significantly ahead of."""
    sel = ranks.loc[ranks["rank_lo"] <= k]
    return list(sel.sort_values(["rank", "est"], ascending=[True, False], kind="stable")["item"])
