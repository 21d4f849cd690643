"""Recommendations on systemic transformations (paragraph 12 of Order No. 260): stage 4.

Purpose: select and rank this year's recommendations from the candidates of
config/recommendations.yaml and trace every one to its evidence (the traceability matrix).

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
the legal room for improvement on the named acts is still unused. A candidate is selected when its
conditions hold (p ≥ min_prevalence, r ≥ min_reach, L ≥ min_idi_points_lost, evidence present);
the selected ones are ranked by priority (ties: higher p, then id) and capped at `max_selected`.

Editors decide last (chapters/editorial.yml): a selected recommendation they drop leaves the list
with the reason ``editorial`` (the rest are numbered again), and a reworded one keeps its evidence.
The executive summary and chapter 8 both read the result, so they always agree.

Pure functions: no config globals, no snakemake object. Entry point:
scripts/compute_recommendations.py.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import InputError, Problem
from industry_report.core.validation import load_yaml_with_lines, read_csv

LANGS = ("kk", "ru", "en")
CONDITIONS = ("min_prevalence", "min_reach", "min_idi_points_lost")
FRACTION_CONDITIONS = ("min_prevalence", "min_reach")
ENTRY_KEYS = {"id", "problem", "root_cause", "acts", "questions", "indicator", "body", "title", "text",
              "conditions"}
REQUIRED_KEYS = ENTRY_KEYS - {"questions", "conditions"}
_OBSERVED = {"min_prevalence": "prevalence", "min_reach": "reach", "min_idi_points_lost": "idi_points_lost"}


# --------------------------------------------------------------------------------------------
# Config
# --------------------------------------------------------------------------------------------


def _strip(obj):
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def root_causes(links: list[tuple[str, str]], causes: list[str]) -> list[str]:
    """Causes that no other cause drives (no incoming link)."""
    driven = {b for _, b in links}
    return [c for c in causes if c not in driven]


def reach(links: list[tuple[str, str]], cause: str) -> set[str]:
    """The cause and every cause it drives, directly or indirectly."""
    seen, stack = {cause}, [cause]
    while stack:
        n = stack.pop()
        for a, b in links:
            if a == n and b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


def load_candidates(path: str | Path, *, problems: dict[str, list[str]], links: list[tuple[str, str]],
                    questions: dict[str, str], acts: set[str], indicators: set[str]) -> dict:
    """Read and check the candidate recommendations.

    ``problems``: survey problem id -> its cause ids; ``links``: the cause links (from, to);
    ``questions``: IDI question id -> its act id; ``acts``: IDI act ids; ``indicators``: I01..I16.
    Returns {"defaults": {condition: value}, "candidates": [entry, ...]} with every entry's
    conditions filled from the defaults and ``questions`` filled from the acts when omitted.
    Every fault is an :class:`InputError` naming the file, the YAML line and the entry.
    """
    path = Path(path)
    doc = load_yaml_with_lines(path, "recommendations")
    if not isinstance(doc, dict) or not isinstance(doc.get("recommendations"), list) \
            or not doc["recommendations"]:
        raise InputError(path, "expected a mapping with a non-empty list 'recommendations'", row=1,
                         column="recommendations")
    out: list[Problem] = []
    defaults_doc = (doc.get("defaults") or {}).get("conditions") or {}
    defaults = {}
    for c in CONDITIONS:
        if c not in defaults_doc:
            out.append(Problem(defaults_doc.get("__line__", 1), f"defaults.conditions.{c}",
                               "expected a default value for every condition"))
    _check_conditions(defaults_doc, "defaults.conditions", out, defaults)

    all_roots = set(root_causes(links, sorted({c for cs in problems.values() for c in cs}
                                              | {x for link in links for x in link})))
    seen_ids: set[str] = set()
    candidates = []
    for i, e in enumerate(doc["recommendations"]):
        if not isinstance(e, dict):
            out.append(Problem(None, f"recommendations[{i}]", "expected a mapping"))
            continue
        line = e.get("__line__")
        rid = e.get("id")
        name = f"recommendations[{rid}]" if isinstance(rid, str) and rid else f"recommendations[{i}]"

        def bad(key, msg):
            out.append(Problem(line, f"{name}.{key}" if key else name, msg))

        keys = set(e) - {"__line__"}
        for k in sorted(REQUIRED_KEYS - keys):
            bad(k, "a required key is missing")
        for k in sorted(keys - ENTRY_KEYS):
            bad(k, f"unknown key (expected one of {', '.join(sorted(ENTRY_KEYS))})")
        if not isinstance(rid, str) or not rid:
            bad("id", f"expected a non-empty text id, found {rid!r}")
        elif rid in seen_ids:
            bad("id", f"the id {rid!r} is used twice")
        seen_ids.add(rid)
        for k in ("body", "title", "text"):
            v = e.get(k)
            if k in keys and (not isinstance(v, dict)
                              or any(not isinstance(v.get(lang), str) or not v[lang].strip()
                                     for lang in LANGS)):
                bad(k, f"expected non-empty texts in {', '.join(LANGS)}")
        pid = e.get("problem")
        if "problem" in keys and pid not in problems:
            bad("problem", f"expected a survey problem id of the questionnaire, found {pid!r}")
        root = e.get("root_cause")
        if "root_cause" in keys:
            if root not in all_roots:
                bad("root_cause", f"expected a root cause of the questionnaire (a cause no other cause "
                                  f"drives), found {root!r}")
            elif pid in problems and not reach(links, root) & set(problems[pid]):
                bad("root_cause", f"the root cause {root!r} reaches none of the causes of problem "
                                  f"{pid!r} ({', '.join(problems[pid])})")
        ind = e.get("indicator")
        if "indicator" in keys and ind not in indicators:
            bad("indicator", f"expected a key indicator id (I01..I16), found {ind!r}")
        e_acts = e.get("acts")
        if "acts" in keys:
            if not isinstance(e_acts, list) or not e_acts:
                bad("acts", "expected a non-empty list of IDI legal act ids")
                e_acts = []
            for a in e_acts:
                if a not in acts:
                    bad("acts", f"expected IDI legal act ids of the codebook, found {a!r}")
        e_q = e.get("questions")
        if e_q is None:
            e_q = [q for q, a in questions.items() if a in (e_acts or [])]
        elif not isinstance(e_q, list) or not e_q:
            bad("questions", "expected a non-empty list of IDI question ids (or no key)")
            e_q = []
        else:
            for q in e_q:
                if q not in questions:
                    bad("questions", f"expected IDI question ids of the codebook, found {q!r}")
                elif q not in (e_acts or []) and questions[q] not in (e_acts or []):
                    bad("questions", f"question {q!r} is on act {questions[q]!r}, which is not in 'acts'")
            if isinstance(e_acts, list):
                for a in e_acts:
                    if a in acts and not any(questions.get(q) == a for q in e_q):
                        bad("acts", f"act {a!r} has none of the listed questions")
        conds = dict(defaults)
        if e.get("conditions") is not None:
            if not isinstance(e["conditions"], dict):
                bad("conditions", "expected a mapping of conditions")
            else:
                _check_conditions(e["conditions"], f"{name}.conditions", out, conds,
                                  line=e["conditions"].get("__line__", line))
        candidates.append({"id": rid, "problem": pid, "root_cause": root, "acts": list(e_acts or []),
                           "questions": list(dict.fromkeys(e_q)), "indicator": ind,
                           "body": _strip(e.get("body")), "title": _strip(e.get("title")),
                           "text": _strip(e.get("text")), "conditions": conds, "line": line})
    if out:
        raise InputError(path, out)
    return {"defaults": defaults, "candidates": candidates}


def _check_conditions(doc: dict, where: str, out: list, into: dict, line: int | None = None) -> None:
    line = line if line is not None else doc.get("__line__")
    for k, v in doc.items():
        if k == "__line__":
            continue
        if k not in CONDITIONS:
            out.append(Problem(line, f"{where}.{k}", f"unknown condition (expected one of "
                                                      f"{', '.join(CONDITIONS)})"))
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0 \
                or (k in FRACTION_CONDITIONS and v > 1):
            rng = "a fraction between 0 and 1" if k in FRACTION_CONDITIONS else "a number ≥ 0"
            out.append(Problem(line, f"{where}.{k}", f"expected {rng}, found {v!r}"))
            continue
        into[k] = float(v)


# --------------------------------------------------------------------------------------------
# Evidence tables
# --------------------------------------------------------------------------------------------
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
PREVALENCE_SCHEMA = pa.DataFrameSchema({
    "problem": pa.Column(str),
    "dimension": pa.Column(str),
    "domain": pa.Column(str),
    **_ESTIMATE,
    **_other("stage", "se", "cv", "n_eff", "suppressed", "quality"),
}, strict=False, coerce=True)
ROOTS_SCHEMA = pa.DataFrameSchema({
    "problem": pa.Column(str),
    "root_cause": pa.Column(str),
    **_ESTIMATE,
    **_other("rank", "reached", "se", "cv", "n_eff", "suppressed", "quality"),
}, strict=False, coerce=True)
IDI_QUESTIONS_SCHEMA = pa.DataFrameSchema({
    "year": pa.Column(int),
    "question": pa.Column(str),
    "block": pa.Column(str),
    "act": pa.Column(str),
    "na": pa.Column(str, pa.Check.isin(["True", "False", "true", "false"])),
    "code": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
    **_other("n_experts", "n_na", "w_favourable", "w_partial", "w_unfavourable"),
}, strict=False, coerce=True)
IDI_BLOCKS_SCHEMA = pa.DataFrameSchema({
    "year": pa.Column(int),
    "block": pa.Column(str),
    "s_max": pa.Column(float, pa.Check.ge(0), nullable=True),  # empty on the IDI total row
    **_other("s_fact", "d"),
}, strict=False, coerce=True)


def read_evidence(prevalence, roots, idi_questions, idi_blocks) -> dict[str, pd.DataFrame]:
    return {"prevalence": read_csv(prevalence, PREVALENCE_SCHEMA),
            "roots": read_csv(roots, ROOTS_SCHEMA),
            "idi_questions": read_csv(idi_questions, IDI_QUESTIONS_SCHEMA),
            "idi_blocks": read_csv(idi_blocks, IDI_BLOCKS_SCHEMA)}


def question_gaps(idi_questions: pd.DataFrame, idi_blocks: pd.DataFrame, year: int,
                  max_points: float = 1.0) -> pd.DataFrame:
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
    return q.set_index("question")[["block", "act", "code", "points_max", "points_lost",
                                    "idi_points_lost"]]


# --------------------------------------------------------------------------------------------
# Join, score, select, rank
# --------------------------------------------------------------------------------------------
def _num(x):
    return None if x is None or (isinstance(x, float) and not np.isfinite(x)) or pd.isna(x) else float(x)


def evidence_matrix(candidates: list[dict], prevalence: pd.DataFrame, roots: pd.DataFrame,
                    gaps: pd.DataFrame) -> pd.DataFrame:
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
        prev = _num(p["est"]) if p is not None else None
        rch = _num(r["est"]) if r is not None else None
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
        rows.append({
            "id": c["id"], "problem": c["problem"],
            "prevalence": prev, "prevalence_lci": _num(p["lci"]) if p is not None else None,
            "prevalence_uci": _num(p["uci"]) if p is not None else None,
            "root_cause": c["root_cause"], "reach": rch,
            "reach_lci": _num(r["lci"]) if r is not None else None,
            "reach_uci": _num(r["uci"]) if r is not None else None,
            "acts": " ".join(c["acts"]), "questions": " ".join(c["questions"]),
            "acts_losing": " ".join(lost_acts), "questions_losing": " ".join(lost_q),
            "idi_points_max": pts_max, "idi_points_lost": pts_lost, "idi_gap_share": share,
            "idi_index_points_lost": float(g["idi_points_lost"].sum()),
            "indicator": c["indicator"], "body": c["body"]["en"],
            "priority": prio, "failed": " ".join(failed),
            **{k: v for k, v in cond.items()},
        })
    return pd.DataFrame(rows)


def select_and_rank(matrix: pd.DataFrame, max_selected: int | None = None) -> pd.DataFrame:
    """Add ``selected`` and ``rank`` (1 = highest priority) to the evidence matrix.

    Candidates that meet every condition are sorted by priority (descending), then prevalence
    (descending), then id; the first ``max_selected`` (all when None) are selected. The rest keep
    ``rank`` empty; a candidate cut by the cap gets the failed condition ``max_selected``.
    """
    m = matrix.copy()
    ok = m["failed"] == ""
    order = m[ok].sort_values(["priority", "prevalence", "id"], ascending=[False, False, True],
                              kind="mergesort").index
    keep = list(order if max_selected is None else order[:max_selected])
    cut = [i for i in order if i not in keep]
    m["selected"] = False
    m.loc[keep, "selected"] = True
    m.loc[cut, "failed"] = "max_selected"
    return _numbered(m, keep)


def _numbered(m: pd.DataFrame, keep) -> pd.DataFrame:
    """Rank the rows ``keep`` (index labels, best first) 1..k, the rest empty; ranked rows first."""
    m["rank"] = pd.array([pd.NA] * len(m), dtype="Int64")
    m.loc[keep, "rank"] = range(1, len(keep) + 1)
    return m.sort_values(["rank", "id"], na_position="last", kind="mergesort").reset_index(drop=True)


def load_editorial(path: str | Path, *, candidates: set[str], selected: set[str]) -> dict:
    """Read the editors' decisions for this edition (chapters/editorial.yml).

    ``recommendations.drop``: ids of recommendations the evidence selected that this edition leaves
    out; ``recommendations.reword.<lang>.<id>``: a new ``title`` and/or ``text``. ``candidates``: all
    candidate ids; ``selected``: the ids the evidence selected this year. Only selected ones may be
    dropped or reworded, so a decision never silently does nothing when the evidence changes.
    Returns {"drop": [id, ...], "reword": {lang: {id: {"title"?: str, "text"?: str}}}}.
    """
    path = Path(path)
    doc = load_yaml_with_lines(path, "editorial")
    out: list[Problem] = []

    def bad(line, key, msg):
        out.append(Problem(line, key, msg))

    def check_id(rid, line, key) -> bool:
        if rid not in candidates:
            bad(line, key, f"expected a recommendation id of config/recommendations.yaml, found {rid!r}")
            return False
        if rid not in selected:
            bad(line, key, f"{rid} is not among this year's selected recommendations "
                           f"({', '.join(sorted(selected)) or 'none'}); remove it here")
            return False
        return True

    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise InputError(path, "expected a mapping with the key 'recommendations'", row=1)
    for k in sorted(set(doc) - {"__line__", "recommendations"}):
        bad(doc.get("__line__"), k, "unknown key (expected: recommendations)")
    rec = doc.get("recommendations") or {}
    if not isinstance(rec, dict):
        raise InputError(path, "expected a mapping with 'drop' and 'reword'", row=doc.get("__line__"),
                         column="recommendations")
    line = rec.get("__line__")
    for k in sorted(set(rec) - {"__line__", "drop", "reword"}):
        bad(line, f"recommendations.{k}", "unknown key (expected: drop, reword)")
    drop = rec.get("drop") or []
    if not isinstance(drop, list) or not all(isinstance(x, str) for x in drop):
        bad(line, "recommendations.drop", f"expected a list of recommendation ids, found {drop!r}")
        drop = []
    for rid in drop:
        check_id(rid, line, "recommendations.drop")
    if len(set(drop)) != len(drop):
        bad(line, "recommendations.drop", "an id is listed twice")
    reword: dict[str, dict] = {}
    langs = rec.get("reword") or {}
    if not isinstance(langs, dict):
        bad(line, "recommendations.reword", "expected a mapping: language -> id -> title/text")
        langs = {}
    for lang, entries in langs.items():
        if lang == "__line__":
            continue
        where = f"recommendations.reword.{lang}"
        if lang not in LANGS:
            bad(langs.get("__line__", line), where, f"expected a language of {', '.join(LANGS)}")
            continue
        entries = entries or {}
        if not isinstance(entries, dict):
            bad(langs.get("__line__", line), where, "expected a mapping: id -> title/text")
            continue
        reword[lang] = {}
        for rid, e in entries.items():
            if rid == "__line__":
                continue
            eline = e.get("__line__") if isinstance(e, dict) else entries.get("__line__")
            if not check_id(rid, eline, f"{where}.{rid}"):
                continue
            if rid in drop:
                bad(eline, f"{where}.{rid}", f"{rid} is also in 'drop'; reword or drop it, not both")
            if not isinstance(e, dict) or not (set(e) - {"__line__"}):
                bad(eline, f"{where}.{rid}", "expected 'title' and/or 'text'")
                continue
            for k in sorted(set(e) - {"__line__", "title", "text"}):
                bad(eline, f"{where}.{rid}.{k}", "unknown key (expected: title, text)")
            texts = {k: e[k] for k in ("title", "text") if k in e}
            for k, v in texts.items():
                if not isinstance(v, str) or not v.strip():
                    bad(eline, f"{where}.{rid}.{k}", "expected a non-empty text")
            reword[lang][rid] = {k: v.strip() for k, v in texts.items() if isinstance(v, str)}
    if out:
        raise InputError(path, out)
    return {"drop": list(drop), "reword": reword}


def apply_editorial(ranked: pd.DataFrame, drop: list[str]) -> pd.DataFrame:
    """Leave the dropped recommendations out: they become not selected with the reason
    ``editorial``, and the others are numbered 1..k again in their priority order."""
    m = ranked.copy()
    out = m["id"].isin(drop) & m["selected"]
    m.loc[out, "selected"] = False
    m.loc[out, "failed"] = "editorial"
    return _numbered(m, m.index[m["selected"]])  # rows are in rank order already


MATRIX_COLUMNS = ["rank", "id", "problem", "prevalence", "prevalence_lci", "prevalence_uci",
                  "root_cause", "reach", "reach_lci", "reach_uci", "questions_losing", "acts_losing",
                  "idi_points_lost", "idi_points_max", "idi_gap_share", "idi_index_points_lost",
                  "indicator", "body", "priority"]


def traceability_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The traceability matrix: one row per selected recommendation, in rank order."""
    return ranked[ranked["selected"]][MATRIX_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Values for the chapter
# --------------------------------------------------------------------------------------------
def build_values(ranked: pd.DataFrame, candidates: list[dict], *, year: int, defaults: dict,
                 max_selected: int | None, names: dict, demo_survey: bool, demo_idi: bool,
                 reword: dict | None = None) -> dict:
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
            "id": r["id"], "title": new.get("title", c["title"]["kk"]),
            "text": new.get("text", c["text"]["kk"]), "reworded": bool(new), "body": c["body"]["kk"],
            "body_short": c["body"].get("short_kk") or c["body"]["kk"],
            "problem_id": r["problem"], "problem": names["problem"][r["problem"]],
            "prevalence": _num(r["prevalence"]), "prevalence_lci": _num(r["prevalence_lci"]),
            "prevalence_uci": _num(r["prevalence_uci"]),
            "root_cause_id": r["root_cause"], "root_cause": names["cause"][r["root_cause"]],
            "reach": _num(r["reach"]), "reach_lci": _num(r["reach_lci"]), "reach_uci": _num(r["reach_uci"]),
            "acts": "; ".join(names["act"][a] for a in r["acts"].split()),
            "acts_losing": "; ".join(names["act"][a] for a in r["acts_losing"].split()),
            "questions": ", ".join(r["questions"].split()),
            "questions_losing": ", ".join(r["questions_losing"].split()) or "–",
            "idi_points_lost": _num(r["idi_points_lost"]), "idi_points_max": _num(r["idi_points_max"]),
            "idi_gap_share": _num(r["idi_gap_share"]),
            "idi_index_points_lost": _num(r["idi_index_points_lost"]),
            "indicator_id": r["indicator"], "indicator": names["indicator"][r["indicator"]],
            "priority": _num(r["priority"]),
            "failed": [{"condition": f, "threshold": _num(r[f]) if f in CONDITIONS else None,
                        "value": _num(r[_OBSERVED[f]]) if f in CONDITIONS else None}
                       for f in r["failed"].split()],
        }

    sel = [record(r) for _, r in ranked[ranked["selected"]].iterrows()]
    for i, rec in enumerate(sel, start=1):
        rec["rank"] = i
    rest = [record(r) for _, r in ranked[~ranked["selected"]].sort_values("id").iterrows()]
    return {
        "year": int(year), "demo_survey": bool(demo_survey), "demo_idi": bool(demo_idi),
        "demo": bool(demo_survey or demo_idi),
        "n_candidates": len(candidates), "n_selected": len(sel), "n_not_selected": len(rest),
        "max_selected": max_selected, "conditions": dict(defaults),
        "selected": sel, "not_selected": rest,
        "top": sel[:3],
        "_units": {"conditions.min_prevalence": "fraction", "conditions.min_reach": "fraction",
                   "conditions.min_idi_points_lost": "IDI points"},
    }
