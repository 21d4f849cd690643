"""Page-layout faults of a printed document (PDF, or a DOCX rendered to PDF by LibreOffice).

From the page itself, not from the source: the text lines of each page with their positions
(poppler's ``pdftotext -bbox-layout``) and the inked part of each page (``pdftoppm`` at low
resolution, so that vector charts, whose text is drawn as paths, count as content). Finds

* orphaned captions: a figure caption (printed under its figure) that opens a page, a table
  caption (printed above its table) that closes a page, a source note that opens a page;
* near-empty pages: less than a third of the text area used, except a page before a chapter
  (a page that ends a chapter), the title page, and the last page;
* blank pages: nothing printed but, at most, the page number;
* widow rows: a table continued onto a page (its header row repeated at the top) for its last
  row alone.

The caption words are those of the language file (crossref-fig-title, crossref-tbl-title) in
either order ("Сурет 2.1" or "2.1-сурет").
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float


@dataclass(frozen=True)
class PageContent:
    number: int
    height: float
    lines: list[Line]
    ink_top: float  # fraction of the page height where the printed content begins / ends
    ink_bottom: float


def read_lines(pdf: Path) -> list[tuple[float, list[Line]]]:
    """(page height, text lines) of every page."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            lines.append(Line(" ".join(words), float(line.get("yMin")), float(line.get("yMax"))))
        lines.sort(key=lambda ln: ln.top)
        pages.append((float(page.get("height")), lines))
    return pages


def ink_extent(pdf: Path, dpi: int = 20, footer_share: float = 0.06) -> list[tuple[float, float]]:
    """(top, bottom) of the inked part of each page as fractions of its height, the footer band
    (page number) left out; (1, 0) for a page with nothing on it."""
    import numpy as np
    from PIL import Image

    extents = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True)
        for f in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
            with Image.open(io.BytesIO(f.read_bytes())) as im:
                a = np.asarray(im.convert("L"), dtype=float)
            body = a[: int(len(a) * (1 - footer_share))]
            rows = np.nonzero((body < 235).sum(axis=1) >= 2)[0]
            h = len(a)
            extents.append((rows[0] / h, (rows[-1] + 1) / h) if len(rows) else (1.0, 0.0))
    return extents


def pages_of(pdf: Path) -> list[PageContent]:
    lines, ink = read_lines(pdf), ink_extent(pdf)
    return [PageContent(i + 1, h, ls, *ink[i]) for i, ((h, ls), _) in enumerate(zip(lines, ink))]


def _caption(word: str) -> re.Pattern:
    return re.compile(rf"^(?:{word}\s*[A-ZА-Я0-9]+\.\d+\b|[A-ZА-Я0-9]+\.\d+-{word.lower()}\b)")


def _body_lines(page: PageContent, footer_share: float = 0.06) -> list[Line]:
    return [ln for ln in page.lines if ln.bottom < page.height * (1 - footer_share) and ln.text.strip()]


def faults(
    pages: list[PageContent],
    *,
    fig_word: str,
    tbl_word: str,
    source_word: str,
    chapter_pages: set[int],
    min_share: float = 1 / 3,
    top_share: float = 2 / 29.7,
    bottom_share: float = 2 / 29.7,
) -> list[str]:
    """Every fault, one sentence each. ``chapter_pages``: the pages a chapter or appendix starts on
    (the page before one may be short). Shares are of the page height (default: 2-cm margins)."""
    fig, tbl = _caption(fig_word), _caption(tbl_word)
    found = []
    text_height = 1 - top_share - bottom_share
    for k, page in enumerate(pages):
        body = _body_lines(page)
        # A line opens (closes) the page when nothing is printed above (below) it: a chart above
        # a caption has no text lines (its text is drawn as paths), but it has ink.
        opens = bool(body) and body[0].top / page.height - page.ink_top < 0.01
        closes = bool(body) and page.ink_bottom - body[-1].bottom / page.height < 0.01
        first = body[0].text if opens else ""
        last = body[-1].text if closes else ""
        if fig.match(first):
            found.append(f"page {page.number}: the figure caption {first[:40]!r} is parted from its figure")
        if tbl.match(last):
            found.append(f"page {page.number}: the table caption {last[:40]!r} ends the page")
        if first.startswith(source_word):
            found.append(f"page {page.number}: the source note {first[:40]!r} is parted from its table")
        used = max(0.0, page.ink_bottom - max(page.ink_top, top_share)) / text_height
        if k and _widow_row(pages[k - 1], page, pages[k + 1] if k + 1 < len(pages) else None, source_word):
            found.append(f"page {page.number}: a table's last row stands alone under its repeated header")
        if page.ink_bottom <= page.ink_top:
            found.append(f"page {page.number}: blank page")
        elif (
            used < min_share
            and k not in (0, len(pages) - 1)
            and (page.number + 1) not in chapter_pages
            and page.number not in chapter_pages
        ):
            found.append(f"page {page.number}: only {used:.0%} of the page is used")
    return found


def _first_row_texts(page: PageContent) -> tuple[str, ...]:
    """Texts of the lines sharing the top of the page's first text line (a table row's cells)."""
    body = _body_lines(page)
    if not body:
        return ()
    return tuple(sorted(ln.text for ln in body if abs(ln.top - body[0].top) < 0.5))


def _continues_table(prev: PageContent, page: PageContent) -> bool:
    """The page opens with a table's header row repeated from the page before (two cells or more
    on one line, every one of them on one line of ``prev``)."""
    head = _first_row_texts(page)
    if len(head) < 2:
        return False
    tops = {}
    for ln in _body_lines(prev):
        tops.setdefault(round(ln.top, 1), []).append(ln.text)
    return any(tuple(sorted(t)) == head for t in tops.values())


def _table_rows(page: PageContent, source_word: str) -> int:
    """Rows (the repeated header included) of the table that opens the page.

    The table's lines are those of its header's size up to a source note, a line of another size
    or a gap wider than two lines. Within a row the cells' lines follow at the line pitch; a row
    starts a little lower (the cell insets): a gap between line tops wider than the smallest one
    by 0.4 pt or more (the house template's pitch is 11.2 pt within a row, 12.0 pt across rows).
    """
    body = _body_lines(page)
    size = body[0].bottom - body[0].top
    tops = [body[0].top]
    for ln in body[1:]:
        if ln.text.startswith(source_word) or abs((ln.bottom - ln.top) - size) > 0.03 * size:
            break
        if ln.top - tops[-1] > 2.5 * size:
            break
        if ln.top - tops[-1] >= 0.5:
            tops.append(ln.top)
    gaps = [b - a for a, b in zip(tops, tops[1:])]
    if not gaps:
        return 1
    return 1 + sum(g >= min(gaps) + 0.4 for g in gaps)


def _widow_row(prev: PageContent, page: PageContent, nxt: PageContent | None, source_word: str) -> bool:
    """The page continues a table from ``prev`` with one row only, and the table ends on it (the
    next page does not continue it again)."""
    if not _continues_table(prev, page):
        return False
    if nxt is not None and _continues_table(page, nxt):
        return False
    return _table_rows(page, source_word) == 2  # the header and one row


def chapter_start_pages(pdf: Path) -> set[int]:
    """Pages (1-based) of the document outline's top-level entries: where chapters start."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    pages = set()
    for item in reader.outline:
        if not isinstance(item, list):
            n = reader.get_destination_page_number(item)
            if n is not None:
                pages.add(n + 1)
    return pages
