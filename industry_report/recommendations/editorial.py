"""The editors' decisions for this edition (chapters/editorial.yml), applied after the selection.

A selected recommendation they drop leaves the list with the reason ``editorial`` (the rest are
numbered again), and a reworded one keeps its evidence. The file's shape is checked by its JSON
Schema (config/schemas/editorial.schema.yaml); that every id is a recommendation the evidence
selected this year is checked here, so a decision never silently does nothing when the evidence
changes. Every fault names the line and the key path.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from industry_report.core.errors import Problem
from industry_report.core.yaml_input import input_error, load_yaml
from industry_report.recommendations.selection import numbered


def load_editorial(
    path: str | Path, *, candidates: set[str], selected: set[str], check_text=None, messages=None
) -> dict:
    """Read the editors' decisions for this edition (chapters/editorial.yml).

    ``recommendations.drop``: ids of recommendations the evidence selected that this edition leaves
    out; ``recommendations.reword.<lang>.<id>``: a new ``title`` and/or ``text``. ``candidates``: all
    candidate ids; ``selected``: the ids the evidence selected this year.
    ``check_text(lang, text)``: the problems of a reworded text as (line within the text, message)
    pairs, e.g. a number typed into it (numbers come from the evidence, never from an editor's
    keyboard); each becomes an error naming the file, the line and the key.
    ``messages``: the editors' catalogue (publish/messages.py): every fault is then worded in their
    language (the English words below stand in when there is none, as in unit tests).
    Returns {"drop": [id, ...], "reword": {lang: {id: {"title"?: str, "text"?: str}}}}.
    """

    def say(name: str, english: str, **params) -> str:
        return messages(name, **params) if messages is not None else english

    # An edition with no decisions may leave the file empty or with comments only.
    yd = load_yaml(path, "editorial", "editorial decisions", empty={}, say=messages)
    rec = yd.data.get("recommendations") or {}
    out: list[Problem] = []

    def check_id(rid: str, keys: list) -> bool:
        if rid not in candidates:
            out.append(
                yd.problem(
                    keys,
                    say(
                        "editorial_unknown_id",
                        f"expected a recommendation id of config/recommendations.yaml, found {rid!r}",
                        id=rid,
                    ),
                )
            )
            return False
        if rid not in selected:
            out.append(
                yd.problem(
                    keys,
                    say(
                        "editorial_not_selected",
                        f"{rid} is not among this year's selected recommendations "
                        f"({', '.join(sorted(selected)) or 'none'}); remove it here",
                        id=rid,
                        selected=", ".join(sorted(selected)) or say("editorial_none_selected", "none"),
                    ),
                )
            )
            return False
        return True

    drop = rec.get("drop") or []
    for i, rid in enumerate(drop):
        if rid in drop[:i]:
            out.append(
                yd.problem(
                    ["recommendations", "drop", i],
                    say("editorial_listed_twice", f"{rid} is listed twice", id=rid),
                )
            )
        else:
            check_id(rid, ["recommendations", "drop", i])
    reword: dict[str, dict] = {}
    for lang, entries in (rec.get("reword") or {}).items():
        reword[lang] = {}
        for rid, texts in (entries or {}).items():
            keys = ["recommendations", "reword", lang, rid]
            if not check_id(rid, keys):
                continue
            if rid in drop:
                english = f"{rid} is also in 'drop'; reword or drop it, not both"
                out.append(yd.problem(keys, say("editorial_drop_and_reword", english, id=rid)))
            reword[lang][rid] = {k: v.strip() for k, v in texts.items()}
            for k, v in reword[lang][rid].items():
                for _, msg in check_text(lang, v) if check_text else []:
                    out.append(yd.problem(keys + [k], msg))
    if out:
        raise input_error(path, out, messages)
    return {"drop": list(drop), "reword": reword}


def apply_editorial(ranked: pd.DataFrame, drop: list[str]) -> pd.DataFrame:
    """Leave the dropped recommendations out: they become not selected with the reason
    ``editorial``, and the others are numbered 1..k again in their priority order."""
    m = ranked.copy()
    out = m["id"].isin(drop) & m["selected"]
    m.loc[out, "selected"] = False
    m.loc[out, "failed"] = "editorial"
    return numbered(m, m.index[m["selected"]])  # rows are in rank order already
