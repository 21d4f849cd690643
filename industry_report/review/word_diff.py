"""A word-level diff of the chapter text, `[-deleted-]{+inserted+}` as git prints it, changed sentence
lines only, with counts of changed, added and removed paragraphs."""

from __future__ import annotations

import difflib
import re

from industry_report.review.markdown import paragraphs

# A word with the spaces after it, as git --word-diff shows it. A no-break or narrow no-break space
# joins (the Kazakh thousands separator: "8 892", and "Кесте 2.1"), so a number is one token and
# the cells of a table row stay in their columns.
_TOKEN = re.compile(r"\s+|\S+(?:[\u00a0\u202f]+\S+)*[^\S\u00a0\u202f]*")


def _word_level(a: str, b: str) -> str:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(ta[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(ta[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(tb[j1:j2]) + "+}")
    return "".join(out)


def word_diff(old: dict, new: dict, order: list[str]) -> tuple[str, dict]:
    """Word-level diff of chapter texts ({chapter: stable Markdown}).

    Returns (Markdown with `[-deleted-]{+inserted+}` per changed sentence line, stats): stats
    counts changed, added and removed paragraphs (blank-line separated blocks).
    """
    chapters = list(order) + sorted((set(old) | set(new)) - set(order))
    parts = [
        "# Тарау мәтінінің сөз деңгейіндегі айырмасы",
        "",
        "`[-…-]` — алынып тасталған сөздер, `{+…+}` — қосылған сөздер.",
        "",
    ]
    stats = {"paragraphs_changed": 0, "paragraphs_added": 0, "paragraphs_removed": 0, "chapters_changed": 0}
    for ch in chapters:
        a, b = old.get(ch), new.get(ch)
        if a == b:
            continue
        stats["chapters_changed"] += 1
        status = " (жаңа тарау)" if a is None else " (алынып тасталған тарау)" if b is None else ""
        parts += [f"## {ch}{status}", ""]
        pa, pb = paragraphs(a or ""), paragraphs(b or "")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pa, pb, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            if op == "replace":
                common = min(i2 - i1, j2 - j1)
                stats["paragraphs_changed"] += common
                stats["paragraphs_removed"] += (i2 - i1) - common
                stats["paragraphs_added"] += (j2 - j1) - common
            elif op == "delete":
                stats["paragraphs_removed"] += i2 - i1
            else:
                stats["paragraphs_added"] += j2 - j1
        la, lb = (a or "").split("\n"), (b or "").split("\n")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            where = (
                f"{i1 + 1}-жол → {j1 + 1}-жол"
                if i2 > i1 and j2 > j1
                else f"{j1 + 1}-жол (қосылды)"
                if j2 > j1
                else f"{i1 + 1}-жол (алынды)"
            )
            body = _word_level("\n".join(la[i1:i2]), "\n".join(lb[j1:j2]))
            parts += [f"**{where}**", "", body.strip("\n"), ""]
    if stats["chapters_changed"] == 0:
        parts += ["Мәтін өзгерген жоқ.", ""]
    return "\n".join(parts), stats
