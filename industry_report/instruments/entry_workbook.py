"""The survey team's entry workbook: one row per sampled enterprise, one column per item.

Layout of the sheet ``entry_workbook.sheet_answers`` (config/instruments.yaml): row 1 holds the column
ids (read by the build), row 2 their words in Kazakh and Russian, data start on row 3. Columns: the
fieldwork list (enterprise_id, name, region_code, size, role, rank), ``status`` (completed / refused /
not_reached / replaced_by_reserve; empty for a reserve never contacted), interview_date, comment, then
per problem ``rating_<problem>`` and one ``causes_<problem>:<cause>`` column per cause (1 = named),
the outcome ids and ``risk_<risk>_likelihood`` / ``_impact``. Excel data validation carries the
allowed codes, the ranges and the skip rule (a cause only for a problem rated 1-4); the reader checks
all of it again, since validation is advisory in every spreadsheet program.

:func:`read_entry_workbook` turns the completed rows into the frame the CSV export gives
(:func:`industry_report.survey.responses.read_responses` validates it), and keeps every row's status
for the fieldwork report. Every fault names file, sheet, row and column (letter and id).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from industry_report.core.errors import InputError, Problem
from industry_report.instruments.texts import STATUSES
from industry_report.instruments.xlsx import (
    fit_to_page_width,
    new_workbook,
    read_sheet_rows,
    sheet_label,
    workbook_bytes,
)
from industry_report.survey.questionnaire import Questionnaire

FIELDWORK_COLUMNS = ["enterprise_id", "name", "region_code", "size", "role", "rank"]
RECORD_COLUMNS = ["status", "interview_date", "comment"]
FIRST_DATA_ROW = 3


def cause_column(pid: str, cause: str) -> str:
    return f"causes_{pid}:{cause}"


def item_columns(q: Questionnaire) -> list[str]:
    """The answer columns of the workbook, in questionnaire order."""
    cols = []
    for p in q.problems:
        cols.append(f"rating_{p['id']}")
        cols += [cause_column(p["id"], c) for c in p["causes"]]
    cols += [o["id"] for o in q.outcomes]
    for r in q.risks:
        cols += [f"risk_{r['id']}_likelihood", f"risk_{r['id']}_impact"]
    return cols


def workbook_columns(q: Questionnaire) -> list[str]:
    return FIELDWORK_COLUMNS + RECORD_COLUMNS + item_columns(q)


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _words(q: Questionnaire, texts: dict) -> dict[str, str]:
    """Row 2: what each column asks, in Kazakh and Russian."""
    t = texts["entry_workbook"]
    words = {c: f"{w['kk']} / {w['ru']}" for c, w in t["columns"].items()}
    for n, p in enumerate(q.problems, 1):
        words[f"rating_{p['id']}"] = f"A{n}. {p['kk']} / {p['ru']} (0-{q.rating_max})"
        for c in p["causes"]:
            cz = q.causes[c]
            words[cause_column(p["id"], c)] = f"A{n} {t['cause_marker']['kk']}: {cz['kk']} / {cz['ru']} (1)"
    for n, o in enumerate(q.outcomes, 1):
        words[o["id"]] = f"B{n}. {o['kk']} / {o['ru']}"
    for n, r in enumerate(q.risks, 1):
        for part in ("likelihood", "impact"):
            words[f"risk_{r['id']}_{part}"] = (
                f"C{n}. {r['kk']}: {t[part]['kk']} / {r['ru']}: {t[part]['ru']} ({q.risk_min}-{q.risk_max})"
            )
    return words


def entry_workbook_bytes(sample: pd.DataFrame, q: Questionnaire, texts: dict) -> bytes:
    """The entry workbook for a fieldwork sample (main list first, then the reserve), byte-deterministic."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    t = texts["entry_workbook"]
    wb = new_workbook()
    cols = workbook_columns(q)
    idx = {c: i for i, c in enumerate(cols)}
    ws = wb.active
    ws.title = t["sheet_answers"]
    ws.append(cols)
    words = _words(q, texts)
    ws.append([words.get(c, c) for c in cols])
    rows = pd.concat([sample[sample["role"] == "main"], sample[sample["role"] == "reserve"]])
    for rec in rows.to_dict("records"):
        ws.append(
            [
                rec["enterprise_id"],
                rec["name"],
                rec["region_code"],
                rec["size"],
                rec["role"],
                int(rec["rank"]),
            ]
        )
    last = FIRST_DATA_ROW + len(rows) - 1
    bold, thin = Font(bold=True), Side(style="thin", color="999999")
    fills = [PatternFill("solid", fgColor="DDEBF7"), PatternFill("solid", fgColor="FFF2CC")]
    fixed = PatternFill("solid", fgColor="EDEDED")
    group = {c: 0 for c in FIELDWORK_COLUMNS + RECORD_COLUMNS}
    for n, p in enumerate(q.problems):
        for c in [f"rating_{p['id']}"] + [cause_column(p["id"], x) for x in p["causes"]]:
            group[c] = 1 + n % 2
    for i, c in enumerate(cols):
        letter = _letter(i)
        fill = fixed if group.get(c, 0) == 0 else fills[group[c] - 1]
        for r in (1, 2):
            cell = ws.cell(row=r, column=i + 1)
            cell.font = bold if r == 2 else Font(color="777777", size=8)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = Border(bottom=thin)
        width = {"enterprise_id": 13, "name": 24, "comment": 24, "interview_date": 12, "status": 20}.get(
            c, 14
        )
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[2].height = 170
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=idx["status"] + 1)
    ws.print_title_rows, ws.print_title_cols = "1:2", "A:B"
    ws.page_setup.orientation = "landscape"

    def add(dv, columns):
        for c in columns:
            letter = _letter(idx[c])
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.add_data_validation(dv)

    def listed(values, columns, title, prompt):
        dv = DataValidation(type="list", formula1='"' + ",".join(map(str, values)) + '"', allow_blank=True)
        dv.error, dv.errorTitle, dv.prompt, dv.promptTitle = prompt, title, prompt, title
        dv.showErrorMessage = dv.showInputMessage = True
        add(dv, columns)

    listed(STATUSES, ["status"], "status", " / ".join(f"{s['id']}" for s in texts["statuses"]))
    listed(range(0, q.rating_max + 1), [f"rating_{p['id']}" for p in q.problems], "0-4", "0 1 2 3 4")
    for o in q.outcomes:
        vals = q.outcome_values(o)
        listed(vals, [o["id"]], o["id"], " ".join(map(str, vals)))
    risk = DataValidation(
        type="whole", operator="between", formula1=str(q.risk_min), formula2=str(q.risk_max)
    )
    risk.error = risk.prompt = f"{q.risk_min}-{q.risk_max}"
    risk.showErrorMessage = risk.showInputMessage = True
    add(risk, [f"risk_{r['id']}_{part}" for r in q.risks for part in ("likelihood", "impact")])
    date = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    date.error = date.prompt = "YYYY-MM-DD"
    date.showErrorMessage = True
    add(date, ["interview_date"])
    # Skip rule: a cause cell takes 1, and only when its problem is rated 1..max (formula relative to
    # the first data row, as Excel applies it to the whole range).
    for p in q.problems:
        rating_col = "rating_" + p["id"]
        rating = f"${_letter(idx[rating_col])}{FIRST_DATA_ROW}"
        for c in p["causes"]:
            letter = _letter(idx[cause_column(p["id"], c)])
            own = f"{letter}{FIRST_DATA_ROW}"
            dv = DataValidation(
                type="custom", formula1=f"AND({own}=1,{rating}>=1,{rating}<={q.rating_max})", allow_blank=True
            )
            dv.error = f"{t['skip_message']['kk']} / {t['skip_message']['ru']}"
            dv.errorTitle = "1"
            dv.showErrorMessage = True
            dv.add(f"{own}:{letter}{last}")
            ws.add_data_validation(dv)
    _instructions(wb, t["sheet_instructions"], t["title"], t["instructions"])
    _codes(wb, q, texts)
    return workbook_bytes(wb)


def _instructions(wb, title: str, heading: dict, paragraphs: dict) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(title, 0)
    ws.column_dimensions["A"].width = 75
    fit_to_page_width(ws, landscape=False)
    ws.append([heading["kk"]])
    ws["A1"].font = Font(bold=True, size=13)
    for lang in ("kk", "ru"):
        if lang == "ru":
            ws.append([])
            ws.append([heading["ru"]])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=13)
        for n, para in enumerate(paragraphs[lang], 1):
            ws.append([f"{n}. {para}"])
            ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[ws.max_row].height = 15 * (1 + len(para) // 70)
    wb.active = 0


def _codes(wb, q: Questionnaire, texts: dict) -> None:
    """A sheet listing every code with its words (the key to the drop-downs)."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(texts["entry_workbook"]["sheet_codes"])
    for col, width in zip("ABCD", (18, 20, 40, 40)):
        ws.column_dimensions[col].width = width

    def head(text):
        ws.append([])
        ws.append([text])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)

    head("status")
    for s in texts["statuses"]:
        ws.append(["status", s["id"], s["kk"], s["ru"]])
    head("rating_*")
    for lab in q.raw["scales"]["rating"]["labels"]:
        ws.append(["rating_*", lab["value"], lab["kk"], lab["ru"]])
    labels = texts["answer_labels"]
    for o in q.outcomes:
        head(o["id"])
        opts = o["options"] if o["kind"] == "choice" else labels[o["kind"]]
        for opt in opts:
            ws.append([o["id"], opt["value"], opt["kk"], opt["ru"]])
    head("risk_*_likelihood")
    for lab in q.raw["scales"]["risk"]["likelihood_labels"]:
        ws.append(["risk_*_likelihood", lab["value"], lab["kk"], lab["ru"]])
    head("risk_*_impact")
    for lab in q.raw["scales"]["risk"]["impact_labels"]:
        ws.append(["risk_*_impact", lab["value"], lab["kk"], lab["ru"]])
    ws.delete_rows(1)
    fit_to_page_width(ws, landscape=False)


@dataclass
class EntryData:
    """A returned entry workbook: ``responses`` in the export's layout (completed rows only, index =
    sheet row), ``status`` one row per listed enterprise, ``label`` the file and sheet for errors."""

    responses: pd.DataFrame
    status: pd.DataFrame  # enterprise_id, region_code, size, role, rank, status, row
    label: str
    columns: dict  # workbook column id -> letter


def read_entry_workbook(path: str | Path, q: Questionnaire, texts: dict) -> EntryData:
    """Read the sheet of answers; check header, statuses, answers on non-completed rows, cause marks
    and the skip rule. Codes and ranges are left to read_responses (one definition of the export)."""

    path = Path(path)
    sheet = texts["entry_workbook"]["sheet_answers"]
    label = sheet_label(path, sheet)
    rows = read_sheet_rows(path, sheet, "entry workbook")
    expected = workbook_columns(q)
    header = rows[0] if rows else []
    while header and header[-1] == "":
        header = header[:-1]
    problems = []
    for i, c in enumerate(header):
        if c not in expected:
            problems.append(
                Problem(
                    1, f"{_letter(i)}", f"unexpected column id {c!r} (the layout has {len(expected)} columns)"
                )
            )
    for c in expected:
        if c not in header:
            problems.append(Problem(1, c, "a required column id is missing from row 1"))
    if problems:
        raise InputError(label, problems)
    pos = {c: i for i, c in enumerate(header)}
    letters = {c: _letter(i) for c, i in pos.items()}

    def where(c):
        return f"{letters[c]} ({c})"

    items = item_columns(q)
    records, status_rows = [], []
    for r, values in enumerate(rows[FIRST_DATA_ROW - 1 :], FIRST_DATA_ROW):
        values = values + [""] * (len(header) - len(values))
        rec = {c: values[pos[c]] for c in expected}
        if not any(rec.values()):
            continue
        if not rec["enterprise_id"]:
            problems.append(Problem(r, where("enterprise_id"), "expected an enterprise id on a filled row"))
            continue
        status = rec["status"]
        if status and status not in STATUSES:
            problems.append(
                Problem(
                    r, where("status"), f"expected one of {', '.join(STATUSES)} or empty, found {status!r}"
                )
            )
        elif not status and rec["role"] != "reserve":
            problems.append(
                Problem(
                    r,
                    where("status"),
                    "expected a status for every main-sample enterprise "
                    "(completed, refused, not_reached, replaced_by_reserve)",
                )
            )
        answered = [c for c in items if rec[c] != ""]
        if status != "completed" and answered:
            problems.append(
                Problem(
                    r,
                    where(answered[0]),
                    f"answers are entered only for status 'completed', found status "
                    f"{status or 'empty'!r} with {len(answered)} answer(s)",
                )
            )
        for p in q.problems:
            rating = rec[f"rating_{p['id']}"]
            for c in p["causes"]:
                col = cause_column(p["id"], c)
                mark = rec[col]
                if mark == "":
                    continue
                if mark != "1":
                    problems.append(
                        Problem(r, where(col), f"expected 1 (cause named) or an empty cell, found {mark!r}")
                    )
                elif rating in ("", "0"):
                    problems.append(
                        Problem(
                            r,
                            where(col),
                            f"skip rule: causes are asked only for a problem rated 1-{q.rating_max}, "
                            f"but {where('rating_' + p['id'])} is {'empty' if rating == '' else 0}",
                        )
                    )
        status_rows.append(
            {**{c: rec[c] for c in FIELDWORK_COLUMNS if c != "name"}, "status": status, "row": r}
        )
        if status == "completed":
            out = {"enterprise_id": rec["enterprise_id"], "interview_date": rec["interview_date"], "_row": r}
            for p in q.problems:
                out[f"rating_{p['id']}"] = rec[f"rating_{p['id']}"]
                out[f"causes_{p['id']}"] = ";".join(
                    c for c in p["causes"] if rec[cause_column(p["id"], c)] == "1"
                )
            for o in q.outcomes:
                out[o["id"]] = rec[o["id"]]
            for rk in q.risks:
                for part in ("likelihood", "impact"):
                    out[f"risk_{rk['id']}_{part}"] = rec[f"risk_{rk['id']}_{part}"]
            records.append(out)
    if problems:
        raise InputError(label, problems)
    if not records:
        raise InputError(label, "no enterprise has the status 'completed': the workbook holds no answers")
    df = pd.DataFrame(records).set_index("_row")
    df.index.name = None
    return EntryData(df[q.response_columns()], pd.DataFrame(status_rows), label, letters)


def workbook_responses(path, q: Questionnaire, texts: dict, register: pd.DataFrame, sample: pd.DataFrame):
    """Read a returned entry workbook and validate its answers as read_responses validates an export.

    Returns (responses, EntryData). Column names in read_responses' faults become letter (id).
    """
    from industry_report.survey.responses import read_responses

    data = read_entry_workbook(path, q, texts)
    try:
        responses = read_responses(data.label, q, register, sample, raw=data.responses)
    except InputError as exc:
        for p in exc.problems:
            if p.column in data.columns:
                p.column = f"{data.columns[p.column]} ({p.column})"
            elif p.column and p.column.startswith("causes_"):
                first = data.columns[cause_column(p.column[7:], q.problem(p.column[7:])["causes"][0])]
                p.column = f"{first}... ({p.column})"
        raise InputError(data.label, exc.problems) from None
    return responses, data


def coverage_problems(data: EntryData, sample: pd.DataFrame) -> list[Problem]:
    """Sampled enterprises missing from the workbook, and listed enterprises not in the sample."""
    listed = set(data.status["enterprise_id"])
    out = []
    for rec in sample.to_dict("records"):
        if rec["enterprise_id"] not in listed:
            out.append(
                Problem(
                    None,
                    "enterprise_id",
                    f"the sampled enterprise {rec['enterprise_id']} ({rec['role']} list) has no row",
                )
            )
    in_sample = set(sample["enterprise_id"])
    for rec in data.status.to_dict("records"):
        if rec["enterprise_id"] not in in_sample:
            out.append(
                Problem(
                    int(rec["row"]),
                    f"{data.columns['enterprise_id']} (enterprise_id)",
                    f"{rec['enterprise_id']!r} is not in the fieldwork sample",
                )
            )
    return out


def is_entry_workbook(path: str | Path, texts: dict) -> bool:
    """An .xlsx with the entry workbook's sheet of answers (otherwise an export in the CSV layout)."""
    from openpyxl import load_workbook

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.exists():
        return False
    try:
        wb = load_workbook(path, read_only=True)
    except Exception:  # not a readable workbook: the export reader reports it with the file name
        return False
    found = texts["entry_workbook"]["sheet_answers"] in wb.sheetnames
    wb.close()
    return found
