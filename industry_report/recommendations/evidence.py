"""The evidence of stage 4: this year's survey problem map and IDI gaps, joined per candidate.

Evidence joined per candidate (all from the same report year):
  * survey problem: p = weighted share of enterprises rating the problem a major or very severe
    obstacle, with its confidence interval (survey_problem_prevalence.csv, total row; fraction);
  * root cause: r = root-cause reach, the weighted share of the enterprises that named causes of the
    problem whose causes trace back to the root cause (survey_root_causes.csv; fraction);
  * IDI gap: for the candidate's IDI questions q (on its legal acts), points lost
    L = Σ_q (max − c_q) and points max M = Σ_q max over the applicable questions (idi_questions.csv,
    baseline ternary mapping; max = the mapping's favourable value), the gap share g = L / M, and
    the IDI points lost Σ_q (max − c_q) / (n · S_max,m(q)) (what the IDI would gain if those
    questions became favourable; n blocks, S_max,m from idi.csv), as in the IDI gap register;
  * the key indicator (I01..I16) the measure should move, and the responsible body.

Priority score (dimensionless, 0..100):

    priority = 100 × p × r × g

i.e. how widespread the problem is, times how much of it the root cause explains, times how much of
the legal room for improvement on the named acts is still unused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.validation import read_csv

_FRACTION = pa.Check.in_range(0, 1)


def _other(*names: str) -> dict:
    """Columns the stage writes that this stage does not use (read as text, may be empty)."""
    return {n: pa.Column(object, nullable=True) for n in names}


# The estimate columns every survey table carries (a share with its 95% interval and sample size).
_ESTIMATE = {
    "est": pa.Column(float, _FRACTION, nullable=True),
    "lci": pa.Column(float, _FRACTION, nullable=True),
    "uci": pa.Column(float, _FRACTION, nullable=True),
    "n": pa.Column(int, pa.Check.ge(0)),
}
PREVALENCE_SCHEMA = pa.DataFrameSchema(
    {
        "problem": pa.Column(str),
        "dimension": pa.Column(str),
        "domain": pa.Column(str),
        **_ESTIMATE,
        **_other("stage", "se", "cv", "n_eff", "df", "suppressed", "quality"),
    },
    strict=False,
    coerce=True,
)
ROOTS_SCHEMA = pa.DataFrameSchema(
    {
        "problem": pa.Column(str),
        "root_cause": pa.Column(str),
        **_ESTIMATE,
        **_other(
            "rank", "tie", "reached", "links_supported", "se", "cv", "n_eff", "df", "suppressed", "quality"
        ),
    },
    strict=False,
    coerce=True,
)
IDI_QUESTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int),
        "question": pa.Column(str),
        "block": pa.Column(str),
        "act": pa.Column(str),
        "na": pa.Column(str, pa.Check.isin(["True", "False", "true", "false"])),
        "code": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
        **_other("n_experts", "n_na", "w_favourable", "w_partial", "w_unfavourable"),
    },
    strict=False,
    coerce=True,
)
IDI_BLOCKS_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int),
        "block": pa.Column(str),
        "s_max": pa.Column(float, pa.Check.ge(0), nullable=True),  # empty on the IDI total row
        **_other("s_fact", "d"),
    },
    strict=False,
    coerce=True,
)


def read_evidence(prevalence, roots, idi_questions, idi_blocks) -> dict[str, pd.DataFrame]:
    return {
        "prevalence": read_csv(prevalence, PREVALENCE_SCHEMA),
        "roots": read_csv(roots, ROOTS_SCHEMA),
        "idi_questions": read_csv(idi_questions, IDI_QUESTIONS_SCHEMA),
        "idi_blocks": read_csv(idi_blocks, IDI_BLOCKS_SCHEMA),
    }


def question_gaps(
    idi_questions: pd.DataFrame, idi_blocks: pd.DataFrame, year: int, max_points: float = 1.0
) -> pd.DataFrame:
    """Per IDI question of ``year``: points lost (max − c_q), points max, IDI points lost.

    Non-applicable questions have 0 points max and 0 lost. IDI points lost =
    (max − c_q) / (n · S_max,m), n = blocks with S_max > 0 in the year (as the IDI gap register).
    """
    q = idi_questions[idi_questions["year"] == year].copy()
    if q.empty:
        raise ValueError(f"the IDI question table has no rows for {year}")
    b = idi_blocks[(idi_blocks["year"] == year) & (idi_blocks["s_max"] > 0)].set_index("block")["s_max"]
    n = len(b)
    code = q["code"].astype("float64")
    applicable = ~q["na"].astype(str).str.lower().eq("true") & code.notna()
    q["points_max"] = np.where(applicable, max_points, 0.0)
    q["points_lost"] = np.where(applicable, max_points - code.fillna(0.0), 0.0)
    q["idi_points_lost"] = q["points_lost"] / (n * q["block"].map(b).astype(float))
    q.loc[~applicable, "idi_points_lost"] = 0.0
    return q.set_index("question")[["block", "act", "code", "points_max", "points_lost", "idi_points_lost"]]


def num(x):
    """A JSON-safe float (None for missing or not finite)."""
    return None if x is None or (isinstance(x, float) and not np.isfinite(x)) or pd.isna(x) else float(x)


def evidence_matrix(
    candidates: list[dict], prevalence: pd.DataFrame, roots: pd.DataFrame, gaps: pd.DataFrame
) -> pd.DataFrame:
    """One row per candidate with its evidence, priority, conditions met and failed.

    ``gaps``: :func:`question_gaps`. Missing evidence (a problem without a published total
    prevalence, a root cause without a published reach, no applicable IDI question) fails the
    candidate with the condition ``evidence``.
    """
    tot = prevalence[(prevalence["dimension"] == "total") & (prevalence["domain"] == "total")]
    tot = tot.set_index("problem")
    rts = roots.set_index(["problem", "root_cause"])
    rows = []
    for c in candidates:
        p = tot.loc[c["problem"]] if c["problem"] in tot.index else None
        r = rts.loc[(c["problem"], c["root_cause"])] if (c["problem"], c["root_cause"]) in rts.index else None
        qs = [q for q in c["questions"] if q in gaps.index]
        g = gaps.loc[qs] if qs else gaps.iloc[0:0]
        pts_max, pts_lost = float(g["points_max"].sum()), float(g["points_lost"].sum())
        lost_q = [q for q in qs if g.loc[q, "points_lost"] > 1e-12]
        lost_acts = list(dict.fromkeys(g.loc[lost_q, "act"])) if lost_q else []
        prev = num(p["est"]) if p is not None else None
        rch = num(r["est"]) if r is not None else None
        share = pts_lost / pts_max if pts_max > 0 else None
        prio = 100.0 * prev * rch * share if None not in (prev, rch, share) else None
        cond = c["conditions"]
        failed = []
        if prev is None or rch is None or share is None:
            failed.append("evidence")
        if prev is not None and prev < cond["min_prevalence"]:
            failed.append("min_prevalence")
        if rch is not None and rch < cond["min_reach"]:
            failed.append("min_reach")
        if pts_lost < cond["min_idi_points_lost"] - 1e-12:
            failed.append("min_idi_points_lost")
        rows.append(
            {
                "id": c["id"],
                "problem": c["problem"],
                "prevalence": prev,
                "prevalence_lci": num(p["lci"]) if p is not None else None,
                "prevalence_uci": num(p["uci"]) if p is not None else None,
                "root_cause": c["root_cause"],
                "reach": rch,
                "reach_lci": num(r["lci"]) if r is not None else None,
                "reach_uci": num(r["uci"]) if r is not None else None,
                "acts": " ".join(c["acts"]),
                "questions": " ".join(c["questions"]),
                "acts_losing": " ".join(lost_acts),
                "questions_losing": " ".join(lost_q),
                "idi_points_max": pts_max,
                "idi_points_lost": pts_lost,
                "idi_gap_share": share,
                "idi_index_points_lost": float(g["idi_points_lost"].sum()),
                "indicator": c["indicator"],
                "body": c["body"]["en"],
                "priority": prio,
                "failed": " ".join(failed),
                **{k: v for k, v in cond.items()},
            }
        )
    return pd.DataFrame(rows)
