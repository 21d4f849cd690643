"""The Quarto syntax a chapter may use, and the constructs the build refuses.

One definition, used by `make check` (publish/check.py) and by the build itself (scripts/
render_chapter.py lints each chapter template and its rendered text before the book is assembled):
a chapter cannot execute code or read a file. Code cells, raw blocks and raw inlines (`{=typst}`,
`{=openxml}`, `{=latex}`, `{=html}`), includes and other shortcodes are refused with the chapter file
and line; the renderers also read Markdown without raw extensions and the crossref filter refuses
any image outside figures/ (publish/rendering.py, report/filters/quarto_crossref.lua), so a construct
that slipped past would print as text, not run.

Supported (README "Supported Quarto syntax"): headings with `{#sec-…}` (and `.unnumbered`),
figures `![…](figures/x.png){#fig-… fig-alt="…"}`, pipe tables with `: caption {#tbl-…}`, display
equations `$$ … $$ {#eq-…}`, references `@id`, `[-@id]`, `-@{id}` to fig/tbl/eq/sec ids, and the
divs `::: {.source-note}` and `::: {.landscape}`.

The lint reads the template source with Jinja2 parts neutralised (`<< … >>` becomes `X`, statements
and comments disappear, line numbers are kept), so a line number is the template's own. Messages
come from the editors' catalogue (publish/messages.py).
"""

from __future__ import annotations

import re

from industry_report.publish.messages import Messages

PREFIXES = ("fig", "tbl", "eq", "sec")
# Citation keys of the list of sources (report/references.yaml): `[@src-bns-gdp]`.
CITE_PREFIX = "src"
DIV_CLASSES = ("source-note", "landscape", "box", "contents", "abbreviations")

_JINJA = re.compile(r"<<.*?>>|<%.*?%>|<#.*?#>", re.S)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\{[^}]*\}|[^\s`]*)")
_RAW_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{\s*=\s*([\w-]*)")
_CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{")
# Inline raw: `#read("x")`{=typst}
_RAW_INLINE = re.compile(r"(`+)(.+?)\1\{\s*=\s*([\w-]*)\s*\}")
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}")
_DIV = re.compile(r"^\s*(:{3,})\s*(.*?)\s*$")
_ATTRS = re.compile(r"\{([^{}]*)\}")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s}]+)")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
# A pandoc citation: @key, not preceded by a word character (that is an e-mail address).
_REF = re.compile(r"(?<![\w@])(-?)@(\{[^}]*\}|\w(?:[\w:.#$%&+?<>~/-]*\w)?)")
_BRACKET_REFS = re.compile(r"\[[^\]\[]*@[^\]\[]*\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_LAYOUT = re.compile(r"\{[^}]*\blayout(-[\w]+)?\s*=")
# The only files a chapter may show: figures/<name>.png (no folders, no "..").
FIGURE_PATH = re.compile(r"^figures/[A-Za-z0-9_-]+\.png$")
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


def unsafe_lines(text: str, messages: Messages) -> list[tuple[int, str]]:
    """(line, message) for each construct that would make the build execute code or read a file:
    code cells, raw blocks and raw inlines (typst, openxml, latex, html, …), includes and other
    shortcodes. The build refuses them in the template (lint_quarto) and again in the rendered
    chapter (render_chapter), so that text from a value cannot bring one in either."""
    problems = []
    fence = None  # the opening fence of the code block we are in
    for n, line in enumerate(text.split("\n"), start=1):
        f = _FENCE.match(line)
        if fence is not None:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence) and not f.group(2):
                fence = None
            continue
        if f:
            fence = f.group(1)
            raw = _RAW_FENCE.match(line)
            if raw:
                problems.append((n, messages("raw_block", text=line.strip(), format=raw.group(2) or "?")))
            elif _CODE_FENCE.match(line):
                problems.append((n, messages("code_cell", text=line.strip())))
            continue
        for m in _RAW_INLINE.finditer(line):
            problems.append((n, messages("raw_inline", text=m.group(0), format=m.group(3) or "?")))
        for m in _SHORTCODE.finditer(line):
            name = "include" if re.match(r"\{\{[<%]\s*include\b", m.group(0)) else "shortcode"
            problems.append((n, messages(name, text=m.group(0))))
    return problems


def lint_quarto(source: str, messages: Messages) -> list[tuple[int, str]]:
    """(line, message) for each unsupported construct in one chapter template."""
    text = neutralise(source)
    problems = unsafe_lines(text, messages)
    fence = None
    for n, line in enumerate(text.split("\n"), start=1):
        f = _FENCE.match(line)
        if fence is not None:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence) and not f.group(2):
                fence = None
            continue
        if f:
            fence = f.group(1)
            continue
        d = _DIV.match(line)
        if d and d.group(2):
            attrs = d.group(2)
            classes = re.findall(r"(?:^|[\s{])\.([\w-]+)", attrs)
            bare = re.match(r"^([\w-]+)$", attrs)
            if bare:
                classes.append(bare.group(1))
            ids = re.findall(r"#([\w-]+)", attrs)
            if any(c.startswith("callout") for c in classes):
                problems.append((n, messages("callout", text=line.strip())))
            elif ids == ["refs"] and not classes:
                pass  # where citeproc prints the list of sources (both engines)
            elif ids:
                problems.append((n, messages("div_with_id", text=line.strip())))
            elif not classes or any(c not in DIV_CLASSES for c in classes):
                problems.append((n, messages("div_unsupported", text=line.strip())))
        if _LAYOUT.search(line):
            problems.append((n, messages("layout")))
        if _RAW_BREAK.search(line):
            problems.append((n, messages("raw_markup", text=_RAW_BREAK.search(line).group(0))))
        for label in _labels(line):
            if label == "refs" and line.strip().startswith(":::"):
                continue  # the list of sources (`::: {#refs}`)
            if label.split("-", 1)[0] not in PREFIXES or "-" not in label:
                problems.append((n, messages("label_prefix", label=label)))
        h = _HEADING.match(line)
        if h and not re.search(r"\{[^}]*#sec-[^\s}]+", line):
            problems.append((n, messages("heading_no_label")))
        for m in _BRACKET_REFS.finditer(line):
            if m.group(0).count("@") > 1:
                problems.append((n, messages("one_ref_per_bracket", text=m.group(0))))
        for m in _REF.finditer(line):
            rid = _ref_id(m.group(2))
            start = m.start()
            bracketed = start > 0 and line[start - 1] == "[" or m.group(2).startswith("{")
            kind = rid.split("-", 1)[0]
            if kind == CITE_PREFIX and "-" in rid:
                continue  # a citation: pandoc's citeproc resolves it against the list of sources
            if "-" not in rid or kind not in PREFIXES:
                problems.append((n, messages("ref_kind", ref=rid)))
            elif re.search(r"[^\x00-\x7f]", rid) and not bracketed:
                base = re.match(r"[\x00-\x7f]*", rid).group(0).rstrip("-")
                problems.append((n, messages("ref_glued", ref=rid, base=base, ending=rid[len(base) :])))
        for m in _IMAGE.finditer(line):
            if not FIGURE_PATH.match(m.group(1)):
                problems.append((n, messages("image_path", path=m.group(1))))
    problems.sort(key=lambda p: p[0])
    return problems


def labels_and_refs(text: str) -> tuple[list[str], list[str]]:
    """Labels ({#id}) and cross-references (fig/tbl/eq/sec ids) in rendered Markdown."""
    labels = _labels(text)
    refs = []
    for m in _REF.finditer(text):
        rid = _ref_id(m.group(2))
        if rid.split("-", 1)[0] in PREFIXES:
            refs.append(rid)
    return labels, refs
