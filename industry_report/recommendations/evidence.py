"""The evidence of stage 4: this year's survey problem map and IDI gaps, joined per candidate.

Evidence joined per candidate (all from the same report year):
  * survey problem: p = weighted share of enterprises rating the problem a major or very severe
    obstacle, with its confidence interval (survey_problem_prevalence.csv, total row; fraction);
  * cited cause: of the causes the candidate's instrument addresses, the root cause of the problem
    with the largest reach this year, r = its reach (survey_root_causes.csv; fraction); a cause the
    instrument does not address is never cited;
  * IDI gap: for the candidate's IDI questions q (on its legal acts), points lost
    L = Σ_q (max − c_q) and points max M = Σ_q max over the applicable questions (idi_questions.csv,
    baseline ternary mapping; max = the mapping's favourable value), the gap share g = L / M, and
    the IDI points lost Σ_q (max − c_q) / (n · S_max,m(q)) (what the IDI would gain if those
    questions became favourable; n blocks, S_max,m from idi.csv), as in the IDI gap register;
  * the key indicator (I01..I16) the expected result is measured on: the first of the indicators
    the instrument addresses that stage 1 publishes from real statistics (status real, derived or
    proxy) for a year at most ``max_indicator_lag`` years before the report year; none when no such
    value exists (an indicator with no data is never cited).

Priority score (per cent of enterprises, 0..100):

    priority = 100 × p × r

i.e. the share of enterprises for which the problem is a major obstacle, times the share of them
whose named causes trace back to the cited cause. The IDI gap is a condition (the legal part of a
measure needs unused legal room on its acts), not a factor of the priority.

A candidate that addresses the top root cause of its problem (rank 1 in survey_root_causes.csv) is
dropped only for a reason about that cause: the IDI condition and the cap on the number selected
(:mod:`.selection`) do not apply to it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.validation import read_csv
from industry_report.indicators.catalogue import INDICATOR_VALUES_SCHEMA

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


def read_evidence(prevalence, roots, idi_questions, idi_blocks, indicators) -> dict[str, pd.DataFrame]:
    return {
        "prevalence": read_csv(prevalence, PREVALENCE_SCHEMA),
        "roots": read_csv(roots, ROOTS_SCHEMA),
        "idi_questions": read_csv(idi_questions, IDI_QUESTIONS_SCHEMA),
        "idi_blocks": read_csv(idi_blocks, IDI_BLOCKS_SCHEMA),
        "indicators": read_csv(indicators, INDICATOR_VALUES_SCHEMA),
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


# Statuses of a stage 1 value a recommendation may cite: published or computed from published
# series. An estimate alone is not evidence for a measure's expected result.
CITABLE_STATUSES = ("real", "derived", "proxy")


def indicator_availability(values: pd.DataFrame, year: int, max_lag: int) -> dict[str, dict]:
    """Per key indicator: its latest citable value up to ``year`` (year, value, unit, status), its
    age in years (``lag``) and whether it is recent enough to be cited under the default condition
    (``available``: lag ≤ max_lag; a candidate with its own ``max_indicator_lag`` uses ``lag``).
    An indicator with no citable value has year, value and lag None and is not available."""
    v = values[(values["year"] <= year) & values["value"].notna() & values["status"].isin(CITABLE_STATUSES)]
    out = {}
    for ind in sorted(set(values["indicator_id"])):
        rows = v[v["indicator_id"] == ind].sort_values("year")
        if rows.empty:
            out[ind] = {
                "year": None,
                "value": None,
                "unit": None,
                "status": None,
                "lag": None,
                "available": False,
            }
            continue
        last = rows.iloc[-1]
        out[ind] = {
            "year": int(last["year"]),
            "value": float(last["value"]),
            "unit": None if pd.isna(last["unit"]) else str(last["unit"]),
            "status": str(last["status"]),
            "lag": year - int(last["year"]),
            "available": year - int(last["year"]) <= max_lag,
        }
    return out


def recent(indicators: dict[str, dict], ind: str, max_lag: int) -> bool:
    """Whether indicator ``ind`` has a citable value at most ``max_lag`` years old."""
    lag = indicators.get(ind, {}).get("lag")
    return lag is not None and lag <= max_lag


def _cited_cause(c: dict, roots: pd.DataFrame):
    """The root-cause row of the candidate's problem it cites: the largest reach among the causes
    it addresses (ties: the order of ``addresses.causes``); None when it addresses no root cause
    with a published reach. Also the problem's top root causes (rank 1)."""
    rows = roots[(roots["problem"] == c["problem"]) & roots["est"].notna()]
    top = sorted(rows.loc[rows["est"] == rows["est"].max(), "root_cause"]) if not rows.empty else []
    mine = rows[rows["root_cause"].isin(c["causes"])]
    if mine.empty:
        return None, top
    order = {x: i for i, x in enumerate(c["causes"])}
    mine = mine.assign(_o=mine["root_cause"].map(order)).sort_values(
        ["est", "_o"], ascending=[False, True], kind="mergesort"
    )
    return mine.iloc[0], top


def evidence_matrix(
    candidates: list[dict],
    prevalence: pd.DataFrame,
    roots: pd.DataFrame,
    gaps: pd.DataFrame,
    indicators: dict[str, dict],
) -> pd.DataFrame:
    """One row per candidate with its evidence, priority, conditions met and failed.

    ``gaps``: :func:`question_gaps`; ``indicators``: :func:`indicator_availability`. Missing survey
    evidence (a problem without a published total prevalence, no cause the instrument addresses
    among the problem's root causes with a published reach) fails the candidate with the condition
    ``evidence``. ``protected`` marks a candidate that addresses a top root cause of its problem:
    the IDI condition does not apply to it (``idi_waived`` when it would have failed).
    """
    tot = prevalence[(prevalence["dimension"] == "total") & (prevalence["domain"] == "total")]
    tot = tot.set_index("problem")
    rows = []
    for c in candidates:
        p = tot.loc[c["problem"]] if c["problem"] in tot.index else None
        r, top = _cited_cause(c, roots)
        protected = bool(set(top) & set(c["causes"]))
        qs = [q for q in c["questions"] if q in gaps.index]
        g = gaps.loc[qs] if qs else gaps.iloc[0:0]
        pts_max, pts_lost = float(g["points_max"].sum()), float(g["points_lost"].sum())
        lost_q = [q for q in qs if g.loc[q, "points_lost"] > 1e-12]
        lost_acts = list(dict.fromkeys(g.loc[lost_q, "act"])) if lost_q else []
        prev = num(p["est"]) if p is not None else None
        rch = num(r["est"]) if r is not None else None
        share = pts_lost / pts_max if pts_max > 0 else None
        prio = 100.0 * prev * rch if None not in (prev, rch) else None
        cond = c["conditions"]
        cited_ind = next(
            (i for i in c["indicators"] if recent(indicators, i, cond["max_indicator_lag"])), None
        )
        failed = []
        if prev is None or rch is None:
            failed.append("evidence")
        if prev is not None and prev < cond["min_prevalence"]:
            failed.append("min_prevalence")
        if rch is not None and rch < cond["min_reach"]:
            failed.append("min_reach")
        idi_short = bool(c["acts"]) and pts_lost < cond["min_idi_points_lost"] - 1e-12
        if idi_short and not protected:
            failed.append("min_idi_points_lost")
        rows.append(
            {
                "id": c["id"],
                "problem": c["problem"],
                "prevalence": prev,
                "prevalence_lci": num(p["lci"]) if p is not None else None,
                "prevalence_uci": num(p["uci"]) if p is not None else None,
                "root_cause": r["root_cause"] if r is not None else "",
                "reach": rch,
                "reach_lci": num(r["lci"]) if r is not None else None,
                "reach_uci": num(r["uci"]) if r is not None else None,
                "top_root_causes": " ".join(top),
                "protected": protected,
                "idi_waived": idi_short and protected,
                "acts": " ".join(c["acts"]),
                "questions": " ".join(c["questions"]),
                "acts_losing": " ".join(lost_acts),
                "questions_losing": " ".join(lost_q),
                "idi_points_max": pts_max,
                "idi_points_lost": pts_lost,
                "idi_gap_share": share,
                "idi_index_points_lost": float(g["idi_points_lost"].sum()),
                "indicator": cited_ind or "",
                "indicators_not_cited": " ".join(i for i in c["indicators"] if i != cited_ind),
                "body": c["bodies"][0]["en"],
                "priority": prio,
                "failed": " ".join(failed),
                **{k: v for k, v in cond.items()},
            }
        )
    return pd.DataFrame(rows)


def check_links(ranked: pd.DataFrame, candidates: list[dict], indicators: dict[str, dict]) -> None:
    """Every selected recommendation cites only evidence its instrument addresses: its cause is one
    of ``addresses.causes``, its indicator one of ``addresses.indicators`` and available, its IDI
    acts among its ``acts``; and no candidate addressing a top root cause of its problem was dropped
    for a reason that is not about that cause. Raises ValueError naming the recommendation."""
    by_id = {c["id"]: c for c in candidates}
    faults = []
    for r in ranked.itertuples():
        c = by_id[r.id]
        if r.selected:
            if r.root_cause not in c["causes"]:
                faults.append(
                    f"{r.id} cites the cause {r.root_cause!r}, which its instrument does not address"
                )
            lag = c["conditions"]["max_indicator_lag"]
            if r.indicator and (
                r.indicator not in c["indicators"] or not recent(indicators, r.indicator, lag)
            ):
                faults.append(f"{r.id} cites the indicator {r.indicator!r}, not addressed or not available")
            if set(r.acts_losing.split()) - set(c["acts"]):
                faults.append(f"{r.id} cites IDI acts outside its 'acts'")
        elif r.protected and set(r.failed.split()) - CAUSE_REASONS:
            faults.append(f"{r.id} addresses the top root cause but was dropped for {r.failed!r}")
    if faults:
        raise ValueError("; ".join(faults))


# The reasons for leaving a candidate out that are about its problem and cited cause (and the
# editors' own decision, which is theirs to make).
CAUSE_REASONS = {"evidence", "min_prevalence", "min_reach", "editorial"}
