"""`make check`: render every chapter template without building documents, and lint its Quarto syntax.

Purpose: editors run it before they commit. It fails, naming the chapter file and line, on
- an undefined value (Jinja2 StrictUndefined; industry_report/publish/templating.py);
- a number printed that is not in the values registry (typed in the chapter or computed in the
  template): found statically in every branch of the template, and while rendering
  (industry_report/publish/numbers.py) for numbers that reach a filter through `<% set %>` or a macro;
- Quarto syntax that the built-in renderer (pandoc + report/filters/quarto_crossref.lua) does not
  support, so that Quarto and the built-in renderer print the same document.

Supported (README "Supported Quarto syntax"): headings with `{#sec-…}` (and `.unnumbered`),
figures `![…](figures/x.png){#fig-…}`, pipe tables with `: caption {#tbl-…}`, display equations
`$$ … $$ {#eq-…}`, references `@id`, `[-@id]`, `-@{id}` to fig/tbl/eq/sec ids, and the divs
`::: {.source-note}` and `::: {.landscape}`. Everything else Quarto-specific is rejected: callouts and
other divs, shortcodes (`{{< pagebreak >}}`), executable code cells, layout attributes, raw page
breaks, cross-reference prefixes other than fig/tbl/eq/sec, several references in one bracket, and a
reference glued to a Kazakh ending without brackets (`@tbl-x-кестеде` is read as the id
`tbl-x-кестеде`; write `[-@tbl-x]-кестеде`). Also: every heading has a `{#sec-…}` label, labels are
unique across the book, and every reference points at a label that exists.

The lint reads the template source with Jinja2 parts neutralised (`<< … >>` becomes `X`, statements
and comments disappear, line numbers are kept), so a line number is the template's own.
Pure functions; scripts/check_chapters.py is the entry point.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from industry_report.publish.numbers import (
    FORMAT_FILTERS,
    build_registry,
    render_tracked,
    unregistered_messages,
)

PREFIXES = ("fig", "tbl", "eq", "sec")
DIV_CLASSES = ("source-note", "landscape")

_JINJA = re.compile(r"<<.*?>>|<%.*?%>|<#.*?#>", re.S)
_FENCE_CELL = re.compile(r"^\s*(`{3,}|~{3,})\s*\{")
_SHORTCODE = re.compile(r"\{\{<.*?>\}\}")
_DIV = re.compile(r"^\s*(:{3,})\s*(.*?)\s*$")
_ATTRS = re.compile(r"\{([^{}]*)\}")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s}]+)")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
# A pandoc citation: @key, not preceded by a word character (that is an e-mail address).
_REF = re.compile(r"(?<![\w@])(-?)@(\{[^}]*\}|\w(?:[\w:.#$%&+?<>~/-]*\w)?)")
_BRACKET_REFS = re.compile(r"\[[^\]\[]*@[^\]\[]*\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_LAYOUT = re.compile(r"\{[^}]*\blayout(-[\w]+)?\s*=")
_RAW_BREAK = re.compile(r"\\(newpage|pagebreak|clearpage)\b|<br\s*/?>|^\s*<(div|table|img)\b")


def _labels(text: str) -> list[str]:
    """Ids in attribute blocks: {#id}, {.class #id key=value}."""
    return [i for m in _ATTRS.finditer(text) for i in _ID_IN_ATTRS.findall(m.group(1))]


def neutralise(source: str) -> str:
    """The template with `<< >>` -> X and `<% %>`, `<# #>` removed, newlines kept."""

    def repl(m):
        text = m.group(0)
        keep = "\n" * text.count("\n")
        return ("X" if text.startswith("<<") else "") + keep

    return _JINJA.sub(repl, source)


def _ref_id(raw: str) -> str:
    return raw[1:-1] if raw.startswith("{") else raw


def lint_quarto(source: str) -> list[tuple[int, str]]:
    """(line, message) for each unsupported construct in one chapter template."""
    problems = []
    in_fence = False
    for n, line in enumerate(neutralise(source).split("\n"), start=1):
        if _FENCE_CELL.match(line):
            problems.append(
                (
                    n,
                    f"executable code cell '{line.strip()}' is not supported: compute "
                    "values in a stage (scripts/) and print them with << … >>",
                )
            )
            in_fence = not in_fence
            continue
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in _SHORTCODE.finditer(line):
            problems.append(
                (
                    n,
                    f"Quarto shortcode '{m.group(0)}' is not supported by the built-in "
                    "renderer (e.g. page breaks come from the document styles)",
                )
            )
        d = _DIV.match(line)
        if d and d.group(2):
            attrs = d.group(2)
            classes = re.findall(r"(?:^|[\s{])\.([\w-]+)", attrs)
            bare = re.match(r"^([\w-]+)$", attrs)
            if bare:
                classes.append(bare.group(1))
            ids = re.findall(r"#([\w-]+)", attrs)
            if any(c.startswith("callout") for c in classes):
                problems.append(
                    (
                        n,
                        f"callout '{line.strip()}' is not supported; write a plain "
                        "paragraph (or a ::: {.source-note} under a table or figure)",
                    )
                )
            elif ids:
                problems.append(
                    (
                        n,
                        f"div with an id '{line.strip()}' is not supported; put the "
                        "{#fig-…}/{#tbl-…} label on the figure or the table caption",
                    )
                )
            elif not classes or any(c not in DIV_CLASSES for c in classes):
                problems.append(
                    (
                        n,
                        f"div '{line.strip()}' is not supported; only ::: "
                        "{.source-note} and ::: {.landscape} are",
                    )
                )
        if _LAYOUT.search(line):
            problems.append(
                (
                    n,
                    "layout attributes (layout-ncol, …) are not supported; one figure "
                    "per ![…](figures/x.png){#fig-…}",
                )
            )
        if _RAW_BREAK.search(line):
            problems.append(
                (
                    n,
                    f"raw page break or HTML '{_RAW_BREAK.search(line).group(0)}' is not "
                    "supported by both renderers",
                )
            )
        for label in _labels(line):
            if label.split("-", 1)[0] not in PREFIXES or "-" not in label:
                problems.append(
                    (
                        n,
                        f"label '#{label}' has no fig-, tbl-, eq- or sec- prefix; other "
                        "Quarto cross-reference kinds are not supported",
                    )
                )
        h = _HEADING.match(line)
        if h and not re.search(r"\{[^}]*#sec-[^\s}]+", line):
            problems.append((n, "heading without a {#sec-…} label; every heading needs a unique one"))
        for m in _BRACKET_REFS.finditer(line):
            if m.group(0).count("@") > 1:
                problems.append(
                    (
                        n,
                        f"'{m.group(0)}': one reference per bracket, e.g. "
                        "[-@tbl-a]-кесте және [-@tbl-b]-кесте",
                    )
                )
        for m in _REF.finditer(line):
            rid = _ref_id(m.group(2))
            start = m.start()
            bracketed = start > 0 and line[start - 1] == "[" or m.group(2).startswith("{")
            kind = rid.split("-", 1)[0]
            if "-" not in rid or kind not in PREFIXES:
                problems.append(
                    (
                        n,
                        f"reference '@{rid}': only fig-, tbl-, eq- and sec- "
                        "cross-references are supported (no citations, no other kinds)",
                    )
                )
            elif re.search(r"[^\x00-\x7f]", rid) and not bracketed:
                base = re.match(r"[\x00-\x7f]*", rid).group(0).rstrip("-")
                ending = rid[len(base) :]
                problems.append(
                    (
                        n,
                        f"'@{rid}' is read as one reference id; write "
                        f"[-@{base}]{ending} (brackets around the reference)",
                    )
                )
        for m in _IMAGE.finditer(line):
            if not m.group(1).startswith("figures/"):
                problems.append(
                    (
                        n,
                        f"image '{m.group(1)}': figures come from figures/<name>.png, "
                        "written by a rule under results/<year>/figures/",
                    )
                )
    return problems


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


def computed_in_template(source: str) -> list[tuple[int, str]]:
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
            kind = (
                "typed in the chapter"
                if isinstance(inner, jinja2.nodes.Const)
                else "computed in the template"
            )
            out.append(
                (
                    node.lineno,
                    f"the number printed with '{node.name}' is {kind}, so it is not in "
                    "the values registry; compute it in a stage and put it in a values file",
                )
            )
    return out


def labels_and_refs(text: str) -> tuple[list[str], list[str]]:
    """Labels ({#id}) and cross-references (fig/tbl/eq/sec ids) in rendered Markdown."""
    labels = _labels(text)
    refs = []
    for m in _REF.finditer(text):
        rid = _ref_id(m.group(2))
        if rid.split("-", 1)[0] in PREFIXES:
            refs.append(rid)
    return labels, refs


def _line_of(source: str, needle: str) -> int | None:
    for n, line in enumerate(source.split("\n"), start=1):
        if needle in line:
            return n
    return None


def check_chapters(chapters_dir, chapters: list[str], context: dict, lang: str) -> list[str]:
    """Every problem of every chapter, as 'chapters/<lang>/<file>:<line>: message', in book order."""
    chapters_dir = Path(chapters_dir)
    found = []  # (chapter index, line, message)
    order = {ch: i for i, ch in enumerate(chapters)}
    sources = {}
    for ch in chapters:
        path = chapters_dir / ch
        if not path.exists():
            found.append((order[ch], 0, f"{path}: chapter file not found (listed in report/_quarto.yml)"))
            continue
        sources[ch] = path.read_text(encoding="utf-8")
        for line, msg in lint_quarto(sources[ch]) + computed_in_template(sources[ch]):
            found.append((order[ch], line, f"{path}:{line}: {msg}"))
    texts, tracker, errors = render_tracked(
        chapters_dir, [c for c in chapters if c in sources], context, lang
    )
    for msg in errors:
        m = re.match(r".*/([^/:]+):(\d+|None):", msg)
        ch = m.group(1) if m else None
        found.append((order.get(ch, -1), int(m.group(2)) if m and m.group(2).isdigit() else 0, msg))
    registry = build_registry(context, tracker, {}, year=None, lang=lang)
    static = {(order[ch], line) for ch in sources for line, _ in computed_in_template(sources[ch])}
    for u, msg in zip(registry["unregistered"], unregistered_messages(registry, chapters_dir)):
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
                found.append(
                    (
                        order[ch],
                        line or 0,
                        f"{chapters_dir / ch}:{line}: label '#{label}' is already used in {seen[label]}",
                    )
                )
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
                found.append(
                    (
                        order[ch],
                        line or 0,
                        f"{chapters_dir / ch}:{line}: reference '@{rid}' points at no label in the book",
                    )
                )
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return [msg for _, _, msg in dict.fromkeys(found)]
