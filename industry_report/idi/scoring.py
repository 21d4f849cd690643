"""Industrial Development Index (IDI): combining experts, scoring, expert agreement.

Method (paragraph 11 of Order No. 260). Experts answer the codebook's questions about normative
legal acts (config/idi_codebook.yaml, read by :mod:`industry_report.idi.codebook`; answers by
:mod:`industry_report.idi.answers`). Each answer is an option with a ternary class (favourable,
partial, unfavourable) or "not applicable" (N/A, where the question allows it). The ternary
mapping turns a class into points (default 1 / 0.5 / 0). Then, for block m:

    S_fact,m = Σ_q c_q            over the applicable questions q of block m
    S_max,m  = Σ_q max(mapping)   over the same questions
    D_m      = S_fact,m / S_max,m                  (0 ≤ D_m ≤ 1, dimensionless)
    IDI      = (1/n) Σ_m D_m                       (n = blocks with at least one applicable question)

N/A removes a question from both sums. A missing answer is never a zero: by default it is an
error; with ``missing="skip"`` the question is combined over the experts who did answer it (and if
nobody did, it is left out like N/A and reported).

Combining experts (one code per question and year). A question is N/A when a strict majority of
its answering experts say N/A; otherwise the substantive answers are combined:
  * ``median`` (default): classes are ordered unfavourable < partial < favourable; with an odd
    number of answers the middle class counts, with an even number the two middle classes count
    half each (so two experts saying "favourable" and "partial" give (1 + 0.5) / 2 = 0.75);
  * ``mean``: every answer counts equally.
Either way the combined code is linear in the mapping: c_q = Σ_k a_qk · v_k, where a_qk is the
weight of class k. The weights ("composition") are stored, so the sensitivity analysis can re-score
any mapping without re-reading answers. The median's composition does not depend on the mapping as
long as the mapping keeps the order favourable ≥ partial ≥ unfavourable (checked).

Agreement between experts: Krippendorff's alpha (ordinal metric) over the expert × question matrix
of codes, N/A and missing answers as missing values.

The change between two years and the gap register: :mod:`industry_report.idi.change`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from industry_report.core.errors import ConfigError, InputError
from industry_report.idi.answers import read_answers
from industry_report.idi.codebook import CLASSES, Codebook

_ORDER = {"unfavourable": 0, "partial": 1, "favourable": 2}


def combine_answers(answers: pd.DataFrame, codebook: Codebook, rule: str = "median") -> pd.DataFrame:
    """One row per codebook question: its N/A status and the class weights of the combined code.

    Columns: question, block, act, n_experts (answers given), n_na, na (bool), w_favourable,
    w_partial, w_unfavourable (sum 1 unless na), unanswered (bool: nobody answered).
    """
    if rule not in ("median", "mean"):
        raise ConfigError(f"idi expert combination rule: expected 'median' or 'mean', found {rule!r}")
    by_q = answers.groupby("question")["class"].apply(list).to_dict()
    rows = []
    for r in codebook.questions.itertuples():
        cls = by_q.get(r.question, [])
        n_na = sum(c == "na" for c in cls)
        subst = sorted((c for c in cls if c != "na"), key=_ORDER.get)
        w = dict.fromkeys(CLASSES, 0.0)
        na = (not cls) or n_na * 2 > len(cls) or not subst
        if not na:
            if rule == "mean":
                for c in subst:
                    w[c] += 1.0 / len(subst)
            else:
                k = len(subst)
                if k % 2:
                    w[subst[k // 2]] += 1.0
                else:
                    w[subst[k // 2 - 1]] += 0.5
                    w[subst[k // 2]] += 0.5
        rows.append(
            {
                "question": r.question,
                "block": r.block,
                "act": r.act,
                "n_experts": len(cls),
                "n_na": n_na,
                "na": bool(na),
                "unanswered": not cls,
                **{f"w_{c}": w[c] for c in CLASSES},
            }
        )
    return pd.DataFrame(rows)


def question_codes(combined: pd.DataFrame, mapping: dict[str, float]) -> pd.Series:
    """Combined code c_q under a mapping (NaN where the question is N/A)."""
    v = {c: float(mapping[c]) for c in CLASSES}
    code = sum(combined[f"w_{c}"] * v[c] for c in CLASSES)
    return code.where(~combined["na"].astype(bool))


def score_blocks(combined: pd.DataFrame, blocks: list[str], mapping: dict[str, float]) -> pd.DataFrame:
    """S_fact, S_max and D per block (in ``blocks`` order). D is NaN when no question applies."""
    vmax = max(float(mapping[c]) for c in CLASSES)
    code = question_codes(combined, mapping)
    applicable = ~combined["na"].astype(bool)
    df = pd.DataFrame(
        {
            "block": combined["block"],
            "fact": code.fillna(0.0),
            "max": applicable * vmax,
            "n_q": 1,
            "n_na": (~applicable).astype(int),
        }
    )
    g = df.groupby("block").sum().reindex(blocks)
    out = pd.DataFrame(
        {
            "block": blocks,
            "s_fact": g["fact"].to_numpy(float),
            "s_max": g["max"].to_numpy(float),
            "n_questions": g["n_q"].to_numpy(int),
            "n_na": g["n_na"].to_numpy(int),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["d"] = np.where(out["s_max"] > 0, out["s_fact"] / out["s_max"], np.nan)
    return out


def idi_from_blocks(d: pd.Series | np.ndarray) -> float:
    """IDI = (1/n) Σ D_m over the blocks that have at least one applicable question."""
    d = np.asarray(d, float)
    ok = ~np.isnan(d)
    if not ok.any():
        raise InputError("IDI answers", "no block has an applicable question: the IDI is undefined")
    return float(d[ok].mean())


def krippendorff_alpha(
    answers: pd.DataFrame, codebook: Codebook, mapping: dict[str, float] | None = None
) -> float:
    """Krippendorff's alpha (ordinal) of the expert × question codes; NaN if it is undefined."""
    import krippendorff

    m = mapping or codebook.ternary
    vals = answers.assign(code=answers["class"].map(lambda c: np.nan if c == "na" else m[c]))
    mat = vals.pivot_table(index="expert", columns="question", values="code", aggfunc="first")
    mat = mat.reindex(columns=codebook.questions["question"])
    data = mat.to_numpy(float)
    if data.shape[0] < 2:
        return float("nan")
    paired = (~np.isnan(data)).sum(axis=0) >= 2
    values = np.unique(data[:, paired][~np.isnan(data[:, paired])])
    if len(values) < 2:
        return float("nan")  # no variation: alpha is undefined
    return float(
        krippendorff.alpha(
            reliability_data=data,
            level_of_measurement="ordinal",
            value_domain=sorted({float(m[c]) for c in CLASSES}),
        )
    )


@dataclass
class YearScore:
    year: int
    combined: pd.DataFrame
    blocks: pd.DataFrame
    idi: float
    alpha: float
    n_experts: int
    share_unanimous: float


def score_year(
    year: int,
    answers: pd.DataFrame,
    codebook: Codebook,
    *,
    rule: str = "median",
    mapping: dict[str, float] | None = None,
) -> YearScore:
    m = mapping or codebook.ternary
    comb = combine_answers(answers, codebook, rule)
    blocks = score_blocks(comb, codebook.blocks, m)
    per_q = answers.groupby("question")["class"].nunique()
    return YearScore(
        year=year,
        combined=comb,
        blocks=blocks,
        idi=idi_from_blocks(blocks["d"]),
        alpha=krippendorff_alpha(answers, codebook, m),
        n_experts=int(answers["expert"].nunique()),
        share_unanimous=float((per_q == 1).mean()),
    )


def idi_table(scores: list[YearScore]) -> pd.DataFrame:
    """``year,block,s_fact,s_max,d`` per block, plus a row per year with block 'IDI' (d = the IDI)."""
    parts = []
    for s in scores:
        b = s.blocks[["block", "s_fact", "s_max", "d"]].copy()
        b.insert(0, "year", s.year)
        idi_row = pd.DataFrame(
            [{"year": s.year, "block": "IDI", "s_fact": np.nan, "s_max": np.nan, "d": s.idi}]
        )
        parts += [b, idi_row]
    return pd.concat(parts, ignore_index=True)


def questions_table(
    scores: list[YearScore], codebook: Codebook, mapping: dict[str, float] | None = None
) -> pd.DataFrame:
    """Every question's combined code per year (code empty where N/A), with the class weights."""
    m = mapping or codebook.ternary
    parts = []
    for s in scores:
        c = s.combined.copy()
        c.insert(0, "year", s.year)
        c["code"] = question_codes(s.combined, m)
        parts.append(c)
    out = pd.concat(parts, ignore_index=True)
    return out[
        [
            "year",
            "question",
            "block",
            "act",
            "n_experts",
            "n_na",
            "na",
            "code",
            "w_favourable",
            "w_partial",
            "w_unfavourable",
        ]
    ]


def agreement_table(scores: list[YearScore]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "year": s.year,
                "n_experts": s.n_experts,
                "alpha": s.alpha,
                "share_unanimous": s.share_unanimous,
                "idi": s.idi,
            }
            for s in scores
        ]
    )


def score_files(
    paths: list[str | Path],
    years: list[int],
    codebook: Codebook,
    *,
    rule: str = "median",
    missing: str = "error",
) -> list[YearScore]:
    """Read and score one answers file per year (``paths`` and ``years`` in the same order)."""
    if len(paths) != len(years):
        raise ConfigError(f"idi: {len(paths)} answers files for {len(years)} years")
    if list(years) != list(range(years[0], years[0] + len(years))):
        raise ConfigError(f"idi: expected consecutive years, found {years}")
    return [
        score_year(int(y), read_answers(p, codebook, missing=missing, year=int(y)), codebook, rule=rule)
        for p, y in zip(paths, years)
    ]
