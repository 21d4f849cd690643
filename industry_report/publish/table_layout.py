"""Layout of pipe tables: column widths from the printed width of their words.

Pandoc takes a pipe table's column widths from the dashes of its separator line. These are
computed here from the words the cells print (PT Sans advance widths, with room for the DOCX's
wider Arial) and the text width of the page (publish/page.py), so that no word is broken or runs
into its neighbour in either document.
"""

from __future__ import annotations

import functools
import math
import re

from industry_report.publish.page import Page

# Cells in PT Sans 8.5 pt (header bold) with 5 pt inset each side; the text width comes from the
# page (report/page.yml, publish/page.py).
CELL_FONT_PT, CELL_INSET_PT = 8.5, 5.0
# Pandoc gives a pipe table the full text width, shared by its separator's dashes, once any line
# is longer than this; shorter tables get automatic widths.
PANDOC_COLUMNS = 72
_DASHES = 200  # resolution of the shares: 0.5 % of the text width


@functools.lru_cache(maxsize=2)
def _advances(bold: bool):
    """Advance widths (em) of PT Sans, the font of table cells, by character."""
    import fontpkg
    from fontTools.ttLib import TTFont

    path = next(
        f.path for f in fontpkg.family("pt-sans").files if f.style == "normal" and (f.weight >= 700) == bold
    )
    font = TTFont(str(path))
    hmtx, upm = font["hmtx"], font["head"].unitsPerEm
    return {chr(c): hmtx[g][0] / upm for c, g in font.getBestCmap().items()}


def word_width_pt(word: str, bold: bool = False) -> float:
    """Printed width of an unbreakable word in a table cell (0.6 em for a character the font lacks)."""
    adv = _advances(bold)
    return sum(adv.get(c, 0.6) for c in word) * CELL_FONT_PT


# How much wider a table word is in the DOCX (Arial 9 pt, 3.5 pt inset) than in the PDF (PT Sans
# 8.5 pt, 5 pt inset), inset included: at most 1.18 in bold and 1.10 in regular, measured on every
# word of the report's tables with Liberation Sans, Arial's metric twin.
DOCX_FACTOR = {True: 1.2, False: 1.12}


def column_room_pt(word_pt: float, bold: bool) -> float:
    """Column width a word of ``word_pt`` (PT Sans 8.5 pt) needs in both documents."""
    return DOCX_FACTOR[bold] * (word_pt + 2 * CELL_INSET_PT) + 1


def _plain(text: str) -> str:
    # Markdown emphasis and escapes do not print.
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


def _line_pt(text: str, bold: bool) -> float:
    """Width of a whole cell set on one line."""
    return word_width_pt(_plain(text).strip(), bold)


def _longest_word_pt(text: str, bold: bool) -> float:
    # Only plain spaces break a line; numbers keep their no-break thousands separators.
    return max((word_width_pt(w, bold) for w in re.split(r"[ \n]+", _plain(text)) if w), default=0.0)


def column_widths(headers: list[str], body: list[list[str]], text_width_pt: float) -> list[int]:
    """Dash counts of a pipe table's separator line, one per column.

    A narrow table keeps widths that follow its longest cell (pandoc then sizes it automatically).
    A wide one shares the text width the way browsers lay out an automatic table (CSS 2.1,
    17.5.2.2): each column gets the room of its longest unbreakable word (header bold, cells
    regular; column_room_pt), so no word runs into its neighbour or is broken, and the rest of
    the width goes to the columns whose cells wrap, in proportion to how much more their longest
    cell would need to stand on one line (headers wrap at will). Short columns (numbers, codes)
    stay as narrow as they can.
    """
    natural = []
    for i, header in enumerate(headers):
        longest_word = max((len(w) for w in str(header).split()), default=3)
        longest_cell = max((len(r[i]) for r in body), default=3)
        natural.append(max(6, longest_word + 2, min(longest_cell + 2, 40)))
    line = max(
        [len("| " + " | ".join(headers) + " |"), sum(natural) + len(natural) + 1]
        + [len("| " + " | ".join(r) + " |") for r in body]
    )
    if line <= PANDOC_COLUMNS:
        return natural
    least, most = [], []
    for i, h in enumerate(headers):
        cells = [r[i] for r in body]
        least.append(
            max(
                [column_room_pt(_longest_word_pt(str(h), True), True)]
                + [column_room_pt(_longest_word_pt(c, False), False) for c in cells]
            )
        )
        # Headers are expected to wrap: only the cells claim width beyond the longest word.
        most.append(max([least[-1]] + [column_room_pt(_line_pt(c, False), False) for c in cells]))
    share = auto_layout(least, most, text_width_pt)
    # Whole dashes summing to _DASHES, none below its minimum: pandoc divides by the total, so an
    # excess would shrink every column, and a column rounded down could lose its word's room.
    raw = [f * _DASHES for f in share]
    floor = [max(3, math.ceil(min(1.0, m / text_width_pt) * _DASHES)) for m in least]
    dashes = [max(lo, round(x)) for lo, x in zip(floor, raw)]
    while sum(dashes) > _DASHES:
        slack = [i for i in range(len(dashes)) if dashes[i] > floor[i]]
        if not slack:
            break
        dashes[max(slack, key=lambda i: dashes[i] - raw[i])] -= 1
    while sum(dashes) < _DASHES:
        dashes[max(range(len(dashes)), key=lambda i: raw[i] - dashes[i])] += 1
    return dashes


def auto_layout(least: list[float], most: list[float], width: float) -> list[float]:
    """Shares of ``width`` for columns with minimum and maximum content widths (CSS 2.1 automatic
    table layout): all at their maximum if that fits (the spare width in proportion to it), else
    each at its minimum plus the remaining width in proportion to (maximum − minimum). If even
    the minimums do not fit they are scaled down (the table is too wide for its page)."""
    lo, hi = sum(least), sum(most)
    if lo >= width:
        return [m / lo for m in least]
    if hi <= width:
        return [m / hi for m in most]
    spare = (width - lo) / (hi - lo)
    return [(a + (b - a) * spare) / width for a, b in zip(least, most)]


_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip())[1:-1]]


def fit_pipe_tables(markdown: str, page: Page) -> str:
    """Give every pipe table of a rendered chapter the column widths of column_widths(), whether
    table() made it or an editor wrote it: the separator's dashes are recomputed from the printed
    cells, its alignment colons kept. Tables inside a ``::: {.landscape}`` div get the width of a
    turned page."""
    lines = markdown.split("\n")
    out, i, landscape, depth = [], 0, False, 0
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^(:{3,})\s*(\{[^}]*\})?\s*$", line)
        if fence and fence.group(2):
            depth += 1
            if ".landscape" in fence.group(2):
                landscape = depth
        elif fence:
            if landscape == depth:
                landscape = False
            depth = max(0, depth - 1)
        if line.startswith("|") and i + 1 < len(lines) and _SEPARATOR.match(lines[i + 1]):
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            header, seps, body = _cells(line), _cells(lines[i + 1]), [_cells(r) for r in lines[i + 2 : j]]
            if len(seps) == len(header) and all(len(r) == len(header) for r in body):
                widths = column_widths(
                    header, body, page.landscape_text_width_pt if landscape else page.text_width_pt
                )
                new = [
                    (":" if sep.startswith(":") else "")
                    + "-" * max(1, w - sep.startswith(":") - sep.endswith(":"))
                    + (":" if sep.endswith(":") else "")
                    for w, sep in zip(widths, seps)
                ]
                out += [line, "|" + "|".join(new) + "|"] + lines[i + 2 : j]
                i = j
                continue
        out.append(line)
        i += 1
    return "\n".join(out)
