"""Industrial Development Index (IDI): codebook, answers, scoring, expert agreement, change, gaps.

Method (paragraph 11 of Order No. 260). Experts answer the codebook's questions about normative
legal acts (config/idi_codebook.yaml). Each answer is an option with a ternary class (favourable,
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

Change between two years is decomposed exactly: D_m = Σ_q c_q / S_max,m, so the contribution of
question q to ΔIDI is c_q,t / (n_t S_max,m,t) − c_q,t−1 / (n_t−1 S_max,m,t−1) (a non-applicable
question contributes 0); the contributions sum to ΔIDI. The gap register gives, per legal act, the
points lost (Σ (max − c_q)) and the IDI points lost ((max − c_q) / (n S_max,m)), i.e. what the IDI
would gain if every question on the act were favourable, other things equal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.validation import load_yaml_with_lines, read_text_table, validate

CLASSES = ("favourable", "partial", "unfavourable")
ANSWER_COLUMNS = ["expert", "question", "answer", "citation", "comment"]
OPTIONAL_ANSWER_COLUMNS = ["block"]
LANGS = ("kk", "ru", "en")


# --------------------------------------------------------------------------------------------
# Codebook
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Codebook:
    """The parsed codebook. ``questions`` has one row per question in codebook order."""

    path: str
    version: str
    as_of: str
    status: str
    ternary: dict[str, float]
    na_code: str
    blocks: list[str]
    questions: pd.DataFrame  # question, block, act, article, option_set, na_allowed, citation_required, kk, ru, en
    options: pd.DataFrame  # question, option, class, kk, ru, en
    acts: dict[str, dict[str, str]]
    option_sets: dict[str, list[dict]] = field(default_factory=dict)

    def mapping_vector(self, mapping: dict[str, float] | None = None) -> np.ndarray:
        m = self.ternary if mapping is None else mapping
        return np.array([float(m[c]) for c in CLASSES])


def check_mapping(mapping: dict, where: str = "ternary mapping") -> dict[str, float]:
    """A ternary mapping must give every class a number in [0, 1], ordered fav ≥ partial ≥ unfav."""
    if not isinstance(mapping, dict) or set(mapping) - {"__line__"} != set(CLASSES):
        raise ConfigError(f"{where}: expected the keys {', '.join(CLASSES)}, found {mapping!r}")
    try:
        m = {c: float(mapping[c]) for c in CLASSES}
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: every value must be a number, found {mapping!r}") from None
    if not all(0.0 <= v <= 1.0 for v in m.values()):
        raise ConfigError(f"{where}: values must lie in [0, 1], found {m}")
    if not m["favourable"] >= m["partial"] >= m["unfavourable"] or m["favourable"] <= 0:
        raise ConfigError(f"{where}: expected favourable ≥ partial ≥ unfavourable and favourable > 0, "
                          f"found {m}")
    return m


def load_codebook(path: str | Path, block_ids: list[str]) -> Codebook:
    """Read and check the codebook; ``block_ids`` are the life-cycle stages in order.

    Every fault is an :class:`InputError` naming the file, the YAML line and the key.
    """
    path = Path(path)
    doc = load_yaml_with_lines(path, "codebook")
    if not isinstance(doc, dict):
        raise InputError(path, "expected a YAML mapping at the top level", row=1)
    problems: list[Problem] = []
    for key in ("version", "ternary", "option_sets", "acts", "blocks"):
        if key not in doc:
            problems.append(Problem(1, key, "a required top-level key is missing"))
    if problems:
        raise InputError(path, problems)
    try:
        ternary = check_mapping(doc["ternary"], "codebook 'ternary'")
    except ConfigError as exc:
        raise InputError(path, str(exc), row=doc["ternary"].get("__line__") if isinstance(
            doc["ternary"], dict) else None, column="ternary") from None
    na_code = str(doc.get("na_code", "na"))

    option_sets = {}
    for name, opts in doc["option_sets"].items():
        if name == "__line__":
            continue
        if not isinstance(opts, list) or not opts:
            problems.append(Problem(doc["option_sets"]["__line__"], f"option_sets.{name}",
                                    "expected a non-empty list of options"))
            continue
        seen = set()
        for o in opts:
            if not isinstance(o, dict) or "id" not in o or o.get("class") not in CLASSES:
                line = o.get("__line__") if isinstance(o, dict) else doc["option_sets"]["__line__"]
                problems.append(Problem(line, f"option_sets.{name}", "expected an option with 'id' and "
                                        f"'class' (one of {', '.join(CLASSES)}), found {o!r}"))
                continue
            if str(o["id"]) == na_code:
                problems.append(Problem(o["__line__"], f"option_sets.{name}",
                                        f"the option id '{na_code}' is reserved for 'not applicable'"))
            if str(o["id"]) in seen:
                problems.append(Problem(o["__line__"], f"option_sets.{name}",
                                        f"option id '{o['id']}' appears twice"))
            seen.add(str(o["id"]))
        option_sets[name] = opts

    acts = {k: v for k, v in doc["acts"].items() if k != "__line__"}
    for k, v in acts.items():
        for lang in LANGS:
            if not isinstance(v, dict) or not str(v.get(lang, "")).strip():
                problems.append(Problem(v.get("__line__") if isinstance(v, dict) else None,
                                        f"acts.{k}.{lang}", "expected the act's name in this language"))

    blocks = doc["blocks"] or []
    found_ids = [b.get("id") if isinstance(b, dict) else None for b in blocks]
    if found_ids != list(block_ids):
        problems.append(Problem(doc.get("__line__", 1), "blocks",
                                "expected the blocks of config/lifecycle.yaml in this order: "
                                f"{', '.join(block_ids)}; found {', '.join(map(str, found_ids))}"))
    q_rows, o_rows = [], []
    seen_q: dict[str, int] = {}
    for b in blocks:
        if not isinstance(b, dict):
            continue
        qs = b.get("questions") or []
        if not qs:
            problems.append(Problem(b["__line__"], f"blocks.{b.get('id')}.questions",
                                    "expected at least one question; the block has none"))
            continue
        for q in qs:
            line = q.get("__line__") if isinstance(q, dict) else b["__line__"]
            if not isinstance(q, dict) or not q.get("id"):
                problems.append(Problem(line, "id", "expected a question with an 'id'"))
                continue
            qid = str(q["id"])
            if qid in seen_q:
                problems.append(Problem(line, "id", f"question id '{qid}' repeats line {seen_q[qid]}"))
                continue
            seen_q[qid] = line
            for lang in LANGS:
                if not str(q.get(lang, "")).strip():
                    problems.append(Problem(line, f"{qid}.{lang}", "expected the question text"))
            if q.get("act") not in acts:
                problems.append(Problem(line, f"{qid}.act",
                                        f"expected a key of 'acts', found {q.get('act')!r}"))
            if not str(q.get("article", "")).strip():
                problems.append(Problem(line, f"{qid}.article", "expected the article of the act"))
            if q.get("options") not in option_sets:
                problems.append(Problem(line, f"{qid}.options",
                                        f"expected a key of 'option_sets', found {q.get('options')!r}"))
                continue
            na_allowed = q.get("na_allowed")
            if not isinstance(na_allowed, bool):
                problems.append(Problem(line, f"{qid}.na_allowed", f"expected true or false, found "
                                                                   f"{na_allowed!r}"))
            q_rows.append({"question": qid, "block": b["id"], "act": q.get("act"),
                           "article": str(q.get("article", "")), "option_set": q["options"],
                           "na_allowed": bool(na_allowed),
                           "citation_required": bool(q.get("citation_required", True)),
                           **{lang: str(q.get(lang, "")) for lang in LANGS}})
            for o in option_sets[q["options"]]:
                o_rows.append({"question": qid, "option": str(o["id"]), "class": o["class"],
                               **{lang: str(o.get(lang, "")) for lang in LANGS}})
    if problems:
        raise InputError(path, problems)
    return Codebook(path=str(path), version=str(doc["version"]), as_of=str(doc.get("as_of", "")),
                    status=str(doc.get("status", "")), ternary=ternary, na_code=na_code,
                    blocks=list(block_ids), questions=pd.DataFrame(q_rows),
                    options=pd.DataFrame(o_rows), acts=acts, option_sets=option_sets)


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------
ANSWER_SCHEMA = pa.DataFrameSchema(
    {
        "expert": pa.Column(str, nullable=False),
        "question": pa.Column(str, nullable=False),
        "answer": pa.Column(str, nullable=False),
        "citation": pa.Column(str, nullable=True),
        "comment": pa.Column(str, nullable=True),
        "block": pa.Column(str, nullable=True, required=False),
    },
    unique=["expert", "question"],
)


def read_answers(path: str | Path, codebook: Codebook, *, missing: str = "error") -> pd.DataFrame:
    """Read one year's answers file (CSV or XLSX) and check it against the codebook.

    Columns: expert, question, answer (an option id or the N/A code), citation (the legal text the
    answer rests on; required unless the question says otherwise or the answer is N/A), comment,
    and optionally block (checked against the question's block). Returns the rows with the answer's
    class ('na' for not applicable) and the file line in ``line``.
    """
    if missing not in ("error", "skip"):
        raise ConfigError(f"idi missing-answer policy: expected 'error' or 'skip', found {missing!r}")
    raw = read_text_table(path, ANSWER_COLUMNS, optional_columns=OPTIONAL_ANSWER_COLUMNS)
    df = validate(raw, ANSWER_SCHEMA, path)
    q = codebook.questions.set_index("question")
    o = codebook.options
    opts = dict(zip(zip(o["question"], o["option"]), o["class"]))
    problems: list[Problem] = []
    classes = []
    for line, row in df.iterrows():
        qid = row["question"]
        if qid not in q.index:
            problems.append(Problem(int(line), "question", f"expected a question id of codebook "
                                    f"{codebook.version}, found {qid!r}"))
            classes.append(None)
            continue
        qrow = q.loc[qid]
        if "block" in df.columns and not pd.isna(row.get("block")):
            if row["block"] not in codebook.blocks:
                problems.append(Problem(int(line), "block", f"expected one of {', '.join(codebook.blocks)}"
                                                            f", found {row['block']!r}"))
            elif row["block"] != qrow["block"]:
                problems.append(Problem(int(line), "block", f"expected '{qrow['block']}' (the block of "
                                                            f"{qid}), found {row['block']!r}"))
        ans = row["answer"]
        if ans == codebook.na_code:
            if not qrow["na_allowed"]:
                problems.append(Problem(int(line), "answer", f"question {qid} does not allow "
                                        f"'{codebook.na_code}' (not applicable); expected one of "
                                        + ", ".join(codebook.options.loc[codebook.options.question == qid,
                                                                         "option"])))
            classes.append("na")
            continue
        cls = opts.get((qid, ans))
        if cls is None:
            allowed = list(codebook.options.loc[codebook.options.question == qid, "option"])
            if qrow["na_allowed"]:
                allowed.append(codebook.na_code)
            problems.append(Problem(int(line), "answer", f"expected one of {', '.join(allowed)} for "
                                                         f"question {qid}, found {ans!r}"))
        elif qrow["citation_required"] and (pd.isna(row["citation"]) or not str(row["citation"]).strip()):
            problems.append(Problem(int(line), "citation", f"expected a citation of the legal text for "
                                                           f"question {qid} (answer {ans!r})"))
        classes.append(cls)
    if problems:
        raise InputError(path, problems)
    df = df.assign(**{"class": classes, "line": df.index.astype(int)}).reset_index(drop=True)
    if missing == "error":
        experts = list(dict.fromkeys(df["expert"]))
        answered = set(zip(df["expert"], df["question"]))
        for e in experts:
            for qid in codebook.questions["question"]:
                if (e, qid) not in answered:
                    problems.append(Problem(None, "question", f"expert {e!r} gave no answer to "
                                            f"question {qid}: a missing answer is not a zero (answer "
                                            f"'{codebook.na_code}' where allowed, or set the missing-"
                                            "answer policy to 'skip')"))
        if problems:
            raise InputError(path, problems)
    return df


# --------------------------------------------------------------------------------------------
# Combining experts and scoring
# --------------------------------------------------------------------------------------------
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
        rows.append({"question": r.question, "block": r.block, "act": r.act, "n_experts": len(cls),
                     "n_na": n_na, "na": bool(na), "unanswered": not cls,
                     **{f"w_{c}": w[c] for c in CLASSES}})
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
    df = pd.DataFrame({"block": combined["block"], "fact": code.fillna(0.0),
                       "max": applicable * vmax, "n_q": 1, "n_na": (~applicable).astype(int)})
    g = df.groupby("block").sum().reindex(blocks)
    out = pd.DataFrame({"block": blocks, "s_fact": g["fact"].to_numpy(float),
                        "s_max": g["max"].to_numpy(float), "n_questions": g["n_q"].to_numpy(int),
                        "n_na": g["n_na"].to_numpy(int)})
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


def krippendorff_alpha(answers: pd.DataFrame, codebook: Codebook,
                       mapping: dict[str, float] | None = None) -> float:
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
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                                    value_domain=sorted({float(m[c]) for c in CLASSES})))


@dataclass
class YearScore:
    year: int
    combined: pd.DataFrame
    blocks: pd.DataFrame
    idi: float
    alpha: float
    n_experts: int
    share_unanimous: float


def score_year(year: int, answers: pd.DataFrame, codebook: Codebook, *, rule: str = "median",
               mapping: dict[str, float] | None = None) -> YearScore:
    m = mapping or codebook.ternary
    comb = combine_answers(answers, codebook, rule)
    blocks = score_blocks(comb, codebook.blocks, m)
    per_q = answers.groupby("question")["class"].nunique()
    return YearScore(year=year, combined=comb, blocks=blocks, idi=idi_from_blocks(blocks["d"]),
                     alpha=krippendorff_alpha(answers, codebook, m),
                     n_experts=int(answers["expert"].nunique()),
                     share_unanimous=float((per_q == 1).mean()))


def idi_table(scores: list[YearScore]) -> pd.DataFrame:
    """``year,block,s_fact,s_max,d`` per block, plus a row per year with block 'IDI' (d = the IDI)."""
    parts = []
    for s in scores:
        b = s.blocks[["block", "s_fact", "s_max", "d"]].copy()
        b.insert(0, "year", s.year)
        idi_row = pd.DataFrame([{"year": s.year, "block": "IDI", "s_fact": np.nan, "s_max": np.nan,
                                 "d": s.idi}])
        parts += [b, idi_row]
    return pd.concat(parts, ignore_index=True)


def questions_table(scores: list[YearScore], codebook: Codebook,
                    mapping: dict[str, float] | None = None) -> pd.DataFrame:
    """Every question's combined code per year (code empty where N/A), with the class weights."""
    m = mapping or codebook.ternary
    parts = []
    for s in scores:
        c = s.combined.copy()
        c.insert(0, "year", s.year)
        c["code"] = question_codes(s.combined, m)
        parts.append(c)
    out = pd.concat(parts, ignore_index=True)
    return out[["year", "question", "block", "act", "n_experts", "n_na", "na", "code",
                "w_favourable", "w_partial", "w_unfavourable"]]


def agreement_table(scores: list[YearScore]) -> pd.DataFrame:
    return pd.DataFrame([{"year": s.year, "n_experts": s.n_experts, "alpha": s.alpha,
                          "share_unanimous": s.share_unanimous, "idi": s.idi} for s in scores])


# --------------------------------------------------------------------------------------------
# Explaining change, gap register
# --------------------------------------------------------------------------------------------
def _idi_share(combined: pd.DataFrame, blocks: list[str], mapping: dict[str, float]) -> pd.Series:
    """Each question's share of the IDI: c_q / (n · S_max,m) (0 if N/A); they sum to the IDI."""
    b = score_blocks(combined, blocks, mapping).set_index("block")
    n = int(b["d"].notna().sum())
    code = question_codes(combined, mapping).fillna(0.0)
    smax = combined["block"].map(b["s_max"])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(smax > 0, code / (n * smax), 0.0)
    return pd.Series(share, index=combined["question"].to_numpy())


def explain_change(prev: YearScore, curr: YearScore, codebook: Codebook,
                   mapping: dict[str, float] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per question and per legal act: contribution to IDI_t − IDI_t−1 (sums exactly to the change).

    Question rows: question, block, act, code_prev, code, contribution, reason ('answer' if the
    code moved, 'applicability' if N/A status changed, 'weight' if only the block's S_max moved).
    """
    m = mapping or codebook.ternary
    sp = _idi_share(prev.combined, codebook.blocks, m)
    sc = _idi_share(curr.combined, codebook.blocks, m)
    cp = question_codes(prev.combined, m).to_numpy()
    cc = question_codes(curr.combined, m).to_numpy()
    q = curr.combined[["question", "block", "act"]].copy()
    q["code_prev"], q["code"] = cp, cc
    q["contribution"] = sc.to_numpy() - sp.reindex(q["question"]).to_numpy()
    na_moved = np.isnan(cp) != np.isnan(cc)
    moved = ~na_moved & ~np.isclose(np.nan_to_num(cp, nan=-1), np.nan_to_num(cc, nan=-1))
    q["reason"] = np.select([na_moved, moved, ~np.isclose(q["contribution"], 0)],
                            ["applicability", "answer", "weight"], "none")
    q["year_prev"], q["year"] = prev.year, curr.year
    q = q.sort_values("contribution", key=np.abs, ascending=False, kind="stable")
    acts = (q.groupby("act").agg(contribution=("contribution", "sum"),
                                 n_moved=("reason", lambda r: int((r.isin(["answer", "applicability"])).sum())),
                                 questions=("question", lambda s: " ".join(
                                     s[q.loc[s.index, "reason"].isin(["answer", "applicability"])])))
            .reset_index())
    acts = acts.sort_values("contribution", key=np.abs, ascending=False, kind="stable")
    return q.reset_index(drop=True), acts.reset_index(drop=True)


def gap_register(score: YearScore, codebook: Codebook,
                 mapping: dict[str, float] | None = None) -> pd.DataFrame:
    """Points lost per legal act in one year, highest first (the basis of stage 4's recommendations).

    points_lost = Σ (max − c_q) over the act's applicable questions; idi_points_lost = the IDI gain
    if all of them were favourable, block maxima unchanged; questions = the ids losing points.
    """
    m = mapping or codebook.ternary
    vmax = max(m.values())
    comb = score.combined
    b = score.blocks.set_index("block")
    n = int(b["d"].notna().sum())
    code = question_codes(comb, m)
    lost = (vmax - code).where(~comb["na"].astype(bool), 0.0)
    smax = comb["block"].map(b["s_max"])
    idi_lost = np.where(smax > 0, lost / (n * smax), 0.0)
    df = pd.DataFrame({"act": comb["act"], "question": comb["question"], "lost": lost.to_numpy(),
                       "idi_lost": idi_lost, "applicable": ~comb["na"].astype(bool)})
    reg = (df.groupby("act", sort=False)
           .agg(n_questions=("applicable", "sum"), points_lost=("lost", "sum"),
                idi_points_lost=("idi_lost", "sum"),
                questions=("question", lambda s: " ".join(s[df.loc[s.index, "lost"] > 1e-12])))
           .reset_index())
    reg["points_max"] = reg["n_questions"] * vmax
    reg["share_lost"] = np.where(reg["points_max"] > 0, reg["points_lost"] / reg["points_max"], np.nan)
    reg = reg[reg["points_lost"] > 1e-12].sort_values(["idi_points_lost", "points_lost"],
                                                       ascending=False, kind="stable")
    reg.insert(0, "rank", range(1, len(reg) + 1))
    reg.insert(1, "year", score.year)
    return reg.reset_index(drop=True)


def lifecycle_blocks(lifecycle: dict) -> list[str]:
    """Block ids in life-cycle order from the parsed config/lifecycle.yaml."""
    return [s["id"] for s in lifecycle["stages"]]


def load_codebook_in_order(codebook_path: str | Path, lifecycle_path: str | Path) -> Codebook:
    """The codebook with its blocks checked against the life-cycle stages of config/lifecycle.yaml."""
    import yaml

    lifecycle = yaml.safe_load(Path(lifecycle_path).read_text(encoding="utf-8"))
    return load_codebook(codebook_path, lifecycle_blocks(lifecycle))


def score_files(paths: list[str | Path], years: list[int], codebook: Codebook, *,
                rule: str = "median", missing: str = "error") -> list[YearScore]:
    """Read and score one answers file per year (``paths`` and ``years`` in the same order)."""
    if len(paths) != len(years):
        raise ConfigError(f"idi: {len(paths)} answers files for {len(years)} years")
    if list(years) != list(range(years[0], years[0] + len(years))):
        raise ConfigError(f"idi: expected consecutive years, found {years}")
    return [score_year(int(y), read_answers(p, codebook, missing=missing), codebook, rule=rule)
            for p, y in zip(paths, years)]


# --------------------------------------------------------------------------------------------
# Report values (the Jinja2 namespace `idi`)
# --------------------------------------------------------------------------------------------
TRANSFORM_KK = {"level": "деңгейлер", "diff": "өзгерістер"}
SCENARIO_KK = {
    "baseline": "Негізгі есеп (260-бұйрық формуласы)",
    "per_question": "Салмақ сұрақтарға тең бөлінеді",
    "geometric": "Геометриялық орта",
}


def _f(x):
    """A JSON-safe float (None for NaN)."""
    return None if x is None or (isinstance(x, float) and np.isnan(x)) or pd.isna(x) else float(x)


def _options_text(codebook: Codebook, qid: str, mapping: dict[str, float]) -> str:
    from industry_report.core import formatting

    o = codebook.options[codebook.options["question"] == qid]
    return "; ".join(f"{kk} – {formatting.number(mapping[c], 1, 'kk')}"
                     for kk, c in zip(o["kk"], o["class"]))


def build_values(*, codebook: Codebook, lifecycle: dict, idi_tab: pd.DataFrame,
                 questions: pd.DataFrame, agreement: pd.DataFrame, change_q: pd.DataFrame,
                 change_acts: pd.DataFrame, gaps: pd.DataFrame, scenarios: pd.DataFrame,
                 mc: pd.DataFrame, regression: pd.DataFrame, indicators: list[dict],
                 mc_params: dict, alpha: float, demo: bool, top: int = 8,
                 indicator_status: pd.DataFrame | None = None) -> dict:
    """Everything chapters 06, 07 and annexes 93, 94 print (raw numbers; the chapters format them)."""
    names = {s["id"]: s["name_kk"] for s in lifecycle["stages"]}
    act_short = {k: v.get("short_kk", v["kk"]) for k, v in codebook.acts.items()}
    qtext = dict(zip(codebook.questions["question"], codebook.questions["kk"]))
    years = sorted(int(y) for y in idi_tab["year"].unique())
    year, prev = years[-1], years[-2]
    ser = idi_tab[idi_tab["block"] == "IDI"].set_index("year")["d"]
    blk = idi_tab[idi_tab["block"] != "IDI"]
    cur = blk[blk["year"] == year].set_index("block")
    old = blk[blk["year"] == prev].set_index("block")
    qy = questions[questions["year"] == year]
    blocks = []
    for b in codebook.blocks:
        blocks.append({"id": b, "name": names[b], "d": _f(cur.loc[b, "d"]), "d_prev": _f(old.loc[b, "d"]),
                       "change": _f(cur.loc[b, "d"] - old.loc[b, "d"]),
                       "s_fact": _f(cur.loc[b, "s_fact"]), "s_max": _f(cur.loc[b, "s_max"]),
                       "n_questions": int((codebook.questions["block"] == b).sum()),
                       "n_na": int(qy.loc[qy["block"] == b, "na"].astype(bool).sum())})
    ranked = sorted((b for b in blocks if b["d"] is not None), key=lambda b: b["d"])
    mci = mc.set_index("year")
    agr = agreement.set_index("year")
    series = [{"year": y, "idi": _f(ser[y]), "p05": _f(mci.loc[y, "idi_p05"]),
               "p95": _f(mci.loc[y, "idi_p95"]), "alpha": _f(agr.loc[y, "alpha"]),
               "n_experts": int(agr.loc[y, "n_experts"]),
               "change": _f(ser[y] - ser[y - 1]) if y - 1 in ser.index else None} for y in years]
    moved = change_q[change_q["reason"].isin(["answer", "applicability"])]
    moved_rows = [{"question": r.question, "text": qtext[r.question],
                   "label": f"{r.question}. {qtext[r.question]}", "block": names[r.block],
                   "act": act_short[r.act], "code_prev": _f(r.code_prev), "code": _f(r.code),
                   "contribution": _f(r.contribution)} for r in moved.head(top).itertuples()]
    acts_rows = [{"act": act_short[r.act], "contribution": _f(r.contribution), "n_moved": int(r.n_moved),
                  "questions": r.questions if isinstance(r.questions, str) else ""}
                 for r in change_acts[change_acts["n_moved"] > 0].head(top).itertuples()]
    gap_rows = [{"rank": int(r.rank), "act": act_short[r.act], "n_questions": int(r.n_questions),
                 "points_lost": _f(r.points_lost), "idi_points_lost": _f(r.idi_points_lost),
                 "share_lost": _f(r.share_lost), "questions": r.questions}
                for r in gaps.itertuples()]
    sc = scenarios.copy()
    sc_rows = []
    for r in sc.itertuples():
        if r.kind == "leave_one_out":
            label = f"«{names[r.block]}» блогынсыз"
        elif r.kind == "mapping":
            m = mc_params["mappings"][r.scenario]
            from industry_report.core import formatting
            label = ("Үштік код: " + " / ".join(formatting.number(m[c], 2, "kk") for c in CLASSES))
        else:
            label = SCENARIO_KK[r.scenario]
        sc_rows.append({"scenario": r.scenario, "kind": r.kind, "label": label, "idi": _f(r.idi),
                        "idi_prev": _f(r.idi_prev), "change": _f(r.change), "shift": _f(r.shift)})
    loo = sc[sc["kind"] == "leave_one_out"]
    loo_max = loo.loc[loo["shift"].abs().idxmax()]
    sign_flip = int(((sc["change"] > 0) != (sc.loc[sc.scenario == "baseline", "change"].iloc[0] > 0)).sum())
    last = mci.loc[year]
    # Regression summary
    ind_names = {i["id"]: i["name_kk"] for i in indicators}
    demo_ids: list[str] = []
    if indicator_status is not None:  # indicators with demonstration values in the IDI's years
        st = indicator_status[indicator_status["year"].astype(int).between(years[0], year)]
        demo_ids = sorted(st.loc[st["status"] == "demo", "indicator_id"].unique())
    reg = regression
    corr = reg[reg["analysis"] != "ols"]
    def pick(ind, method, transform, lag, col):
        r = corr[(corr.indicator_id == ind) & (corr.analysis == method) & (corr["transform"] == transform)
                 & (corr["lag"] == lag)]
        return _f(r[col].iloc[0]) if len(r) else None
    corr_rows = []
    for ind in sorted(corr["indicator_id"].unique()):
        row = {"id": ind, "name": ind_names.get(ind, ind) + (" (демонстрациялық мәндер бар)"
                                                            if ind in demo_ids else "")}
        for t in ("level", "diff"):
            row[f"r_{t}"] = pick(ind, "pearson", t, 0, "estimate")
            row[f"p_{t}"] = pick(ind, "pearson", t, 0, "p_value")
            row[f"p_{t}_bh"] = pick(ind, "pearson", t, 0, "p_bh")
            row[f"rho_{t}"] = pick(ind, "spearman", t, 0, "estimate")
            row[f"n_{t}"] = pick(ind, "pearson", t, 0, "n")
        lagged = corr[(corr.indicator_id == ind) & (corr.analysis == "pearson") & (corr["transform"] == "diff")]
        best = lagged.loc[lagged["estimate"].abs().idxmax()] if lagged["estimate"].notna().any() else None
        row["best_diff_lag"] = int(best["lag"]) if best is not None else None
        row["best_diff_r"] = _f(best["estimate"]) if best is not None else None
        tr = corr[(corr.indicator_id == ind) & (corr.analysis == "pearson") & (corr["transform"] == "level")
                  & (corr["lag"] == 0)]["trend_only"]
        row["trend_only"] = bool(tr.iloc[0]) if len(tr) else False
        row["verdict"] = ("тек ортақ үрдіс" if row["trend_only"] else
                          "өзгерістерде де байланыс" if (row["p_diff_bh"] or 1) < alpha else
                          "өзгерістерде әлсіз белгі (BH түзетуінен кейін маңызсыз)"
                          if (row["p_diff"] or 1) < alpha else
                          "деңгейлерде байланыс" if (row["p_level"] or 1) < alpha else "байланыс жоқ")
        corr_rows.append(row)
    lvl = corr[(corr.analysis == "pearson") & (corr["transform"] == "level") & (corr["lag"] == 0)]
    dif = corr[(corr.analysis == "pearson") & (corr["transform"] == "diff") & (corr["lag"] == 0)]
    strongest = lvl.loc[lvl["estimate"].abs().idxmax()]
    strongest_d = dif.loc[dif["estimate"].abs().idxmax()]
    ols_rows = []
    for r in reg[reg["analysis"] == "ols"].itertuples():
        ols_rows.append({"id": r.indicator_id, "name": ind_names.get(r.indicator_id, r.indicator_id),
                         "transform": TRANSFORM_KK[r.transform], "n": int(r.n), "b": _f(r.estimate),
                         "se": _f(r.se), "se_hac": _f(r.se_hac), "p": _f(r.p_value), "p_hac": _f(r.p_hac),
                         "r2": _f(r.r2), "dw": _f(r.durbin_watson), "bg_p": _f(r.bg_p), "jb_p": _f(r.jb_p),
                         "bp_p": _f(r.bp_p)})
    ols = reg[reg["analysis"] == "ols"]
    top4 = lvl.assign(a=lvl["estimate"].abs()).sort_values("a", ascending=False, kind="stable").head(4)
    scatter = [{"id": r.indicator_id, "name": ind_names.get(r.indicator_id, r.indicator_id),
                "r": _f(r.estimate)} for r in top4.itertuples()]
    questionnaire = []
    for b in codebook.blocks:
        qs = codebook.questions[codebook.questions["block"] == b]
        questionnaire.append({"id": b, "name": names[b], "questions": [
            {"id": q.question, "text": q.kk, "act": act_short[q.act], "article": q.article.split("/")[0].strip(),
             "label": f"{q.question}. {q.kk}", "basis": f"{act_short[q.act]}, {q.article.split('/')[0].strip()}",
             "options": _options_text(codebook, q.question, codebook.ternary),
             "na": "иә" if q.na_allowed else "жоқ"} for q in qs.itertuples()]})
    acts_used = codebook.questions["act"].unique()
    n_lvl = int(lvl["n"].max())
    n_dif = int(dif["n"].max())
    return {
        "demo": demo, "year": year, "prev_year": prev, "first_year": years[0], "n_years": len(years),
        "codebook": {"version": codebook.version, "as_of": codebook.as_of, "draft": codebook.status == "draft",
                     "n_questions": int(len(codebook.questions)), "n_blocks": len(codebook.blocks),
                     "n_acts": int(len(acts_used)),
                     "n_na_allowed": int(codebook.questions["na_allowed"].sum())},
        "ternary": {c: codebook.ternary[c] for c in CLASSES},
        "idi": _f(ser[year]), "idi_prev": _f(ser[prev]), "change": _f(ser[year] - ser[prev]),
        "change_abs": _f(abs(ser[year] - ser[prev])),
        "idi_first": _f(ser[years[0]]), "idi_max": _f(ser.max()), "idi_max_year": int(ser.idxmax()),
        "n_experts": int(agr.loc[year, "n_experts"]), "alpha": _f(agr.loc[year, "alpha"]),
        "alpha_min": _f(agreement["alpha"].min()), "alpha_max": _f(agreement["alpha"].max()),
        "share_unanimous": _f(agr.loc[year, "share_unanimous"]),
        "n_na": int(qy["na"].astype(bool).sum()),
        "blocks": blocks, "best_block": ranked[-1], "worst_block": ranked[0],
        "series": series,
        "mc": {"draws": int(mc_params["draws"]), "partial_lo": float(mc_params["partial_range"][0]),
               "partial_hi": float(mc_params["partial_range"][1]),
               "weight_noise": float(mc_params["weight_noise"]),
               "idi_p05": _f(last["idi_p05"]), "idi_p95": _f(last["idi_p95"]),
               "change_p05": _f(last["change_p05"]), "change_p95": _f(last["change_p95"]),
               "share_up": _f(last["share_up"]),
               "change_robust": bool(last["change_p05"] > 0 or last["change_p95"] < 0)},
        "moved": moved_rows, "n_moved": int(len(moved)),
        "n_moved_up": int((moved["contribution"] > 0).sum()),
        "n_moved_down": int((moved["contribution"] < 0).sum()),
        "change_acts": acts_rows,
        "gaps": gap_rows, "gaps_top": gap_rows[: min(top, len(gap_rows))],
        "gap_top": gap_rows[0] if gap_rows else None,
        "sensitivity": sc_rows,
        "loo_max": {"block": names[loo_max["block"]], "shift": _f(loo_max["shift"])},
        "sens_min": _f(sc["idi"].min()), "sens_max": _f(sc["idi"].max()),
        "n_sign_flip": sign_flip,
        "reg": {"alpha": alpha, "n_level": n_lvl, "n_diff": n_dif,
                "r_crit_level": _f(lvl.loc[lvl["n"].idxmax(), "r_critical"]),
                "r_crit_diff": _f(dif.loc[dif["n"].idxmax(), "r_critical"]),
                "n_indicators": int(lvl["indicator_id"].nunique()),
                "n_tests": int(corr["p_value"].notna().sum()),
                "n_sig_level": int((lvl["p_value"] < alpha).sum()),
                "n_sig_level_bh": int((lvl["p_bh"] < alpha).sum()),
                "n_sig_level_holm": int((lvl["p_holm"] < alpha).sum()),
                "n_sig_diff": int((dif["p_value"] < alpha).sum()),
                "n_sig_diff_bh": int((dif["p_bh"] < alpha).sum()),
                "n_trend_only": int(lvl["trend_only"].sum()),
                "trend_only": [ind_names.get(i, i) for i in lvl.loc[lvl["trend_only"], "indicator_id"]],
                "strongest": {"name": ind_names.get(strongest.indicator_id, strongest.indicator_id),
                              "r": _f(strongest.estimate), "p": _f(strongest.p_value),
                              "p_bh": _f(strongest.p_bh)},
                "strongest_diff": {"name": ind_names.get(strongest_d.indicator_id, strongest_d.indicator_id),
                                   "r": _f(strongest_d.estimate), "p": _f(strongest_d.p_value),
                                   "p_bh": _f(strongest_d.p_bh)},
                "n_dw_low": int((ols["durbin_watson"] < 1.0).sum()),
                "n_bg_reject": int((ols["bg_p"] < alpha).sum()),
                "n_ols": int(ols["estimate"].notna().sum()),
                "n_hac_differs": int(((ols["p_value"] < alpha) != (ols["p_hac"] < alpha)).sum()),
                "demo_indicators": [ind_names.get(i, i) for i in demo_ids],
                "demo_indicator_ids": demo_ids,
                "correlations": corr_rows, "ols": ols_rows},
        "scatter": scatter,
        "questionnaire": questionnaire,
    }
