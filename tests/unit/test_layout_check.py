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


def _template_rules() -> str:
    """The house template's table rules (keep-tail, map-table), without its pandoc variables."""
    from pathlib import Path

    text = (Path(__file__).parents[2] / "report/typst/national-report.typ").read_text(encoding="utf-8")
    start, end = text.index("#let keep-tail("), text.index("// Keeping things together")
    return text[start:end]


def _table_doc(rows: int, keep_tail: bool, columns: str = "(10%, 45%, 45%)") -> str:
    """Some text, then a captioned table of ``rows`` rows in the house template's table font."""
    cell = "Жол мәтіні және тағы бір сөз. " * 12
    cells = ", ".join(f"[{i}], [{cell}], [{cell}]" for i in range(1, rows + 1))
    table = (
        f"#figure(align(center)[#table(columns: {columns}, align: (right, left, left),\n"
        f"  table.header([№], [Бірінші баған], [Екінші баған]), table.hline(), {cells})],\n"
        "  caption: [Кесте 1.1: Кесте], kind: table)\n"
    )
    rules = _template_rules() if keep_tail else ""
    show = "map-table(it.body, keep-tail)" if keep_tail else "it.body"
    return (
        rules
        + "#show figure: set block(breakable: true)\n"
        + "#show figure.where(kind: table): it => block(width: 100%, breakable: true, {it.caption; "
        + show
        + "})\n"
        + '#show table: set text(font: "PT Sans", size: 8.5pt)\n'
        + "#set table(inset: (x: 5pt, y: 3pt))\n"
        + PARA * 4
        + table
    )


def _widows(pages):
    return [f for f in _faults(pages) if "last row stands alone" in f]


# pandoc gives a wide table shares of the width, a narrow one `columns: N`
@pytest.mark.parametrize("columns", ["(10%, 45%, 45%)", "3"])
def test_a_table_row_alone_under_its_repeated_header_is_found_and_the_template_prevents_it(tmp_path, columns):
    for rows in range(8, 20):  # the first table length whose last row runs onto a page alone
        pages = _pdf(tmp_path, _table_doc(rows, keep_tail=False, columns=columns))
        if _widows(pages):
            break
    else:
        pytest.fail("no table length left its last row alone")
    assert _widows(pages) == [f"page {len(pages)}: a table's last row stands alone under its repeated header"]
    # one row more is not a widow: two rows (or more) on the last page
    assert _widows(_pdf(tmp_path, _table_doc(rows + 1, keep_tail=False, columns=columns))) == []
    # the house template keeps the last two rows together: the same table ends with two rows
    kept = _pdf(tmp_path, _table_doc(rows, keep_tail=True, columns=columns))
    assert _widows(kept) == []
    assert len(kept) == len(pages)
    assert lc._table_rows(kept[-1], "Дереккөз") == 3  # the repeated header and two rows
