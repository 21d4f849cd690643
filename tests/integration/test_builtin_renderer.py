"""The built-in renderer against what real Quarto made of a small Kazakh book (shared/quarto-reference,
copied to tests/fixtures/quarto-reference): same words, same numbering, in DOCX and PDF."""

import re
import shutil

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import ROOT
from industry_report.core.errors import RenderError
from industry_report.publish import rendering
from industry_report.publish.book import book_structure
from industry_report.publish.page import load_page

REF = ROOT / "tests/fixtures/quarto-reference"
LANG = ROOT / "report/_language-kk.yml"
LUA = ROOT / "report/filters/quarto_crossref.lua"
TYP = ROOT / "report/typst/national-report.typ"
PAGE = load_page(ROOT / "report/page.yml")
# Quarto prints the word first ("Кесте 1.1: …"); the house convention of the report is the Kazakh
# one ("1.1-кесте — …", report/_language-kk.yml). The comparison with Quarto's own output uses the
# filter's word-first order with Quarto's words; the house convention has its own tests below.
QUARTO_WORDS = {
    "crossref-label-order": "word-first",
    "crossref-title-delim": ":",
    "crossref-fig-title": "Сурет",
    "crossref-tbl-title": "Кесте",
    "crossref-eq-prefix": "Теңдеу",
    "crossref-ch-prefix": "Тарау",
    "crossref-sec-prefix": "Бөлім",
    "crossref-apx-prefix": "Қосымша",
}


@pytest.fixture(scope="module")
def quarto_lang(tmp_path_factory):
    import yaml

    words = yaml.safe_load(LANG.read_text(encoding="utf-8")) | QUARTO_WORDS
    words.pop("crossref-apx-label-prefix")  # the Quarto reference book has no appendix
    out = tmp_path_factory.mktemp("lang") / "_language-kk.yml"
    out.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    return out


def pdf_text(path):
    """Page text with every run of white space (no-break space included) as one space."""
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def paragraphs(path):
    return [p.text for p in Document(str(path)).paragraphs]


def test_docx_matches_quarto_words_and_numbers(reference_book, reference_docx, quarto_lang, tmp_path):
    out = tmp_path / "book.docx"
    rendering.build_docx_builtin(
        reference_book,
        book_structure(reference_book / "_quarto.yml"),
        out,
        reference_doc=reference_docx,
        language_file=quarto_lang,
        lua_filter=LUA,
        resource_dirs=[],
        epoch=0,
    )
    ours = paragraphs(out)
    expected = (REF / "rendered/book.docx.txt").read_text(encoding="utf-8").splitlines()
    # Every paragraph Quarto wrote appears, in the same order, word for word.
    it = iter(ours)
    for line in expected:
        assert any(p == line for p in it), f"missing or out of order: {line!r}\nours: {ours}"
    xml = Document(str(out)).element.xml
    assert "Мазмұны" in xml and 'TOC \\o "1-2"' in xml.replace("&quot;", '"')  # the TOC field
    assert "Кесте\u00a01.1: Ірі қалалардың халқы" in ours
    assert "Сурет\u00a02.1: Түс градиенті" in ours


def test_pdf_matches_quarto_words_and_numbers(reference_book, quarto_lang, tmp_path):
    out = tmp_path / "book.pdf"
    rendering.build_pdf_builtin(
        reference_book,
        book_structure(reference_book / "_quarto.yml"),
        out,
        template=TYP,
        page=PAGE,
        language_file=quarto_lang,
        lua_filter=LUA,
        resource_dirs=[],
        epoch=0,
    )
    text = pdf_text(out)
    for s in (
        "Мазмұны",
        "1. Бірінші тарау",
        "2. Екінші тарау",
        "Кесте 1.1: Ірі қалалардың халқы",
        "Сурет 2.1: Түс градиенті",
        "Эйнштейн теңдеуі Теңдеу (1.1):",
        "Қазақстанның ірі қалалары Кесте 1.1 кестесінде көрсетілген. Сурет Сурет 2.1 екінші тарауда.",
        "Сонымен қатар Теңдеу (1.1) теңдеуін қараңыз.",
        "Нөмір ғана: 1.1-кестеде және 2.1-суретте; Кесте 1.1-де.",
    ):
        assert s in text, s
    for english in ("Table", "Figure", "Contents", "Equation", "Chapter"):
        assert english not in text


def test_unknown_reference_is_an_error(reference_book, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(reference_book, bad)
    with open(bad / "tarau2.qmd", "a", encoding="utf-8") as fh:
        fh.write("\nҚараңыз: @tbl-jok.\n")
    with pytest.raises(RenderError) as exc:
        rendering.build_pdf_builtin(
            bad,
            book_structure(bad / "_quarto.yml"),
            tmp_path / "x.pdf",
            template=TYP,
            page=PAGE,
            language_file=LANG,
            lua_filter=LUA,
            resource_dirs=[],
            epoch=0,
        )
    assert "unknown id @tbl-jok" in str(exc.value)
    assert not (tmp_path / "x.pdf").exists()


def test_appendix_numbering(reference_book, tmp_path):
    d = tmp_path / "apx"
    shutil.copytree(reference_book, d)
    (d / "annex.qmd").write_text(
        "# Әдістеме {#sec-annex}\n\n| a |\n|---|\n| 1 |\n\n: Кесте аты {#tbl-a}\n\n"
        "Қараңыз [-@tbl-a]-кестені және [-@sec-annex]-қосымшаны.\n",
        encoding="utf-8",
    )
    structure = book_structure(d / "_quarto.yml")
    structure["appendices"] = ["annex.qmd"]
    out = tmp_path / "a.pdf"
    rendering.build_pdf_builtin(
        d,
        structure,
        out,
        template=TYP,
        page=PAGE,
        language_file=LANG,
        lua_filter=LUA,
        resource_dirs=[],
        epoch=0,
    )
    text = pdf_text(out)
    # The Kazakh house convention: "1-қосымша", its tables "Қ1.1-кесте", captions number first.
    assert "1-қосымша. Әдістеме" in text
    assert "Қ1.1-кесте — Кесте аты" in text
    assert "Қараңыз Қ1.1-кестені және 1-қосымшаны." in text
    assert "1.1-кесте — Ірі қалалардың халқы" in text and "2.1-сурет — Түс градиенті" in text
    assert "Кесте 1.1" not in text and "Қосымша A" not in text


def _pdf(d, structure, out):
    rendering.build_pdf_builtin(
        d,
        structure,
        out,
        template=TYP,
        page=PAGE,
        language_file=LANG,
        lua_filter=LUA,
        resource_dirs=[],
        epoch=0,
    )
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(out).pages]


def test_title_page_and_reverse(reference_book, tmp_path):
    structure = book_structure(reference_book / "_quarto.yml")
    meta = {"publisher": "Сынақ министрлігі", "publisher-place": "Астана", "publication-year": "2031"}
    structure["book"] = {**structure["book"], **meta, "imprint": "Аңдатпа мәтіні."}
    pages = _pdf(reference_book, structure, tmp_path / "a.pdf")
    assert "Сынақ министрлігі" in pages[0] and "Астана, 2031" in pages[0]
    assert "Аңдатпа мәтіні." in pages[1] and "Ескерту сынағы" not in " ".join(pages)
    structure["book"]["demo-notice"] = "Ескерту сынағы."
    pages = _pdf(reference_book, structure, tmp_path / "b.pdf")
    assert "Ескерту сынағы." in pages[1] and "Ескерту сынағы." not in pages[0]  # the reverse, not the cover


def test_abbreviations_box_and_contents(reference_book, tmp_path):
    d = tmp_path / "abbr"
    shutil.copytree(reference_book, d)
    (d / "front.qmd").write_text(
        "# Тұжырымдар {.unnumbered #sec-front}\n\nИДИ-дің мәні өсті.\n\n::: {.contents}\n:::\n\n"
        "::: {.box}\nӘдістемелік ескерту.\n:::\n",
        encoding="utf-8",
    )
    (d / "abbr.qmd").write_text(
        "# Қысқартулар {.unnumbered #sec-abbr}\n\n::: {.abbreviations}\n:::\n", encoding="utf-8"
    )
    structure = book_structure(d / "_quarto.yml")
    structure["chapters"] = ["front.qmd", *structure["chapters"], "abbr.qmd"]
    text = " ".join(_pdf(d, structure, tmp_path / "a.pdf"))
    assert "ИДИ — индустриялық даму индексі" in text  # used, so listed
    assert "ЮНИДО —" not in text  # not used, so not listed
    assert text.index("Тұжырымдар") < text.index("Мазмұны") < text.index("Әдістемелік ескерту")
    with open(d / "tarau2.qmd", "a", encoding="utf-8") as fh:
        fh.write("\nХЁХ деген қысқарту.\n")
    with pytest.raises(RenderError) as exc:
        _pdf(d, structure, tmp_path / "b.pdf")
    assert "ХЁХ" in str(exc.value)
