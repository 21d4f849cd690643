"""The candidate recommendations (config/recommendations.yaml) and the cause graph they rest on.

The file's shape is checked by its JSON Schema (config/schemas/recommendations.schema.yaml); the
references to the other stages (the survey problem and its root cause, the IDI acts and questions,
the key indicator) and unique ids are checked here. Every fault names the line and the key path.
"""

from __future__ import annotations

import math
from pathlib import Path

from industry_report.core.errors import InputError, Problem
from industry_report.core.yaml_input import YamlDoc, load_yaml

LANGS = ("kk", "ru", "en")
CONDITIONS = ("min_prevalence", "min_reach", "min_idi_points_lost")


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


def _conditions(yd: YamlDoc, at: list, given: dict, out: list[Problem], into: dict) -> dict:
    """Fill ``into`` with the conditions ``given`` at key path ``at`` (the schema checked the ranges;
    NaN and infinity pass a range check, so they are refused here)."""
    for k, v in given.items():
        if not math.isfinite(v):
            out.append(yd.problem(at + [k], f"expected a finite number, found {v!r}"))
            continue
        into[k] = float(v)
    return into


def _check_entry(yd: YamlDoc, i: int, e: dict, refs: dict, all_roots: set, out: list[Problem]) -> list[str]:
    """Check the references of entry ``i``; returns its evidence questions."""
    at = ["recommendations", i]
    problems, links, questions, acts = refs["problems"], refs["links"], refs["questions"], refs["acts"]
    pid, root, e_acts = e["problem"], e["root_cause"], e["acts"]
    if pid not in problems:
        out.append(
            yd.problem(at + ["problem"], f"expected a survey problem id of the questionnaire, found {pid!r}")
        )
    if root not in all_roots:
        out.append(
            yd.problem(
                at + ["root_cause"],
                f"expected a root cause of the questionnaire (a cause no other cause drives), found {root!r}",
            )
        )
    elif pid in problems and not reach(links, root) & set(problems[pid]):
        out.append(
            yd.problem(
                at + ["root_cause"],
                f"the root cause {root!r} reaches none of the causes "
                f"of problem {pid!r} ({', '.join(problems[pid])})",
            )
        )
    if e["indicator"] not in refs["indicators"]:
        out.append(
            yd.problem(
                at + ["indicator"], f"expected a key indicator id (I01..I16), found {e['indicator']!r}"
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
        elif q not in e_acts and questions[q] not in e_acts:
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
    links: list[tuple[str, str]],
    questions: dict[str, str],
    acts: set[str],
    indicators: set[str],
) -> dict:
    """Read and check the candidate recommendations.

    ``problems``: survey problem id -> its cause ids; ``links``: the cause links (from, to);
    ``questions``: IDI question id -> its act id; ``acts``: IDI act ids; ``indicators``: I01..I16.
    Returns {"defaults": {condition: value}, "candidates": [entry, ...]} with every entry's
    conditions filled from the defaults and ``questions`` filled from the acts when omitted.
    Every fault is an :class:`InputError` naming the file, the YAML line and the key path.
    """
    yd = load_yaml(path, "recommendations")
    refs = dict(problems=problems, links=links, questions=questions, acts=acts, indicators=indicators)
    out: list[Problem] = []
    defaults = _conditions(yd, ["defaults", "conditions"], yd.data["defaults"]["conditions"], out, {})
    all_roots = set(
        root_causes(
            links, sorted({c for cs in problems.values() for c in cs} | {x for link in links for x in link})
        )
    )
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
        e_q = _check_entry(yd, i, e, refs, all_roots, out)
        conds = _conditions(
            yd, ["recommendations", i, "conditions"], e.get("conditions") or {}, out, dict(defaults)
        )
        candidates.append(
            {
                "id": rid,
                "problem": e["problem"],
                "root_cause": e["root_cause"],
                "acts": list(e["acts"]),
                "questions": list(dict.fromkeys(e_q)),
                "indicator": e["indicator"],
                "body": e["body"],
                "title": e["title"],
                "text": e["text"],
                "conditions": conds,
                "line": yd.line("recommendations", i),
            }
        )
    if out:
        raise InputError(path, out)
    return {"defaults": defaults, "candidates": candidates}
