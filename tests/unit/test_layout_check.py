"""The page-layout check finds orphaned captions, source notes and near-empty pages on printed pages
(small PDFs made with typst, each with one known fault)."""

import shutil

import pytest

from industry_report.publish import layout_check as lc
from industry_report.publish.rendering import font_dirs

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdftoppm"), reason="poppler"
)

PAGE = '#set page(paper: "a4", margin: 2cm)\n#set text(font: "PT Serif", size: 11pt)\n'
PARA = "Мәтін жолы, ол бетті толтырады және тағы да жалғасады. " * 6 + "\n\n"


def _pdf(tmp_path, body: str):
    import typst

    src = tmp_path / "t.typ"
    src.write_text(PAGE + body, encoding="utf-8")
    out = tmp_path / "t.pdf"
    typst.compile(str(src), output=str(out), font_paths=font_dirs(), ignore_system_fonts=True)
    return lc.pages_of(out)


def _faults(pages, chapters=frozenset()):
    return lc.faults(
        pages, fig_word="Сурет", tbl_word="Кесте", source_word="Дереккөз", chapter_pages=set(chapters)
    )


def test_a_full_document_has_no_fault(tmp_path):
    pages = _pdf(tmp_path, PARA * 30)
    assert len(pages) >= 3
    assert _faults(pages) == []


def test_a_figure_caption_at_the_top_of_a_page_is_found(tmp_path):
    body = (
        PARA * 6
        + "#rect(width: 100%, height: 4cm, fill: gray)\n#pagebreak()\nСурет 2.1: Үлес\n\n"
        + PARA * 12
    )
    found = _faults(_pdf(tmp_path, body))
    assert found == ["page 2: the figure caption 'Сурет 2.1: Үлес' is parted from its figure"]


def test_a_caption_under_its_chart_is_not_a_fault(tmp_path):
    # the chart has no text (as our SVG charts): the caption is the first text, not the first ink
    body = (
        PARA * 10
        + "#pagebreak()\n#rect(width: 100%, height: 4cm, fill: gray)\nСурет 2.1: Үлес\n\n"
        + PARA * 12
    )
    assert _faults(_pdf(tmp_path, body)) == []


def test_a_table_caption_at_the_foot_of_a_page_and_a_source_note_at_the_top_are_found(tmp_path):
    body = PARA * 10 + "Кесте 1.3: Көрсеткіштер\n#pagebreak()\nДереккөз: ҰСБ.\n\n" + PARA * 10
    found = _faults(_pdf(tmp_path, body))
    assert any(f.startswith("page 1: the table caption 'Кесте 1.3") for f in found)
    assert any(f.startswith("page 2: the source note 'Дереккөз") for f in found)


def test_the_other_caption_order_is_recognised(tmp_path):
    body = PARA * 10 + "#pagebreak()\n2.1-сурет. Үлес\n\n" + PARA * 12
    assert _faults(_pdf(tmp_path, body)) == [
        "page 2: the figure caption '2.1-сурет. Үлес' is parted from its figure"
    ]


def test_a_near_empty_page_is_found_unless_a_chapter_follows(tmp_path):
    body = PARA * 10 + "#pagebreak()\n" + PARA + "#pagebreak()\n" + PARA * 10
    pages = _pdf(tmp_path, body)
    assert len(pages) == 3
    # one paragraph of 7 lines on a 25.7-cm text area: about a tenth of it
    (fault,) = _faults(pages)
    assert fault.startswith("page 2: only ") and fault.endswith("of the page is used")
    assert 5 <= int(fault.split("only ")[1].split("%")[0]) <= 15
    assert _faults(pages, chapters={3}) == []


def test_a_blank_page_is_found(tmp_path):
    body = PARA * 10 + "#pagebreak()\n#pagebreak()\n" + PARA * 10
    found = _faults(_pdf(tmp_path, body))
    assert any(f.endswith("blank page") for f in found)
