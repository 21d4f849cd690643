"""The returned entry workbook goes through the survey step (compute_problem_map) in place of the
CSV export and gives the same tables, plus the fieldwork table; production mode needs it to cover
the sample."""

from types import SimpleNamespace as NS

import pandas as pd
import pytest
from instruments_fill import fill_entry_workbook

from conftest import CONFIG, ROOT, SURVEY_TABLES
from industry_report.core.errors import InputError
from industry_report.core.io import read_json
from industry_report.core.validation import read_csv
from industry_report.instruments.entry_workbook import entry_workbook_bytes
from industry_report.instruments.texts import load_texts
from industry_report.sample.schemas import SAMPLE_SCHEMA
from industry_report.survey.questionnaire import load_questionnaire

SURVEY = CONFIG["survey"]


def run(results, stage, responses, out_dir, demo=True):
    from scripts import compute_problem_map

    tables = {k: str(out_dir / f"survey_{v}.csv") for k, v in SURVEY_TABLES.items()}
    compute_problem_map.main(
        NS(
            responses=str(responses),
            register=str(ROOT / SURVEY["register_file"]),
            population=str(ROOT / CONFIG["sample"]["population_file"]),
            sample=str(results / "fieldwork/survey_sample.csv"),
            allocation=str(results / "tables/sample_allocation.csv"),
            questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            sizes=str(ROOT / "config/size_classes.yaml"),
            regions=str(ROOT / "config/regions.yaml"),
            instruments=str(ROOT / "config/instruments.yaml"),
        ),
        NS(
            weights=str(out_dir / "weights.csv"),
            fieldwork=str(out_dir / "survey_fieldwork.csv"),
            values=str(out_dir / "survey.json"),
            **tables,
        ),
        NS(
            **{k: SURVEY[k] for k in ("min_cell", "fdr", "root_cause_top_k", "reserve_ratio")},
            demo=demo,
            confidence=CONFIG["sample"]["confidence"],
        ),
    )
    return tables


@pytest.fixture(scope="module")
def workbook(survey_stage, tmp_path_factory):
    results, _ = survey_stage
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    texts = load_texts(ROOT / "config/instruments.yaml")
    sample = read_csv(results / "fieldwork/survey_sample.csv", SAMPLE_SCHEMA)
    responses = pd.read_csv(ROOT / SURVEY["responses_file"], dtype=str, keep_default_na=False)
    tmp = tmp_path_factory.mktemp("entry")
    blank = entry_workbook_bytes(sample, q, texts)
    path = fill_entry_workbook(blank, responses, q, texts, tmp / "survey_entry.xlsx")
    return path, (blank, responses, q, texts, tmp)


@pytest.fixture(scope="module")
def production(survey_stage, workbook, tmp_path_factory):
    """The survey step run once on the complete returned workbook in production mode (survey.demo
    false): the tables the tests below compare. ``demo`` changes only the coverage check and the
    values' ``demo`` flag, so these are also the tables of a demonstration run of the workbook."""
    results, _ = survey_stage
    out = tmp_path_factory.mktemp("production")
    return run(results, survey_stage, workbook[0], out, demo=False), out


def test_workbook_gives_the_tables_of_the_export(survey_stage, production):
    results, csv_tables = survey_stage
    wb_tables, out = production
    for key in SURVEY_TABLES:
        a, b = pd.read_csv(csv_tables[key]), pd.read_csv(wb_tables[key])
        pd.testing.assert_frame_equal(a, b, obj=key)
    fw = pd.read_csv(out / "survey_fieldwork.csv")
    total = fw[fw.region_code == "total"].iloc[0]
    values = read_json(out / "survey.json")
    assert values["fieldwork"]["achieved"] == int(total["achieved"]) == values["respondents"]
    assert int(total["main_refused"]) == int(total["planned"]) - values["from_main"]


def test_production_mode_needs_the_workbook_covering_the_sample(survey_stage, workbook, production, tmp_path):
    results, _ = survey_stage
    with pytest.raises(InputError) as e:
        run(results, survey_stage, ROOT / SURVEY["responses_file"], tmp_path, demo=False)
    assert "expected the returned entry workbook" in str(e.value)
    # A workbook from which a sampled enterprise's row was deleted does not cover the sample.
    from openpyxl import load_workbook

    path = workbook[0]
    wb = load_workbook(path)
    ws = wb["Жауаптар"]
    gone = ws.cell(ws.max_row, 1).value
    ws.delete_rows(ws.max_row)
    cut = tmp_path / "cut.xlsx"
    wb.save(cut)
    with pytest.raises(InputError) as e:
        run(results, survey_stage, cut, tmp_path, demo=False)
    assert f"{cut}, sheet 'Жауаптар'" in str(e.value) and gone in str(e.value), str(e.value)
    assert not any(tmp_path.glob("*.csv"))  # both stopped before writing anything
    # The complete workbook goes through (the shared production run) and says it is not a demo.
    assert read_json(production[1] / "survey.json")["demo"] is False


def test_the_annex_prints_the_fieldwork_table_by_size_and_region(production):
    from industry_report.publish.templating import make_environment, render_chapter

    _, out = production
    values = read_json(out / "survey.json")
    doms = values["fieldwork"]["domains"]
    sizes = [d for d in doms if d["dimension"] == "size"]
    regions = [d for d in doms if d["dimension"] == "region"]
    total = doms[-1]
    assert total["dimension"] == "total" and total["achieved"] == values["respondents"]
    for part in (sizes, regions):  # each breakdown adds up to the total
        for k in ("planned", "main_completed", "main_refused", "reserve_contacted", "achieved"):
            assert sum(d[k] for d in part) == total[k], k
    # RR1: completed over every main unit and every contacted reserve unit
    assert total["response_rate"] == total["achieved"] / (total["planned"] + total["reserve_contacted"])
    env = make_environment(ROOT / "chapters/kk", "kk")
    md = render_chapter(env, "92-annex-survey-questionnaire.qmd", {"survey": values})
    assert "{#sec-annex-survey-fieldwork}" in md and "tbl-annex-survey-fieldwork" in md
    assert "(RR1)" in md and regions[0]["name"] in md
