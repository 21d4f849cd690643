"""The statistical annex (publish/annex_workbook.py) and the SVG beside each chart (chart_style.save)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from industry_report.indicators.catalogue import load_catalogue
from industry_report.publish.annex_workbook import (
    INDEX_SHEET,
    SERIES_SHEET,
    annex_sheets,
    read_printed,
    workbook_bytes,
)

VALUES_CSV = "name,n,share\nАқмола,18,0.0632\nАлматы қ.,139,0.25\n"
PRINTED_CSV = (
    "№,Көрсеткіш,Мәні,Бір жылда,Мәртебесі\n"
    '1,Өнім,38\u00a0434,"+23,4 %",нақты\n'
    '2,Индекс,"104,0","−0,5 п.т.",бағалау\n'
)
REGISTRY = {
    "values": {
        "sample.by_region[AKM].n": {"tables": ["tbl-a"], "source": {"file": "v/sample.json", "rule": "r1"}},
        "survey.x": {
            "tables": ["tbl-d"],
            "source": {"file": "v/survey.json", "rule": "r2"},
            "formatted": ["1"],
        },
    },
    "tables": {
        "tbl-a": {
            "kind": "values",
            "caption": "Іріктеме",
            "chapter": "01-a.qmd",
            "columns": [["name", "Өңір", "text"], ["n", "Саны", "integer"], ["share", "Үлесі", "percent:1"]],
        },
        "tbl-p": {"kind": "printed", "chapter": "02-b.qmd"},
    },
    "chapters": {},
}
INDICATORS = [
    {"indicator_id": "I01", "year": "2024", "value": "31135.5", "unit": "million KZT", "status": "proxy"},
    {"indicator_id": "I01", "year": "2025", "value": "", "unit": "million KZT", "status": "estimate"},
]


def _book(tmp_path):
    sheets = annex_sheets(
        REGISTRY,
        {"tbl-a": VALUES_CSV, "tbl-p": PRINTED_CSV},
        {"tbl-a": "1.1", "tbl-p": "2.1"},
        {"tbl-a": "Іріктеме", "tbl-p": "Негізгі көрсеткіштер"},
        ["tbl-a", "tbl-p"],
        INDICATORS,
        load_catalogue(ROOT / "config/indicators.yaml"),
        {"survey"},
    )
    data = workbook_bytes(sheets)
    assert data == workbook_bytes(sheets)  # deterministic bytes
    return load_workbook(io.BytesIO(data)), data


def test_annex_cells_equal_the_tables_values(tmp_path):
    wb, _ = _book(tmp_path)
    assert wb.sheetnames == [INDEX_SHEET, "1.1 a", "2.1 p", SERIES_SHEET]
    ws = wb["1.1 a"]
    assert ws["A1"].value == "1.1-кесте. Іріктеме" and "r1" in ws["A2"].value
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Өңір")
    assert ws.freeze_panes == f"A{header_row + 1}"  # the header stays in view
    rows = list(csv.reader(io.StringIO(VALUES_CSV)))[1:]
    for i, (name, n, share) in enumerate(rows, start=header_row + 1):
        assert ws.cell(i, 1).value == name
        assert ws.cell(i, 2).value == int(n) and ws.cell(i, 2).number_format == "#,##0"
        assert ws.cell(i, 3).value == pytest.approx(float(share)) and ws.cell(i, 3).number_format == "0.0%"
    ws = wb["2.1 p"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "№")
    assert ws.cell(header_row + 1, 3).value == 38434  # printed "38 434" read back as a number
    assert ws.cell(header_row + 1, 4).value == pytest.approx(0.234)
    assert (
        ws.cell(header_row + 2, 4).value == pytest.approx(-0.5)
        and "п.т." in ws.cell(header_row + 2, 4).number_format
    )
    index = [[c.value for c in r] for r in wb[INDEX_SHEET].iter_rows()]
    assert ["1.1-кесте", "Іріктеме", "1.1 a"] == index[3][:3]
    assert index[4][4].startswith("әр жолда")  # the printed table has a status column
    series = [[c.value for c in r] for r in wb[SERIES_SHEET].iter_rows()][3:]
    assert series[0][:7] == ["I01", series[0][1], 2024, 31135.5, "million KZT", "proxy", "жанама"]
    assert series[1][3] is None and series[1][6] == "бағалау"


@pytest.mark.parametrize(
    "text, value, fmt",
    [
        ("8\u00a0892", 8892, "#,##0"),
        ("104,0", 104.0, "#,##0.0"),
        ("10\u00a0367\\*", 10367, '#,##0"*"'),
        ("abc", None, None),
        ("2025 жыл", None, None),
    ],
)
def test_read_printed(text, value, fmt):
    got = read_printed(text)
    assert (got is None) if value is None else (got[0] == value and got[1] == fmt)


def test_svg_written_beside_png_and_deterministic(tmp_path):
    from industry_report.publish.chart_style import new_figure, save

    def draw(path):
        fig, ax = new_figure(5)
        ax.plot([1, 2, 3], [3, 1, 2], label="сызық")
        ax.set_title("Өңдеу өнеркәсібі")
        save(fig, path)

    draw(tmp_path / "a.png")
    draw(tmp_path / "b.png")
    svg = (tmp_path / "a.svg").read_bytes()
    assert (tmp_path / "a.png").exists() and svg.startswith(b"<?xml") and b"<svg" in svg
    assert svg == (tmp_path / "b.svg").read_bytes()  # no date, fixed id salt
    assert b"<dc:date>" not in svg
