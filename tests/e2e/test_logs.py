"""Logs of the shared build (conftest.built_report): every step wrote its log, and the warnings of a
step (here the GLM separation warning of the survey models) are in it."""

import re


def test_every_log_is_written(built_report, report_year):
    logs = sorted((built_report / f"logs/{report_year}").glob("*.log"))
    assert len(logs) >= 18
    empty = [p.name for p in logs if p.stat().st_size == 0]
    assert not empty, empty
    for p in logs:
        text = p.read_text(encoding="utf-8")
        assert text.startswith("INFO rule ") and text.rstrip().endswith("INFO done"), p.name


def test_problem_map_log_has_the_separation_warning(built_report, report_year):
    text = (built_report / f"logs/{report_year}/compute_problem_map.log").read_text(encoding="utf-8")
    assert re.search(r"^WARNING .*GLM_SEPARATION.*separation", text, re.M), text[-2000:]
