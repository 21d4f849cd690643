"""The executive summary prints the same numbers as the chapters it summarises (same values, same
formatting), read from the assembled book of the real build."""

import json

import pytest

from industry_report.core import formatting

pytestmark = pytest.mark.slow


SUMMARY = "00-summary.qmd"


def book(work, year, name):
    return (work / f"results/{year}/kk/book/{name}").read_text(encoding="utf-8")


def values(work, year, ns):
    return json.loads((work / f"results/{year}/values/{ns}.json").read_text(encoding="utf-8"))


def both(summary, chapter, text):
    assert text in summary, f"{text!r} not in the summary"
    assert text in chapter, f"{text!r} not in the chapter"


def test_idi_numbers_match(built_report, report_year):
    idi = values(built_report, report_year, "idi")
    s, ch = book(built_report, report_year, SUMMARY), book(built_report, report_year, "06-idi.qmd")
    both(s, ch, f"ИДИ {formatting.number(idi['idi'], 3)}")
    both(s, ch, formatting.number(idi["mc"]["idi_p05"], 3))
    both(s, ch, formatting.number(idi["mc"]["idi_p95"], 3))


def test_survey_numbers_match(built_report, report_year):
    sv = values(built_report, report_year, "survey")
    s, ch = book(built_report, report_year, SUMMARY), book(built_report, report_year, "05-survey.qmd")
    top = sv["top"][0]
    both(s, ch, top["name"])
    both(s, ch, formatting.percent(top["est"], 1))
    both(s, ch, sv["top_risk"])


def test_indicator_numbers_match(built_report, report_year):
    ind = values(built_report, report_year, "indicators")
    s, ch = book(built_report, report_year, SUMMARY), book(built_report, report_year, "02-industry.qmd")
    for id_ in ("I06", "I07", "I11", "I12"):
        k = next(r for r in ind["key_table"] if r["id"] == id_)
        both(s, ch, formatting.number(k["value"], k["decimals"]))


def test_recommendation_numbers_match(built_report, report_year):
    rec = values(built_report, report_year, "recommendations")
    s, ch = (
        book(built_report, report_year, SUMMARY),
        book(built_report, report_year, "08-recommendations.qmd"),
    )
    assert rec["top"], "no recommendation selected"
    for r in rec["top"]:
        both(s, ch, r["title"])
        both(s, ch, formatting.percent(r["prevalence"], 1))
