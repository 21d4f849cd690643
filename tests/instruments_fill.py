"""Filling the generated instruments in tests the way a survey team or an expert would (openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from industry_report.instruments.entry_workbook import FIRST_DATA_ROW, cause_column, workbook_columns


def fill_entry_workbook(
    blank: bytes, responses: pd.DataFrame, q, texts, path: Path, status: dict | None = None, edits=()
) -> Path:
    """Enter the export rows ``responses`` (CSV layout, text) into a blank entry workbook.

    Respondents get 'completed'; other main units 'refused' unless ``status`` says otherwise; reserve
    units that did not respond stay empty. ``edits`` are (enterprise_id, column id, value) applied last.
    """
    wb = load_workbook(io.BytesIO(blank))
    ws = wb[texts["entry_workbook"]["sheet_answers"]]
    cols = {c: i + 1 for i, c in enumerate(workbook_columns(q))}
    by_id = responses.set_index("enterprise_id")
    rows = {}
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        eid, role = ws.cell(r, 1).value, ws.cell(r, cols["role"]).value
        rows[eid] = r
        st = (status or {}).get(eid)
        if eid in by_id.index:
            st = st or "completed"
            rec = by_id.loc[eid]
            ws.cell(r, cols["interview_date"], rec["interview_date"] or None)
            for p in q.problems:
                v = rec[f"rating_{p['id']}"]
                ws.cell(r, cols[f"rating_{p['id']}"], int(v) if v != "" else None)
                named = [x for x in str(rec[f"causes_{p['id']}"]).split(";") if x]
                for c in named:
                    ws.cell(r, cols[cause_column(p["id"], c)], 1)
            for o in q.outcomes:
                v = rec[o["id"]]
                ws.cell(r, cols[o["id"]], int(v) if v != "" else None)
            for rk in q.risks:
                for part in ("likelihood", "impact"):
                    c = f"risk_{rk['id']}_{part}"
                    ws.cell(r, cols[c], int(rec[c]) if rec[c] != "" else None)
        elif role == "main":
            st = st or "refused"
        ws.cell(r, cols["status"], st)
    for eid, col, value in edits:
        ws.cell(rows[eid], cols[col]).value = value  # cell(r, c, None) would keep the old value
    wb.save(path)
    return path
