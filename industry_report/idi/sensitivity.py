"""Sensitivity and uncertainty of the IDI, in the manner of the JRC COINr package.

Every year's combined answers are reduced to one array F[y, m, k]: the sum over block m's applicable
questions of the weight of ternary class k (k = favourable, partial, unfavourable), and a count
A[y, m] of applicable questions. For a mapping v (3 values) S_fact = F·v, S_max = A·max(v) and
D = S_fact / S_max, so any mapping, block weighting or aggregation is a few array operations.

Scenarios (each compared with the baseline of Order No. 260: default mapping, equal block weights,
arithmetic mean):
  * other ternary mappings (named in config);
  * weights per question instead of per block: IDI = Σ_m S_fact,m / Σ_m S_max,m;
  * geometric aggregation: IDI = (Π_m max(D_m, ε))^(1/n), ε = 0.01 so one empty block does not
    zero the index;
  * leaving one block out (n − 1 blocks).

Monte Carlo (vectorised, in chunks of draws): the partial-answer value ~ U(lo, hi) (favourable 1 and
unfavourable 0 kept), and block weights w_m = 1 + U(−a, a), normalised to sum 1 (COINr's default
noise on weights is ±25 %). For every draw the IDI of every year and its change from the previous
year are computed; the output gives the 5th, 50th and 95th percentiles and the share of draws in
which the change is positive. Units: IDI points (0–1 scale).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from industry_report.idi.codebook import CLASSES
from industry_report.idi.scoring import YearScore

GEO_EPS = 0.01


def stack_years(scores: list[YearScore], blocks: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """F (years × blocks × 3 classes) and A (years × blocks) from the scored years."""
    F = np.zeros((len(scores), len(blocks), len(CLASSES)))
    A = np.zeros((len(scores), len(blocks)))
    idx = {b: i for i, b in enumerate(blocks)}
    for y, s in enumerate(scores):
        c = s.combined
        ok = ~c["na"].astype(bool).to_numpy()
        bi = c["block"].map(idx).to_numpy()
        for k, cls in enumerate(CLASSES):
            np.add.at(F[y, :, k], bi[ok], c[f"w_{cls}"].to_numpy(float)[ok])
        np.add.at(A[y], bi[ok], 1.0)
    return F, A, [s.year for s in scores]


def idi_batch(
    F: np.ndarray,
    A: np.ndarray,
    V: np.ndarray,
    W: np.ndarray | None = None,
    aggregation: str = "arithmetic",
    per_question: bool = False,
) -> np.ndarray:
    """IDI for D draws: V (D × 3) mappings, W (D × blocks) weights (None = equal). Returns D × years."""
    V = np.atleast_2d(V)
    fact = np.einsum("ymk,dk->dym", F, V)  # D × Y × M
    smax = A[None, :, :] * V.max(axis=1)[:, None, None]  # D × Y × M
    valid = smax > 0
    if per_question:
        return fact.sum(axis=2) / smax.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(valid, fact / np.where(valid, smax, 1.0), 0.0)
    w = np.ones((V.shape[0], F.shape[1])) if W is None else np.atleast_2d(W)
    w = w[:, None, :] * valid  # D × Y × M, 0 for empty blocks
    wsum = w.sum(axis=2)
    if aggregation == "arithmetic":
        return (w * d).sum(axis=2) / wsum
    if aggregation == "geometric":
        return np.exp((w * np.log(np.maximum(d, GEO_EPS))).sum(axis=2) / wsum)
    raise ValueError(f"unknown aggregation {aggregation!r}")


def scenarios(
    F: np.ndarray,
    A: np.ndarray,
    years: list[int],
    blocks: list[str],
    base_mapping: dict[str, float],
    alt_mappings: dict[str, dict[str, float]],
) -> pd.DataFrame:
    """The IDI per scenario in the last two years, its change, and its shift from the baseline."""
    v0 = np.array([base_mapping[c] for c in CLASSES])
    rows = [("baseline", "baseline", "", idi_batch(F, A, v0)[0])]
    for name, m in alt_mappings.items():
        rows.append(("mapping", name, "", idi_batch(F, A, np.array([m[c] for c in CLASSES]))[0]))
    rows.append(("weights", "per_question", "", idi_batch(F, A, v0, per_question=True)[0]))
    rows.append(("aggregation", "geometric", "", idi_batch(F, A, v0, aggregation="geometric")[0]))
    for i, b in enumerate(blocks):
        w = np.ones(len(blocks))
        w[i] = 0.0
        rows.append(("leave_one_out", f"without_{b}", b, idi_batch(F, A, v0, W=w)[0]))
    base = rows[0][3]
    out = []
    for kind, name, block, series in rows:
        out.append(
            {
                "scenario": name,
                "kind": kind,
                "block": block,
                "idi": series[-1],
                "idi_prev": series[-2] if len(series) > 1 else np.nan,
                "change": series[-1] - series[-2] if len(series) > 1 else np.nan,
                "shift": series[-1] - base[-1],
                "change_shift": (
                    (series[-1] - series[-2]) - (base[-1] - base[-2]) if len(series) > 1 else np.nan
                ),
            }
        )
    return pd.DataFrame(out)


# Draws per chunk of the Monte Carlo: the temporaries of idi_batch are about six chunk × years × blocks
# arrays, so memory stays bounded (tens of MB) however many draws are asked for.
MC_CHUNK = 20_000


def monte_carlo(
    F: np.ndarray,
    A: np.ndarray,
    years: list[int],
    *,
    draws: int,
    seed: int,
    partial_range: tuple[float, float] = (0.25, 0.75),
    weight_noise: float = 0.25,
    base_mapping: dict[str, float] | None = None,
    chunk: int = MC_CHUNK,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Percentiles of the IDI and of its year-on-year change over random mappings and weights.

    Computed ``chunk`` draws at a time. The random stream is the one of drawing everything at once
    (all partial values first, then the weights row after row, which a generator yields identically
    in consecutive pieces), so the result does not depend on ``chunk``.
    Returns (table with one row per year, the draws × years IDI array).
    """
    rng = np.random.default_rng(seed)
    base = base_mapping or {"favourable": 1.0, "partial": 0.5, "unfavourable": 0.0}
    partial = rng.uniform(partial_range[0], partial_range[1], draws)
    idi = np.empty((draws, len(years)))
    for lo in range(0, draws, chunk):
        hi = min(lo + chunk, draws)
        V = np.empty((hi - lo, 3))
        V[:, 0] = base["favourable"]
        V[:, 1] = partial[lo:hi]
        V[:, 2] = base["unfavourable"]
        W = 1.0 + rng.uniform(-weight_noise, weight_noise, (hi - lo, F.shape[1]))
        W /= W.sum(axis=1, keepdims=True)
        idi[lo:hi] = idi_batch(F, A, V, W)  # draws × years
    rows = []
    for j, y in enumerate(years):
        q = np.percentile(idi[:, j], [5, 50, 95])
        row = {"year": y, "idi_p05": q[0], "idi_p50": q[1], "idi_p95": q[2], "idi_mean": idi[:, j].mean()}
        if j:
            change = idi[:, j] - idi[:, j - 1]
            c = np.percentile(change, [5, 50, 95])
            row.update(change_p05=c[0], change_p50=c[1], change_p95=c[2], share_up=float((change > 0).mean()))
        else:
            row.update(change_p05=np.nan, change_p50=np.nan, change_p95=np.nan, share_up=np.nan)
        rows.append(row)
    return pd.DataFrame(rows), idi
