"""House style of the whole report, checked on the real build: every numbered table and figure has a
caption and a source note under it, ids are unique, every heading has a label, and the Kazakh edition
has no English words outside a short list of proper names and file formats."""

import json
import re
import subprocess

import pytest
import yaml

from conftest import ROOT, pdf_page_texts
from industry_report.publish.book import chapter_files
from industry_report.publish.rendering import pandoc_path

pytestmark = pytest.mark.slow

# Proper names and format names that stay in Latin letters in a Kazakh text; math operators.
ALLOWED_LATIN = {"CIP", "Enterprise", "Surveys", "BEEPS", "max", "min", "ln", "exp", "log"}


def book_chapters(work, year):
    book = work / f"results/{year}/kk/book"
    return [book / f for f in chapter_files(book / "_quarto.yml")]


def ast(path):
    out = subprocess.run(
        [pandoc_path(), "-f", "markdown", "-t", "json", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)["blocks"]


def flatten(blocks):
    """Top-level sequence with divs other than source notes and landscape opened up."""
    out = []
    for b in blocks:
        if b["t"] == "Div" and not {"source-note"} & set(b["c"][0][1]):
            out.extend(flatten(b["c"][1]))
        else:
            out.append(b)
    return out


def test_every_table_and_figure_has_caption_and_source(built_report, report_year):
    problems, ids = [], []
    for chapter in book_chapters(built_report, report_year):
        # The front matter (an unnumbered chapter: the summary's dashboard) has no numbers to give.
        unnumbered = ".unnumbered" in next(
            ln for ln in chapter.read_text(encoding="utf-8").splitlines() if ln.startswith("# ")
        )
        blocks = flatten(ast(chapter))
        for i, b in enumerate(blocks):
            if b["t"] not in ("Table", "Figure"):
                continue
            ident = b["c"][0][0]
            caption = b["c"][1][1]
            where = f"{chapter.name}: {b['t']} {ident or '(no id)'}"
            if not unnumbered and not ident.startswith(("tbl-", "fig-")):
                problems.append(f"{where}: no tbl-/fig- id, so no number")
            if not caption:
                problems.append(f"{where}: no caption")
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if not (nxt and nxt["t"] == "Div" and "source-note" in nxt["c"][0][1]):
                problems.append(f"{where}: no source note (::: {{.source-note}}) right after it")
            ids.append(ident)
    assert not problems, "\n".join(problems)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ids) > 10


def test_every_heading_has_a_unique_label(built_report, report_year):
    labels, problems = [], []
    for chapter in book_chapters(built_report, report_year):
        for line in chapter.read_text(encoding="utf-8").splitlines():
            if re.match(r"^#{1,3} ", line):
                m = re.search(r"\{[^}]*#(sec-[\w-]+)", line)
                if not m:
                    problems.append(f"{chapter.name}: heading without {{#sec-…}}: {line}")
                else:
                    labels.append(m.group(1))
    assert not problems, "\n".join(problems)
    assert len(labels) == len(set(labels))


def _running_text(blocks) -> str:
    """The words of a chapter outside its tables (paragraphs, headings, lists, captions, notes)."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Table":
                return
            if node.get("t") == "Str":
                yield node["c"]
            for v in node.values():
                yield from walk(v)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)

    return " ".join(walk(blocks))


def test_no_code_in_running_text(built_report, report_year):
    """Codes such as INN02, R15 or I08 name things for the build; the reader sees names. They stay in
    table columns and in the annexes, never in the running text of a chapter."""
    from industry_report.publish.book import book_structure
    from industry_report.publish.termbase import CODE

    book = built_report / f"results/{report_year}/kk/book"
    annexes = set(book_structure(book / "_quarto.yml")["appendices"])
    found = {}
    for chapter in book_chapters(built_report, report_year):
        if chapter.name not in annexes:
            codes = CODE.findall(_running_text(ast(chapter)))
            if codes:
                found[chapter.name] = codes
    assert not found, found


# Words of files, formats and the build that a statistical publication does not use.
PIPELINE_WORDS = re.compile(r"(?<![^\W\d_])(файл|CSV|XLSX|JSON|пішімінде|деректерде жоқ|кодтама\w* \d)", re.I)


def test_no_pipeline_speech_in_the_text(built_report, report_year):
    """A gap is said as a statistical publication says it, not in terms of files; version numbers of
    the codebook stay out of the text. The methodology annex may name the technique."""
    found = {}
    for chapter in book_chapters(built_report, report_year):
        if chapter.name == "91-annex-methodology.qmd":
            continue
        text = " ".join(_running_text(ast(chapter)).split())
        hits = PIPELINE_WORDS.findall(text) + re.findall(r"\d+\.\d+\.\d+ нұсқа", text)
        if hits:
            found[chapter.name] = hits
    assert not found, found


def test_no_english_words_in_kazakh_edition(built_report, report_year):
    pdf = built_report / f"results/{report_year}/kk/national-report.pdf"
    text = " ".join(pdf_page_texts(pdf))
    words = set(re.findall(r"\b[A-Za-z]{3,}\b", text))  # codes such as ENT01 are identifiers, not words
    # The addresses of the list of sources (a URL is not a word) and Roman numerals (№ 86-VII).
    refs = yaml.safe_load((ROOT / "report/references.yaml").read_text(encoding="utf-8"))["references"]
    urls = {w for r in refs for w in re.findall(r"[A-Za-z]{3,}", r.get("URL", ""))}
    roman = {w for w in words if re.fullmatch(r"[IVXLC]+", w)}
    assert not words - ALLOWED_LATIN - urls - roman, sorted(words - ALLOWED_LATIN - urls - roman)


# The PDF's table geometry (report/typst/national-report.typ): A4 with 2.5 cm + 2 cm side margins,
# header cells in bold PT Sans 8.5 pt with 5 pt inset on each side.
_CM = 72 / 2.54
TEXT_WIDTH = {False: 595.28 - 4.5 * _CM, True: 841.89 - 4.5 * _CM}  # portrait, landscape (pt)


def _tables(blocks, landscape=False):
    for b in blocks:
        if b["t"] == "Table":
            yield b, landscape
        elif b["t"] == "Div":
            yield from _tables(b["c"][1], landscape or "landscape" in b["c"][0][1])


def _words(blocks):
    out = []
    for blk in blocks:
        for inline in blk["c"]:
            if inline["t"] == "Str":
                out.append(inline["c"])
            elif inline["t"] == "Strong":
                out.extend(i["c"] for i in inline["c"] if i["t"] == "Str")
    return out


def _pt_sans(weight):
    """Width (pt, at the tables' 8.5 pt) of a word in PT Sans, from the font file the PDF embeds."""
    import fontpkg
    from fontTools.ttLib import TTFont

    path = next(f.path for f in fontpkg.family("pt-sans").files if f.weight == weight and f.style == "normal")
    font = TTFont(str(path))
    cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return lambda word: sum(hmtx[cmap[ord(c)]][0] for c in word) / upm * 8.5


def test_table_words_fit_their_columns(built_report, report_year):
    """A word wider than its column runs into the next column in the PDF. Widths: the relative
    widths pandoc reads from the pipe table (the PDF's column widths), against the advance widths
    of the font the PDF uses (header bold, cells regular)."""
    bold, regular = _pt_sans(700), _pt_sans(400)
    factor = {bold: 1.2, regular: 1.12}
    problems, checked = [], 0
    for chapter in book_chapters(built_report, report_year):
        for table, landscape in _tables(ast(chapter)):
            ident, colspecs, head, bodies = table["c"][0][0], table["c"][2], table["c"][3], table["c"][4]
            rows = [(bold, row) for row in head[1]] + [(regular, row) for body in bodies for row in body[3]]
            for width, row in rows:
                for (_, spec), cell in zip(colspecs, row[1]):
                    if spec["t"] != "ColWidth":
                        continue  # auto width: typst sizes the column to its content
                    room = spec["c"] * TEXT_WIDTH[landscape]
                    for word in _words(cell[4]):
                        checked += 1
                        # PDF: the word plus 5 pt inset on each side. DOCX (Arial 9 pt, inset
                        # 3.5 pt): at most 1.18 times that in bold, 1.10 in regular (measured with
                        # Liberation Sans, Arial's metric twin).
                        need = factor[width] * (width(word) + 10)
                        if need > room:
                            problems.append(
                                f"{chapter.name} {ident}: {word!r} needs {need:.1f} pt, "
                                f"its column is {room:.1f} pt"
                            )
    assert checked > 500
    assert not problems, "\n".join(problems)
