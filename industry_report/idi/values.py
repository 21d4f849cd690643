"""The report values of the IDI (the Jinja2 namespace ``idi``): raw numbers, the chapters format them.

Chapters 06, 07 and annexes 93, 94 print them. :func:`build_values` joins one small part per topic
(index, blocks, agreement, change, gaps, sensitivity, regression, questionnaire); the Kazakh words
that are not in the codebook or the life-cycle file come from config/idi_labels.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from industry_report.core import formatting
from industry_report.core.yaml_input import load_yaml
from industry_report.idi.codebook import CLASSES, Codebook
from industry_report.idi.experts import experts_values
from industry_report.indicators.catalogue import indicator_number


@dataclass(frozen=True)
class IdiTables:
    """The tables this stage's rules wrote (score_idi, compute_idi_sensitivity, compute_idi_regression)."""

    idi: pd.DataFrame
    questions: pd.DataFrame
    agreement: pd.DataFrame
    change_questions: pd.DataFrame
    change_acts: pd.DataFrame
    gaps: pd.DataFrame
    scenarios: pd.DataFrame
    mc: pd.DataFrame
    regression: pd.DataFrame
    experts: pd.DataFrame

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class _Frame:
    """What every part needs: names, the years and the IDI series."""

    codebook: Codebook
    names: dict[str, str]  # block id -> Kazakh name
    act_short: dict[str, str]
    years: list[int]
    ser: pd.Series  # the IDI by year

    @property
    def year(self) -> int:
        return self.years[-1]

    @property
    def prev(self) -> int:
        return self.years[-2]


def load_labels(path: str | Path) -> dict:
    return load_yaml(path, "idi_labels", "IDI labels").data


def _f(x):
    """A JSON-safe float (None for NaN)."""
    return None if x is None or (isinstance(x, float) and np.isnan(x)) or pd.isna(x) else float(x)


def _options_text(codebook: Codebook, qid: str, mapping: dict[str, float]) -> str:
    o = codebook.options[codebook.options["question"] == qid]
    return "; ".join(f"{kk} – {formatting.number(mapping[c], 1, 'kk')}" for kk, c in zip(o["kk"], o["class"]))


def codebook_values(cb: Codebook) -> dict:
    return {
        "codebook": {
            "version": cb.version,
            "as_of": cb.as_of,
            # the day the article references were read, for a Kazakh date in the annex
            "as_of_date": dict(zip(("year", "month", "day"), map(int, cb.as_of.split("-")))),
            "n_questions": int(len(cb.questions)),
            "n_blocks": len(cb.blocks),
            "n_acts": int(len(cb.questions["act"].unique())),
            "n_na_allowed": int(cb.questions["na_allowed"].sum()),
            "legal_acts": cb.legal_acts(),
        },
        "ternary": {c: cb.ternary[c] for c in CLASSES},
    }


def index_values(fr: _Frame) -> dict:
    ser, year, prev, years = fr.ser, fr.year, fr.prev, fr.years
    return {
        "year": year,
        "prev_year": prev,
        "first_year": years[0],
        "n_years": len(years),
        "idi": _f(ser[year]),
        "idi_prev": _f(ser[prev]),
        "change": _f(ser[year] - ser[prev]),
        "change_abs": _f(abs(ser[year] - ser[prev])),
        "idi_first": _f(ser[years[0]]),
        "idi_max": _f(ser.max()),
        "idi_max_year": int(ser.idxmax()),
    }


def block_values(fr: _Frame, t: IdiTables) -> dict:
    blk = t.idi[t.idi["block"] != "IDI"]
    cur = blk[blk["year"] == fr.year].set_index("block")
    old = blk[blk["year"] == fr.prev].set_index("block")
    qy = t.questions[t.questions["year"] == fr.year]
    blocks = [
        {
            "id": b,
            "name": fr.names[b],
            "d": _f(cur.loc[b, "d"]),
            "d_prev": _f(old.loc[b, "d"]),
            "change": _f(cur.loc[b, "d"] - old.loc[b, "d"]),
            "s_fact": _f(cur.loc[b, "s_fact"]),
            "s_max": _f(cur.loc[b, "s_max"]),
            "n_questions": int((fr.codebook.questions["block"] == b).sum()),
            "n_na": int(qy.loc[qy["block"] == b, "na"].astype(bool).sum()),
        }
        for b in fr.codebook.blocks
    ]
    ranked = sorted((b for b in blocks if b["d"] is not None), key=lambda b: b["d"])
    return {
        "blocks": blocks,
        "best_block": ranked[-1],
        "worst_block": ranked[0],
        "n_na": int(qy["na"].astype(bool).sum()),
    }


def agreement_values(fr: _Frame, t: IdiTables) -> dict:
    agr = t.agreement.set_index("year")
    return {
        "n_experts": int(agr.loc[fr.year, "n_experts"]),
        "alpha": _f(agr.loc[fr.year, "alpha"]),
        "alpha_min": _f(t.agreement["alpha"].min()),
        "alpha_max": _f(t.agreement["alpha"].max()),
        "share_unanimous": _f(agr.loc[fr.year, "share_unanimous"]),
    }


def series_values(fr: _Frame, t: IdiTables) -> dict:
    """The IDI by year with its Monte Carlo interval and the experts' agreement."""
    mci, agr, ser = t.mc.set_index("year"), t.agreement.set_index("year"), fr.ser
    return {
        "series": [
            {
                "year": y,
                "idi": _f(ser[y]),
                "p05": _f(mci.loc[y, "idi_p05"]),
                "p95": _f(mci.loc[y, "idi_p95"]),
                "alpha": _f(agr.loc[y, "alpha"]),
                "n_experts": int(agr.loc[y, "n_experts"]),
                "change": _f(ser[y] - ser[y - 1]) if y - 1 in ser.index else None,
            }
            for y in fr.years
        ]
    }


def mc_values(fr: _Frame, t: IdiTables, mc_params: dict) -> dict:
    last = t.mc.set_index("year").loc[fr.year]
    return {
        "mc": {
            "draws": int(mc_params["draws"]),
            "partial_lo": float(mc_params["partial_range"][0]),
            "partial_hi": float(mc_params["partial_range"][1]),
            "weight_noise": float(mc_params["weight_noise"]),
            "idi_p05": _f(last["idi_p05"]),
            "idi_p95": _f(last["idi_p95"]),
            "change_p05": _f(last["change_p05"]),
            "change_p95": _f(last["change_p95"]),
            "share_up": _f(last["share_up"]),
            "change_robust": bool(last["change_p05"] > 0 or last["change_p95"] < 0),
        }
    }


def change_values(fr: _Frame, t: IdiTables, top: int) -> dict:
    """The questions whose answers moved the IDI most, and the change per legal act."""
    qtext = dict(zip(fr.codebook.questions["question"], fr.codebook.questions["kk"]))
    moved = t.change_questions[t.change_questions["reason"].isin(["answer", "applicability"])]
    moved_rows = [
        {
            "question": r.question,
            "text": qtext[r.question],
            "number": fr.codebook.numbers([r.question]),
            "label": f"{fr.codebook.numbers([r.question])}. {qtext[r.question]}",
            "block": fr.names[r.block],
            "act": fr.act_short[r.act],
            "code_prev": _f(r.code_prev),
            "code": _f(r.code),
            "contribution": _f(r.contribution),
        }
        for r in moved.head(top).itertuples()
    ]
    acts = t.change_acts
    acts_rows = [
        {
            "act": fr.act_short[r.act],
            "contribution": _f(r.contribution),
            "n_moved": int(r.n_moved),
            "questions": fr.codebook.numbers(r.questions) if isinstance(r.questions, str) else "",
        }
        for r in acts[acts["n_moved"] > 0].head(top).itertuples()
    ]
    return {
        "moved": moved_rows,
        "n_moved": int(len(moved)),
        "n_moved_up": int((moved["contribution"] > 0).sum()),
        "n_moved_down": int((moved["contribution"] < 0).sum()),
        "change_acts": acts_rows,
    }


def gap_values(fr: _Frame, t: IdiTables, top: int) -> dict:
    rows = [
        {
            "rank": int(r.rank),
            "act": fr.act_short[r.act],
            "n_questions": int(r.n_questions),
            "points_lost": _f(r.points_lost),
            "idi_points_lost": _f(r.idi_points_lost),
            "share_lost": _f(r.share_lost),
            "questions": fr.codebook.numbers(r.questions),
        }
        for r in t.gaps.itertuples()
    ]
    return {"gaps": rows, "gaps_top": rows[: min(top, len(rows))], "gap_top": rows[0] if rows else None}


def sensitivity_values(fr: _Frame, t: IdiTables, mappings: dict, labels: dict) -> dict:
    sc = t.scenarios
    rows = []
    for r in sc.itertuples():
        if r.kind == "leave_one_out":
            label = labels["leave_one_out"].format(block=fr.names[r.block])
        elif r.kind == "mapping":
            m = mappings[r.scenario]
            label = labels["mapping"].format(
                values=" / ".join(formatting.number(m[c], 2, "kk") for c in CLASSES)
            )
        else:
            label = labels["scenario"][r.scenario]
        rows.append(
            {
                "scenario": r.scenario,
                "kind": r.kind,
                "label": label,
                "idi": _f(r.idi),
                "idi_prev": _f(r.idi_prev),
                "change": _f(r.change),
                "shift": _f(r.shift),
            }
        )
    loo = sc[sc["kind"] == "leave_one_out"]
    loo_max = loo.loc[loo["shift"].abs().idxmax()]
    baseline_up = sc.loc[sc.scenario == "baseline", "change"].iloc[0] > 0
    return {
        "sensitivity": rows,
        "loo_max": {"block": fr.names[loo_max["block"]], "shift": _f(loo_max["shift"])},
        "sens_min": _f(sc["idi"].min()),
        "sens_max": _f(sc["idi"].max()),
        "n_sign_flip": int(((sc["change"] > 0) != baseline_up).sum()),
    }


def _demo_indicators(fr: _Frame, status: pd.DataFrame | None) -> list[str]:
    """Indicators that hold demonstration values in the IDI's years."""
    if status is None:
        return []
    st = status[status["year"].astype(int).between(fr.years[0], fr.year)]
    return sorted(st.loc[st["status"] == "demo", "indicator_id"].unique())


def _correlation_row(corr: pd.DataFrame, ind: str, name: str, alpha: float, verdicts: dict) -> dict:
    """One indicator's correlations with the IDI (levels and changes) and what they say."""
    mine = corr[corr.indicator_id == ind]

    def pick(method, transform, col):
        r = mine[(mine.analysis == method) & (mine["transform"] == transform) & (mine["lag"] == 0)]
        return _f(r[col].iloc[0]) if len(r) else None

    row = {"id": ind, "name": name}
    for t in ("level", "diff"):
        row[f"r_{t}"] = pick("pearson", t, "estimate")
        row[f"p_{t}"] = pick("pearson", t, "p_value")
        row[f"p_{t}_bh"] = pick("pearson", t, "p_bh")
        row[f"rho_{t}"] = pick("spearman", t, "estimate")
        row[f"n_{t}"] = pick("pearson", t, "n")
    lagged = mine[(mine.analysis == "pearson") & (mine["transform"] == "diff")]
    best = lagged.loc[lagged["estimate"].abs().idxmax()] if lagged["estimate"].notna().any() else None
    row["best_diff_lag"] = int(best["lag"]) if best is not None else None
    row["best_diff_r"] = _f(best["estimate"]) if best is not None else None
    tr = mine[(mine.analysis == "pearson") & (mine["transform"] == "level") & (mine["lag"] == 0)][
        "trend_only"
    ]
    row["trend_only"] = bool(tr.iloc[0]) if len(tr) else False
    row["verdict"] = (
        verdicts["trend_only"]
        if row["trend_only"]
        else verdicts["diff"]
        if (row["p_diff_bh"] or 1) < alpha
        else verdicts["diff_weak"]
        if (row["p_diff"] or 1) < alpha
        else verdicts["level"]
        if (row["p_level"] or 1) < alpha
        else verdicts["none"]
    )
    return row


def _ols_row(r, name: str, transforms: dict) -> dict:
    return {
        "id": r.indicator_id,
        "no": indicator_number(r.indicator_id),
        "name": name,
        "transform": transforms[r.transform],
        "n": int(r.n),
        "b": _f(r.estimate),
        "se": _f(r.se),
        "se_hac": _f(r.se_hac),
        "p": _f(r.p_value),
        "p_hac": _f(r.p_hac),
        "r2": _f(r.r2),
        "dw": _f(r.durbin_watson),
        "bg_p": _f(r.bg_p),
        "jb_p": _f(r.jb_p),
        "bp_p": _f(r.bp_p),
    }


def regression_values(
    fr: _Frame,
    t: IdiTables,
    indicators: list[dict],
    alpha: float,
    labels: dict,
    indicator_status: pd.DataFrame | None,
    hac_min_n: int,
) -> dict:
    """The correlation and OLS summary of chapter 07 and the indicators of its scatter chart."""
    ind_names = {i["id"]: i["name_kk"] for i in indicators}
    name = lambda i: ind_names.get(i, i)  # noqa: E731
    demo_ids = _demo_indicators(fr, indicator_status)
    reg = t.regression
    corr = reg[reg["analysis"] != "ols"]
    ols = reg[reg["analysis"] == "ols"]
    lvl = corr[(corr.analysis == "pearson") & (corr["transform"] == "level") & (corr["lag"] == 0)]
    dif = corr[(corr.analysis == "pearson") & (corr["transform"] == "diff") & (corr["lag"] == 0)]
    corr_rows = [
        _correlation_row(
            corr,
            ind,
            name(ind) + (labels["demo_indicator"] if ind in demo_ids else ""),
            alpha,
            labels["verdict"],
        )
        for ind in sorted(corr["indicator_id"].unique())
    ]
    ols_rows = [_ols_row(r, name(r.indicator_id), labels["transform"]) for r in ols.itertuples()]

    def strongest(tab):
        s = tab.loc[tab["estimate"].abs().idxmax()]
        return {"name": name(s.indicator_id), "r": _f(s.estimate), "p": _f(s.p_value), "p_bh": _f(s.p_bh)}

    top4 = lvl.assign(a=lvl["estimate"].abs()).sort_values("a", ascending=False, kind="stable").head(4)
    ev = corr[(corr["role"] == "evidence") & corr["p_value"].notna()]
    fam_sig = ev.loc[ev["p_holm"] < alpha, "family"].unique()
    return {
        "reg": {
            "alpha": alpha,
            "n_level": int(lvl["n"].max()),
            "n_diff": int(dif["n"].max()),
            "r_crit_level": _f(lvl.loc[lvl["n"].idxmax(), "r_critical"]),
            "r_crit_diff": _f(dif.loc[dif["n"].idxmax(), "r_critical"]),
            "n_indicators": int(lvl["indicator_id"].nunique()),
            "n_families": int(corr["family"].nunique()),
            "shared_families": [
                {"members": "; ".join(name(i) for i in sorted(g["indicator_id"].unique()))}
                for _, g in corr.groupby("family")
                if g["indicator_id"].nunique() > 1
            ],
            "n_tests": int(ev["p_value"].notna().sum()),
            "n_lags": int(corr["lag"].nunique()),
            "n_level_raw": int((lvl["p_value"] < alpha).sum()),
            "n_sig_diff": int((dif["p_value"] < alpha).sum()),
            "n_sig_diff_bh": int((dif["p_bh"] < alpha).sum()),
            "n_sig_any_holm": int((ev["p_holm"] < alpha).sum()),
            "n_sig_any_bh": int((ev["p_bh"] < alpha).sum()),
            "n_families_sig": int(len(fam_sig)),
            "n_trend_only": int(lvl["trend_only"].sum()),
            "trend_only": [name(i) for i in lvl.loc[lvl["trend_only"], "indicator_id"]],
            "strongest": strongest(lvl),
            "strongest_diff": strongest(dif),
            "n_dw_low": int((ols["durbin_watson"] < 1.0).sum()),
            "n_bg_reject": int((ols["bg_p"] < alpha).sum()),
            "n_ols": int(ols["estimate"].notna().sum()),
            "hac_min_n": int(hac_min_n),
            "n_hac": int(ols["se_hac"].notna().sum()),
            "demo_indicators": [name(i) for i in demo_ids],
            "demo_indicator_ids": demo_ids,
            "correlations": corr_rows,
            "ols": ols_rows,
        },
        "scatter": [
            {"id": r.indicator_id, "name": name(r.indicator_id), "r": _f(r.estimate)}
            for r in top4.itertuples()
        ],
    }


def questionnaire_values(fr: _Frame, labels: dict) -> dict:
    """The codebook as annex 93 prints it, block by block."""
    cb, yes_no = fr.codebook, labels["na_allowed"]
    out = []
    for b in cb.blocks:
        qs = cb.questions[cb.questions["block"] == b]
        out.append(
            {
                "id": b,
                "name": fr.names[b],
                "questions": [
                    {
                        "id": q.question,
                        "number": q.number,
                        "text": q.kk,
                        "act": fr.act_short[q.act],
                        "article": q.article.split("/")[0].strip(),
                        "label": f"{q.number}. {q.kk}",
                        "basis": f"{fr.act_short[q.act]}, {q.article.split('/')[0].strip()}",
                        "options": _options_text(cb, q.question, cb.ternary),
                        "na": yes_no["allowed"] if q.na_allowed else yes_no["not_allowed"],
                    }
                    for q in qs.itertuples()
                ],
            }
        )
    return {"questionnaire": out}


def build_values(
    codebook: Codebook,
    lifecycle: dict,
    tables: IdiTables,
    *,
    indicators: list[dict],
    labels: dict,
    mc_params: dict,
    mappings: dict,
    alpha: float,
    demo: bool,
    top: int = 8,
    indicator_status: pd.DataFrame | None = None,
    hac_min_n: int = 20,
) -> dict:
    """Everything chapters 06, 07 and annexes 93, 94 print (raw numbers; the chapters format them).

    ``indicators``: the key indicators (id, name_kk); ``labels``: config/idi_labels.yaml;
    ``mc_params``: draws, partial_range, weight_noise; ``mappings``: the alternative ternary mappings
    of the sensitivity analysis; ``indicator_status``: indicator_id, year, status (demo or not).
    """
    fr = _Frame(
        codebook=codebook,
        names={s["id"]: s["name_kk"] for s in lifecycle["stages"]},
        act_short={k: v.get("short_kk", v["kk"]) for k, v in codebook.acts.items()},
        years=sorted(int(y) for y in tables.idi["year"].unique()),
        ser=tables.idi[tables.idi["block"] == "IDI"].set_index("year")["d"],
    )
    return {
        "demo": demo,
        **codebook_values(codebook),
        **index_values(fr),
        **block_values(fr, tables),
        **agreement_values(fr, tables),
        **series_values(fr, tables),
        **mc_values(fr, tables, mc_params),
        **change_values(fr, tables, top),
        **gap_values(fr, tables, top),
        **sensitivity_values(fr, tables, mappings, labels),
        **regression_values(fr, tables, indicators, alpha, labels, indicator_status, hac_min_n),
        **questionnaire_values(fr, labels),
        "experts": experts_values(tables.experts, tables.agreement, fr.year),
    }
