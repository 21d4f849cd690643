"""The statistical annex of the shared build: every report table is a sheet whose cells equal the
table's values (results/<year>/<lang>/tables/*.csv), numbers as numbers; the SVG of every chart."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from conftest import pdf_squashed_pages
from industry_report.publish.annex_workbook import INDEX_SHEET, SERIES_SHEET


def test_annex_cells_equal_the_report_tables(built_report, report_year):
    kk = built_report / f"results/{report_year}/kk"
    wb = load_workbook(kk / "statistical-annex.xlsx")
    registry = json.loads((kk / "numbers.json").read_text(encoding="utf-8"))
    index = {r[5]: r[2] for r in wb[INDEX_SHEET].iter_rows(min_row=4, values_only=True) if r[5]}
    assert set(index) == {p.stem for p in (kk / "tables").glob("*.csv")}
    checked = 0
    for tid, sheet in index.items():
        meta = registry["tables"][tid]
        if meta["kind"] != "values":
            continue
        ws = wb[sheet]
        rows = list(csv.DictReader(io.StringIO((kk / "tables" / f"{tid}.csv").read_text(encoding="utf-8"))))
        start = ws.freeze_panes and int(ws.freeze_panes[1:])
        for i, rec in enumerate(rows):
            for j, (key, _, fmt) in enumerate(meta["columns"]):
                got = ws.cell(start + i, j + 1).value
                want = rec[key]
                if want == "":
                    assert got is None
                elif fmt == "text":
                    assert got == want
                else:
                    assert isinstance(got, (int, float)) and got == pytest.approx(float(want)), (tid, key)
                    checked += 1
    assert checked > 500
    series = list(wb[SERIES_SHEET].iter_rows(min_row=4, values_only=True))
    long = list(
        csv.DictReader((built_report / f"results/{report_year}/tables/indicators.csv").open(encoding="utf-8"))
    )
    assert len(series) == len(long)


def test_every_chart_has_its_svg(built_report, report_year):
    for lang in ("kk", "ru"):  # the figures of each edition, in its own folder
        figures = built_report / f"results/{report_year}/{lang}/figures"
        pngs = sorted(p.stem for p in figures.glob("*.png"))
        assert pngs and pngs == sorted(p.stem for p in figures.glob("*.svg"))


def test_book_numbering_equals_the_crossref_filter(built_report, report_year):
    """The review's numbering of tables and figures (review/locate.py) is what the PDF prints: each
    "2.1-кесте — <caption>" is found on exactly one page of the built PDF."""
    from industry_report.publish.book import book_structure
    from industry_report.review.locate import page_of, plain, read_book

    kk = built_report / f"results/{report_year}/kk"
    structure = book_structure(built_report / "report/_quarto.yml")
    texts = {p.name: p.read_text(encoding="utf-8") for p in (kk / "markdown").glob("*.md")}
    book = read_book(texts, structure["chapters"], structure["appendices"])
    pages = pdf_squashed_pages(kk / "national-report.pdf")
    floats = {i: n for i, n in book.numbers.items() if i.startswith(("tbl-", "fig-"))}
    assert len(floats) > 50
    for ident, number in floats.items():
        word = "кесте" if ident.startswith("tbl-") else "сурет"
        assert page_of(pages, f"{number}-{word} — {plain(book.titles[ident])[:25]}"), (ident, number)
