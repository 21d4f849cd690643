"""End to end: the problem map table and figures of the survey chapter are in the DOCX and the PDF."""

import json
import re

import pytest
from docx import Document

from conftest import ROOT, pdf_page_texts
from industry_report.core import formatting

pytestmark = pytest.mark.slow

INTEGRATED = "rules/survey.smk" in (ROOT / "Snakefile").read_text(encoding="utf-8") and "05-survey.qmd" in (
    ROOT / "report/_quarto.yml"
).read_text(encoding="utf-8")
needs_integration = pytest.mark.skipif(not INTEGRATED, reason="survey rules/chapter not yet in the build")


def _values(work, year):
    return json.loads((work / f"results/{year}/values/survey.json").read_text(encoding="utf-8"))


@needs_integration
def test_problem_map_table_in_docx(built_report, report_year):
    v = _values(built_report, report_year)
    docx = built_report / f"results/{report_year}/kk/national-report.docx"
    doc = Document(str(docx))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    pm = next(t for t in tables if t[0][0] == "№" and "Проблема" in t[0] and "Орны, төменгі" in t[0])
    assert len(pm) == 1 + len(v["problems"])
    first = v["problems"][0]
    name, est = pm[0].index("Проблема"), pm[0].index("Үлесі")
    assert pm[1][name] == first["name"] and pm[1][est] == formatting.percent(first["est"], 1)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "демонстрациялық деректер" in text
    ids = re.findall(r"DEMO\d{5}", text + str(tables))
    assert not ids


@needs_integration
def test_problem_map_table_in_pdf(built_report, report_year):
    v = _values(built_report, report_year)
    pdf = built_report / f"results/{report_year}/kk/national-report.pdf"
    text = re.sub(r"\s+", " ", " ".join(pdf_page_texts(pdf))).replace("\u00a0", " ")
    assert "Проблеманы елеулі немесе өте ауыр кедергі деп бағалаған кәсіпорындардың үлесі" in text
    assert v["problems"][0]["name"] in text
    assert formatting.percent(v["problems"][0]["est"], 1).replace("\u00a0", " ") in text
    assert "Кәсіпорындарға арналған сауалнама" in text  # the questionnaire annex
    assert not re.search(r"DEMO\d{5}", text)
