"""Deterministic XLSX bytes and the reading of cell values as the text the CSV readers expect."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from industry_report.sample.selection import FIXED_TIME, normalise_zip


def new_workbook():
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "national-report"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "national-report"
    return wb


def workbook_bytes(wb) -> bytes:
    """Equal content gives equal bytes (Workbook.save() would stamp the wall clock)."""
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(buf.getvalue())


def cell_text(value) -> str:
    """A cell as text: whole numbers without '.0', dates as ISO, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def sheet_label(path, sheet: str) -> str:
    """How an error names a place in a workbook: the file and the sheet."""
    return f"{path}, sheet '{sheet}'"


def write_bytes(data: bytes, path) -> None:
    from industry_report.core.io import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def fit_to_page_width(ws, landscape: bool = True) -> None:
    """Print a sheet one page wide (instructions and forms read on paper as on screen)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def fit_row_heights(ws, first_row: int, line_height: float = 13.0) -> None:
    """Row heights for wrapped text (spreadsheet programs do not grow rows written by openpyxl)."""
    import math

    from openpyxl.utils import get_column_letter

    widths = {}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            letter = get_column_letter(cell.column)
            width = widths.setdefault(letter, ws.column_dimensions[letter].width or 10)
            total = sum(max(1, math.ceil(len(p) / width)) for p in str(cell.value).split("\n"))
            lines = max(lines, total)
        ws.row_dimensions[row[0].row].height = line_height * lines


def read_sheet_rows(path, sheet: str, layout: str) -> list[list[str]]:
    """The cells of ``sheet`` of a returned workbook as text, row by row; a missing file, a broken
    workbook or a missing sheet is an InputError (``layout`` names the workbook kind expected)."""
    from pathlib import Path

    from openpyxl import load_workbook

    from industry_report.core.errors import InputError

    path = Path(path)
    if not path.exists():
        raise InputError(path, "the file does not exist")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise InputError(path, f"cannot be read as an Excel workbook ({exc})") from None
    if sheet not in wb.sheetnames:
        raise InputError(path, f"expected a sheet '{sheet}' (the {layout} layout), found {wb.sheetnames}")
    rows = [[cell_text(v) for v in r] for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    return rows
