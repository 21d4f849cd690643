"""The termbase of a language (config/termbase-<lang>.yaml): one preferred form per term, and the
checks of the chapters' text that `make check` runs (industry_report/publish/check.py).

- :func:`forbidden_uses`: every forbidden variant of a term in a text, with its line. A variant
  matches at the start of a word, in any case, with any ending (Kazakh adds endings to the stem).
- :func:`codes_in_running_text`: identifiers such as INN02, R15 or I08 in the running text of a
  rendered chapter. Codes are the build's names for questions, recommendations and indicators; the
  reader sees names. They may stay in table rows (a column that needs them) and in the annexes.

Pure functions; the language's words are in the termbase, the code knows none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from industry_report.core.yaml_input import load_yaml


@dataclass(frozen=True)
class Rule:
    term: str
    preferred: str
    rx: re.Pattern
    says: str  # what the match is, for the message: the variant, or the pattern's description
    allowed_in: frozenset[str]


def load_termbase(path: str | Path) -> list[Rule]:
    """The rules of one termbase file (validated by config/schemas/termbase.schema.yaml)."""
    data = load_yaml(path, "termbase", "termbase").data
    rules = []
    for t in data["terms"]:
        allowed = frozenset(t.get("allowed_in", []))
        for v in t.get("forbidden", []):
            # At a word start (no letter before), any ending; spaces inside a variant may be any run
            # of white space, as a template line break falls anywhere.
            body = r"\s+".join(re.escape(w) for w in v.split())
            rx = re.compile(r"(?<![^\W\d_])" + body, re.IGNORECASE)
            rules.append(Rule(t["term"], t["preferred"], rx, v, allowed))
        for p in t.get("forbidden_patterns", []):
            rules.append(Rule(t["term"], t["preferred"], re.compile(p["pattern"]), p["says"], allowed))
    return rules


def _strip_template(source: str) -> str:
    """A template with its comments, tags and value expressions blanked (same line numbers): only the
    text an editor typed is checked here; what values print is checked on the rendered text."""

    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))

    return re.sub(r"<#.*?#>|<%.*?%>|<<.*?>>", blank, source, flags=re.DOTALL)


def forbidden_uses(
    text: str, rules: list[Rule], chapter: str, template: bool = True
) -> list[tuple[int, Rule, str]]:
    """(line, rule, matched text) for each forbidden variant in ``text`` (a chapter file's template,
    or with ``template=False`` its rendered text). Rules that allow ``chapter`` are skipped."""
    if template:
        text = _strip_template(text)
    out = []
    for rule in rules:
        if chapter in rule.allowed_in:
            continue
        for m in rule.rx.finditer(text):
            out.append((text.count("\n", 0, m.start()) + 1, rule, m.group(0)))
    out.sort(key=lambda t: t[0])
    return out


# A code: one to three capitals and two digits, not part of a longer word or number.
CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}[0-9]{2}(?![\w])")
# Parts of a rendered line that are not running text: attribute blocks, link and image targets,
# code spans, math.
_NOT_TEXT = re.compile(r"\{[^{}]*\}|\]\([^)]*\)|`[^`]*`|\$[^$]+\$")


def codes_in_running_text(text: str) -> list[tuple[int, str]]:
    """(line, code) for each code in the running text of a rendered chapter: paragraphs, headings,
    lists, captions and notes, not the rows of a table (pipe-table lines) and not fenced blocks."""
    out, fence = [], None
    for n, line in enumerate(text.split("\n"), start=1):
        f = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence is not None or f:
            if fence is None:
                fence = f.group(1)
            elif f and f.group(1)[0] == fence[0]:
                fence = None
            continue
        if line.lstrip().startswith("|"):
            continue
        for m in CODE.finditer(_NOT_TEXT.sub(" ", line)):
            out.append((n, m.group(0)))
    return out
