"""The report values of stage 4 (the Jinja2 namespace ``recommendations``): raw numbers, the
chapter formats them. The executive summary and chapter 8 both read them."""

from __future__ import annotations

import pandas as pd

from industry_report.recommendations.evidence import num, recent

# The evidence column each condition is checked on.
_OBSERVED = {"min_prevalence": "prevalence", "min_reach": "reach", "min_idi_points_lost": "idi_points_lost"}


def _numbers(ids: str, number: dict) -> str:
    """Space-separated IDI question ids as their printed numbers in codebook order ("3.1, 8.2")."""
    nums = sorted((number[q] for q in ids.split()), key=lambda n: tuple(map(int, n.split("."))))
    return ", ".join(nums)


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
    indicators: dict,
    key_table: list[dict],
    reword: dict | None = None,
) -> dict:
    """The Jinja2 namespace ``recommendations`` (raw numbers; the chapter formats them).

    ``names``: {"problem": {id: kk}, "cause": {id: kk}, "act": {id: short kk}, "indicator": {id: kk},
    "question": {IDI question id: its printed number "block.question"}}.
    ``indicators``: evidence.indicator_availability; ``key_table``: the rows of stage 1's key
    indicator table (values ``indicators.key_table``), whose displayed latest value is the baseline
    of an expected result when it is the cited year's value.
    ``reword``: the editors' Kazakh wording {id: {"title"?: str, "text"?: str}} (load_editorial).
    """
    by_id = {c["id"]: c for c in candidates}
    reword = reword or {}
    shown = {k["id"]: k for k in key_table}

    def baseline(ind: str) -> dict | None:
        if not ind:
            return None
        a, k = indicators[ind], shown.get(ind)
        same = k is not None and k.get("value") is not None and k.get("year") == a["year"]
        return {
            "id": ind,
            "name": names["indicator"][ind],
            "year": a["year"],
            "status": a["status"],
            "value": num(k["value"]) if same else None,
            "unit": k.get("unit") if same else None,
            "decimals": int(k.get("decimals", 1)) if same else None,
        }

    def record(r) -> dict:
        c = by_id[r["id"]]
        new = reword.get(r["id"], {})
        lead = c["bodies"][0]
        return {
            "id": r["id"],
            "title": new.get("title", c["title"]["kk"]),
            "text": new.get("text", c["text"]["kk"]),
            "reworded": bool(new),
            "body": lead["kk"],
            "body_short": lead["short_kk"],
            "bodies": [b["kk"] for b in c["bodies"]],
            "bodies_short": [b["short_kk"] for b in c["bodies"]],
            "form": c["action"]["form"]["kk"],
            "deadline_year": int(year) + int(c["action"]["deadline"]["year_offset"]),
            "deadline_month": int(c["action"]["deadline"]["month"]),
            "result": c["action"]["result"]["kk"],
            "protected": bool(r["protected"]),
            "idi_waived": bool(r["idi_waived"]),
            "has_acts": bool(c["acts"]),
            "problem_id": r["problem"],
            "problem": names["problem"][r["problem"]],
            "prevalence": num(r["prevalence"]),
            "prevalence_lci": num(r["prevalence_lci"]),
            "prevalence_uci": num(r["prevalence_uci"]),
            "root_cause_id": r["root_cause"] or None,
            "root_cause": names["cause"][r["root_cause"]] if r["root_cause"] else None,
            "top_root_causes": [names["cause"][x] for x in r["top_root_causes"].split()],
            "reach": num(r["reach"]),
            "reach_lci": num(r["reach_lci"]),
            "reach_uci": num(r["reach_uci"]),
            "acts": "; ".join(names["act"][a] for a in r["acts"].split()) or "–",
            "acts_losing": "; ".join(names["act"][a] for a in r["acts_losing"].split()) or "–",
            "questions": _numbers(r["questions"], names["question"]),
            "questions_losing": _numbers(r["questions_losing"], names["question"]) or "–",
            "idi_points_lost": num(r["idi_points_lost"]),
            "idi_points_max": num(r["idi_points_max"]),
            "idi_gap_share": num(r["idi_gap_share"]),
            "idi_index_points_lost": num(r["idi_index_points_lost"]),
            "indicator_id": r["indicator"] or None,
            "indicator": names["indicator"][r["indicator"]] if r["indicator"] else None,
            "baseline": baseline(r["indicator"]),
            # the indicators it addresses that have no recent real value (a gap): never cited
            "indicators_unavailable": [
                {"id": i, "name": names["indicator"][i], "year": indicators.get(i, {}).get("year")}
                for i in r["indicators_not_cited"].split()
                if not recent(indicators, i, int(r["max_indicator_lag"]))
            ],
            "priority": num(r["priority"]),
            "failed": [
                {
                    "condition": f,
                    "threshold": num(r[f]) if f in _OBSERVED else None,
                    "value": num(r[_OBSERVED[f]]) if f in _OBSERVED else None,
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
            "conditions.max_indicator_lag": "years",
        },
    }
