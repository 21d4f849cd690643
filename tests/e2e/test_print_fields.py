"""Word fields and keeping together in the built documents of both editions: every numbered caption
of the DOCX is a SEQ field of its label whose value, as Word and LibreOffice recompute it, is the
printed number; a table's last rows and its source note keep together; LibreOffice's layout of the
DOCX parts no source note from its table or figure; no table of the PDF leaves its last row alone."""

import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from industry_report.core.yaml_input import load_yaml
from industry_report.publish import layout_check as lc

pytestmark = pytest.mark.slow
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LANGS = ("kk", "ru")
SOURCE = {"kk": "Дереккөз", "ru": "Источник"}


def _language(work, year, lang):
    return load_yaml(
        work / f"results/{year}/{lang}/book/_language-{lang}.yml", "language", "language words"
    ).data


def _document(work, year, lang):
    with zipfile.ZipFile(work / f"results/{year}/{lang}/national-report.docx") as z:
        return etree.fromstring(z.read("word/document.xml")), etree.fromstring(z.read("word/settings.xml"))


def _style(p):
    st = p.find("w:pPr/w:pStyle", NS)
    return st.get(f"{{{W}}}val") if st is not None else ""


def _caption_fields(root):
    """(style, text, SEQ code, cached result) of every caption paragraph, in document order, and
    the Heading 1 paragraphs between them (as (\"Heading1\", text, \"\", \"\"))."""
    out = []
    for p in root.iter(f"{{{W}}}p"):
        style = _style(p)
        if style not in ("Heading1", "TableCaption", "ImageCaption"):
            continue
        code, result, state = "", "", None
        for r in p.iter(f"{{{W}}}r"):
            f = r.find("w:fldChar", NS)
            if f is not None:
                state = f.get(f"{{{W}}}fldCharType")
            for i in r.iterfind("w:instrText", NS):
                code += i.text or ""
            if state == "separate":
                result += "".join(t.text or "" for t in r.iterfind("w:t", NS))
        out.append((style, "".join(t.text or "" for t in p.iter(f"{{{W}}}t")), code.strip(), result))
    return out


def _recompute(fields, restart_at_chapters):
    counts, values = {}, []
    for style, _text, code, _result in fields:
        if style == "Heading1":
            if restart_at_chapters:
                counts = {}
            continue
        if code.startswith("SEQ "):
            parts = code.split()
            label = parts[1]
            counts[label] = int(parts[parts.index("\\r") + 1]) if "\\r" in parts else counts.get(label, 0) + 1
            values.append(str(counts[label]))
    return values


@pytest.mark.parametrize("lang", LANGS)
def test_every_numbered_caption_is_a_seq_field_worth_its_printed_number(built_report, report_year, lang):
    words = _language(built_report, report_year, lang)
    root, settings = _document(built_report, report_year, lang)
    fields = _caption_fields(root)
    label = {
        "TableCaption": words["crossref-tbl-title"][:1].upper() + words["crossref-tbl-title"][1:],
        "ImageCaption": words["crossref-fig-title"][:1].upper() + words["crossref-fig-title"][1:],
    }
    # the printed number within the chapter, read from the caption's own words (either order; the
    # Russian edition joins word and number with a no-break space)
    printed = []
    for style, text, code, result in fields:
        if style == "Heading1":
            continue
        word = re.escape(words["crossref-tbl-title" if style == "TableCaption" else "crossref-fig-title"])
        m = re.match(rf"^(?:[^\s.]+\.(\d+)-{word}|{word}[ \u00a0][^\s.]+\.(\d+))(?=\s)", text, re.I)
        if not m:
            assert not code, text  # an unnumbered caption has no field
            continue
        printed.append(m.group(1) or m.group(2))
        assert code.split()[:2] == ["SEQ", label[style]], text
        assert "\\s 1" in code and result == printed[-1], text
    assert len(printed) >= 40
    assert _recompute(fields, restart_at_chapters=True) == printed  # Word
    assert _recompute(fields, restart_at_chapters=False) == printed  # LibreOffice
    declared = {c.get(f"{{{W}}}name") for c in settings.iterfind(".//w:caption", NS)}
    assert declared == set(label.values())


@pytest.mark.parametrize("lang", LANGS)
def test_a_tables_last_rows_and_its_source_note_keep_together(built_report, report_year, lang):
    root, _ = _document(built_report, report_year, lang)
    body = root.find("w:body", NS)
    checked = 0
    for tbl in body.iterfind("w:tbl", NS):
        nxt = tbl.getnext()
        while nxt is not None and nxt.tag in (f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd"):
            nxt = nxt.getnext()
        rows = tbl.findall("w:tr", NS)
        if nxt is None or _style(nxt) != "SourceNote" or len(rows) < 3:
            continue
        checked += 1
        for row in rows[-2:]:
            assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in row.iter(f"{{{W}}}p"))
    assert checked >= 10


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_keeps_source_notes_and_caption_numbers(built_report, report_year, lang, tmp_path):
    words = _language(built_report, report_year, lang)
    docx = built_report / f"results/{report_year}/{lang}/national-report.docx"
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    pdf = tmp_path / "national-report.pdf"
    found = lc.faults(
        lc.pages_of(pdf),
        fig_word=words["crossref-fig-title"],
        tbl_word=words["crossref-tbl-title"],
        source_word=SOURCE[lang],
        chapter_pages=set(),
    )
    assert [f for f in found if "source note" in f] == []
    # LibreOffice recomputes the SEQ fields as it opens the file: the captions print as in the DOCX
    root, _ = _document(built_report, report_year, lang)
    captions = [t for s, t, code, _ in _caption_fields(root) if code]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    missing = [c for c in captions if " ".join(c.split())[:25] not in flat]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_table_of_the_pdf_leaves_its_last_row_alone(built_report, report_year, lang):
    words = _language(built_report, report_year, lang)
    pdf = built_report / f"results/{report_year}/{lang}/national-report.pdf"
    found = lc.faults(
        lc.pages_of(pdf),
        fig_word=words["crossref-fig-title"],
        tbl_word=words["crossref-tbl-title"],
        source_word=SOURCE[lang],
        chapter_pages=lc.chapter_start_pages(pdf),
    )
    assert [f for f in found if "last row" in f] == []
