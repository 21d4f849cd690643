"""Quarto and the built-in renderer give the same book (issue 14), checked on a small book assembled
as rule render_book_config assembles the report's (the real report/_quarto.yml, filters, house typst
template and its Quarto format extension): same words, captions and numbering, the same page count
within a few pages, the same fonts, the demonstration notice, the table of contents, the same DOCX
structure, and a reproducible DOCX.

Runs only where `quarto` is on PATH (skipped otherwise): see README, "Rendering: Quarto or the
built-in renderer"."""

import re
import shutil
import zipfile

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from conftest import ROOT
from industry_report.core.yaml_input import load_yaml
from industry_report.publish import rendering
from industry_report.publish.book import book_structure
from industry_report.publish.page import load_page
from industry_report.publish.templating import make_environment, render_chapter

pytestmark = pytest.mark.skipif(shutil.which("quarto") is None, reason="needs `quarto` on PATH")

REPORT = ROOT / "report"
LANG = REPORT / "_language-kk.yml"
PAGE = load_page(REPORT / "page.yml")
EPOCH = 1767225600
FIGURE = ROOT / "tests/fixtures/quarto-reference/suret.png"

CHAPTERS = {
    "index.qmd": """# Қысқаша мазмұны {#sec-summary .unnumbered}

Баяндаманың негізгі қорытындылары: @sec-one, @sec-one-data және @sec-annex-a.
""",
    "01-one.qmd": """# Бірінші тарау {#sec-one}

## Деректер {#sec-one-data}

Ірі қалалар [-@tbl-cities]-кестеде, өсім [-@fig-growth]-суретте, формула @eq-share.

| Қала     | Халқы, мың адам | Үлесі, % |
|----------|----------------:|---------:|
| Алматы   | 2 200           | 11,0     |
| Астана   | 1 400           | 7,0      |
| Шымкент  | 1 200           | 6,0      |

: Ірі қалалардың халқы {#tbl-cities}

::: {.source-note}
Дереккөз: сынақ деректері.
:::

$$
S = \\frac{a}{b}
$$ {#eq-share}

![Өсім қарқыны](figures/suret.png){#fig-growth fig-alt="Өсім қарқынының суреті"}

::: {.source-note}
Дереккөз: есептеу.
:::

## Кең кесте {#sec-one-wide}

::: {.landscape}
| Өңір | 2019 | 2020 | 2021 | 2022 | 2023 | 2024 | 2025 |
|------|-----:|-----:|-----:|-----:|-----:|-----:|-----:|
| Абай облысы | 1,0 | 2,0 | 3,0 | 4,0 | 5,0 | 6,0 | 7,0 |
| Ақмола облысы | 1,5 | 2,5 | 3,5 | 4,5 | 5,5 | 6,5 | 7,5 |

: Өңірлер бойынша көрсеткіш {#tbl-wide}
:::
""",
    "02-two.qmd": """# Екінші тарау {#sec-two}

@tbl-cities және @fig-growth бірінші тарауда; әдістеме @sec-annex-a ішінде, [-@tbl-annex]-кесте.
""",
    "91-annex-a.qmd": """# Әдістеме {#sec-annex-a}

| Көрсеткіш | Анықтама |
|-----------|----------|
| Үлес      | Бөліктің жиынтыққа қатынасы |

: Анықтамалар {#tbl-annex}
""",
    "92-annex-b.qmd": """# Сауалнама {#sec-annex-b}

Сауалнама сұрақтары [-@tbl-annex]-кестедегі анықтамаларға сүйенеді.
""",
}


def assemble(book):
    """The book as rule render_book_config writes it (scripts/render_book_config.py)."""
    from industry_report.publish.reference_docx import build_reference

    book.mkdir()
    for name, text in CHAPTERS.items():
        (book / name).write_text(text, encoding="utf-8")
    env = make_environment(REPORT, lang="kk")
    data = yaml.safe_load(render_chapter(env, "_quarto.yml", {"report": {"year": 2025, "lang": "kk"}}))
    data["book"]["chapters"] = ["index.qmd", "01-one.qmd", "02-two.qmd"]
    data["book"]["appendices"] = ["91-annex-a.qmd", "92-annex-b.qmd"]
    language = load_yaml(LANG, "language", "language words").data
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (book / "_quarto.yml").write_text(
        rendering.quarto_book_config(text, PAGE, language, book), encoding="utf-8"
    )
    ext = book / rendering.QUARTO_EXTENSION_DIR
    ext.mkdir(parents=True)
    for src, dst in (
        (LANG, book / LANG.name),
        (REPORT / "filters/quarto_crossref.lua", book / "quarto_crossref.lua"),
        (REPORT / "filters/quarto_table_captions.lua", book / "quarto_table_captions.lua"),
        (REPORT / "typst/national-report.typ", ext / "national-report.typ"),
        (REPORT / "quarto-extension/_extension.yml", ext / "_extension.yml"),
    ):
        shutil.copyfile(src, dst)
    (book / "figures").mkdir()
    shutil.copyfile(FIGURE, book / "figures/suret.png")
    build_reference(book / "reference.docx", PAGE, epoch=EPOCH)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    base = tmp_path_factory.mktemp("engines")
    book = base / "book"
    assemble(book)
    structure = book_structure(book / "_quarto.yml")
    out = {}
    common = dict(language_file=book / LANG.name, lua_filter=book / "quarto_crossref.lua", resource_dirs=[])
    out["builtin", "docx"] = base / "builtin.docx"
    rendering.build_docx_builtin(
        book, structure, out["builtin", "docx"], reference_doc=book / "reference.docx", epoch=EPOCH, **common
    )
    out["builtin", "pdf"] = base / "builtin.pdf"
    template = book / rendering.QUARTO_EXTENSION_DIR / "national-report.typ"
    rendering.build_pdf_builtin(
        book, structure, out["builtin", "pdf"], template=template, page=PAGE, epoch=EPOCH, **common
    )
    for fmt in ("docx", "pdf"):
        out["quarto", fmt] = base / f"quarto.{fmt}"
        rendering.build_with_quarto(book, fmt, out["quarto", fmt], epoch=EPOCH)
    out["book"] = book
    return out


def pdf_pages(path):
    return [re.sub(r"\s+", " ", p.extract_text()).strip() for p in PdfReader(path).pages]


def pdf_fonts(path):
    fonts = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def outline_titles(path):
    def walk(items):
        for it in items:
            yield from walk(it) if isinstance(it, list) else [it.title]

    return list(walk(PdfReader(path).outline))


def test_quarto_renders_both_formats_once_and_never_twice_for_the_same_book(documents):
    stamp = documents["book"] / "_book" / ".rendered-digest"
    assert stamp.is_file()
    before = stamp.stat().st_mtime_ns
    rendering.build_with_quarto(documents["book"], "pdf", documents["book"].parent / "again.pdf", epoch=EPOCH)
    assert stamp.stat().st_mtime_ns == before  # the second document came from the same render


def test_pdf_same_words_captions_numbering_and_toc(documents):
    builtin, quarto = pdf_pages(documents["builtin", "pdf"]), pdf_pages(documents["quarto", "pdf"])
    assert " ".join(quarto) == " ".join(builtin)
    # the words of the captions and references are the filter's (the house convention), the same
    # under both engines; here only that the numbering is there: chapter, appendix, equation
    text = " ".join(quarto).replace("\u00a0", " ")
    for expected in (
        "1.1-кестеде",
        "1.1-суретте",
        "(1.1)",
        "A.1-кесте",
        "Ірі қалалардың халқы",
        "Өсім қарқыны",
    ):
        assert expected in text, expected
    assert "Appendix" not in text and "Қосымшалар" not in text  # no English word, no part page
    assert abs(len(quarto) - len(builtin)) <= 2
    assert outline_titles(documents["quarto", "pdf"]) == outline_titles(documents["builtin", "pdf"])


def test_pdf_same_fonts_and_notice_on_the_cover(documents):
    assert pdf_fonts(documents["quarto", "pdf"]) == pdf_fonts(documents["builtin", "pdf"])
    assert {"PTSerif-Regular", "PTSans-Bold"} <= pdf_fonts(documents["quarto", "pdf"])
    notice = yaml.safe_load((REPORT / "_quarto.yml").read_text(encoding="utf-8").split("format:")[0])[
        "demo-notice"
    ]
    cover = pdf_pages(documents["quarto", "pdf"])[0].replace(" ", "")
    assert notice.replace(" ", "")[:60] in cover


def docx_structure(path):
    doc = Document(str(path))
    body = doc.element.body
    return {
        "paragraphs": [(p.style.name, p.text) for p in doc.paragraphs],
        "tables": len(doc.tables),
        "sections": [(s.orientation, s.page_width, s.page_height) for s in doc.sections],
        "toc_field": "TOC \\o" in "".join(body.itertext())
        or b"TOC \\o" in zipfile.ZipFile(path).read("word/document.xml"),
    }


def test_docx_same_structure_words_and_notice(documents):
    builtin = docx_structure(documents["builtin", "docx"])
    quarto = docx_structure(documents["quarto", "docx"])
    assert quarto["paragraphs"] == builtin["paragraphs"]
    assert quarto["tables"] == builtin["tables"] == 3  # no layout tables around captioned floats
    assert quarto["sections"] == builtin["sections"]  # the landscape section, with its page size
    assert quarto["toc_field"] and builtin["toc_field"]
    words = " ".join(t for _, t in quarto["paragraphs"])
    assert "Appendix" not in words and "Қосымша\u00a0A. Әдістеме" in words
    assert "демонстрациялық" in words


def test_quarto_docx_is_reproducible(documents):
    core = zipfile.ZipFile(documents["quarto", "docx"]).read("docProps/core.xml").decode()
    assert "2026-01-01T00:00:00Z" in core  # SOURCE_DATE_EPOCH, never the time of the render
    infos = zipfile.ZipFile(documents["quarto", "docx"]).infolist()
    assert {i.date_time for i in infos} == {infos[0].date_time}
