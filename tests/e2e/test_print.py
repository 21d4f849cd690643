"""Print quality of the built documents: page layout (no orphaned captions or source notes, no
near-empty or blank pages), PDF metadata and standards, alt text of every chart in both documents,
a Word file that behaves like one, and fonts that cover every character of the text."""

import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from industry_report.core.io import epoch_datetime
from industry_report.core.yaml_input import load_yaml
from industry_report.publish import layout_check as lc

pytestmark = pytest.mark.slow
EPOCH = 1767225600  # tests/conftest.py builds with this SOURCE_DATE_EPOCH


def _docs(work, year):
    d = work / f"results/{year}/kk"
    return d / "national-report.pdf", d / "national-report.docx"


def _words(work, year):
    lang = load_yaml(work / f"results/{year}/kk/book/_language-kk.yml", "language", "language words").data
    return dict(
        fig_word=lang["crossref-fig-title"], tbl_word=lang["crossref-tbl-title"], source_word="Дереккөз"
    )


def test_the_pdf_has_no_orphaned_caption_and_no_near_empty_page(built_report, report_year):
    pdf, _ = _docs(built_report, report_year)
    found = lc.faults(
        lc.pages_of(pdf), chapter_pages=lc.chapter_start_pages(pdf), **_words(built_report, report_year)
    )
    assert found == []


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
def test_the_docx_has_no_blank_or_near_empty_page(built_report, report_year, libreoffice_pdf):
    _, docx = _docs(built_report, report_year)
    pages = lc.pages_of(libreoffice_pdf(docx))  # the session's one conversion of this DOCX
    # Word's chapters start on a new page (Heading 1 has pageBreakBefore): a page whose first line
    # begins a chapter's heading (numbered, unnumbered like "Алғы сөз", or "1-қосымша. …") starts a
    # chapter; the title page's reverse stands before the foreword, as in the PDF.
    heads = [
        p.text.strip() for p in Document(str(docx)).paragraphs if p.style.name in ("Heading 1", "TOC Heading")
    ]
    heads = [h for h in heads if h]
    starts = {
        p.number
        for p in pages
        if p.lines
        and any(h.startswith(p.lines[0].text.strip()) or p.lines[0].text.strip().startswith(h) for h in heads)
    }
    found = [f for f in lc.faults(pages, chapter_pages=starts, **_words(built_report, report_year))]
    assert [f for f in found if "blank" in f or "of the page is used" in f] == []


def test_the_pdf_metadata_and_standards(built_report, report_year):
    pdf, _ = _docs(built_report, report_year)
    reader = PdfReader(str(pdf))
    meta = reader.metadata
    assert meta.title and "\n" not in meta.title
    assert meta.author and "\n" not in meta.author
    assert meta.subject and meta.get("/Keywords")
    assert meta.creation_date.replace(tzinfo=None) == epoch_datetime(EPOCH).replace(tzinfo=None)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part>\s*1\s*<|pdfuaid:part=\"1\"", xmp)  # PDF/UA-1
    assert re.search(r"pdfaid:part>\s*2\s*<|pdfaid:part=\"2\"", xmp)  # PDF/A-2
    assert reader.trailer["/Root"].get("/Lang") in ("kk", "kk-KZ")


def test_every_chart_has_its_alt_text_in_the_docx(built_report, report_year):
    _, docx = _docs(built_report, report_year)
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    descr = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    words = load_yaml(built_report / "report/chart-words-kk.yml", "chart_words", "chart words").data["alt"]
    kinds = tuple(words[k] for k in ("bar", "line", "heatmap", "scatter", "graph", "chart"))
    assert len(descr) >= 20
    assert all(d.startswith(kinds) for d in descr), [d[:60] for d in descr if not d.startswith(kinds)]


def test_the_docx_behaves_like_a_word_file(built_report, report_year):
    _, docx = _docs(built_report, report_year)
    with zipfile.ZipFile(docx) as z:
        settings = z.read("word/settings.xml").decode("utf-8")
        xml = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    rows = xml.count("<w:tr>") + xml.count("<w:tr ")
    assert rows and xml.count("<w:cantSplit/>") == rows
    assert xml.count("<w:tblHeader") >= xml.count("<w:tbl>")  # a repeated header row per table
    # no list item in the 9-pt table style; the list style is in the body font
    assert not re.search(r'<w:pStyle w:val="Compact"/><w:numPr>', xml)
    clist = re.search(r'w:styleId="CompactList".*?</w:style>', styles, re.S).group(0)
    assert 'w:ascii="Times New Roman"' in clist and 'w:val="24"' in clist
    # equation numbers at the right margin, not inside the formula
    assert '<w:tab w:val="right"' in xml
    assert not re.search(r"<m:t>\(</m:t></m:r><m:r><m:t>[0-9A-Z]+\.", xml)


def test_the_pdf_prints_every_character_in_its_own_fonts(built_report, report_year):
    """No character fell back to one of typst's built-in fonts: PT Serif / PT Sans cover the text,
    New Computer Modern Math the formulas (the template's choice)."""
    pdf, _ = _docs(built_report, report_year)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}
    assert names and all(re.match(r"^(PTSerif|PTSans|NewCMMath)", n) for n in names), names
