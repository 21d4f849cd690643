"""IDI expert workbooks: generated from the codebook, filled in (openpyxl) with the demonstration
answers, merged back into the answers file; every fault names file, sheet, row and column."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.idi.answers import ANSWER_COLUMNS
from industry_report.idi.codebook import load_codebook_in_order
from industry_report.instruments.expert_workbook import (
    COLUMNS,
    FIRST_DATA_ROW,
    expert_workbook_bytes,
    merge_expert_workbooks,
)
from industry_report.instruments.texts import load_texts

YEAR = 2019  # a year with three experts in the demonstration answers
DEMO = ROOT / f"data/demo/idi_answers/answers_{YEAR}.csv"


@pytest.fixture(scope="module")
def setup():
    cb = load_codebook_in_order(ROOT / "config/idi_codebook.yaml", ROOT / "config/lifecycle.yaml")
    texts = load_texts(ROOT / "config/instruments.yaml")
    demo = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    return cb, texts, demo


def fill(cb, texts, demo, expert, path, edits=()):
    """The expert's workbook filled with the expert's demonstration answers; ``edits`` (question,
    column, value) applied after."""
    wb = load_workbook(io.BytesIO(expert_workbook_bytes(cb, texts, expert, YEAR, {})))
    ws = wb[texts["expert_workbook"]["sheet_answers"]]
    col = {c: i + 1 for i, c in enumerate(COLUMNS)}
    mine = demo[demo.expert == expert].set_index("question")
    rows = {}
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        qid = ws.cell(r, col["question"]).value
        rows[qid] = r
        for c in ("answer", "citation", "comment"):
            ws.cell(r, col[c]).value = mine.loc[qid, c] or None
    for qid, c, value in edits:
        ws.cell(rows[qid], col[c]).value = value
    wb.save(path)
    return path, rows


def test_three_experts_merge_into_the_demonstration_answers(setup, tmp_path):
    cb, texts, demo = setup
    experts = sorted(demo.expert.unique())
    assert len(experts) == 3
    paths = [fill(cb, texts, demo, e, tmp_path / f"expert_{e}.xlsx")[0] for e in reversed(experts)]
    merged = merge_expert_workbooks(paths, cb, texts, YEAR, str(tmp_path))
    assert list(merged.columns) == ANSWER_COLUMNS
    pd.testing.assert_frame_equal(
        merged.reset_index(drop=True), demo.reset_index(drop=True), check_dtype=False
    )


def test_workbook_is_deterministic_and_has_drop_downs(setup):
    cb, texts, _ = setup
    a = expert_workbook_bytes(cb, texts, "E01", YEAR, {})
    assert a == expert_workbook_bytes(cb, texts, "E01", YEAR, {})
    ws = load_workbook(io.BytesIO(a))[texts["expert_workbook"]["sheet_answers"]]
    assert ws.max_row - FIRST_DATA_ROW + 1 == len(cb.questions)
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == len(cb.questions)


def _where(path, row, column):
    letter = "ABCDEFGHIJKLMN"[COLUMNS.index(column)]
    return f"{path}, sheet 'Жауаптар', row {row}, column '{letter} ({column})'"


def test_faults_name_file_sheet_row_column(setup, tmp_path):
    cb, texts, demo = setup
    q1, q2, q3 = cb.questions.question[:3]
    cited = next(q for q, need in zip(cb.questions.question, cb.questions.citation_required) if need)
    p1, rows = fill(
        cb,
        texts,
        demo,
        "E01",
        tmp_path / "e1.xlsx",
        [(q1, "answer", None), (q2, "answer", "maybe"), (cited, "citation", None)],
    )
    p2, _ = fill(cb, texts, demo, "E02", tmp_path / "e2.xlsx", [(q3, "question", q1)])
    p3, _ = fill(cb, texts, demo, "E01", tmp_path / "e3.xlsx")  # the same expert twice
    with pytest.raises(InputError) as e:
        merge_expert_workbooks([p1, p2, p3], cb, texts, YEAR, str(tmp_path))
    msg = str(e.value)
    assert f"{_where(p1, rows[q1], 'answer')}: question {q1} is unanswered" in msg, msg
    assert f"{_where(p1, rows[q2], 'answer')}: expected one of" in msg and "'maybe'" in msg, msg
    if cited not in (q1, q2):
        assert f"{_where(p1, rows[cited], 'citation')}: expected a citation" in msg, msg
    assert f"{_where(p2, rows[q3], 'question')}: question {q1} appears twice" in msg, msg
    assert f"question {q3} of codebook {cb.version} has no row" in msg, msg
    assert "expert 'E01' also returned" in msg, msg


def test_wrong_year(setup, tmp_path):
    cb, texts, demo = setup
    p, rows = fill(cb, texts, demo, "E01", tmp_path / "e1.xlsx")
    with pytest.raises(InputError) as e:
        merge_expert_workbooks([p], cb, texts, YEAR + 1, str(tmp_path))
    assert f"{_where(p, FIRST_DATA_ROW, 'year')}: expected the assessment year {YEAR + 1}" in str(e.value)
