"""The survey entry workbook: generated from the sample and questionnaire, filled in (openpyxl), read
back as the responses; faults name file, sheet, row and column."""

import pandas as pd
import pytest
from instruments_fill import fill_entry_workbook

from conftest import CONFIG, ROOT, sample_design
from industry_report.core.errors import InputError
from industry_report.core.validation import read_csv
from industry_report.instruments.entry_workbook import (
    FIRST_DATA_ROW,
    cause_column,
    coverage_problems,
    entry_workbook_bytes,
    is_entry_workbook,
    workbook_columns,
    workbook_responses,
)
from industry_report.instruments.fieldwork import fieldwork_table, fieldwork_values
from industry_report.instruments.texts import load_texts
from industry_report.sample.design import allocate
from industry_report.sample.frame import REGISTER_SCHEMA
from industry_report.sample.selection import select_sample
from industry_report.survey.questionnaire import load_questionnaire
from industry_report.survey.responses import read_responses

DEMO = ROOT / "data/demo/survey"


@pytest.fixture(scope="module")
def setup():
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    texts = load_texts(ROOT / "config/instruments.yaml")
    register = read_csv(DEMO / "register.csv", REGISTER_SCHEMA)
    alloc = allocate(pd.read_csv(ROOT / CONFIG["sample"]["population_file"]), sample_design())
    alloc.index = pd.RangeIndex(2, len(alloc) + 2)
    survey = CONFIG["survey"]
    sample = select_sample(register, alloc, survey["selection_seed"], survey["reserve_ratio"])
    responses = pd.read_csv(DEMO / "responses.csv", dtype=str, keep_default_na=False)
    blank = entry_workbook_bytes(sample, q, texts)
    return q, texts, register, sample, alloc, responses, blank


def test_layout_and_deterministic_bytes(setup):
    q, texts, _, sample, _, _, blank = setup
    assert blank == entry_workbook_bytes(sample, q, texts)
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(blank))
    t = texts["entry_workbook"]
    assert wb.sheetnames == [t["sheet_instructions"], t["sheet_answers"], t["sheet_codes"]]
    ws = wb[t["sheet_answers"]]
    assert [c.value for c in ws[1]] == workbook_columns(q)
    assert ws.max_row == FIRST_DATA_ROW - 1 + len(sample)  # main and reserve, one row each
    assert ws.freeze_panes == "G3"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "whole", "custom"} <= kinds
    skip = [dv for dv in ws.data_validations.dataValidation if dv.type == "custom"]
    assert len(skip) == sum(len(p["causes"]) for p in q.problems)  # the skip rule on every cause cell


def test_filled_workbook_reads_as_the_export(setup, tmp_path):
    q, texts, register, sample, alloc, responses, blank = setup
    path = fill_entry_workbook(blank, responses, q, texts, tmp_path / "entry.xlsx")
    assert is_entry_workbook(path, texts)
    got, entry = workbook_responses(path, q, texts, register, sample)
    want = read_responses(DEMO / "responses.csv", q, register, sample)
    key = "enterprise_id"
    a = got.sort_values(key).reset_index(drop=True)
    b = want.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    # Fieldwork report: every main unit accounted for, reserves used as the demo responses did.
    table = fieldwork_table(entry.status, alloc)
    total = fieldwork_values(table)
    main_resp = int(sum(sample.set_index(key).loc[got[key], "role"] == "main"))
    assert total["main_completed"] == main_resp
    assert total["reserve_completed"] == len(got) - main_resp
    assert total["main_refused"] == int((sample["role"] == "main").sum()) - main_resp
    assert total["achieved"] == len(got) and total["planned"] == int(alloc["sample"].sum())
    assert coverage_problems(entry, sample) == []


def _first(setup, rating_at_least):
    q, _, _, _, _, responses, _ = setup
    p = q.problems[0]
    rec = responses[responses[f"rating_{p['id']}"].isin([str(v) for v in rating_at_least])].iloc[0]
    return rec["enterprise_id"], p


def _raises(setup, tmp_path, edits, status=None):
    q, texts, register, sample, _, responses, blank = setup
    path = fill_entry_workbook(
        blank, responses, q, texts, tmp_path / "entry.xlsx", status=status, edits=edits
    )
    with pytest.raises(InputError) as e:
        workbook_responses(path, q, texts, register, sample)
    msg = str(e.value)
    assert f"{path}, sheet 'Жауаптар'" in msg, msg
    return msg


def _letter_row(setup, tmp_path, eid, col):
    from openpyxl.utils import get_column_letter

    q, _, _, sample, _, _, _ = setup
    rows = list(sample[sample.role == "main"].enterprise_id) + list(
        sample[sample.role == "reserve"].enterprise_id
    )
    return FIRST_DATA_ROW + rows.index(eid), get_column_letter(workbook_columns(q).index(col) + 1)


def test_skip_rule_violation(setup, tmp_path):
    eid, p = _first(setup, [1, 2, 3, 4])
    cause = p["causes"][0]
    msg = _raises(setup, tmp_path, [(eid, f"rating_{p['id']}", 0), (eid, cause_column(p["id"], cause), 1)])
    row, letter = _letter_row(setup, tmp_path, eid, cause_column(p["id"], cause))
    assert f"row {row}, column '{letter} ({cause_column(p['id'], cause)})': skip rule" in msg, msg


def test_out_of_range_code(setup, tmp_path):
    eid, p = _first(setup, [0, 1, 2, 3, 4])
    col = q_out = setup[0].outcomes[0]["id"]
    msg = _raises(setup, tmp_path, [(eid, col, 7)])
    row, letter = _letter_row(setup, tmp_path, eid, q_out)
    assert f"row {row}, column '{letter} ({col})'" in msg and "7" in msg, msg
    rating = f"rating_{p['id']}"
    msg = _raises(setup, tmp_path, [(eid, rating, 9)])
    row, letter = _letter_row(setup, tmp_path, eid, rating)
    assert f"row {row}, column '{letter} ({rating})'" in msg, msg


def test_refused_enterprise(setup, tmp_path):
    q, texts, register, sample, alloc, responses, blank = setup
    eid = responses["enterprise_id"].iloc[0]
    # A refusal with answers left in the row is an error naming the first answer cell ...
    msg = _raises(setup, tmp_path, [], status={eid: "refused"})
    row, letter = _letter_row(setup, tmp_path, eid, f"rating_{q.problems[0]['id']}")
    assert f"row {row}, column '{letter} (rating_{q.problems[0]['id']})'" in msg and "'refused'" in msg, msg
    # ... and a clean refusal goes through: one respondent fewer, one refusal more.
    path = fill_entry_workbook(
        blank, responses[responses.enterprise_id != eid], q, texts, tmp_path / "r.xlsx"
    )
    got, entry = workbook_responses(path, q, texts, register, sample)
    assert eid not in set(got.enterprise_id) and len(got) == len(responses) - 1
    status = entry.status.set_index("enterprise_id").loc[eid, "status"]
    assert status == ("refused" if sample.set_index("enterprise_id").loc[eid, "role"] == "main" else "")


def test_missing_status_and_unknown_status(setup, tmp_path):
    q, texts, register, sample, _, responses, blank = setup
    main_nonresp = next(
        e for e in sample[sample.role == "main"].enterprise_id if e not in set(responses.enterprise_id)
    )
    msg = _raises(setup, tmp_path, [(main_nonresp, "status", None)])
    row, letter = _letter_row(setup, tmp_path, main_nonresp, "status")
    assert f"row {row}, column '{letter} (status)': expected a status" in msg, msg
    msg = _raises(setup, tmp_path, [(main_nonresp, "status", "maybe")])
    assert f"row {row}, column '{letter} (status)'" in msg and "'maybe'" in msg, msg
