"""End to end, stage 1: the built report (conftest.built_report) carries the indicator table and its
numbers in the DOCX and the PDF, the peer table and the CIP-style composite, and no invented value;
results/<year>/tables/indicators.csv has all 16 indicators and no demonstration cell."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from docx import Document

from conftest import pdf_page_texts
from industry_report.core import formatting

pytestmark = pytest.mark.slow

KEY_HEADER = ["№", "Көрсеткіш", "Өлшем бірлігі", "Жыл", "Мәні", "Бір жылда", "Бес жылда", "Мәртебесі"]


def _values(work, year):
    return json.loads((work / f"results/{year}/values/indicators.json").read_text(encoding="utf-8"))


def _pdf_text(path):
    return re.sub(r"\s+", " ", " ".join(pdf_page_texts(path))).replace("\u00a0", " ")


def _nb(s: str) -> str:
    return s.replace("\u00a0", " ")


# Stage 1 prints in chapters 1-3 (after the unnumbered front matter and Кіріспе) and appendix 5
# (report/_quarto.yml): the headings that open and close them.
STAGE1_DOCX = (("1. Өнеркәсіптің жай-күйі", "4. "), ("5-қосымша.", None))


def _stage1_docx_text(doc) -> str:
    """The paragraphs of the stage-1 chapters and annex of the DOCX."""
    paras = doc.paragraphs
    out = []
    for start, stop in STAGE1_DOCX:
        on = False
        for p in paras:
            if p.style.name.startswith("Heading 1"):
                if p.text.startswith(start):
                    on = True
                elif on and (stop is None or p.text.startswith(stop)):
                    on = False
            if on:
                out.append(p.text)
    return "\n".join(out)


def test_indicator_table_has_all_16(built_report, report_year):
    t = pd.read_csv(built_report / f"results/{report_year}/tables/indicators.csv")
    assert list(t.columns) == ["indicator_id", "year", "value", "unit", "status"]
    assert t["indicator_id"].nunique() == 16
    assert "demo" not in set(t["status"])
    assert set(t["status"]) <= {"real", "derived", "proxy", "estimate"}


def test_key_table_in_docx(built_report, report_year):
    docx = built_report / f"results/{report_year}/kk/national-report.docx"
    v = _values(built_report, report_year)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(docx)).tables]
    key = next(t for t in tables if t[0] == KEY_HEADER)
    assert len(key) == 17
    by_n = {r[0]: r for r in key[1:]}
    i06 = next(r for r in v["key_table"] if r["id"] == "I06")
    assert _nb(by_n["6"][4]) == _nb(formatting.number(i06["value"], 1))
    assert by_n["6"][7] == "есептелген"
    assert by_n["14"][3] == "2022" and by_n["14"][7] == "нақты"
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert _nb(formatting.percent(v["national"]["mva_share"], 1)) in _nb(text)
    # the ten-year annex table shows gaps as gaps: indicator 14 has 2022 only
    series = next(t for t in tables if t[0][:3] == ["№", "Көрсеткіш", "Өлшем бірлігі"] and len(t[0]) == 13)
    assert [_nb(c) for c in series[14][3:] if c != "–"] == [_nb(formatting.integer(8892))]
    stage1 = _stage1_docx_text(Document(str(docx)))
    assert "Өнеркәсіптің жай-күйі" in stage1 and "ЮНИДО-ның ресми рейтингі" in stage1
    assert "демонстрациялық" not in stage1 and "†" not in stage1
    for t in (key, series):
        assert not any("демонстрациялық" in c for row in t for c in row)


PEER_HEADER = ["Бағыт", "Көрсеткіш (2-қосымшадағы нөмірі)", "Өлшем бірлігі", "Қазақстан", "Орны"]


def test_peer_table_and_composite_in_docx(built_report, report_year):
    docx = built_report / f"results/{report_year}/kk/national-report.docx"
    w = _values(built_report, report_year)["world"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(docx)).tables]
    peers = next(t for t in tables if t[0][:5] == PEER_HEADER)
    assert len(peers) == 9
    mva = next(r for r in w["rows"] if r["measure"] == "mva_per_capita")
    assert _nb(peers[1][4]) == f"{mva['rank']} / {mva['n']}"
    cip = next(t for t in tables if t[0] == ["Орны", "Ел", "Жиынтық мәні (0–1)"])
    kaz = next(r for r in cip[1:] if r[1] == "Қазақстан")
    assert kaz[0] == str(w["kaz_rank"]) and _nb(kaz[2]) == _nb(formatting.number(w["kaz_score"], 3))
    assert any(t[0][0] == "Нұсқа" for t in tables)  # the sensitivity table


def test_key_table_in_pdf(built_report, report_year):
    pdf = built_report / f"results/{report_year}/kk/national-report.pdf"
    v = _values(built_report, report_year)
    text = _pdf_text(pdf)
    assert "Өнеркәсіптің негізгі көрсеткіштері, соңғы қолжетімді жыл" in text
    # the stage-1 pages: from chapter 2 to chapter 5, and annex E to the end
    start = text.index("Бұл тарауда әдістеменің 2-қосымшасындағы")
    stage1 = text[start : text.index("Кәсіпорындарға сауалнама және проблемалар", start)]
    stage1 += text[text.rindex("Негізгі көрсеткіштердің анықтамалары мен дереккөздері") :]
    i07 = next(r for r in v["key_table"] if r["id"] == "I07")
    assert _nb(formatting.number(i07["value"], 1)) in text  # MVA per capita, thousand KZT
    assert _nb(formatting.percent(v["national"]["mva_share"], 1)) in text
    assert "демонстрациялық" not in stage1 and "†" not in stage1
    for r in v["regions"]["rows"][:3]:
        assert r["name"] in text
    # the peer table and the composite
    assert "Қазақстан және серіктес елдер, ЮНИДО-ның CIP көрсеткіштері" in text
    assert "Серіктес елдер бойынша CIP әдісімен есептелген жиынтық көрсеткіш" in text
    assert "ЮНИДО-ның ресми рейтингі" in text
    assert _nb(formatting.number(v["world"]["kaz_score"], 3)) in text
