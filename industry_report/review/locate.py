"""Where a printed value stands in the report: its table, figure or section number and its page.

Numbers: the chapters' stable Markdown (results/<year>/<lang>/markdown/*.md) is numbered the way the
cross-reference filter (report/filters/quarto_crossref.lua) numbers the book: chapters 1, 2, ...,
appendices 1, 2, ... whose tables, figures and sections are labelled "Қ1.1", "Қ1.2.1" (the filter's
crossref-apx-label-prefix), an `{.unnumbered}` level-1 heading numbers nothing; figures and tables are
counted per chapter ("2.1"), sections by heading level ("2.3").

Places: a value's printed text is looked for in the chapters that use it (registry ``used_in``), as a
whole token (not inside a longer number): first in the report tables the registry names, then in
tables and figure captions, then in prose. A table cell is named by its row (first cell) and column
header; prose by the sentence around it.

Pages: the text of each page of the built PDF (pypdf), compared with all whitespace and hyphens
removed (line breaks and hyphenation differ from the Markdown). A table's or figure's page is where
its caption starts ("2.1-кесте —"); a sentence's page is the one page its words around the value are
found on. When that is not exactly one page, no page is given (the bundle says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

NBSP = "\u00a0"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_ID = re.compile(r"#((?:sec|tbl|fig)-[\w-]+)")
_FIGURE = re.compile(r"^!\[(.*)\]\([^)]*\)\s*\{[^}]*#(fig-[\w-]+)")
_CAPTION = re.compile(r"^: (.*?)\s*\{[^}]*#(tbl-[\w-]+)[^}]*\}\s*$")


# The label of appendix n's tables, figures and sections (report/_language-kk.yml,
# crossref-apx-label-prefix, which the crossref filter reads).
APPENDIX_LABEL_PREFIX = "Қ"


def _appendix_label(n: int) -> str:
    return f"{APPENDIX_LABEL_PREFIX}{n}"


@dataclass
class Block:
    kind: str  # "prose", "table", "figure"
    chapter: str
    section: str | None  # the id of the heading above
    lines: list[str]
    id: str | None = None  # tbl-/fig- id
    caption: str = ""
    cells: list[list[str]] = field(default_factory=list)  # table rows (header first)


@dataclass
class Book:
    numbers: dict  # id -> "2.1" (sec-, tbl-, fig- ids; chapters by their sec id)
    titles: dict  # id -> heading text / caption
    blocks: dict  # chapter -> [Block]
    order: list[str]  # chapters in book order
    chapter_titles: dict = field(default_factory=dict)  # chapter -> "2. Heading" (book order)


def _split_row(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split(" | ")]


def read_book(texts: dict, chapters: list[str], appendices: list[str]) -> Book:
    """Number and cut into blocks the stable Markdown of a book ({chapter file: text}); ``chapters``
    and ``appendices`` are the file names in order (report/_quarto.yml), with or without `.md`/`.qmd`."""

    def stem(name):
        return Path(name).stem

    appendix_stems = {stem(a) for a in appendices}
    order = [stem(c) for c in list(chapters) + list(appendices)]
    by_stem = {stem(k): k for k in texts}
    numbers, titles, blocks, chapter_titles = {}, {}, {}, {}
    n_chapter = n_appendix = 0
    for ch in order:
        if ch not in by_stem:
            continue
        label, counts, sec, section = None, {"fig": 0, "tbl": 0}, [0] * 7, None
        out = []
        lines = texts[by_stem[ch]].split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            m = _HEADING.match(line)
            if m and not line.startswith("#|"):
                level, title, attrs = len(m.group(1)), m.group(2), m.group(3) or ""
                ident = (_ID.search(attrs) or [None, None])[1]
                if level == 1:
                    if ".unnumbered" in attrs:
                        label = None
                    elif ch in appendix_stems:
                        n_appendix += 1
                        label = _appendix_label(n_appendix)
                    else:
                        n_chapter += 1
                        label = str(n_chapter)
                    counts, sec = {"fig": 0, "tbl": 0}, [0] * 7
                    number = label
                    chapter_titles.setdefault(ch, f"{label}. {title}" if label else title)
                elif label is not None and ".unnumbered" not in attrs:
                    sec[level] += 1
                    sec[level + 1 :] = [0] * (6 - level)
                    number = ".".join([label] + [str(sec[k]) for k in range(2, level + 1)])
                else:
                    number = None
                if ident:
                    section = ident
                    titles[ident] = title
                    if number:
                        numbers[ident] = number
                i += 1
                continue
            if line.startswith("|"):
                start = i
                while i < len(lines) and lines[i].startswith("|"):
                    i += 1
                rows = [_split_row(x) for k, x in enumerate(lines[start:i]) if k != 1]
                tid, caption = None, ""
                for x in lines[i : i + 3]:
                    c = _CAPTION.match(x)
                    if c:
                        caption, tid = c.group(1), c.group(2)
                        break
                if tid and label is not None:
                    counts["tbl"] += 1
                    numbers[tid] = f"{label}.{counts['tbl']}"
                    titles[tid] = caption
                out.append(Block("table", ch, section, lines[start:i], tid, caption, rows))
                continue
            f = _FIGURE.match(line)
            if f:
                fid = f.group(2)
                if label is not None:
                    counts["fig"] += 1
                    numbers[fid] = f"{label}.{counts['fig']}"
                titles[fid] = f.group(1)
                out.append(Block("figure", ch, section, [line], fid, f.group(1)))
            elif line.strip() and not _CAPTION.match(line) and not line.startswith(":::"):
                out.append(Block("prose", ch, section, [line]))
            i += 1
        blocks[ch] = out
    return Book(numbers, titles, blocks, [c for c in order if c in by_stem], chapter_titles)


def _token_re(text: str) -> re.Pattern:
    # the printed text as a whole token: not glued to a longer number ("8 892" is not in "18 892,5")
    return re.compile(r"(?<![\d,.\u00a0\u202f])" + re.escape(text) + r"(?![\d]|[,.\u00a0\u202f]\d)")


@dataclass
class Place:
    chapter: str
    kind: str  # "table", "figure", "prose"
    id: str | None  # tbl-/fig-/sec- id
    label: str  # Kazakh: row and column of a cell, or the sentence around the value
    needle: str  # text to find the page by


def find_place(
    book: Book,
    texts: list[str],
    chapters: list[str],
    tables: list[str],
    headers: tuple = (),
    row_hint: str = "",
) -> Place | None:
    """Where one of ``texts`` (the printed forms of a value) stands, looking in ``chapters`` (stems)
    first in ``tables`` (the report tables the registry says it is in); there only in the columns
    ``headers`` (when given), and first in the row whose cells name ``row_hint`` (the record)."""
    pats = [_token_re(t) for t in texts if t]
    if not pats:
        return None
    chapters = [c for c in chapters if c in book.blocks] or []
    for restrict in (True, False):
        for ch in chapters:
            for b in book.blocks[ch]:
                if restrict and not (b.kind == "table" and b.id in tables):
                    continue
                if not restrict and tables and b.kind == "table" and b.id not in tables:
                    continue
                if b.kind == "table":
                    header = b.cells[0] if b.cells else []
                    body = b.cells[1:]
                    if row_hint:  # the record's own row first
                        body = sorted(body, key=lambda r: not any(c.replace("\\", "") == row_hint for c in r))
                    for row in body:
                        for j, cell in enumerate(row):
                            col = header[j] if j < len(header) else ""
                            if restrict and headers and col.replace("\\", "") not in headers:
                                continue
                            if any(p.search(cell) for p in pats):
                                names = [c for c in row if c and not c.isdigit() and c != cell]
                                row_name = names[0] if names else ""
                                label = " — ".join(x for x in (row_name, col) if x)
                                return Place(ch, "table", b.id, label, "")
                elif not restrict:
                    for line in b.lines:
                        m = next((m for p in pats if (m := p.search(line))), None)
                        if m:
                            text = plain(line)
                            ident = b.id if b.kind == "figure" else b.section
                            return Place(
                                ch, b.kind, ident, excerpt(text, m.group(0)), needle(text, m.group(0))
                            )
    return None


_MARKUP = [
    (re.compile(r"\[-?@([\w-]+)\]"), r"@\1"),
    (re.compile(r"!\[(.*)\]\([^)]*\)\s*\{[^}]*\}"), r"\1"),
    (re.compile(r"\{[^}]*\}"), ""),
    (re.compile(r"[*_`]"), ""),
]


def plain(line: str) -> str:
    for pat, rep in _MARKUP:
        line = pat.sub(rep, line)
    return line.strip()


def excerpt(text: str, found: str, width: int = 60) -> str:
    """The words around ``found`` (at most ``width`` characters each side), cut at word boundaries."""
    i = text.find(found)
    if i < 0:
        return text[: 2 * width]
    left, right = text[:i], text[i + len(found) :]
    if len(left) > width:
        left = "…" + left[-width:].split(" ", 1)[-1]
    if len(right) > width:
        right = right[:width].rsplit(" ", 1)[0] + "…"
    return left + found + right


def needle(text: str, found: str, width: int = 40) -> str:
    """The value with the words next to it, up to a cross-reference (printed differently in the PDF)."""
    i = text.find(found)
    left = text[:i].split("@")[-1][-width:]
    right = text[i + len(found) :].split("@")[0][:width]
    return left + found + right


# --------------------------------------------------------------------------------------------------
# Pages of the PDF
# --------------------------------------------------------------------------------------------------
def _squash(s: str) -> str:
    s = re.sub(r"[-\u00ad\u2010\u2011]\s*\n", "", s)  # a word hyphenated at a line end
    return re.sub(r"[\s\u00a0\u202f\u2009\u00ad]+", "", s)


def pdf_pages(pdf) -> list[str]:
    """The text of each page of a PDF, squashed (no whitespace, no line-end hyphens)."""
    from pypdf import PdfReader

    return [_squash(p.extract_text() or "") for p in PdfReader(str(pdf)).pages]


def page_of(pages: list[str], text: str) -> int | None:
    """The 1-based page on which ``text`` is found, when it is found on exactly one page."""
    s = _squash(text)
    if len(s) < 8:
        return None
    hits = [i + 1 for i, p in enumerate(pages) if s in p]
    return hits[0] if len(hits) == 1 else None


def caption_page(pages: list[str], word: str, number: str) -> int | None:
    """The page where the caption "2.1-кесте —" (``word`` and ``number``) is printed."""
    return page_of(pages, f"{number}-{word} \u2014")
