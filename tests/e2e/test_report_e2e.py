"""End to end: build the real report from a copy of the repository, then read the numbers back out
of the DOCX (python-docx) and the PDF text; determinism, fonts, and incremental rebuilds."""

import json
import os
import re
from pathlib import Path

import pytest
from docx import Document
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import kazakh_letters, pdf_page_texts, snakemake
from industry_report.core import formatting
from industry_report.publish.rendering import font_dirs

pytestmark = pytest.mark.slow

ENGLISH = re.compile(r"\b(Table|Figure|Contents|Chapter|Section|Appendix|Equation|Source|Page)\b")


def outputs(work, year):
    base = work / f"results/{year}/kk"
    return base / "national-report.docx", base / "national-report.pdf"


def values(work, year, ns):
    return json.loads((work / f"results/{year}/values/{ns}.json").read_text(encoding="utf-8"))


def pdf_text(path):
    return re.sub(r"\s+", " ", " ".join(pdf_page_texts(path)))


def docx_tables(path):
    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def test_both_documents_exist(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    assert docx.stat().st_size > 20_000 and pdf.stat().st_size > 20_000
    assert len(PdfReader(pdf).pages) >= 6


def test_sample_numbers_in_docx(built_report, report_year):
    docx, _ = outputs(built_report, report_year)
    s = values(built_report, report_year, "sample")
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert formatting.number(s["n_formula"], 1) in text  # 562,3
    assert f"{formatting.integer(s['n_total'])} кәсіпорыннан" in text  # 568
    assert f"±{formatting.percent(s['moe_total'], 1)}" in text
    # The allocation table: the total row carries 8 892 and 568, and every region's sample.
    alloc = next(t for t in docx_tables(docx) if t[0][0] == "Өңір" and len(t[0]) == 9)
    total = next(r for r in alloc if r[0] == "Барлығы")
    assert total[4] == formatting.integer(8892) and total[8] == "568"
    by_region = {r["region_kk"]: r for r in s["by_region"]}
    assert by_region["Алматы қаласы"]["sample_total"] == 139
    almaty = next(r for r in alloc if r[0] == "Алматы қаласы")
    assert almaty[5:] == ["132", "4", "3", "139"]
    assert len(alloc) == 1 + 17 + 1  # header, 17 regions of 2022, total


def test_sample_numbers_in_pdf(built_report, report_year):
    _, pdf = outputs(built_report, report_year)
    s = values(built_report, report_year, "sample")
    text = pdf_text(pdf)
    assert formatting.number(s["n_formula"], 1) in text
    assert "Барлығы 8 178 464 250 8 892 515 31 22 568" in text.replace("\u00a0", " ")
    # The sample design is in appendix 1 (its tables and figures "Қ1.N").
    assert "Қ1.1-кесте — Өңдеу өнеркәсібінің белсенді кәсіпорындары" in text
    assert "Қ1.1-сурет — Іріктеменің өңірлер" in text
    assert "Мазмұны" in text


def test_kazakh_words_only(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    for text in (pdf_text(pdf), "\n".join(p.text for p in Document(str(docx)).paragraphs)):
        assert not ENGLISH.search(text), ENGLISH.search(text)


def _font_files():
    files = {}
    for d in font_dirs():
        for f in Path(d).glob("*.ttf"):
            ps = TTFont(f)["name"].getDebugName(6)
            files[ps] = f
    return files


def _to_unicode_chars(font_obj) -> set[str]:
    cmap = font_obj.get("/ToUnicode")
    if cmap is None:
        return set()
    data = cmap.get_object().get_data().decode("latin-1")
    chars = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for _, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.add(bytes.fromhex(dst).decode("utf-16-be"))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i in range(int(hi, 16) - int(lo, 16) + 1):
                chars.add(chr(start + i))
    return chars


def test_every_character_is_in_its_embedded_font(built_report, report_year):
    """Each character of the PDF is drawn with one of our embedded PT fonts, which has a glyph for it."""
    _, pdf = outputs(built_report, report_year)
    files = _font_files()
    seen = {}
    for page in PdfReader(pdf).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            f = ref.get_object()
            name = str(f["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            desc = f.get("/DescendantFonts")
            fd = (desc[0].get_object() if desc else f).get("/FontDescriptor")
            assert fd is not None and any(
                k in fd.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ), f"font {name} is not embedded"
            seen.setdefault(name, set()).update(_to_unicode_chars(f))
    assert seen
    text_chars = set(pdf_text(pdf)) - {" "}
    drawn = set().union(*seen.values())
    assert text_chars <= drawn | {"\u00a0"}
    for name, chars in seen.items():
        if "Math" in name:
            continue  # formulas use the math font typst ships with
        assert name in files, f"text drawn with {name}, not one of the project's fonts"
        cmap = TTFont(files[name]).getBestCmap()
        missing = sorted(c for c in chars if c.strip() and ord(c) not in cmap)
        assert not missing, f"{name} lacks glyphs for {missing}"
    kazakh = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    assert kazakh & drawn  # the test did look at Kazakh text


def test_builds_are_byte_identical(built_report, report_year):
    """The documents built again from what the first build made (its values, figures and rendered
    chapters; nothing upstream forced) are the same bytes, built and published. A whole second
    pipeline, cold and in another folder, gives the same DOCX too: test_review_e2e compares the
    review's base build of this tree with it."""
    docx, pdf = outputs(built_report, report_year)
    built = [p.parent / "build" / p.name for p in (docx, pdf)]
    first = [p.read_bytes() for p in (docx, pdf, *built)]
    for p in (docx, pdf, *built):
        p.unlink()
    proc = snakemake(built_report, "--config", "languages=[kk]")
    assert "build_document" in proc.stdout + proc.stderr  # the documents were built, not only copied
    assert [p.read_bytes() for p in (docx, pdf, *built)] == first


def _planned_rules(work) -> set[str]:
    proc = snakemake(work, "-n", "--quiet", "rules")
    rules = set()
    for line in proc.stdout.splitlines():
        m = re.match(r"^\s*([a-z_]+)\s+\d+\s*$", line)
        if m:
            rules.add(m.group(1))
    return rules


def test_incremental_rebuilds(built_report, report_year):
    # Nothing changed: nothing to do.
    proc = snakemake(built_report, "-n")
    assert "Nothing to be done" in proc.stdout + proc.stderr
    # One chapter edited: that chapter and the documents, nothing computed again.
    chapter = built_report / "chapters/kk/01-introduction.qmd"
    st, text = chapter.stat(), chapter.read_bytes()
    chapter.write_bytes(text + "\nҚосымша сөйлем.\n".encode())
    try:
        planned = _planned_rules(built_report) - {"total"}
    finally:  # the shared build stays as it was built, for the tests after this one
        chapter.write_bytes(text)
        os.utime(chapter, ns=(st.st_atime_ns, st.st_mtime_ns))
    # The values registry records which chapter lines use which value, so it follows the chapters.
    assert planned == {
        "render_chapter",
        "check_chapters",
        "build_document",
        "publish_report",
        "register_values",
        "build_statistical_annex",
        "all",
    }, planned


def test_assembled_book_is_a_quarto_project(built_report, report_year):
    """results/<year>/kk/book is what `quarto render` takes: every listed file exists, no Jinja left."""
    import yaml

    book = built_report / f"results/{report_year}/kk/book"
    cfg = yaml.safe_load((book / "_quarto.yml").read_text(encoding="utf-8"))
    assert cfg["project"]["type"] == "book" and cfg["lang"] == "kk"
    files = cfg["book"]["chapters"] + cfg["book"].get("appendices", [])
    for f in files:
        text = (book / f).read_text(encoding="utf-8")
        assert "<<" not in text and "<%" not in text, f
    assert (book / cfg["language"]).exists()
    assert (book / cfg["format"]["docx"]["reference-doc"]).exists()
    assert str(report_year) in cfg["book"]["subtitle"]


def test_docx_layout_for_word_users(built_report, report_year):
    """Header rows repeat on every page, landscape sections keep the footer with the page number,
    the TOC is updated when Word opens the file, the page is A4."""
    import zipfile

    docx, _ = outputs(built_report, report_year)
    with zipfile.ZipFile(docx) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings
    assert doc.count("<w:tblHeader") >= 10
    sections = re.findall(r"<w:sectPr.*?</w:sectPr>", doc, re.S)
    landscape = [s for s in sections if 'w:orient="landscape"' in s]
    assert landscape, "no landscape section"
    assert all("w:footerReference" in s for s in sections)
    assert all('w:w="11906"' in s or 'w:h="11906"' in s for s in sections)  # A4: 210 mm
    # Full-width tables span the text width of their page (pandoc's grid assumes 5.5 inches).
    final = sections[-1]
    margin = lambda k: int(re.search(rf'<w:pgMar[^>]*w:{k}="(\d+)"', final).group(1))  # noqa: E731
    portrait, landscape = 11906 - margin("left") - margin("right"), 16838 - margin("top") - margin("bottom")
    full = re.findall(r'<w:tblW w:type="pct" w:w="5000"/>.*?<w:tblGrid>(.*?)</w:tblGrid>', doc, re.S)
    widths = [sum(map(int, re.findall(r'w:w="(\d+)"', g))) for g in full]
    assert len(widths) > 20 and set(widths) == {portrait, landscape}, widths


# The Russian edition: the same computation, rendered in Russian (issue 15).


def test_russian_edition_prints_the_numbers_of_the_kazakh_one(built_report, report_year):
    """numbers.json of both editions, key by key: the same values, printed the same way. A row of a
    table without an id is keyed by its name, which the Russian edition prints in Russian, so the
    Kazakh key is translated (from the same config entries) before the comparison."""
    from industry_report.core.translations import localise, text_files, translation_table

    results = built_report / f"results/{report_year}"
    reg = {lang: json.loads((results / lang / "numbers.json").read_text("utf-8")) for lang in ("kk", "ru")}
    # A count a template derives only to choose its words (``left_out | length`` for the Russian
    # plural) is recorded but printed nowhere: it belongs to one language's grammar, not the numbers.
    kk, ru = (
        {k: v for k, v in reg[lang]["values"].items() if not ("derived" in v and not v["formatted"])}
        for lang in ("kk", "ru")
    )
    table = translation_table(text_files(built_report), "ru")

    def in_russian(key):
        return re.sub(r"\[([^\]]+)\]", lambda m: "[" + localise(m.group(1), table) + "]", key)

    keys = {in_russian(k): k for k in kk}
    assert kk and sorted(keys) == sorted(ru), set(keys) ^ set(ru)
    numbers = 0
    for key, k in keys.items():
        value = kk[k]["value"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers += 1
            assert ru[key]["value"] == value, key
            assert sorted(set(ru[key]["formatted"])) == sorted(set(kk[k]["formatted"])), key
    assert numbers > 1000
    assert len(reg["ru"]["tables"]) == len(reg["kk"]["tables"])


def test_russian_documents_speak_russian(built_report, report_year):
    base = built_report / f"results/{report_year}/ru"
    docx, pdf = base / "national-report.docx", base / "national-report.pdf"
    assert docx.stat().st_size > 20_000 and len(PdfReader(pdf).pages) >= 6
    s = values(built_report, report_year, "sample")
    text = pdf_text(pdf)
    for words in (
        "Содержание",
        "Таблица 1.1 — ",
        "Рисунок 1.1 — ",
        "Таблица П1.1 — ",
        "Источник:",
        "Приложение 1.",
    ):
        assert words in text, words
    assert formatting.number(s["n_formula"], 1, "ru") in text
    doc_text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    for t in (text, doc_text):
        found = kazakh_letters(t)
        assert not found, t[max(0, found[0].start() - 80) :][:200] if found else ""
        assert not ENGLISH.search(t), ENGLISH.search(t)
    # the allocation table in Russian, its total row from the size classes' Russian word
    alloc = next(t for t in docx_tables(docx) if t[0][0] == "Регион" and len(t[0]) == 9)
    total = formatting.integer(s["total"]["sample_total"], "ru")
    assert any(r[0] == "Итого" and r[8] == total for r in alloc)
