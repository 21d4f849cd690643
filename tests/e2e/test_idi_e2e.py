"""End to end for stage 3: the built report (conftest.built_report) carries the IDI value and the
block table in the DOCX and the PDF, and the questionnaire and diagnostics annexes."""

import json
import re

import pytest

from conftest import pdf_page_texts
from industry_report.core import formatting

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def idi_build(built_report):
    return built_report


def _docx_text(path):
    from docx import Document

    doc = Document(str(path))
    paras = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paras, tables


def _pdf_text(path):
    return re.sub(r"\s+", " ", " ".join(pdf_page_texts(path))).replace("\u00a0", " ")


def test_idi_value_and_block_table_in_docx_and_pdf(idi_build, report_year):
    v = json.loads((idi_build / f"results/{report_year}/values/idi.json").read_text(encoding="utf-8"))
    base = idi_build / f"results/{report_year}/kk"
    paras, tables = _docx_text(base / "national-report.docx")
    idi_text = formatting.number(v["idi"], 3)
    assert f"ИДИ {idi_text} болды" in paras
    block_table = next(t for t in tables if t[0][0] == "Блок" and len(t[0]) == 8)
    assert len(block_table) == 1 + len(v["blocks"])
    for row, b in zip(block_table[1:], v["blocks"]):
        assert row[0] == b["name"]
        assert row[5] == formatting.number(b["d"], 2)
    pdf = _pdf_text(base / "national-report.pdf")
    assert f"ИДИ {idi_text} болды" in pdf.replace("\u202f", " ")
    assert "ИДИ блоктары бойынша ұпайлар" in pdf
    first = v["blocks"][0]
    assert f"{first['name']} {first['n_questions']}" in pdf
    # The questionnaire annex lists every question by its printed number, never by its code
    # (tests/e2e/test_codes.py reads the number with the question's words); the diagnostics annex
    # has its table.
    squashed = pdf.replace("\u202f", " ")
    assert all(f"{q['number']}." in squashed for b in v["questionnaire"] for q in b["questions"])
    assert not [q["id"] for b in v["questionnaire"] for q in b["questions"] if q["id"] in pdf]
    assert "ИДИ бойынша регрессиялар және олардың диагностикасы" in pdf
    assert "демонстрациялық деректер" in pdf
