"""The IDI expert workbook: one XLSX per expert and year, generated from the codebook, and the
merge of the returned workbooks of a year into the answers file industry_report.idi.answers reads.

Sheet ``expert_workbook.sheet_answers`` (config/instruments.yaml): row 1 the column ids, row 2 their
words (kk / ru), one question per row from row 3 in codebook order. The expert fills ``answer`` (a
drop-down of the question's option ids, plus the N/A code where the codebook allows it),
``citation`` (required where the codebook says so, except for N/A) and ``comment``. ``expert`` and
``year`` are filled in by the generator on every row, so a returned file says whose it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from industry_report.core.errors import InputError, Problem
from industry_report.idi.answers import ANSWER_COLUMNS
from industry_report.idi.codebook import Codebook
from industry_report.instruments.xlsx import (
    fit_row_heights,
    fit_to_page_width,
    new_workbook,
    read_sheet_rows,
    sheet_label,
    workbook_bytes,
)

COLUMNS = [
    "row",
    "expert",
    "year",
    "block",
    "question",
    "text_kk",
    "text_ru",
    "act",
    "article",
    "options",
    "citation_required",
    "answer",
    "citation",
    "comment",
]
FIRST_DATA_ROW = 3
FILLED = ("answer", "citation", "comment")


def _letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(COLUMNS.index(name) + 1)


def _allowed(cb: Codebook, qrow) -> list[str]:
    opts = list(cb.options.loc[cb.options.question == qrow["question"], "option"])
    return opts + ([cb.na_code] if qrow["na_allowed"] else [])


def expert_workbook_bytes(cb: Codebook, texts: dict, expert: str, year: int, block_names: dict) -> bytes:
    """The workbook of one expert for one assessment year, byte-deterministic."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    t = texts["expert_workbook"]
    wb = new_workbook()
    ws = wb.active
    ws.title = t["sheet_answers"]
    ws.append(COLUMNS)
    words = {**{c: f"{w['kk']} / {w['ru']}" for c, w in t["columns"].items()}}
    words["expert"] = f"{t['expert']['kk']} / {t['expert']['ru']}"
    words["year"] = f"{t['year']['kk']} / {t['year']['ru']}"
    ws.append([words.get(c, c) for c in COLUMNS])
    opts = cb.options
    for n, q in enumerate(cb.questions.to_dict("records"), 1):
        act = cb.acts[q["act"]]
        choices = opts[opts.question == q["question"]]
        listed = [f"{o['option']} = {o['kk']} / {o['ru']}" for o in choices.to_dict("records")]
        if q["na_allowed"]:
            listed.append(f"{cb.na_code} = {t['na']['kk']} / {t['na']['ru']}")
        need = t["required"] if q["citation_required"] else t["not_required"]
        ws.append(
            [
                n,
                expert,
                int(year),
                f"{q['block']}: {block_names.get(q['block'], '')}",
                q["question"],
                q["kk"],
                q["ru"],
                f"{act['kk']}\n{act['ru']}",
                q["article"],
                "\n".join(listed),
                f"{need['kk']} / {need['ru']}",
                None,
                None,
                None,
            ]
        )
        dv = DataValidation(type="list", formula1='"' + ",".join(_allowed(cb, q)) + '"', allow_blank=True)
        dv.error = dv.prompt = ", ".join(_allowed(cb, q))
        dv.errorTitle = dv.promptTitle = q["question"]
        dv.showErrorMessage = dv.showInputMessage = True
        dv.add(f"{_letter('answer')}{ws.max_row}")
        ws.add_data_validation(dv)
    widths = dict(
        row=5,
        expert=8,
        year=7,
        block=18,
        question=8,
        text_kk=40,
        text_ru=40,
        act=36,
        article=12,
        options=34,
        citation_required=12,
        answer=10,
        citation=36,
        comment=28,
    )
    grey, entry = PatternFill("solid", fgColor="EDEDED"), PatternFill("solid", fgColor="FFF2CC")
    for i, c in enumerate(COLUMNS, 1):
        ws.column_dimensions[_letter(c)].width = widths[c]
        for cell in ws.iter_cols(min_col=i, max_col=i, min_row=1, max_row=ws.max_row).__next__():
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row == 1:
                cell.font = Font(color="777777", size=8)
            elif cell.row == 2:
                cell.font = Font(bold=True)
            if c in FILLED and cell.row >= FIRST_DATA_ROW:
                cell.fill = entry
                cell.protection = Protection(locked=False)
            elif cell.row <= 2:
                cell.fill = grey
    ws.freeze_panes = f"{_letter('text_kk')}{FIRST_DATA_ROW}"
    # The texts of the codebook are locked (no password: protection guards against slips only).
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False
    info = wb.create_sheet(t["sheet_instructions"], 0)
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    info.append([t["title"]["kk"]])
    info["A1"].font = Font(bold=True, size=13)
    info.append([t["title"]["ru"]])
    info["A2"].font = Font(bold=True, size=13)
    info.append([])
    for key, value in (("expert", expert), ("year", int(year)), ("codebook", f"{cb.version} ({cb.as_of})")):
        info.append([f"{t[key]['kk']} / {t[key]['ru']}", value])
        info.cell(row=info.max_row, column=2).alignment = Alignment(horizontal="left")
    for lang in ("kk", "ru"):
        info.append([])
        for n, para in enumerate(t["instructions"][lang], 1):
            info.append(["", f"{n}. {para}"])
            info.cell(row=info.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
            info.row_dimensions[info.max_row].height = 15 * (1 + len(para) // 50)
    fit_row_heights(ws, FIRST_DATA_ROW)
    ws.row_dimensions[2].height = 45
    fit_to_page_width(ws)
    ws.print_title_rows = "1:2"
    fit_to_page_width(info, landscape=False)
    info.column_dimensions["B"].width = 55
    wb.active = 0
    return workbook_bytes(wb)


def read_expert_workbook(
    path: str | Path, cb: Codebook, texts: dict, year: int
) -> tuple[pd.DataFrame, list[Problem], str]:
    """One returned workbook: its rows (expert, question, answer, citation, comment, row) and faults."""

    path = Path(path)
    sheet = texts["expert_workbook"]["sheet_answers"]
    label = sheet_label(path, sheet)
    rows = read_sheet_rows(path, sheet, "expert workbook")
    header = [c for c in (rows[0] if rows else [])]
    while header and header[-1] == "":
        header.pop()
    if header != COLUMNS:
        raise InputError(
            label, f"expected the column ids {', '.join(COLUMNS)} in row 1, found {', '.join(header)}", row=1
        )

    def at(c):
        return f"{_letter(c)} ({c})"

    q = cb.questions.set_index("question")
    problems, out, seen = [], [], {}
    for r, values in enumerate(rows[FIRST_DATA_ROW - 1 :], FIRST_DATA_ROW):
        rec = dict(zip(COLUMNS, values + [""] * (len(COLUMNS) - len(values))))
        if not any(rec.values()):
            continue
        qid = rec["question"]
        if qid not in q.index:
            problems.append(
                Problem(r, at("question"), f"expected a question id of codebook {cb.version}, found {qid!r}")
            )
            continue
        if qid in seen:
            problems.append(
                Problem(r, at("question"), f"question {qid} appears twice (first on row {seen[qid]})")
            )
            continue
        seen[qid] = r
        if not rec["expert"]:
            problems.append(Problem(r, at("expert"), "expected the expert id the workbook was made for"))
        if rec["year"] != str(year):
            problems.append(
                Problem(
                    r, at("year"), f"expected the assessment year {year}, found {rec['year'] or 'empty'!r}"
                )
            )
        qrow = q.loc[qid]
        allowed = _allowed(cb, {**qrow.to_dict(), "question": qid})
        if not cb.applies(qid, year):  # its act not in force that year: only "not applicable"
            allowed = [cb.na_code]
        ans = rec["answer"]
        if ans == "":
            problems.append(
                Problem(
                    r,
                    at("answer"),
                    f"question {qid} is unanswered: expected one of {', '.join(allowed)} "
                    "(a missing answer is not a zero)",
                )
            )
        elif ans not in allowed:
            problems.append(
                Problem(
                    r, at("answer"), f"expected one of {', '.join(allowed)} for question {qid}, found {ans!r}"
                )
            )
        elif qrow["citation_required"] and ans != cb.na_code and not rec["citation"]:
            problems.append(
                Problem(
                    r,
                    at("citation"),
                    f"expected a citation of the legal text for question {qid} (answer {ans!r})",
                )
            )
        out.append(
            {
                "expert": rec["expert"],
                "question": qid,
                "answer": ans,
                "citation": rec["citation"],
                "comment": rec["comment"],
                "row": r,
            }
        )
    for qid in q.index:
        if qid not in seen:
            problems.append(
                Problem(None, at("question"), f"question {qid} of codebook {cb.version} has no row")
            )
    experts = sorted({x["expert"] for x in out if x["expert"]})
    if len(experts) > 1:
        problems.append(
            Problem(None, at("expert"), f"expected one expert per workbook, found {', '.join(experts)}")
        )
    return (
        pd.DataFrame(out, columns=[*ANSWER_COLUMNS, "row"]),
        [InputErrorPlace(label, p) for p in problems],
        label,
    )


class InputErrorPlace(Problem):
    """A fault of one workbook in the merge of many: the file and sheet lead the message."""

    def __init__(self, label: str, p: Problem):
        super().__init__(p.row, p.column, p.message)
        self.label = label

    def where(self) -> str:
        inner = super().where()
        return f"{self.label}{', ' + inner if inner else ''}"


def merge_expert_workbooks(
    paths: list[str | Path], cb: Codebook, texts: dict, year: int, folder: str
) -> pd.DataFrame:
    """Every returned workbook of a year merged into the answers file's rows (expert, then codebook order).

    Checks per workbook (file, sheet, row, column): question ids, duplicates, unanswered questions,
    answers outside the options, missing citations, the year; across workbooks: an expert id given
    in two files.
    """
    if not paths:
        raise InputError(folder, f"no expert workbook (*.xlsx) for {year}")
    frames, problems, owner = [], [], {}
    for path in sorted(map(str, paths)):
        df, faults, label = read_expert_workbook(path, cb, texts, year)
        problems += faults
        for e in sorted(set(df["expert"]) - {""}):
            if e in owner:
                problems.append(
                    InputErrorPlace(
                        label,
                        Problem(
                            FIRST_DATA_ROW,
                            f"{_letter('expert')} (expert)",
                            f"expert {e!r} also returned {owner[e]}: one workbook per expert",
                        ),
                    )
                )
            else:
                owner[e] = path
        frames.append(df)
    if problems:
        raise InputError(folder, problems)
    merged = pd.concat(frames, ignore_index=True)
    order = {qid: i for i, qid in enumerate(cb.questions["question"])}
    merged = merged.assign(_q=merged["question"].map(order)).sort_values(["expert", "_q"], kind="stable")
    return merged[ANSWER_COLUMNS].reset_index(drop=True)
