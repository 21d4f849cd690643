"""The IDI codebook (config/idi_codebook.yaml): questions on legal acts, answer options, scoring.

The file's shape is checked by its JSON Schema (config/schemas/idi_codebook.schema.yaml); what a
schema cannot say (a question's act and option set exist, question ids are unique, the blocks follow
config/lifecycle.yaml, the ternary mapping keeps its order) is checked here, and every fault names
the line and the key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.yaml_input import load_yaml

CLASSES = ("favourable", "partial", "unfavourable")
LANGS = ("kk", "ru", "en")


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
    questions: (
        pd.DataFrame
    )  # question, block, act, article, option_set, na_allowed, citation_required, kk, ru, en
    options: pd.DataFrame  # question, option, class, kk, ru, en
    acts: dict[str, dict[str, str]]
    option_sets: dict[str, list[dict]] = field(default_factory=dict)

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

    def mapping_vector(self, mapping: dict[str, float] | None = None) -> np.ndarray:
        m = self.ternary if mapping is None else mapping
        return np.array([float(m[c]) for c in CLASSES])


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
        status=str(doc.get("status", "")),
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
