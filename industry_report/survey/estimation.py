"""Enterprise survey: questionnaire, response validation, weights and design-based estimates.

Questionnaire: ``config/survey_questionnaire.yaml`` (problems rated 0-4 and tied to life-cycle stages,
causes per problem with cause->cause links, outcomes, risks rated 1-5 for likelihood and impact).

Responses: one row per responding enterprise (CSV or XLSX), columns ``enterprise_id``,
``interview_date``, ``rating_<problem>``, ``causes_<problem>`` (cause ids separated by ";"), the
outcome ids, ``risk_<risk>_likelihood`` and ``risk_<risk>_impact``. An empty cell is item
non-response. Every fault is reported with file, line and column.

Weights (units: enterprises; each respondent's final weight is the number of register enterprises
it represents):

1. design weight d_i = N_h / n_h (register count / allocated sample of stratum h = region x size);
2. non-response adjustment within cells: w_i = d_i * sum_{h in c} N_h / sum_{j resp in c} d_j.
   The cell c is the stratum; a stratum without respondents is merged with the nearest size class
   of the same region that has respondents (small<->medium<->large). With reserve replacements the
   same formula holds (respondents from the reserve list count in their stratum);
3. calibration by raking (iterative proportional fitting) to the register margins by region and by
   size (Deville-Särndal raking ratio); when every stratum has respondents the weights already hit
   the margins and raking changes nothing.

Variance: Taylor linearisation for a stratified single-stage design without replacement with
finite-population correction, computed by the ``svy`` library (Sample/Design, ``estimation.mean``),
which is checked against a hand computation in tests/test_survey_estimation.py:

    v(ȳ_w) = Σ_h (1 - n_h/N_h) · n_h/(n_h - 1) · Σ_{i∈h} (z_i - z̄_h)²,   z_i = w_i (y_i - ȳ_w) / Σ w

Single-respondent rule (variance only): a stratum with fewer than two respondents is merged with the
other such strata of its region; if that group still has one respondent it is merged with the
region's largest stratum (R ``survey``'s collapse approach; conservative).

Intervals: 95% with Student t on the design degrees of freedom (respondents minus variance strata);
shares use the logit transform (as R's ``svyciprop(method = "logit")``) so limits stay in [0, 1].
Quality: coefficient of variation, Kish effective sample size (Σw)²/Σw², unweighted n.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import yaml
from scipy import stats

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.validation import read_text_table, validate

SIZES = ("small", "medium", "large")


# --------------------------------------------------------------------------------------------------
# Questionnaire
# --------------------------------------------------------------------------------------------------
@dataclass
class Questionnaire:
    raw: dict
    problems: list  # dicts: id, stage, kk, ru, en, causes
    causes: dict  # id -> dict
    links: list  # (from, to)
    outcomes: list  # dicts
    risks: list  # dicts
    stages: list  # life-cycle stage dicts (id, name_kk, ...)
    major_from: int
    rating_max: int
    risk_min: int
    risk_max: int

    def problem(self, pid: str) -> dict:
        return next(p for p in self.problems if p["id"] == pid)

    def response_columns(self) -> list[str]:
        cols = ["enterprise_id", "interview_date"]
        for p in self.problems:
            cols += [f"rating_{p['id']}", f"causes_{p['id']}"]
        cols += [o["id"] for o in self.outcomes]
        for r in self.risks:
            cols += [f"risk_{r['id']}_likelihood", f"risk_{r['id']}_impact"]
        return cols

    def outcome_values(self, o: dict) -> list[int]:
        if o["kind"] == "change":
            return [-1, 0, 1]
        if o["kind"] == "yesno":
            return [0, 1]
        return [int(opt["value"]) for opt in o["options"]]


def load_questionnaire(path: str | Path, lifecycle_path: str | Path) -> Questionnaire:
    """Load and check the questionnaire: ids unique, stages and causes known, links acyclic."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    stages = yaml.safe_load(Path(lifecycle_path).read_text(encoding="utf-8"))["stages"]
    stage_ids = {s["id"] for s in stages}
    try:
        causes = {c["id"]: c for c in data["causes"]}
        problems, outcomes, risks = data["problems"], data["outcomes"], data["risks"]
        links = [tuple(x) for x in data.get("cause_links", [])]
        sc = data["scales"]
    except KeyError as exc:
        raise ConfigError(f"{path}: the key {exc} is missing") from None
    errors = []
    ids = [p["id"] for p in problems] + [o["id"] for o in outcomes] + [r["id"] for r in risks]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        errors.append(f"ids used more than once: {', '.join(dup)}")
    if len(causes) != len(data["causes"]):
        errors.append("a cause id is used more than once")
    for p in problems:
        for lang in ("kk", "ru", "en"):
            if not p.get(lang):
                errors.append(f"problem {p['id']} has no {lang} text")
        if p.get("stage") not in stage_ids:
            errors.append(f"problem {p['id']}: stage {p.get('stage')!r} is not a life-cycle stage id "
                          f"of {lifecycle_path} ({', '.join(sorted(stage_ids))})")
        for c in p.get("causes", []):
            if c not in causes:
                errors.append(f"problem {p['id']}: unknown cause {c!r}")
    for a, b in links:
        for c in (a, b):
            if c not in causes:
                errors.append(f"cause_links: unknown cause {c!r}")
    if not errors and _has_cycle(list(causes), links):
        errors.append("cause_links contain a cycle (a cause cannot drive itself)")
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return Questionnaire(raw=data, problems=problems, causes=causes, links=links, outcomes=outcomes,
                         risks=risks, stages=stages, major_from=int(sc["rating"]["major_from"]),
                         rating_max=int(sc["rating"]["max"]), risk_min=int(sc["risk"]["min"]),
                         risk_max=int(sc["risk"]["max"]))


def _has_cycle(nodes, links) -> bool:
    children = {n: [b for a, b in links if a == n] for n in nodes}
    state = {}

    def visit(n):
        if state.get(n) == 1:
            return True
        if state.get(n) == 2:
            return False
        state[n] = 1
        if any(visit(c) for c in children[n]):
            return True
        state[n] = 2
        return False

    return any(visit(n) for n in nodes)


# --------------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------------
def response_schema(q: Questionnaire) -> pa.DataFrameSchema:
    cols = {"enterprise_id": pa.Column(str), "interview_date": pa.Column(str, nullable=True)}
    for p in q.problems:
        cols[f"rating_{p['id']}"] = pa.Column("Int64", pa.Check.in_range(0, q.rating_max), nullable=True)
        cols[f"causes_{p['id']}"] = pa.Column(str, nullable=True)
    for o in q.outcomes:
        cols[o["id"]] = pa.Column("Int64", pa.Check.isin(q.outcome_values(o)), nullable=True)
    for r in q.risks:
        for part in ("likelihood", "impact"):
            cols[f"risk_{r['id']}_{part}"] = pa.Column(
                "Int64", pa.Check.in_range(q.risk_min, q.risk_max), nullable=True)
    return pa.DataFrameSchema(cols, unique=["enterprise_id"])


def read_responses(path: str | Path, q: Questionnaire, register: pd.DataFrame,
                   sample: pd.DataFrame) -> pd.DataFrame:
    """Read and validate the survey export; returns one row per respondent (index = file line).

    Faults named with file, line and column: bad header, duplicates, answers out of range, an
    enterprise not in the register, a respondent not in the sample (main or reserve list), an unknown
    cause or a cause not listed for the problem, causes given for a problem not rated as an obstacle.
    """
    raw = read_text_table(path, q.response_columns())
    df = validate(raw, response_schema(q), path)
    problems = []
    known = set(register["enterprise_id"])
    in_sample = set(sample["enterprise_id"])
    for row, eid in df["enterprise_id"].items():
        if eid not in known:
            problems.append(Problem(int(row), "enterprise_id",
                                    f"expected an enterprise of the register, found unknown {eid!r}"))
        elif eid not in in_sample:
            problems.append(Problem(int(row), "enterprise_id",
                                    f"expected a sampled enterprise (main or reserve list), found {eid!r}, "
                                    "which was not selected: a respondent outside the sample"))
    for p in q.problems:
        rc, cc = f"rating_{p['id']}", f"causes_{p['id']}"
        allowed = set(p["causes"])
        for row, val in df[cc].items():
            if val is None or (isinstance(val, float) and math.isnan(val)) or str(val).strip() == "":
                continue
            items = [x.strip() for x in str(val).split(";") if x.strip()]
            bad = [x for x in items if x not in allowed]
            if bad:
                problems.append(Problem(int(row), cc, f"expected cause ids from {sorted(allowed)} "
                                                      f"separated by ';', found {', '.join(bad)}"))
            if len(set(items)) != len(items):
                problems.append(Problem(int(row), cc, "expected each cause once, found a repeated cause"))
            rating = df.at[row, rc]
            if pd.isna(rating) or int(rating) == 0:
                problems.append(Problem(int(row), cc,
                                        f"causes are asked only for a problem rated 1-{q.rating_max}, "
                                        f"but {rc} is {'empty' if pd.isna(rating) else 0}: a cause given "
                                        "for a problem not rated"))
    if problems:
        raise InputError(path, sorted(problems, key=lambda x: (x.row or 0, x.column or "")))
    return df


def cause_indicators(df: pd.DataFrame, q: Questionnaire, pid: str) -> pd.DataFrame:
    """0/1 columns per cause of problem ``pid`` for the enterprises asked (rating >= 1) that answered.

    Rows not asked or with the cause question left empty (item non-response) are missing (NaN).
    """
    rc, cc = f"rating_{pid}", f"causes_{pid}"
    out = pd.DataFrame(index=df.index)
    asked = df[rc].fillna(0).astype(int) >= 1
    answered = asked & df[cc].notna() & (df[cc].astype(str).str.strip() != "")
    for c in q.problem(pid)["causes"]:
        has = df[cc].fillna("").astype(str).map(lambda s, c=c: c in [x.strip() for x in s.split(";")])
        out[c] = np.where(answered, has.astype(float), np.nan)
    return out


# --------------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------------
def respondent_frame(responses: pd.DataFrame, sample: pd.DataFrame) -> pd.DataFrame:
    """Respondents with their stratum, division and sample role (main|reserve)."""
    keep = ["enterprise_id", "region_code", "size", "oked_division", "role"]
    m = responses.reset_index(names="line").merge(sample[keep], on="enterprise_id", how="left",
                                                  validate="one_to_one")
    return m


def nonresponse_cells(allocation: pd.DataFrame, resp_counts: dict) -> dict:
    """Map each stratum (region, size) to its non-response adjustment cell (a tuple of strata)."""
    cells = {}
    for reg, part in allocation.groupby("region_code", sort=False):
        sizes = [s for s in SIZES if s in set(part["size"])]
        has = [s for s in sizes if resp_counts.get((reg, s), 0) > 0]
        if not has:
            continue  # handled by the caller (region without respondents)
        for s in sizes:
            if s in has:
                cells[(reg, s)] = [(reg, s)]
        for s in sizes:
            if s not in has:
                i = SIZES.index(s)
                target = min(has, key=lambda t: (abs(SIZES.index(t) - i), -SIZES.index(t)))
                cells[(reg, target)].append((reg, s))
        for s in sizes:
            if s not in has:
                i = SIZES.index(s)
                target = min(has, key=lambda t: (abs(SIZES.index(t) - i), -SIZES.index(t)))
                cells[(reg, s)] = cells[(reg, target)]
    return {k: tuple(v) for k, v in cells.items()}


def rake(weights: np.ndarray, groups: list[np.ndarray], targets: list[dict], tol: float = 1e-10,
         max_iter: int = 200) -> np.ndarray:
    """Raking ratio (iterative proportional fitting) of ``weights`` to margin totals.

    ``groups[k]`` gives each unit's category in margin k and ``targets[k]`` the category totals.
    """
    w = weights.astype(float).copy()
    for _ in range(max_iter):
        worst = 0.0
        for g, t in zip(groups, targets):
            for cat, total in t.items():
                mask = g == cat
                cur = w[mask].sum()
                if cur <= 0:
                    raise ValueError(f"no respondent in margin category {cat!r}: cannot calibrate")
                worst = max(worst, abs(cur - total) / total)
                w[mask] *= total / cur
        if worst < tol:
            return w
    raise ValueError(f"raking did not converge in {max_iter} iterations")


def compute_weights(resp: pd.DataFrame, allocation: pd.DataFrame,
                    responses_file: str = "responses") -> pd.DataFrame:
    """Add weight columns to the respondent frame (see the module docstring for the method).

    Adds N_h, n_h, r_h, w_design, w_nr, w_final, var_stratum, var_pop (population of the variance
    stratum, for the finite-population correction).
    """
    out = resp.copy()
    alloc = allocation.set_index(["region_code", "size"])
    counts = out.groupby(["region_code", "size"]).size().to_dict()
    for reg in allocation["region_code"].unique():
        if not any(counts.get((reg, s), 0) for s in SIZES):
            raise InputError(responses_file, f"no respondent in region {reg}: weights cannot represent "
                                             "it; add respondents (e.g. from the reserve list)")
    key = list(zip(out["region_code"], out["size"]))
    out["N_h"] = [int(alloc.at[k, "population"]) for k in key]
    out["n_h"] = [int(alloc.at[k, "sample"]) for k in key]
    out["r_h"] = [counts[k] for k in key]
    out["w_design"] = out["N_h"] / out["n_h"]
    cells = nonresponse_cells(allocation, counts)
    cell_pop = {c: sum(int(alloc.at[s, "population"]) for s in c) for c in set(cells.values())}
    cell_id = [cells[k] for k in key]
    dsum = pd.Series(out["w_design"].values, index=range(len(out))).groupby(
        pd.Series([str(c) for c in cell_id])).transform("sum").values
    out["w_nr"] = out["w_design"].values * np.array([cell_pop[c] for c in cell_id]) / dsum
    reg_t = allocation.groupby("region_code", sort=False)["population"].sum().to_dict()
    size_t = allocation.groupby("size", sort=False)["population"].sum().to_dict()
    size_t = {k: v for k, v in size_t.items() if v > 0}
    out["w_final"] = rake(out["w_nr"].values, [out["region_code"].values, out["size"].values],
                          [reg_t, size_t])
    vs = variance_strata(counts, allocation)
    out["var_stratum"] = [vs[k] for k in key]
    pop_vs = {}
    for k, v in vs.items():
        pop_vs[v] = pop_vs.get(v, 0) + int(alloc.at[k, "population"])
    out["var_pop"] = out["var_stratum"].map(pop_vs)
    return out


def variance_strata(counts: dict, allocation: pd.DataFrame) -> dict:
    """Variance strata after the single-respondent rule (see the module docstring)."""
    out = {}
    for reg, part in allocation.groupby("region_code", sort=False):
        strata = [(reg, s) for s in part["size"] if counts.get((reg, s), 0) > 0]
        multi = [k for k in strata if counts[k] >= 2]
        few = [k for k in strata if counts[k] < 2]
        for k in multi:
            out[k] = f"{reg}-{k[1]}"
        if few:
            if sum(counts[k] for k in few) >= 2 or not multi:
                for k in few:
                    out[k] = f"{reg}-collapsed"
            else:
                biggest = max(multi, key=lambda k: counts[k])
                for k in few:
                    out[k] = out[biggest]
    return out


# --------------------------------------------------------------------------------------------------
# Estimates
# --------------------------------------------------------------------------------------------------
def design_df(data: pd.DataFrame) -> int:
    """Design degrees of freedom: respondents minus variance strata."""
    return int(len(data) - data["var_stratum"].nunique())


def estimate(data: pd.DataFrame, ys: list[str], by: str | None = None, share: bool = True,
             alpha: float = 0.05) -> pd.DataFrame:
    """Weighted means (shares of 0/1 variables) with Taylor SE by ``svy``, CI, CV, n and Kish n_eff.

    ``data`` needs w_final, var_stratum, var_pop and the ``ys`` columns (NaN = item non-response,
    excluded from the estimate but kept in the design). Returns one row per (variable, domain):
    variable, domain (None for all), est, se, lci, uci, cv, n, n_eff.
    """
    import polars as pl
    import svy

    cols = ["w_final", "var_stratum", "var_pop"] + list(ys) + ([by] if by else [])
    pdf = data[cols].copy()
    pdf["var_pop"] = pdf["var_pop"].astype(float)
    if by:
        pdf[by] = pdf[by].astype(str)
    frame = pl.from_pandas(pdf.astype({y: float for y in ys}), nan_to_null=True)
    sample = svy.Sample(frame, svy.Design(stratum="var_stratum", wgt="w_final", pop_size="var_pop"))
    df_design = design_df(data)
    t = stats.t.ppf(1 - alpha / 2, df_design)
    rows = []
    for y in ys:
        if data[y].notna().sum() == 0:
            continue
        res = sample.estimation.mean(y, by=by, drop_nulls=True).to_polars().to_pandas()
        for rec in res.to_dict("records"):
            dom = rec[by] if by else None
            mask = data[y].notna() & ((data[by].astype(str) == dom) if by else True)
            w = data.loc[mask, "w_final"].to_numpy()
            n = int(mask.sum())
            est, se = float(rec["est"]), float(rec["se"])
            if share:
                lci, uci = logit_interval(est, se, t)
            else:
                lci, uci = est - t * se, est + t * se
            rows.append({"variable": y, "domain": dom, "est": est, "se": se, "lci": lci, "uci": uci,
                         "cv": se / est if est > 0 else float("nan"), "n": n,
                         "n_eff": float(w.sum() ** 2 / (w ** 2).sum()) if n else 0.0})
    return pd.DataFrame(rows, columns=["variable", "domain", "est", "se", "lci", "uci", "cv", "n", "n_eff"])


def logit_interval(p: float, se: float, t: float) -> tuple[float, float]:
    """Interval for a share on the logit scale, back-transformed (degenerate at 0 or 1)."""
    if not (0 < p < 1) or se <= 0 or not math.isfinite(se):
        return p, p
    lo = math.log(p / (1 - p))
    half = t * se / (p * (1 - p))
    return 1 / (1 + math.exp(-(lo - half))), 1 / (1 + math.exp(-(lo + half)))


CV_CAUTION, CV_LOW, MIN_N_EFF = 1 / 6, 1 / 3, 10  # quality thresholds of quality_flag


def quality_flag(cv: float, n_eff: float, est: float, cv_caution: float = CV_CAUTION,
                 cv_low: float = CV_LOW, min_n_eff: float = MIN_N_EFF) -> str:
    """'ok', 'caution' or 'low': CV thresholds (shares near 0 judged by n_eff only) and Kish n_eff."""
    if n_eff < min_n_eff:
        return "low"
    if est <= 0 or not math.isfinite(cv):
        return "ok"
    if cv > cv_low:
        return "low"
    if cv > cv_caution:
        return "caution"
    return "ok"
