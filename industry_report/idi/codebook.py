"""The IDI codebook (config/idi_codebook.yaml): questions on legal acts, answer options, scoring.

The file's shape is checked by its JSON Schema (config/schemas/idi_codebook.schema.yaml); what a
schema cannot say (a question's act and option set exist, question ids are unique, the blocks follow
config/lifecycle.yaml, the ternary mapping keeps its order, an act's citations carry its date and
number) is checked here, and every fault names the line and the key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.yaml_input import load_yaml

CLASSES = ("favourable", "partial", "unfavourable")
LANGS = ("kk", "ru", "en")
# How a Kazakh citation writes the date of an act: "2015 жылғы 29 қазандағы" (month in the locative).
KK_MONTHS_LOCATIVE = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)
RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@dataclass(frozen=True)
class Codebook:
    """The parsed codebook. ``questions`` has one row per question in codebook order."""

    path: str
    version: str
    as_of: str
    ternary: dict[str, float]
    na_code: str
    blocks: list[str]
    questions: (
        pd.DataFrame
    )  # question, number, block, act, article, option_set, na_allowed, citation_required, kk, ru, en
    options: pd.DataFrame  # question, option, class, kk, ru, en
    acts: dict[str, dict[str, str]]
    option_sets: dict[str, list[dict]] = field(default_factory=dict)

    def numbers(self, questions) -> str:
        """The printed numbers of question ids (a list or a space-separated text) in codebook order,
        ", "-joined."""
        ids = set(questions.split() if isinstance(questions, str) else questions)
        return ", ".join(n for q, n in zip(self.questions["question"], self.questions["number"]) if q in ids)

    def applies(self, question: str, year: int) -> bool:
        """Whether ``question`` is asked for assessment ``year``: its act in force on 1 January of the
        year (in_force_from <= 1 Jan < in_force_to) and the year inside the question's valid_from..to."""
        q = self.questions.set_index("question").loc[question]
        act = self.acts[q["act"]]
        start = f"{int(year):04d}-01-01"
        if str(act["in_force_from"]) > start or ("in_force_to" in act and str(act["in_force_to"]) < start):
            return False
        lo, hi = q.get("valid_from"), q.get("valid_to")
        return not ((pd.notna(lo) and year < lo) or (pd.notna(hi) and year > hi))

    def act_validity(self, act: str) -> str:
        """'from YYYY-MM-DD' or 'from … to …', for messages."""
        a = self.acts[act]
        return f"in force from {a['in_force_from']}" + (
            f" to {a['in_force_to']}" if "in_force_to" in a else ""
        )

    def legal_acts(self) -> list[dict]:
        """The acts the questions cite, in the order of their dates: id, the full Kazakh citation,
        date, number, short name and the articles cited (Kazakh part of each question's reference,
        in article order)."""
        out = []
        for act, qs in self.questions.groupby("act", sort=False):
            a = self.acts[act]
            arts = dict.fromkeys(str(x).split("/")[0].strip() for x in qs["article"])
            out.append(
                {
                    "id": act,
                    "kk": a["kk"],
                    "date": a["date"],
                    "number": a["number"],
                    "short_kk": a.get("short_kk", a["kk"]),
                    "articles": sorted(arts, key=_article_key),
                }
            )
        return sorted(out, key=lambda x: (x["date"], x["id"]))

    def mapping_vector(self, mapping: dict[str, float] | None = None) -> np.ndarray:
        m = self.ternary if mapping is None else mapping
        return np.array([float(m[c]) for c in CLASSES])


def _article_key(article: str):
    """Article order: "6-бап" < "23-бап" < "43-бап" < "43-1-бап" (by the numbers in it)."""
    return (tuple(int(x) for x in re.findall(r"\d+", article)), article)


def _check_act(yd, act: str, a: dict) -> list[Problem]:
    """The act's citations name its date and number; it is not in force before it was adopted."""
    out = []
    y, m, d = (int(x) for x in a["date"].split("-"))
    kk_date = f"{y} жылғы {d} {KK_MONTHS_LOCATIVE[m - 1]}"
    ru_date = f"{d} {RU_MONTHS_GENITIVE[m - 1]} {y} года"
    for lang, when in (("kk", kk_date), ("ru", ru_date)):
        for part, what in ((when, "date"), (f"№ {a['number']}", "number")):
            if part not in a[lang]:
                out.append(
                    yd.problem(
                        ["acts", act, lang],
                        f"the citation does not name the act's {what} ('{part}' from date "
                        f"{a['date']} and number {a['number']})",
                    )
                )
    if str(a["in_force_from"]) < a["date"]:
        out.append(
            yd.problem(
                ["acts", act, "in_force_from"],
                f"expected a day on or after the act's date {a['date']}, found {a['in_force_from']}",
            )
        )
    return out


def check_mapping(mapping: dict, where: str = "ternary mapping") -> dict[str, float]:
    """A ternary mapping must give every class a number in [0, 1], ordered fav ≥ partial ≥ unfav."""
    if not isinstance(mapping, dict) or set(mapping) != set(CLASSES):
        raise ConfigError(f"{where}: expected the keys {', '.join(CLASSES)}, found {mapping!r}")
    try:
        m = {c: float(mapping[c]) for c in CLASSES}
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: every value must be a number, found {mapping!r}") from None
    if not all(0.0 <= v <= 1.0 for v in m.values()):
        raise ConfigError(f"{where}: values must lie in [0, 1], found {m}")
    if not m["favourable"] >= m["partial"] >= m["unfavourable"] or m["favourable"] <= 0:
        raise ConfigError(
            f"{where}: expected favourable ≥ partial ≥ unfavourable and favourable > 0, found {m}"
        )
    return m


def load_codebook(path: str | Path, block_ids: list[str]) -> Codebook:
    """Read and check the codebook; ``block_ids`` are the life-cycle stages in order.

    Every fault is an :class:`InputError` naming the file, the YAML line and the key path.
    """
    yd = load_yaml(path, "idi_codebook", "codebook")
    doc = yd.data
    try:
        ternary = check_mapping(doc["ternary"], "codebook 'ternary'")
    except ConfigError as exc:
        raise yd.error(["ternary"], str(exc)) from None
    na_code = str(doc.get("na_code", "na"))
    problems: list[Problem] = []
    option_sets = doc["option_sets"]
    for name, opts in option_sets.items():
        seen = set()
        for i, o in enumerate(opts):
            where = ["option_sets", name, i, "id"]
            if o["id"] == na_code:
                problems.append(
                    yd.problem(where, f"the option id '{na_code}' is reserved for 'not applicable'")
                )
            if o["id"] in seen:
                problems.append(yd.problem(where, f"option id '{o['id']}' appears twice"))
            seen.add(o["id"])
    acts = doc["acts"]
    for act, a in acts.items():
        problems += _check_act(yd, act, a)

    blocks = doc["blocks"]
    found_ids = [b["id"] for b in blocks]
    if found_ids != list(block_ids):
        problems.append(
            yd.problem(
                ["blocks"],
                "expected the blocks of config/lifecycle.yaml in this order: "
                f"{', '.join(block_ids)}; found {', '.join(map(str, found_ids))}",
            )
        )
    q_rows, o_rows = [], []
    seen_q: dict[str, int] = {}
    for bi, b in enumerate(blocks):
        for qi, q in enumerate(b["questions"]):
            at = ["blocks", bi, "questions", qi]
            qid = q["id"]
            if qid in seen_q:
                problems.append(yd.problem(at + ["id"], f"question id '{qid}' repeats line {seen_q[qid]}"))
                continue
            seen_q[qid] = yd.line(*at)
            if q["act"] not in acts:
                problems.append(
                    yd.problem(at + ["act"], f"question {qid}: expected a key of 'acts', found {q['act']!r}")
                )
            if q["options"] not in option_sets:
                problems.append(
                    yd.problem(
                        at + ["options"],
                        f"question {qid}: expected a key of 'option_sets', found {q['options']!r}",
                    )
                )
                continue
            q_rows.append(
                {
                    "question": qid,
                    # The printed number, block.question in codebook order: the report and the
                    # instruments name a question by it (the id is the build's key).
                    "number": f"{bi + 1}.{qi + 1}",
                    "block": b["id"],
                    "act": q["act"],
                    "article": q["article"],
                    "option_set": q["options"],
                    "na_allowed": q["na_allowed"],
                    "citation_required": q.get("citation_required", True),
                    "valid_from": q.get("valid_from"),
                    "valid_to": q.get("valid_to"),
                    **{lang: q[lang] for lang in LANGS},
                }
            )
            for o in option_sets[q["options"]]:
                o_rows.append(
                    {
                        "question": qid,
                        "option": o["id"],
                        "class": o["class"],
                        **{lang: str(o.get(lang, "")) for lang in LANGS},
                    }
                )
    if problems:
        raise InputError(path, problems)
    return Codebook(
        path=str(path),
        version=str(doc["version"]),
        as_of=str(doc.get("as_of", "")),
        ternary=ternary,
        na_code=na_code,
        blocks=list(block_ids),
        questions=pd.DataFrame(q_rows),
        options=pd.DataFrame(o_rows),
        acts=acts,
        option_sets=option_sets,
    )


def lifecycle_blocks(lifecycle: dict) -> list[str]:
    """Block ids in life-cycle order from the parsed config/lifecycle.yaml."""
    return [s["id"] for s in lifecycle["stages"]]


def load_codebook_in_order(codebook_path: str | Path, lifecycle_path: str | Path) -> Codebook:
    """The codebook with its blocks checked against the life-cycle stages of config/lifecycle.yaml."""
    from industry_report.core.yaml_input import load_yaml

    lifecycle = load_yaml(lifecycle_path, "lifecycle", "life-cycle stages").data
    return load_codebook(codebook_path, lifecycle_blocks(lifecycle))
