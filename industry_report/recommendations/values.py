"""The report values of stage 4 (the Jinja2 namespace ``recommendations``): raw numbers, the
chapter formats them. The executive summary and chapter 8 both read them."""

from __future__ import annotations

import pandas as pd

from industry_report.recommendations.candidates import CONDITIONS
from industry_report.recommendations.evidence import num

# The evidence column each condition is checked on.
_OBSERVED = {"min_prevalence": "prevalence", "min_reach": "reach", "min_idi_points_lost": "idi_points_lost"}


def build_values(
    ranked: pd.DataFrame,
    candidates: list[dict],
    *,
    year: int,
    defaults: dict,
    max_selected: int | None,
    names: dict,
    demo_survey: bool,
    demo_idi: bool,
    reword: dict | None = None,
) -> dict:
    """The Jinja2 namespace ``recommendations`` (raw numbers; the chapter formats them).

    ``names``: {"problem": {id: kk}, "cause": {id: kk}, "act": {id: short kk}, "indicator": {id: kk}}.
    ``reword``: the editors' Kazakh wording {id: {"title"?: str, "text"?: str}} (load_editorial).
    """
    by_id = {c["id"]: c for c in candidates}
    reword = reword or {}

    def record(r) -> dict:
        c = by_id[r["id"]]
        new = reword.get(r["id"], {})
        return {
            "id": r["id"],
            "title": new.get("title", c["title"]["kk"]),
            "text": new.get("text", c["text"]["kk"]),
            "reworded": bool(new),
            "body": c["body"]["kk"],
            "body_short": c["body"].get("short_kk") or c["body"]["kk"],
            "problem_id": r["problem"],
            "problem": names["problem"][r["problem"]],
            "prevalence": num(r["prevalence"]),
            "prevalence_lci": num(r["prevalence_lci"]),
            "prevalence_uci": num(r["prevalence_uci"]),
            "root_cause_id": r["root_cause"],
            "root_cause": names["cause"][r["root_cause"]],
            "reach": num(r["reach"]),
            "reach_lci": num(r["reach_lci"]),
            "reach_uci": num(r["reach_uci"]),
            "acts": "; ".join(names["act"][a] for a in r["acts"].split()),
            "acts_losing": "; ".join(names["act"][a] for a in r["acts_losing"].split()),
            "questions": ", ".join(r["questions"].split()),
            "questions_losing": ", ".join(r["questions_losing"].split()) or "–",
            "idi_points_lost": num(r["idi_points_lost"]),
            "idi_points_max": num(r["idi_points_max"]),
            "idi_gap_share": num(r["idi_gap_share"]),
            "idi_index_points_lost": num(r["idi_index_points_lost"]),
            "indicator_id": r["indicator"],
            "indicator": names["indicator"][r["indicator"]],
            "priority": num(r["priority"]),
            "failed": [
                {
                    "condition": f,
                    "threshold": num(r[f]) if f in CONDITIONS else None,
                    "value": num(r[_OBSERVED[f]]) if f in CONDITIONS else None,
                }
                for f in r["failed"].split()
            ],
        }

    sel = [record(r) for _, r in ranked[ranked["selected"]].iterrows()]
    for i, rec in enumerate(sel, start=1):
        rec["rank"] = i
    rest = [record(r) for _, r in ranked[~ranked["selected"]].sort_values("id").iterrows()]
    return {
        "year": int(year),
        "demo_survey": bool(demo_survey),
        "demo_idi": bool(demo_idi),
        "demo": bool(demo_survey or demo_idi),
        "n_candidates": len(candidates),
        "n_selected": len(sel),
        "n_not_selected": len(rest),
        "max_selected": max_selected,
        "conditions": dict(defaults),
        "selected": sel,
        "not_selected": rest,
        "top": sel[:3],
        "_units": {
            "conditions.min_prevalence": "fraction",
            "conditions.min_reach": "fraction",
            "conditions.min_idi_points_lost": "IDI points",
        },
    }
