"""The map of problems and risks (paragraph 10 of Order No. 260) from the weighted survey.

All shares are weighted fractions (0-1) of the population of active manufacturing enterprises;
estimates, intervals and quality flags come from :func:`industry_report.survey.estimation.estimate`.

* Prevalence of a problem: share rating it 3 or 4 (major or very severe obstacle), the World Bank
  Enterprise Survey / BEEPS headline, among enterprises that rated it; overall and by region, size,
  OKED division and life-cycle stage (a stage is prevalent for an enterprise when at least one of the
  stage's problems is major for it).
* Causes of a problem: share naming each cause among the enterprises asked (rating 1-4) that answered.
* Cause graph and root causes: the questionnaire's cause links form a directed acyclic graph. For a
  problem only its listed causes and the links among them that its answers support count
  (:func:`supported_links`); a root is a listed cause without a supported incoming link, and its
  reach is the weighted share of enterprises rating the problem major (that answered the cause
  question) naming the root or a cause it drives along supported links (:func:`root_cause_reach`).
* Outcome models: for each binary outcome, a survey-weighted logistic regression (``svy`` GLM,
  Taylor-linearised design-based SE) on the cause indicators ("the enterprise named the cause for at
  least one problem") with firm controls size, region and sector group (OKED divisions grouped,
  :data:`SECTOR_GROUPS`, because single divisions hold too few respondents for a dummy each). Effects
  are average marginal effects (discrete change 0 -> 1, percentage points as fractions) with 95% CI;
  p-values from t on the design df are adjusted by Benjamini-Hochberg over all outcome x cause tests.
* Risks: weighted mean likelihood and impact (1-5) with 95% intervals, plus the share rating 4-5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from industry_report.core.codelists import SIZES, size_labels  # noqa: F401 - size_labels re-exported
from industry_report.survey.disclosure import ATTRIBUTE_N, PROTECTION, SHARE_DECIMALS, suppress
from industry_report.survey.estimation import (
    CV_LOW,
    MIN_N_EFF,
    achieved_margin,
    design_df,
    estimate,
    quality_flag,
)
from industry_report.survey.questionnaire import Questionnaire
from industry_report.survey.ranking import DRAWS, SEED, could_be_top, rank_intervals, tied_with_first
from industry_report.survey.responses import cause_indicators

SECTOR_GROUPS = {  # OKED division -> sector group (controls in the outcome models)
    **{d: "food" for d in (10, 11, 12)},
    **{d: "light" for d in (13, 14, 15)},
    **{d: "wood_paper" for d in (16, 17, 18, 31, 32)},
    **{d: "chemicals" for d in (19, 20, 21, 22)},
    **{d: "minerals_metals" for d in (23, 24, 25)},
    **{d: "machinery" for d in (26, 27, 28, 29, 30, 33)},
}


def analysis_frame(w: pd.DataFrame, q: Questionnaire) -> pd.DataFrame:
    """Add analysis variables: major_<p>, stage_<s>, cause_<c>, y_<outcome>, sector_group, division."""
    out = w.copy()
    for p in q.problems:
        r = out[f"rating_{p['id']}"]
        out[f"major_{p['id']}"] = (r.astype(float) >= q.major_from).astype(float).where(r.notna())
    for s in q.stages:
        cols = [f"major_{p['id']}" for p in q.problems if p["stage"] == s["id"]]
        if not cols:
            continue
        m = out[cols]
        out[f"stage_{s['id']}"] = np.where(
            (m == 1).any(axis=1), 1.0, np.where(m.notna().any(axis=1), 0.0, np.nan)
        )
    named = {c: np.zeros(len(out)) for c in q.causes}
    for p in q.problems:
        ind = cause_indicators(out, q, p["id"]).fillna(0)
        for c in ind.columns:
            named[c] = np.maximum(named[c], ind[c].to_numpy())
    for c, v in named.items():
        out[f"cause_{c}"] = v
    for o in q.outcomes:
        b = o["binary"]
        out[f"y_{b['id']}"] = (
            out[o["id"]].astype(float).isin(b["values"]).astype(float).where(out[o["id"]].notna())
        )
    out["division"] = out["oked_division"].astype(int).astype(str)
    out["sector_group"] = out["oked_division"].astype(int).map(SECTOR_GROUPS)
    return out


# The columns every published estimate table ends with, in this order (tables/*.csv keep it).
ESTIMATE_COLUMNS = ("est", "se", "lci", "uci", "cv", "n", "n_eff", "df", "suppressed", "quality")


def _finish(tab: pd.DataFrame, group_cols: list[str], min_n: int) -> pd.DataFrame:
    tab = suppress(tab, group_cols, min_n=min_n)
    tab["quality"] = [
        "suppressed" if s else ("no_df" if note == "no_df" else quality_flag(cv, ne, e))
        for s, note, cv, ne, e in zip(tab["suppressed"], tab["ci_note"], tab["cv"], tab["n_eff"], tab["est"])
    ]
    return tab


def _by_dimensions(a: pd.DataFrame, ys: list[str], dims) -> pd.DataFrame:
    """Estimates of ``ys`` overall and by each (dimension, column) pair, stacked; domain 'total'
    for the whole population."""
    parts = []
    for dim, by in dims:
        e = estimate(a, ys, by=by)
        e["dimension"] = dim
        e["domain"] = e["domain"].fillna("total")
        parts.append(e)
    return pd.concat(parts, ignore_index=True)


def prevalence(a: pd.DataFrame, q: Questionnaire, min_n: int = 3) -> pd.DataFrame:
    """Problem prevalence overall and by region, size, division. Columns: problem, stage, dimension,
    domain, est, se, lci, uci, cv, n, n_eff, suppressed, quality."""
    ys = [f"major_{p['id']}" for p in q.problems]
    tab = _by_dimensions(
        a, ys, (("total", None), ("region", "region_code"), ("size", "size"), ("division", "division"))
    )
    tab["problem"] = tab.pop("variable").str.removeprefix("major_")
    stage = {p["id"]: p["stage"] for p in q.problems}
    tab["stage"] = tab["problem"].map(stage)
    tab = _finish(tab, ["problem", "dimension"], min_n)
    return tab[["problem", "stage", "dimension", "domain", *ESTIMATE_COLUMNS]]


def stage_prevalence(a: pd.DataFrame, q: Questionnaire, min_n: int = 3) -> pd.DataFrame:
    ys = [f"stage_{s['id']}" for s in q.stages if f"stage_{s['id']}" in a.columns]
    tab = _by_dimensions(a, ys, (("total", None), ("size", "size"), ("region", "region_code")))
    tab["stage"] = tab.pop("variable").str.removeprefix("stage_")
    tab = _finish(tab, ["stage", "dimension"], min_n)
    return tab[["stage", "dimension", "domain", *ESTIMATE_COLUMNS]]


def causes_table(a: pd.DataFrame, q: Questionnaire, min_n: int = 3) -> pd.DataFrame:
    """For each problem, the share naming each cause (among those asked who answered)."""
    roots = root_causes(q)
    parts = []
    for p in q.problems:
        ind = cause_indicators(a, q, p["id"])
        data = a[["w_final", "var_stratum", "var_pop"]].join(ind)
        e = estimate(data, list(ind.columns))
        e["problem"] = p["id"]
        e["cause"] = e.pop("variable")
        parts.append(e)
    tab = pd.concat(parts, ignore_index=True)
    tab["is_root"] = tab["cause"].isin(roots)
    tab = _finish(tab, ["problem", "cause"], min_n)
    return tab[["problem", "cause", "is_root", *ESTIMATE_COLUMNS]]


def root_causes(q: Questionnaire) -> list[str]:
    driven = {b for _, b in q.links}
    return [c for c in q.causes if c not in driven]


def descendants(q: Questionnaire, cause: str) -> set[str]:
    """The cause and every cause it drives directly or indirectly."""
    seen, stack = {cause}, [cause]
    while stack:
        n = stack.pop()
        for a, b in q.links:
            if a == n and b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


MIN_EDGE_SUPPORT = 5  # fewest respondents naming both ends before an edge can count as supported


def supported_links(ind: pd.DataFrame, w: pd.Series, links, causes: list[str]) -> list[tuple[str, str]]:
    """The graph's links a -> b between causes listed for one problem that its answers support:
    at least MIN_EDGE_SUPPORT respondents named both, and b is named more often (weighted) by those
    who named a than by those who did not."""
    ok = ind.notna().all(axis=1)
    d, wt = ind[ok], w[ok]
    out = []
    for a_, b_ in links:
        if a_ not in causes or b_ not in causes:
            continue
        named_a = d[a_] == 1
        both = int((named_a & (d[b_] == 1)).sum())
        if both < MIN_EDGE_SUPPORT or named_a.all() or not named_a.any():
            continue
        share_with = float((wt[named_a] * d.loc[named_a, b_]).sum() / wt[named_a].sum())
        share_without = float((wt[~named_a] * d.loc[~named_a, b_]).sum() / wt[~named_a].sum())
        if share_with > share_without:
            out.append((a_, b_))
    return out


def _downstream(links, cause: str) -> set[str]:
    seen, stack = {cause}, [cause]
    while stack:
        n = stack.pop()
        for a_, b_ in links:
            if a_ == n and b_ not in seen:
                seen.add(b_)
                stack.append(b_)
    return seen


def root_cause_reach(a: pd.DataFrame, q: Questionnaire, min_n: int = 3) -> pd.DataFrame:
    """Root causes per problem ranked by reach, from the answers.

    Only the causes listed for the problem take part, and only the graph's links among them that
    the answers support (:func:`supported_links`). A root is a listed cause with no supported
    incoming link; its reach is the weighted share of the enterprises rating the problem major (that
    answered the cause question) naming the root or a cause it drives along supported links. A cause
    not listed for a problem has no reach for it. Equal reaches share a rank (``tie``)."""
    rows = []
    for p in q.problems:
        ind = cause_indicators(a, q, p["id"])
        major = a[f"major_{p['id']}"] == 1
        answered = ind.notna().all(axis=1)
        listed = list(p["causes"])
        links = supported_links(ind, a["w_final"], q.links, listed)
        driven = {b_ for _, b_ in links}
        cols = {}
        for r in [c for c in listed if c not in driven]:
            reached = sorted(_downstream(links, r))
            cols[r] = ind[reached].max(axis=1).where(major & answered)
            rows.append(
                {
                    "problem": p["id"],
                    "root_cause": r,
                    "reached": ";".join(reached),
                    "links_supported": len(links),
                }
            )
        if not cols:
            continue
        data = a[["w_final", "var_stratum", "var_pop"]].join(pd.DataFrame(cols, index=a.index))
        e = estimate(data, list(cols))
        for rec in e.to_dict("records"):
            row = next(x for x in rows if x["problem"] == p["id"] and x["root_cause"] == rec["variable"])
            row.update(
                {k: rec[k] for k in ("est", "se", "lci", "uci", "cv", "n", "n_eff", "df", "ci_note", "w_sum")}
            )
    tab = pd.DataFrame(rows)
    tab = _finish(tab, ["problem", "root_cause"], min_n)
    tab = tab.sort_values(["problem", "est"], ascending=[True, False], na_position="last")
    tab["rank"] = (
        tab.groupby("problem")["est"].rank(method="min", ascending=False).fillna(len(tab)).astype(int)
    )
    tab["tie"] = tab.duplicated(["problem", "rank"], keep=False) & tab["est"].notna()
    return tab.reset_index(drop=True)[
        ["problem", "rank", "tie", "root_cause", "reached", "links_supported", *ESTIMATE_COLUMNS]
    ]


def outcome_models(a: pd.DataFrame, q: Questionnaire, alpha: float = 0.05, fdr: float = 0.05) -> pd.DataFrame:
    """Survey-weighted logistic regressions of each outcome on the causes with firm controls.

    Returns outcome, cause, ame, se, lci, uci, p_value, p_adjusted, significant, n, prevalence of the
    cause among respondents in the model (unweighted share, to judge support).
    """
    import polars as pl
    import svy

    causes = [c for c in q.causes if a[f"cause_{c}"].sum() >= 5 and (1 - a[f"cause_{c}"]).sum() >= 5]
    xcols = [f"cause_{c}" for c in causes]
    rows = []
    t_df = design_df(a)
    for o in q.outcomes:
        y = f"y_{o['binary']['id']}"
        d = a[[y, "w_final", "var_stratum", "var_pop", "size", "region_code", "sector_group"] + xcols].copy()
        d["var_pop"] = d["var_pop"].astype(float)
        frame = pl.from_pandas(d, nan_to_null=True)
        sample = svy.Sample(frame, svy.Design(stratum="var_stratum", wgt="w_final", pop_size="var_pop"))
        x = [svy.Cat(c, ref=0.0) for c in xcols] + [
            svy.Cat("size", ref=SIZES[0]),
            svy.Cat("region_code"),
            svy.Cat("sector_group"),
        ]
        model = sample.glm.fit(y=y, x=x, family="binomial")
        mg = model.margins(variables=xcols, alpha=alpha).to_polars().to_pandas()
        n = int(d[y].notna().sum())
        for rec in mg.to_dict("records"):
            c = rec["term"].removeprefix("cause_")
            tstat = rec["margin"] / rec["se"] if rec["se"] > 0 else np.nan
            rows.append(
                {
                    "outcome": o["binary"]["id"],
                    "cause": c,
                    "ame": rec["margin"],
                    "se": rec["se"],
                    "lci": rec["lci"],
                    "uci": rec["uci"],
                    "p_value": float(2 * stats.t.sf(abs(tstat), t_df)),
                    "n": n,
                    "cause_share": float(d.loc[d[y].notna(), f"cause_{c}"].mean()),
                }
            )
    tab = pd.DataFrame(rows)
    ok = tab["p_value"].notna()
    tab["p_adjusted"] = np.nan
    tab.loc[ok, "p_adjusted"] = multipletests(tab.loc[ok, "p_value"], method="fdr_bh")[1]
    tab["significant"] = tab["p_adjusted"] < fdr
    return tab


def risks_table(a: pd.DataFrame, q: Questionnaire, high_from: int = 4, min_n: int = 3) -> pd.DataFrame:
    """Weighted mean likelihood and impact (1-5) with intervals, and shares rating >= ``high_from``."""
    rows = []
    for r in q.risks:
        lk, im = f"risk_{r['id']}_likelihood", f"risk_{r['id']}_impact"
        data = a[["w_final", "var_stratum", "var_pop"]].copy()
        data["lk"], data["im"] = a[lk].astype(float), a[im].astype(float)
        data["lk_high"] = (data["lk"] >= high_from).astype(float).where(data["lk"].notna())
        data["im_high"] = (data["im"] >= high_from).astype(float).where(data["im"].notna())
        m = estimate(data, ["lk", "im"], share=False).set_index("variable")
        s = estimate(data, ["lk_high", "im_high"]).set_index("variable")
        rows.append(
            {
                "risk": r["id"],
                "likelihood": m.at["lk", "est"],
                "likelihood_lci": m.at["lk", "lci"],
                "likelihood_uci": m.at["lk", "uci"],
                "likelihood_se": m.at["lk", "se"],
                "impact": m.at["im", "est"],
                "impact_lci": m.at["im", "lci"],
                "impact_uci": m.at["im", "uci"],
                "impact_se": m.at["im", "se"],
                "likelihood_high": s.at["lk_high", "est"],
                "impact_high": s.at["im_high", "est"],
                "n": int(min(m.at["lk", "n"], m.at["im", "n"])),
            }
        )
    return pd.DataFrame(rows).sort_values("likelihood", ascending=False).reset_index(drop=True)


def response_table(sample: pd.DataFrame, a: pd.DataFrame, allocation: pd.DataFrame) -> pd.DataFrame:
    """Design and response by size class and total: population, allocated, respondents (main and
    reserve), response rate of the main sample (main respondents / allocated)."""
    rows = []
    for s in SIZES + ("total",):
        al = allocation if s == "total" else allocation[allocation["size"] == s]
        rs = a if s == "total" else a[a["size"] == s]
        main = int((rs["role"] == "main").sum())
        rows.append(
            {
                "size": s,
                "population": int(al["population"].sum()),
                "sample": int(al["sample"].sum()),
                "respondents": int(len(rs)),
                "from_main": main,
                "from_reserve": int((rs["role"] == "reserve").sum()),
                "response_rate": main / int(al["sample"].sum()) if int(al["sample"].sum()) else np.nan,
                "achieved_share": len(rs) / int(al["sample"].sum()) if int(al["sample"].sum()) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def map_tables(
    a: pd.DataFrame,
    q: Questionnaire,
    sample: pd.DataFrame,
    allocation: pd.DataFrame,
    min_cell: int,
    fdr: float,
) -> dict[str, pd.DataFrame]:
    """Every publication table of the problem map from the analysis frame, by table name."""
    return {
        "response": response_table(sample, a, allocation),
        "prevalence": prevalence(a, q, min_cell),
        "stages": stage_prevalence(a, q, min_cell),
        "causes": causes_table(a, q, min_cell),
        "roots": root_cause_reach(a, q, min_cell),
        "models": outcome_models(a, q, fdr=fdr),
        "risks": risks_table(a, q, min_n=min_cell),
    }


def _recs(df: pd.DataFrame, cols: list[str]) -> list[dict]:
    out = []
    for rec in df[cols].to_dict("records"):
        out.append({k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in rec.items()})
    return out


def build_values(
    q: Questionnaire,
    response: pd.DataFrame,
    prev: pd.DataFrame,
    stages: pd.DataFrame,
    causes: pd.DataFrame,
    roots: pd.DataFrame,
    models: pd.DataFrame,
    risks: pd.DataFrame,
    a: pd.DataFrame,
    params: dict,
    size_names: dict,
) -> dict:
    """The ``survey`` namespace of the chapter templates: raw numbers and lists of records.

    ``size_names``: size code (and "total") -> the name printed in the response table."""
    pk = {p["id"]: p["kk"] for p in q.problems}
    ck = {c: q.causes[c]["kk"] for c in q.causes}
    sk = {s["id"]: s["name_kk"] for s in q.stages}
    ok = {o["binary"]["id"]: o["binary"]["kk"] for o in q.outcomes}
    rk = {r["id"]: r["kk"] for r in q.risks}
    tot = prev[prev["dimension"] == "total"].sort_values("est", ascending=False).copy()
    pr = rank_intervals(a, [f"major_{p}" for p in tot["problem"]], DRAWS, SEED)
    pr["item"] = pr["item"].str.removeprefix("major_")
    tot = tot.merge(pr[["item", "rank", "rank_lo", "rank_hi"]], left_on="problem", right_on="item").drop(
        columns="item"
    )
    tot["name"] = tot["problem"].map(pk)
    tot["stage_name"] = tot["stage"].map(sk)
    # The root-cause analysis is for every problem that could be among the top k (ranking.could_be_top).
    analysed = could_be_top(pr, int(params["root_cause_top_k"]))
    st = stages[stages["dimension"] == "total"].sort_values("est", ascending=False).copy()
    st["name"] = st["stage"].map(sk)
    size_rows = prev[prev["dimension"] == "size"]
    by_size = size_rows.pivot(index="problem", columns="domain", values="est")  # NaN when suppressed
    for s in SIZES:
        tot[s] = tot["problem"].map(by_size.get(s, {}))
    resp = response.copy()
    resp["name"] = resp["size"].map(size_names)
    top = []
    for rec in tot.set_index("problem", drop=False).loc[analysed].to_dict("records"):
        c = causes[causes["problem"] == rec["problem"]].sort_values("est", ascending=False).copy()
        c["name"] = c["cause"].map(ck)
        r = roots[roots["problem"] == rec["problem"]].copy()
        r["name"] = r["root_cause"].map(ck)
        r["reached_names"] = r["reached"].map(lambda s: "; ".join(ck[x] for x in s.split(";")))
        top.append(
            {
                "id": rec["problem"],
                "name": rec["name"],
                "rank": int(rec["rank"]),
                "rank_lo": int(rec["rank_lo"]),
                "rank_hi": int(rec["rank_hi"]),
                "stage_name": rec["stage_name"],
                "est": rec["est"],
                "lci": rec["lci"],
                "uci": rec["uci"],
                "n_asked": int(c["n"].max()),
                "causes": _recs(c, ["name", "est", "lci", "uci", "n", "quality"]),
                "roots": _recs(r, ["rank", "name", "reached_names", "est", "lci", "uci", "n", "quality"]),
                "top_root": r.iloc[0]["name"] if len(r) else "",
                "top_root_est": float(r.iloc[0]["est"]) if len(r) else None,
            }
        )
    sig = models[models["significant"]].sort_values("ame", key=abs, ascending=False).copy()
    sig["outcome_name"] = sig["outcome"].map(ok)
    sig["cause_name"] = sig["cause"].map(ck)
    for col in ("ame", "lci", "uci"):
        sig[f"{col}_pp"] = 100 * sig[col]
    rs = risks.copy()
    rs["name"] = rs["risk"].map(rk)
    risk_ranks = {}
    for dim in ("likelihood", "impact"):
        rr = rank_intervals(a, [f"risk_{r}_{dim}" for r in rs["risk"]], DRAWS, SEED)
        rr["item"] = rr["item"].str.removeprefix("risk_").str.removesuffix(f"_{dim}")
        risk_ranks[dim] = rr
    rs["no"] = range(1, len(rs) + 1)  # the numbers of the points in the risk chart
    all_cells = pd.concat([prev[["suppressed", "quality"]], causes[["suppressed", "quality"]]])
    prev_cells = prev[prev["dimension"] != "total"]
    questionnaire = {
        "problems": [
            {
                "no": q.number("problems", i + 1),
                "causes_no": q.number("causes", i + 1),
                "name": p["kk"],
                "stage_name": sk[p["stage"]],
                "causes": "; ".join(ck[c] for c in p["causes"]),
            }
            for i, p in enumerate(q.problems)
        ],
        "causes": [
            {
                "no": i + 1,
                "name": c["kk"],
                "is_root": c["id"] in root_causes(q),
                "drives": "; ".join(ck[b] for x, b in q.links if x == c["id"]) or "—",
            }
            for i, c in enumerate(q.causes.values())
        ],
        "rating_scale": [{"value": s["value"], "name": s["kk"]} for s in q.raw["scales"]["rating"]["labels"]],
        "outcomes": [
            {
                "no": q.number("outcomes", i + 1),
                "question": o["kk"],
                "answers": "; ".join(f"{x['value']} — {x['kk']}" for x in o["options"])
                if o["kind"] == "choice"
                else "; ".join(
                    f"{x['value']:d} — {x['kk']}".replace("-", "−")
                    for x in q.raw["scales"]["change_labels" if o["kind"] == "change" else "yesno_labels"]
                ),
                "indicator": o["binary"]["kk"],
            }
            for i, o in enumerate(q.outcomes)
        ],
        "risks": [{"no": q.number("risks", i + 1), "name": r["kk"]} for i, r in enumerate(q.risks)],
        "likelihood_scale": "; ".join(
            f"{x['value']} — {x['kk']}" for x in q.raw["scales"]["risk"]["likelihood_labels"]
        ),
        "impact_scale": "; ".join(
            f"{x['value']} — {x['kk']}" for x in q.raw["scales"]["risk"]["impact_labels"]
        ),
        "n_problems": len(q.problems),
        "n_causes": len(q.causes),
        "n_links": len(q.links),
        "n_outcomes": len(q.outcomes),
        "n_risks": len(q.risks),
    }
    total = response[response["size"] == "total"].iloc[0]
    return {
        "demo": bool(params["demo"]),
        "population": int(total["population"]),
        "sample": int(total["sample"]),
        "respondents": int(total["respondents"]),
        "from_main": int(total["from_main"]),
        "from_reserve": int(total["from_reserve"]),
        "response_rate": float(total["response_rate"]),
        "achieved_share": float(total["achieved_share"]),
        "strata": int(params["n_strata"]),
        "variance_strata": int(a["var_stratum"].nunique()),
        "design_df": int(design_df(a)),
        "achieved_margin": achieved_margin(a, float(stats.norm.ppf(0.5 + params["confidence"] / 2))),
        "df_size": {
            r["domain"]: int(r["df"])
            for r in prev[(prev["dimension"] == "size")].drop_duplicates("domain").to_dict("records")
        },
        "df_region_min": int(prev.loc[prev["dimension"] == "region", "df"].min()),
        "n_no_df": int((prev_cells["quality"] == "no_df").sum()),
        "n_bound": int(((prev_cells["est"] == 0) | (prev_cells["est"] == 1)).sum()),
        "reserve_ratio": float(params["reserve_ratio"]),
        "min_cell": int(params["min_cell"]),
        "fdr": float(params["fdr"]),
        "kish_deff": float(len(a) / (a["w_final"].sum() ** 2 / (a["w_final"] ** 2).sum())),
        "weight_min": float(a["w_final"].min()),
        "weight_max": float(a["w_final"].max()),
        "response": _recs(
            resp,
            ["name", "population", "sample", "respondents", "from_main", "from_reserve", "response_rate"],
        ),
        "problems": _recs(
            tot,
            ["rank", "rank_lo", "rank_hi", "name", "stage_name", "est", "lci", "uci", *SIZES, "n", "quality"],
        ),
        "rank_draws": DRAWS,
        "min_edge_support": MIN_EDGE_SUPPORT,
        "tied_first": [pk[p] for p in tied_with_first(pr.assign(item=pr["item"]))],
        "top_k": int(params["root_cause_top_k"]),
        "risks_tied_likelihood": [rk[r] for r in tied_with_first(risk_ranks["likelihood"])],
        "risks_tied_impact": [rk[r] for r in tied_with_first(risk_ranks["impact"])],
        "top_problem": tot.iloc[0]["name"],
        "top_problem_est": float(tot.iloc[0]["est"]),
        "bottom_problem": tot.iloc[-1]["name"],
        "bottom_problem_est": float(tot.iloc[-1]["est"]),
        "share_threshold": 0.4,
        "n_problems_over_40": int((tot["est"] >= 0.4).sum()),
        "cv_low": CV_LOW,
        "min_n_eff": MIN_N_EFF,
        "stages": _recs(st, ["name", "est", "lci", "uci"]),
        "top_stage": st.iloc[0]["name"],
        "top_stage_est": float(st.iloc[0]["est"]),
        "top": top,
        "effects": _recs(
            sig,
            ["outcome_name", "cause_name", "ame", "lci", "uci", "ame_pp", "lci_pp", "uci_pp", "p_adjusted"],
        ),
        "n_tests": int(models["p_value"].notna().sum()),
        "n_significant": int(models["significant"].sum()),
        "risks": _recs(
            rs,
            [
                "no",
                "name",
                "likelihood",
                "likelihood_lci",
                "likelihood_uci",
                "impact",
                "impact_lci",
                "impact_uci",
                "likelihood_high",
                "impact_high",
            ],
        ),
        "top_risk": rs.iloc[0]["name"],
        "top_risk_likelihood": float(rs.iloc[0]["likelihood"]),
        "max_impact_risk": rs.sort_values("impact", ascending=False).iloc[0]["name"],
        "max_impact": float(rs["impact"].max()),
        "n_cells": int(len(prev_cells)),
        "n_suppressed": int((prev_cells["suppressed"] != "").sum()),
        "n_primary": int((all_cells["suppressed"] == "primary").sum()),
        "n_secondary": int((all_cells["suppressed"] == "secondary").sum()),
        "n_attribute": int((all_cells["suppressed"] == "attribute").sum()),
        "attribute_n": ATTRIBUTE_N,
        "published_step_pp": 100 * 10.0**-SHARE_DECIMALS,  # rounding step of published shares, p.p.
        "protection": PROTECTION,
        "n_low": int((prev_cells["quality"] == "low").sum()),
        "questionnaire": questionnaire,
    }
