"""The candidate recommendations (config/recommendations.yaml): what each instrument addresses.

The file's shape is checked by its JSON Schema (config/schemas/recommendations.schema.yaml); the
references to the other stages (the survey problem and the causes listed for it, the key indicators,
the IDI acts and questions) and to the file's own catalogues (bodies, forms) and unique ids are
checked here. Every fault names the line and the key path.

What a candidate ``addresses`` is the only evidence it may cite: the selection
(:mod:`.evidence`) picks the cited cause among ``addresses.causes`` and the cited indicator among
``addresses.indicators``, and :func:`.evidence.check_links` checks the result again.
"""

from __future__ import annotations

import math
from pathlib import Path

from industry_report.core.errors import InputError, Problem
from industry_report.core.yaml_input import YamlDoc, load_yaml

LANGS = ("kk", "ru", "en")
CONDITIONS = ("min_prevalence", "min_reach", "min_idi_points_lost", "max_indicator_lag")


def _conditions(yd: YamlDoc, at: list, given: dict, out: list[Problem], into: dict) -> dict:
    """Fill ``into`` with the conditions ``given`` at key path ``at`` (the schema checked the ranges;
    NaN and infinity pass a range check, so they are refused here)."""
    for k, v in given.items():
        if not math.isfinite(v):
            out.append(yd.problem(at + [k], f"expected a finite number, found {v!r}"))
            continue
        into[k] = int(v) if k == "max_indicator_lag" else float(v)
    return into


def _check_entry(yd: YamlDoc, i: int, e: dict, refs: dict, out: list[Problem]) -> list[str]:
    """Check the references of entry ``i``; returns its evidence questions."""
    at = ["recommendations", i]
    problems, questions, acts = refs["problems"], refs["questions"], refs["acts"]
    pid, e_acts = e["problem"], e["acts"]
    if pid not in problems:
        out.append(
            yd.problem(at + ["problem"], f"expected a survey problem id of the questionnaire, found {pid!r}")
        )
    for j, c in enumerate(e["addresses"]["causes"]):
        key = at + ["addresses", "causes", j]
        if c not in refs["causes"]:
            out.append(yd.problem(key, f"expected a cause id of the questionnaire, found {c!r}"))
        elif pid in problems and c not in problems[pid]:
            out.append(
                yd.problem(
                    key,
                    f"cause {c!r} is not listed for problem {pid!r} in the questionnaire "
                    f"({', '.join(problems[pid])}); a recommendation may cite only a cause of its problem",
                )
            )
    for j, ind in enumerate(e["addresses"]["indicators"]):
        if ind not in refs["indicators"]:
            out.append(
                yd.problem(
                    at + ["addresses", "indicators", j],
                    f"expected a key indicator id, found {ind!r}",
                )
            )
    for j, b in enumerate(e["bodies"]):
        if b not in refs["bodies"]:
            out.append(
                yd.problem(
                    at + ["bodies", j],
                    f"expected a key of 'bodies', found {b!r}",
                )
            )
    form = e["action"]["form"]
    if form not in refs["forms"]:
        out.append(
            yd.problem(
                at + ["action", "form"],
                f"expected a key of 'forms', found {form!r}",
            )
        )
    for j, a in enumerate(e_acts):
        if a not in acts:
            out.append(
                yd.problem(at + ["acts", j], f"expected IDI legal act ids of the codebook, found {a!r}")
            )
    e_q = e.get("questions")
    if e_q is None:
        return [q for q, a in questions.items() if a in e_acts]
    for j, q in enumerate(e_q):
        if q not in questions:
            out.append(
                yd.problem(at + ["questions", j], f"expected IDI question ids of the codebook, found {q!r}")
            )
        elif questions[q] not in e_acts:
            out.append(
                yd.problem(
                    at + ["questions", j],
                    f"question {q!r} is on act {questions[q]!r}, which is not in 'acts'",
                )
            )
    for j, a in enumerate(e_acts):
        if a in acts and not any(questions.get(q) == a for q in e_q):
            out.append(yd.problem(at + ["acts", j], f"act {a!r} has none of the listed questions"))
    return e_q


def load_candidates(
    path: str | Path,
    *,
    problems: dict[str, list[str]],
    causes: set[str],
    questions: dict[str, str],
    acts: set[str],
    indicators: set[str],
) -> dict:
    """Read and check the candidate recommendations.

    ``problems``: survey problem id -> the cause ids listed for it; ``causes``: every cause id of the
    questionnaire; ``questions``: IDI question id -> its act id; ``acts``: IDI act ids;
    ``indicators``: I01..I16.
    Returns {"defaults": {condition: value}, "bodies": {id: names}, "forms": {id: names},
    "candidates": [entry, ...]} with every entry's conditions filled from the defaults, ``questions``
    filled from the acts when omitted, and ``bodies`` / ``form`` resolved to their names.
    Every fault is an :class:`InputError` naming the file, the YAML line and the key path.
    """
    yd = load_yaml(path, "recommendations")
    bodies, forms = yd.data["bodies"], yd.data["forms"]
    refs = dict(
        problems=problems,
        causes=causes,
        questions=questions,
        acts=acts,
        indicators=indicators,
        bodies=bodies,
        forms=forms,
    )
    out: list[Problem] = []
    defaults = _conditions(yd, ["defaults", "conditions"], yd.data["defaults"]["conditions"], out, {})
    first_line: dict[str, int] = {}
    candidates = []
    for i, e in enumerate(yd.data["recommendations"]):
        rid = e["id"]
        if rid in first_line:
            out.append(
                yd.problem(
                    ["recommendations", i, "id"],
                    f"the id {rid!r} is used twice (first on line {first_line[rid]})",
                )
            )
        first_line.setdefault(rid, yd.line("recommendations", i, "id"))
        e_q = _check_entry(yd, i, e, refs, out)
        conds = _conditions(
            yd, ["recommendations", i, "conditions"], e.get("conditions") or {}, out, dict(defaults)
        )
        candidates.append(
            {
                "id": rid,
                "problem": e["problem"],
                "causes": list(e["addresses"]["causes"]),
                "indicators": list(e["addresses"]["indicators"]),
                "acts": list(e["acts"]),
                "questions": list(dict.fromkeys(e_q)),
                "bodies": [{"id": b, **bodies.get(b, {})} for b in e["bodies"]],
                "title": e["title"],
                "text": e["text"],
                "action": {
                    "form": {"id": e["action"]["form"], **forms.get(e["action"]["form"], {})},
                    "deadline": dict(e["action"]["deadline"]),
                    "result": e["action"]["result"],
                },
                "conditions": conds,
                "line": yd.line("recommendations", i),
            }
        )
    if out:
        raise InputError(path, out)
    return {"defaults": defaults, "bodies": bodies, "forms": forms, "candidates": candidates}
