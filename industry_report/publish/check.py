"""`make check`: render every chapter template without building documents, and lint its Quarto syntax.

Purpose: editors run it before they commit. It fails, naming the chapter file and line, on
- an undefined value (Jinja2 StrictUndefined; industry_report/publish/templating.py);
- a number printed that is not in the values registry (typed in the chapter or computed in the
  template): found statically in every branch of the template, and while rendering
  (industry_report/publish/numbers.py) for numbers that reach a filter through `<% set %>` or a macro;
- a number typed as plain text in the running text (`typed_numbers`; report/typed-numbers-<lang>.yml
  lists the numbers that are not statistics);
- Quarto syntax the build does not support or refuses (publish/syntax.py, the same definition
  render_chapter applies), labels used twice, and references to a label that does not exist;
- a forbidden variant of a term of the termbase (config/termbase-<lang>.yaml, publish/termbase.py),
  in the template (its line) or in the rendered text (a variant a value brought in);
- a code such as INN02 or R15 in the running text of a chapter that is not an annex.

Every message is the editors' (publish/messages.py: report/messages-<lang>.yml), after
'<chapter file>:<line>: '. Pure functions; scripts/check_chapters.py is the entry point.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from industry_report.publish.messages import Messages
from industry_report.publish.numbers import (
    FORMAT_FILTERS,
    build_registry,
    render_tracked,
    unregistered_messages,
)
from industry_report.publish.syntax import (
    labels_and_refs,
    lint_quarto,
    neutralise,
)
from industry_report.publish.termbase import Rule, codes_in_running_text, forbidden_uses


def _is_value_path(node) -> bool:
    """A value read from the context: name, name.attr, name["key"], name[0], or `… | length` of one."""
    if isinstance(node, jinja2.nodes.Name):
        return True
    if isinstance(node, jinja2.nodes.Getattr):
        return _is_value_path(node.node)
    if isinstance(node, jinja2.nodes.Getitem):
        return isinstance(node.arg, jinja2.nodes.Const) and _is_value_path(node.node)
    if isinstance(node, jinja2.nodes.Filter) and node.name in ("length", "count"):
        return _is_value_path(node.node)
    return False


def computed_in_template(source: str, messages: Messages) -> list[tuple[int, str]]:
    """(line, message) for each number a format filter prints that is not read from the context.

    Static, so it also finds numbers in `<% if %>` branches this year's values do not take.
    Loop counters (`loop.index`) are allowed: they number ids, they are not statistics.
    """
    env = jinja2.Environment(
        variable_start_string="<<",
        variable_end_string=">>",
        block_start_string="<%",
        block_end_string="%>",
        comment_start_string="<#",
        comment_end_string="#>",
    )
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return []  # reported by the rendering
    out = []
    for node in tree.find_all(jinja2.nodes.Filter):
        if node.name not in FORMAT_FILTERS or node.node is None:
            continue
        inner = node.node
        if (
            isinstance(inner, jinja2.nodes.Getattr)
            and isinstance(inner.node, jinja2.nodes.Name)
            and inner.node.name == "loop"
        ):
            continue
        if not _is_value_path(inner):
            how = messages("how_typed" if isinstance(inner, jinja2.nodes.Const) else "how_computed")
            out.append((node.lineno, messages("computed_number", filter=node.name, how=how)))
    return out


# --------------------------------------------------------------------------------------------------
# Numbers typed as plain text (outside << >>)
# --------------------------------------------------------------------------------------------------
# A number: digits, possibly with decimal or thousands separators (8 892, 12,5), not part of a word.
_NUMBER = re.compile(r"(?<![\w.,\u00a0\u202f])\d+(?:[.,\u00a0\u202f ]\d{3}(?!\d)|[.,]\d+)*(?!\w)")
# Numbers joined into one group: 2013, 2022 және 2023 жылғы; 26–30; 5927, 5923-кестелер.
_JOIN = re.compile(r"^\s*(?:,|–|—|-|\bжәне\b|\bмен\b|\bнемесе\b|\bи\b|\bили\b)\s*$")
# Parts of a line that are not running text: math, code spans, attribute blocks, link targets.
# Math, code, attributes, link targets and citation keys ([@src-order-260]) are not running text.
_NOT_TEXT = re.compile(r"\$\$.*?\$\$|\$[^$\s][^$]*\$|`+[^`]*`+|\{[^{}]*\}|\]\([^)]*\)|@src-[\w-]+")


def _mask(text: str) -> str:
    """The template (neutralised) with everything that is not running text replaced by spaces."""
    out, in_math, fence = [], False, None
    for line in text.split("\n"):
        stripped = line.strip()
        f = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence is not None or f:
            if fence is None:
                fence = f.group(1)
            elif f and f.group(1)[0] == fence[0]:
                fence = None
            out.append("")
            continue
        if stripped.startswith("$$") and stripped.count("$$") == 1:
            in_math = not in_math
            out.append("")
            continue
        if in_math or re.match(r"^\|[\s:|-]+\|$", stripped):
            out.append("")
            continue
        line = re.sub(r"^(#{1,6}\s+)[\d.]+\s", r"\1 ", line)  # a heading's own numbering
        out.append(_NOT_TEXT.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def _starts_with_word(text: str, words) -> bool:
    w = re.match(r"\s*\(?\s*([^\W\d_]+)", text)
    return bool(w) and any(w.group(1).lower().startswith(x) for x in words)


def typed_numbers(source: str, allowed: dict, messages: Messages) -> list[tuple[int, str]]:
    """(line, message) for each number of two or more digits typed in a chapter's running text.

    Every statistic comes from the values (<< … >>). Numbers that are not statistics are allowed:
    a document number after № (№ 260 бұйрық); an ordinal with a Kazakh ending (12-тармақ,
    5931-кесте, 3–10-көрсеткіштер); a number before or after (in brackets) one of
    ``allowed["label_words"]`` (25 және 32 бөлімдері, бөлімдер (26–30)); years in
    ``allowed["years"]`` before one of ``allowed["year_words"]`` (2015 жылғы, 2013 және 2022
    жылдары); and any text matching a pattern of ``allowed["phrases"]`` (report/typed-numbers-<lang>.yml).
    """
    text = _mask(neutralise(source))
    flat = text.replace("\n", " ")  # a group may run over a line break (10–33 / бөлімдері)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    phrases = [re.compile(p["pattern"]) for p in allowed.get("phrases", [])]
    allowed_spans = [m.span() for rx in phrases for m in rx.finditer(flat)]
    label_words = [w.lower() for w in allowed.get("label_words", [])]
    year_words = [w.lower() for w in allowed.get("year_words", [])]
    # Russian puts the label first (таблица 5931, разделы 10–33, пункт 12)
    before_words = [w.lower() for w in allowed.get("label_before_words", [])]
    lo, hi = allowed.get("years", [1990, 2100])
    numbers = list(_NUMBER.finditer(flat))
    groups, cur = [], []
    for m in numbers:
        if cur and _JOIN.match(flat[cur[-1].end() : m.start()]):
            cur.append(m)
        else:
            if cur:
                groups.append(cur)
            cur = [m]
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        before, after = flat[max(0, g[0].start() - 40) : g[0].start()], flat[g[-1].end() :][:40]
        values = [m.group(0) for m in g]
        digits = [re.sub(r"\D", "", v) for v in values]
        if re.search(r"№\s*$", before) or re.match(r"^[-–]\w", after) and not after[1].isdigit():
            continue
        if _starts_with_word(after, label_words):
            continue
        word_before = re.search(r"([^\W\d_]+)\.?\s*$", before)
        if before_words and word_before and _starts_with_word(word_before.group(1), before_words):
            continue
        if re.search(r"([^\W\d_]+)\s*\(\s*$", before) and _starts_with_word(
            re.search(r"([^\W\d_]+)\s*\(\s*$", before).group(1), label_words
        ):
            continue
        if all(d.isdigit() and lo <= int(d) <= hi for d in digits) and _starts_with_word(after, year_words):
            continue
        for m, d in zip(g, digits):
            if len(d) < 2 or any(a <= m.start() and m.end() <= b for a, b in allowed_spans):
                continue
            line = next(i for i, s0 in enumerate(starts) if s0 > m.start())
            out.append((line, messages("typed_number", number=m.group(0))))
    return out


def _line_of(source: str, needle: str) -> int | None:
    for n, line in enumerate(source.split("\n"), start=1):
        if needle in line:
            return n
    return None


def _text_problems(chapters_dir, ch, index, source, text, termbase, annex, messages) -> list[tuple]:
    """Forbidden term variants (template lines; in the rendered text, those no template line has)
    and codes in the running text of a chapter that is not an annex."""
    out = []
    path = Path(chapters_dir) / ch
    if termbase is not None:
        typed = forbidden_uses(source, termbase, ch)
        for line, rule, hit in typed:
            msg = messages.at(
                path, line, "forbidden_term", variant=hit, preferred=rule.preferred, term=rule.says
            )
            out.append((index, line, msg))
        seen = {(r.says, h.lower()) for _, r, h in typed}
        for _, rule, hit in forbidden_uses(text, termbase, ch, template=False):
            if (rule.says, hit.lower()) not in seen:
                msg = messages.at(
                    path, None, "forbidden_term_value", variant=hit, preferred=rule.preferred, term=rule.says
                )
                out.append((index, 0, msg))
    if not annex:
        lines = text.split("\n")
        for line, code in codes_in_running_text(text):
            context = lines[line - 1].strip()[:80]
            out.append((index, 0, messages.at(path, None, "code_in_text", code=code, context=context)))
    return out


def check_chapters(
    chapters_dir,
    chapters: list[str],
    context: dict,
    lang: str,
    messages: Messages,
    allowed_numbers: dict | None = None,
    termbase: list[Rule] | None = None,
    annexes: tuple | list = (),
) -> list[str]:
    """Every problem of every chapter, as 'chapters/<lang>/<file>:<line>: message', in book order.

    ``allowed_numbers``: the numbers an editor may type (report/typed-numbers-<lang>.yml); None
    leaves the typed-number check out. ``termbase``: the rules of config/termbase-<lang>.yaml; None
    leaves the term check out. ``annexes``: chapter files where codes may stand in the text."""
    chapters_dir = Path(chapters_dir)
    found = []  # (chapter index, line, message)
    order = {ch: i for i, ch in enumerate(chapters)}
    sources = {}
    for ch in chapters:
        path = chapters_dir / ch
        if not path.exists():
            found.append((order[ch], 0, messages.at(path, None, "chapter_not_found")))
            continue
        sources[ch] = path.read_text(encoding="utf-8")
        lint = lint_quarto(sources[ch], messages) + computed_in_template(sources[ch], messages)
        if allowed_numbers is not None:
            lint += typed_numbers(sources[ch], allowed_numbers, messages)
        for line, msg in lint:
            found.append((order[ch], line, f"{path}:{line}: {msg}"))
    texts, tracker, errors = render_tracked(
        chapters_dir, [c for c in chapters if c in sources], context, lang, messages=messages
    )
    for msg in errors:
        m = re.match(r".*/([^/:]+):(\d+|None):", msg)
        ch = m.group(1) if m else None
        found.append((order.get(ch, -1), int(m.group(2)) if m and m.group(2).isdigit() else 0, msg))
    for ch, text in texts.items():
        found += _text_problems(
            chapters_dir, ch, order[ch], sources[ch], text, termbase, ch in annexes, messages
        )
    registry = build_registry(context, tracker, {}, year=None, lang=lang)
    static = {(order[ch], line) for ch in sources for line, _ in computed_in_template(sources[ch], messages)}
    for u, msg in zip(registry["unregistered"], unregistered_messages(registry, chapters_dir, messages)):
        where = (order.get(u["chapter"], -1), u["line"] or 0)
        if where not in static:  # the static check already names this line
            found.append((*where, msg))
    # Labels unique across the book; references resolve.
    seen, all_labels = {}, set()
    for ch in chapters:
        if ch not in texts:
            continue
        labels, _ = labels_and_refs(texts[ch])
        for label in labels:
            if label in seen:
                line = _line_of(sources[ch], "#" + label)
                msg = messages.at(chapters_dir / ch, line, "duplicate_label", label=label, other=seen[label])
                found.append((order[ch], line or 0, msg))
            else:
                seen[label] = ch
            all_labels.add(label)
    complete = len(texts) == len(chapters)  # references may point into a chapter that failed
    for ch in chapters:
        if ch not in texts or not complete:
            continue
        _, refs = labels_and_refs(texts[ch])
        for rid in dict.fromkeys(refs):
            if rid not in all_labels:
                line = _line_of(sources[ch], "@" + rid) or _line_of(sources[ch], "@{" + rid)
                msg = messages.at(chapters_dir / ch, line, "unknown_reference", ref=rid)
                found.append((order[ch], line or 0, msg))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return [msg for _, _, msg in dict.fromkeys(found)]
