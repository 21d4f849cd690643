"""The IDI's uncertainty from its experts: leave-one-expert-out, a bootstrap over experts, and the
index of the constant panel.

The Monte Carlo of :mod:`industry_report.idi.sensitivity` varies block weights and the value of a
partial answer; it says nothing about who answered. With 3-4 experts a year, one expert can move
the index by more than its annual change, and a panel that changes between years changes the index
by itself. For each year:

* leave-one-out: the IDI recomputed without each expert in turn (same combination rule); the
  largest shift and the expert behind it;
* bootstrap: panels of the same size drawn from the year's experts with replacement (an expert
  drawn twice counts twice in the median), the 5th and 95th percentiles of the IDI. With k experts
  there are only C(2k-1, k) distinct panels (35 for 4), so the bootstrap distribution is computed
  exactly: each distinct panel once, weighted by its multinomial probability k!/(Π m_e!)/k^k;
* constant panel: the IDI from the experts who answered in every year only, beside the full index,
  and ``panel_changed`` where the year's experts differ from the previous year's.

Everything is recomputed with :func:`industry_report.idi.scoring.score_year`, so it is the same
index, only from other experts.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd

from industry_report.idi.codebook import Codebook
from industry_report.idi.scoring import combine_answers, idi_from_blocks, score_blocks

COLUMNS = [
    "year",
    "n_experts",
    "experts",
    "panel_changed",
    "idi",
    "idi_constant_panel",
    "loo_min",
    "loo_max",
    "loo_max_shift",
    "loo_expert",
    "boot_p05",
    "boot_p95",
    "change",
    "change_constant_panel",
]


def _idi(answers: pd.DataFrame, codebook: Codebook, rule: str) -> float:
    """The IDI of these answers, as score_year computes it (without the agreement statistics)."""
    comb = combine_answers(answers, codebook, rule)
    return idi_from_blocks(score_blocks(comb, codebook.blocks, codebook.ternary)["d"])


def leave_one_out(answers: pd.DataFrame, codebook: Codebook, rule: str = "median") -> dict[str, float]:
    """Expert id -> the IDI without that expert (needs at least two experts)."""
    experts = sorted(answers["expert"].unique())
    if len(experts) < 2:
        return {}
    return {e: _idi(answers[answers["expert"] != e], codebook, rule) for e in experts}


def bootstrap(
    answers: pd.DataFrame, codebook: Codebook, rule: str = "median"
) -> tuple[np.ndarray, np.ndarray]:
    """The exact bootstrap distribution over experts: (IDI of each distinct panel, its probability)."""
    experts = sorted(answers["expert"].unique())
    k = len(experts)
    by = {e: answers[answers["expert"] == e] for e in experts}
    values, probs = [], []
    for panel in itertools.combinations_with_replacement(experts, k):
        counts = Counter(panel)
        prob = math.factorial(k) / math.prod(math.factorial(m) for m in counts.values()) / k**k
        frame = pd.concat([by[e].assign(expert=f"{e}#{i}") for i, e in enumerate(panel)], ignore_index=True)
        values.append(_idi(frame, codebook, rule))
        probs.append(prob)
    return np.array(values), np.array(probs)


def weighted_quantile(values: np.ndarray, probs: np.ndarray, q: float) -> float:
    """The q-quantile of a discrete distribution (the smallest value whose CDF reaches q)."""
    order = np.argsort(values, kind="stable")
    cdf = np.cumsum(probs[order])
    return float(values[order][np.searchsorted(cdf, q - 1e-12)])


def expert_table(answers: dict[int, pd.DataFrame], codebook: Codebook, rule: str = "median") -> pd.DataFrame:
    """One row per year: :data:`COLUMNS`. ``answers``: year -> that year's answers."""
    years = sorted(answers)
    panels = {y: frozenset(answers[y]["expert"].unique()) for y in years}
    constant = frozenset.intersection(*panels.values()) if panels else frozenset()
    rows = []
    for i, y in enumerate(years):
        a = answers[y]
        full = _idi(a, codebook, rule)
        loo = leave_one_out(a, codebook, rule)
        vals, probs = bootstrap(a, codebook, rule)
        const = _idi(a[a["expert"].isin(constant)], codebook, rule) if constant else float("nan")
        far = max(loo, key=lambda e: (abs(loo[e] - full), e)) if loo else None
        rows.append(
            {
                "year": y,
                "n_experts": len(panels[y]),
                "experts": ";".join(sorted(panels[y])),
                "panel_changed": bool(i > 0 and panels[y] != panels[years[i - 1]]),
                "idi": full,
                "idi_constant_panel": const,
                "loo_min": min(loo.values()) if loo else float("nan"),
                "loo_max": max(loo.values()) if loo else float("nan"),
                "loo_max_shift": loo[far] - full if far else float("nan"),
                "loo_expert": far or "",
                "boot_p05": weighted_quantile(vals, probs, 0.05),
                "boot_p95": weighted_quantile(vals, probs, 0.95),
            }
        )
    out = pd.DataFrame(rows)
    out["change"] = out["idi"].diff()
    out["change_constant_panel"] = out["idi_constant_panel"].diff()
    return out[COLUMNS]


ALPHA_RELIABLE, ALPHA_TENTATIVE = 0.8, 0.667  # Krippendorff (2004): reliable / tentative conclusions


def experts_values(table: pd.DataFrame, agreement: pd.DataFrame, year: int) -> dict:
    """The ``experts`` values of chapter 06: the report year's spread over experts, the panel changes
    and the agreement against Krippendorff's thresholds."""
    t = table.set_index("year")
    r = t.loc[year]
    alpha = agreement.set_index("year")["alpha"]
    change = float(r["change"]) if pd.notna(r["change"]) else None
    return {
        "loo_min": float(r["loo_min"]),
        "loo_max": float(r["loo_max"]),
        "loo_shift": abs(float(r["loo_max_shift"])),
        "loo_over_change": abs(float(r["loo_max_shift"])) / abs(change) if change else None,
        "boot_p05": float(r["boot_p05"]),
        "boot_p95": float(r["boot_p95"]),
        "n_constant": len(set.intersection(*(set(x.split(";")) for x in t["experts"]))),
        "panel_changes": [
            {
                "year": int(y),
                "n_experts": int(row["n_experts"]),
                "change": float(row["change"]),
                "change_constant_panel": float(row["change_constant_panel"]),
                "share_from_panel": (
                    (float(row["change"]) - float(row["change_constant_panel"])) / float(row["change"])
                    if row["change"]
                    else None
                ),
            }
            for y, row in t[t["panel_changed"]].iterrows()
        ],
        "alpha_reliable": ALPHA_RELIABLE,
        "alpha_tentative": ALPHA_TENTATIVE,
        "alpha_low_years": [int(y) for y, a in alpha.items() if a < ALPHA_TENTATIVE],
        "alpha_tentative_years": [int(y) for y, a in alpha.items() if ALPHA_TENTATIVE <= a < ALPHA_RELIABLE],
        "alpha_year": float(alpha.loc[year]),
        "alpha_class": (
            "reliable"
            if alpha.loc[year] >= ALPHA_RELIABLE
            else "tentative"
            if alpha.loc[year] >= ALPHA_TENTATIVE
            else "low"
        ),
    }
