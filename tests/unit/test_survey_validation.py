"""Bad survey input: each fault gives one clear error naming file, row (line) and column."""

import csv
import io

import pandas as pd
import pytest

from conftest import CONFIG, ROOT, sample_design
from industry_report.core.errors import InputError
from industry_report.core.validation import read_csv
from industry_report.sample.design import allocate
from industry_report.sample.frame import REGISTER_SCHEMA, check_register_against_population
from industry_report.sample.selection import select_sample
from industry_report.survey.questionnaire import load_questionnaire
from industry_report.survey.responses import read_responses

DEMO = ROOT / "data/demo/survey"


@pytest.fixture(scope="module")
def setup():
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    register = read_csv(DEMO / "register.csv", REGISTER_SCHEMA)
    pop = pd.read_csv(ROOT / CONFIG["sample"]["population_file"])
    alloc = allocate(pop, sample_design())
    alloc.index = pd.RangeIndex(2, len(alloc) + 2)
    survey = CONFIG["survey"]
    sample = select_sample(register, alloc, survey["selection_seed"], survey["reserve_ratio"])
    rows = list(csv.reader(io.StringIO((DEMO / "responses.csv").read_text(encoding="utf-8"))))
    return q, register, sample, alloc, rows


def write(tmp_path, rows, name="responses.csv"):
    p = tmp_path / name
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return p


def edit(rows, line, column, value):
    """Copy of header + first 5 rows with one cell changed (line = file line, header = 1)."""
    out = [list(r) for r in rows[:6]]
    out[line - 1][out[0].index(column)] = value
    return out


def expect(setup, tmp_path, rows, row, column, words):
    q, register, sample, _, _ = setup
    p = write(tmp_path, rows)
    with pytest.raises(InputError) as e:
        read_responses(p, q, register, sample)
    msg = str(e.value)
    assert str(p) in msg and f"row {row}" in msg and f"column '{column}'" in msg, msg
    for w in words:
        assert w in msg, msg


def test_good_file_reads(setup, tmp_path):
    q, register, sample, _, rows = setup
    df = read_responses(write(tmp_path, rows[:6]), q, register, sample)
    assert len(df) == 5 and list(df.index) == [2, 3, 4, 5, 6]


def test_xlsx_export_reads(setup, tmp_path):
    q, register, sample, _, rows = setup
    p = tmp_path / "responses.xlsx"
    pd.DataFrame(rows[1:6], columns=rows[0]).to_excel(p, index=False)
    assert len(read_responses(p, q, register, sample)) == 5


def test_unknown_enterprise(setup, tmp_path):
    expect(
        setup,
        tmp_path,
        edit(setup[4], 3, "enterprise_id", "XYZ999"),
        3,
        "enterprise_id",
        ["unknown 'XYZ999'"],
    )


def test_respondent_outside_sample(setup, tmp_path):
    _, register, sample, _, rows = setup
    outside = sorted(set(register["enterprise_id"]) - set(sample["enterprise_id"]))[0]
    expect(
        setup, tmp_path, edit(rows, 4, "enterprise_id", outside), 4, "enterprise_id", ["outside the sample"]
    )


def test_duplicate_respondent(setup, tmp_path):
    rows = edit(setup[4], 5, "enterprise_id", setup[4][1][0])
    expect(setup, tmp_path, rows, 5, "enterprise_id", ["repeats row 2"])


def test_rating_out_of_range(setup, tmp_path):
    expect(setup, tmp_path, edit(setup[4], 2, "rating_energy", "7"), 2, "rating_energy", ["from 0 to 4"])


def test_rating_not_a_number(setup, tmp_path):
    expect(
        setup,
        tmp_path,
        edit(setup[4], 2, "rating_energy", "high"),
        2,
        "rating_energy",
        ["whole number", "'high'"],
    )


def test_outcome_out_of_range(setup, tmp_path):
    expect(setup, tmp_path, edit(setup[4], 6, "plans", "9"), 6, "plans", ["one of"])


def test_risk_out_of_range(setup, tmp_path):
    expect(
        setup,
        tmp_path,
        edit(setup[4], 3, "risk_devaluation_impact", "0"),
        3,
        "risk_devaluation_impact",
        ["from 1 to 5"],
    )


def test_cause_for_problem_not_rated(setup, tmp_path):
    rows = edit(setup[4], 2, "rating_land", "")
    rows[1][rows[0].index("causes_land")] = "land_opacity"
    expect(setup, tmp_path, rows, 2, "causes_land", ["a cause given for a problem not rated"])


def test_cause_for_problem_rated_no_obstacle(setup, tmp_path):
    rows = edit(setup[4], 2, "rating_land", "0")
    rows[1][rows[0].index("causes_land")] = "land_opacity"
    expect(setup, tmp_path, rows, 2, "causes_land", ["not rated"])


def test_cause_not_listed_for_problem(setup, tmp_path):
    rows = edit(setup[4], 3, "rating_corruption", "3")
    rows[2][rows[0].index("causes_corruption")] = "cheap_imports"
    expect(setup, tmp_path, rows, 3, "causes_corruption", ["cheap_imports"])


def test_missing_column(setup, tmp_path):
    rows = [r[:-1] for r in setup[4][:4]]
    expect(setup, tmp_path, rows, 1, setup[4][0][-1], ["missing"])


def test_missing_stratum_in_register(setup, tmp_path):
    _, register, _, alloc, _ = setup
    reg = register[~((register["region_code"] == "KZL") & (register["size"] == "large"))]
    with pytest.raises(InputError) as e:
        check_register_against_population(reg, alloc, "register.csv", "population.csv")
    row = int(alloc.index[(alloc["region_code"] == "KZL") & (alloc["size"] == "large")][0])
    msg = str(e.value)
    # The register is at fault, not the population file (nor the allocation derived from it).
    assert msg.startswith("Invalid input file register.csv:") and "column 'region_code, size'" in msg
    assert f"population file population.csv counts (row {row})" in msg and "missing from the register" in msg


def test_missing_stratum_in_allocation(setup):
    _, register, _, alloc, _ = setup
    a = alloc[~((alloc["region_code"] == "ALA") & (alloc["size"] == "medium"))]
    with pytest.raises(InputError) as e:
        check_register_against_population(register, a, "register.csv", "population.csv")
    first = int(register.index[(register["region_code"] == "ALA") & (register["size"] == "medium")][0])
    msg = str(e.value)
    assert msg.startswith("Invalid input file register.csv:") and f"row {first}" in msg
    assert "not in the population file population.csv" in msg


def test_register_count_differs_from_population(setup):
    _, register, _, alloc, _ = setup
    reg = register.drop(register.index[register["region_code"] == "AKM"][:1])
    with pytest.raises(InputError) as e:
        check_register_against_population(reg, alloc, "register.csv", "population.csv")
    msg = str(e.value)
    assert msg.startswith("Invalid input file register.csv:") and "stratum AKM/small" in msg


QUESTIONNAIRE = ROOT / "config/survey_questionnaire.yaml"
LIFECYCLE = ROOT / "config/lifecycle.yaml"


def changed(tmp_path, source, old, new, name="q.yaml"):
    """A copy of ``source`` with the one occurrence of ``old`` replaced; returns (path, its line)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    p = tmp_path / name
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p, text[: text.index(old)].count("\n") + 1


def questionnaire_error(q_path, lc_path=LIFECYCLE) -> str:
    with pytest.raises(InputError) as e:
        load_questionnaire(q_path, lc_path)
    return str(e.value)


def test_questionnaire_with_unknown_stage(tmp_path):
    p, line = changed(tmp_path, QUESTIONNAIRE, "stage: tax\n", "stage: taxes\n")
    msg = questionnaire_error(p)
    assert str(p) in msg and f"line {line}" in msg and "key 'problems[3].stage'" in msg, msg
    assert "'taxes'" in msg and "life-cycle stage id" in msg, msg


def test_questionnaire_schema_violation_names_line_and_key(tmp_path):
    p, line = changed(tmp_path, QUESTIONNAIRE, "    major_from: 3\n", "    major_from: three\n")
    msg = questionnaire_error(p)
    assert f"line {line}" in msg and "key 'scales.rating.major_from'" in msg and "whole number" in msg, msg


def test_questionnaire_misspelt_key_names_line_and_key(tmp_path):
    p, line = changed(tmp_path, QUESTIONNAIRE, "    causes: [land_opacity,", "    cuases: [land_opacity,")
    msg = questionnaire_error(p)
    assert f"line {line}" in msg and "problems[6].cuases" in msg and "did you mean 'causes'" in msg, msg


def test_questionnaire_unknown_cause_of_a_problem(tmp_path):
    p, line = changed(
        tmp_path,
        QUESTIONNAIRE,
        "causes: [land_opacity, complex_procedures, grid_deficit]",
        "causes: [land_opacity, complex_procedures, grid_deficits]",
    )
    msg = questionnaire_error(p)
    assert f"line {line}" in msg and "key 'problems[6].causes[2]'" in msg and "'grid_deficits'" in msg, msg


def test_questionnaire_cause_links_with_a_cycle(tmp_path):
    p, line = changed(
        tmp_path,
        QUESTIONNAIRE,
        "  - [low_purchasing_power, cheap_imports]\n",
        "  - [low_purchasing_power, cheap_imports]\n  - [cheap_imports, low_purchasing_power]\n",
    )
    msg = questionnaire_error(p)
    assert f"line {line + 1}" in msg and "key 'cause_links[13]'" in msg and "cycle" in msg, msg
    assert "low_purchasing_power -> cheap_imports -> low_purchasing_power" in msg, msg


def test_questionnaire_id_twice(tmp_path):
    p, line = changed(tmp_path, QUESTIONNAIRE, "  - id: corruption\n", "  - id: permits\n")
    msg = questionnaire_error(p)
    assert f"line {line}" in msg and "key 'problems[5].id'" in msg and "used twice" in msg, msg


def test_lifecycle_missing_key(tmp_path):
    p, _ = changed(tmp_path, LIFECYCLE, '    name_ru: "Налогообложение"\n', "", name="lifecycle.yaml")
    line = LIFECYCLE.read_text(encoding="utf-8").split("\n").index("  - id: tax") + 1
    msg = questionnaire_error(QUESTIONNAIRE, p)
    assert str(p) in msg and f"line {line}" in msg and "key 'stages[8]'" in msg, msg
    assert "'name_ru' is required but missing" in msg, msg


def test_lifecycle_stage_id_twice(tmp_path):
    p, line = changed(tmp_path, LIFECYCLE, "  - id: exit\n", "  - id: entry\n", name="lifecycle.yaml")
    msg = questionnaire_error(QUESTIONNAIRE, p)
    assert f"line {line}" in msg and "key 'stages[9].id'" in msg and "listed twice" in msg, msg


def test_questionnaire_content():
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    assert len(q.problems) >= 15
    for item in q.problems + list(q.causes.values()) + q.risks + q.outcomes:
        assert all(item.get(lang) for lang in ("kk", "ru", "en")), item["id"]
    assert {p["stage"] for p in q.problems} == {s["id"] for s in q.stages}  # every stage has a problem


@pytest.mark.parametrize("day", ["yesterday", "2026-02-30", "03.02.2026"])
def test_interview_date_not_a_date(setup, tmp_path, day):
    rows = edit(setup[4], 3, "interview_date", day)
    expect(setup, tmp_path, rows, 3, "interview_date", ["expected a date YYYY-MM-DD", repr(day)])
