"""The enterprise survey questionnaire: ``config/survey_questionnaire.yaml`` as a checked object.

Problems are rated 0-4 and tied to life-cycle stages (``config/lifecycle.yaml``), each problem has
the causes a respondent can name, causes drive other causes (``cause_links``), outcome questions
and risks rated 1-5 for likelihood and impact. The file's shape is checked by its JSON Schema
(``config/schemas/survey_questionnaire.schema.yaml``); the rules between entries (ids unique,
stages and causes known, cause links without a cycle) are checked here and name line and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from industry_report.core.codelists import load_lifecycle
from industry_report.core.errors import InputError
from industry_report.core.yaml_input import load_yaml


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

    # The printed numbers, section.question in questionnaire order: 1 the problems' ratings, 2 the
    # causes of each problem (asked per problem, numbered as the problem), 3 the outcome questions,
    # 4 the risks. The annex and the paper form print them; the ids are the build's keys.
    SECTIONS = {"problems": 1, "causes": 2, "outcomes": 3, "risks": 4}

    def number(self, section: str, position: int) -> str:
        """The printed number of the ``position``-th (from 1) question of ``section``."""
        return f"{self.SECTIONS[section]}.{position}"

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
    doc = load_yaml(path, "survey_questionnaire", "survey questionnaire")
    stages = load_lifecycle(lifecycle_path)
    data = doc.data
    problems, outcomes, risks = data["problems"], data["outcomes"], data["risks"]
    causes = {c["id"]: c for c in data["causes"]}
    links = [tuple(x) for x in data.get("cause_links", [])]
    faults = []

    def fault(keys, message):
        faults.extend(doc.error(keys, message).problems)

    # Problem, outcome and risk ids name the export's columns, so they share one name space.
    seen = {}
    for section in ("problems", "outcomes", "risks"):
        for i, item in enumerate(data[section]):
            if item["id"] in seen:
                fault(
                    [section, i, "id"], f"the id {item['id']!r} is used twice (first in {seen[item['id']]})"
                )
            else:
                seen[item["id"]] = f"{section}[{i}]"
    seen_causes = set()
    for i, c in enumerate(data["causes"]):
        if c["id"] in seen_causes:
            fault(["causes", i, "id"], f"the cause id {c['id']!r} is used twice")
        seen_causes.add(c["id"])
    stage_ids = [s["id"] for s in stages]
    for i, p in enumerate(problems):
        if p["stage"] not in stage_ids:
            fault(
                ["problems", i, "stage"],
                f"expected a life-cycle stage id of {lifecycle_path} "
                f"({', '.join(sorted(stage_ids))}), found {p['stage']!r}",
            )
        for j, c in enumerate(p["causes"]):
            if c not in causes:
                fault(["problems", i, "causes", j], f"expected a cause id of causes, found unknown {c!r}")
    for i, link in enumerate(links):
        for j, c in enumerate(link):
            if c not in causes:
                fault(["cause_links", i, j], f"expected a cause id of causes, found unknown {c!r}")
    if not faults:
        cycle = _cycle(list(causes), links)
        if cycle:
            i = links.index((cycle[-2], cycle[-1]))
            fault(
                ["cause_links", i],
                "the cause links contain a cycle (a cause cannot drive itself): " + " -> ".join(cycle),
            )
    if faults:
        raise InputError(doc.path, faults)
    sc = data["scales"]
    return Questionnaire(
        raw=data,
        problems=problems,
        causes=causes,
        links=links,
        outcomes=outcomes,
        risks=risks,
        stages=stages,
        major_from=int(sc["rating"]["major_from"]),
        rating_max=int(sc["rating"]["max"]),
        risk_min=int(sc["risk"]["min"]),
        risk_max=int(sc["risk"]["max"]),
    )


def _cycle(nodes, links) -> list | None:
    """A cycle of the directed graph as a path [a, b, ..., a], or None when it has none."""
    children = {n: [b for a, b in links if a == n] for n in nodes}
    state, path = {}, []

    def visit(n):
        if state.get(n) == 1:
            return path[path.index(n) :] + [n]
        if state.get(n) == 2:
            return None
        state[n] = 1
        path.append(n)
        for c in children[n]:
            found = visit(c)
            if found:
                return found
        path.pop()
        state[n] = 2
        return None

    for n in nodes:
        found = visit(n)
        if found:
            return found
    return None


def problem_ids(path: str | Path) -> list[str]:
    """The problems' ids in questionnaire order (the build knows its per-problem outputs from them)."""
    return [p["id"] for p in load_yaml(path, "survey_questionnaire", "survey questionnaire").data["problems"]]
