"""The terminal of `make report` (tools/build.py): one line per step with the progress, the messages
of a failing step, warnings from the steps' logs repeated at the end, the documents and their pages.
The Snakemake output replayed here was recorded from Snakemake 9.27 (tests/fixtures/snakemake-output:
a full build of this project, and a toy workflow whose second step fails)."""

import io
import json

from conftest import ROOT
from tools import build

OUTPUT = ROOT / "tests/fixtures/snakemake-output"


def replay(name):
    out = io.StringIO()
    term = build.Terminal(out)
    for line in (OUTPUT / name).read_text(encoding="utf-8").splitlines(keepends=True):
        term.feed(line)
    term.close()
    return term, out.getvalue().splitlines()


def test_a_build_prints_one_line_per_step_and_warnings_from_the_logs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logs/2025").mkdir(parents=True)
    (tmp_path / "logs/2025/compute_problem_map.log").write_text(
        "INFO rule compute_problem_map\n"
        "WARNING SvyUserWarning: outcome separated (problem_map.py:10)\n"
        "INFO done\n"
    )
    term, lines = replay("build.txt")
    steps = [ln for ln in lines if ln.startswith("[")]
    assert len(steps) == 32  # 33 jobs, one of them the target rule `all`
    assert steps[0] == "[ 1/33] compute_indicators"
    assert "[ 8/33] compute_problem_map  (1 warning)" in steps
    assert any(ln.startswith("[") and "render_chapter (kk, " in ln for ln in lines)
    assert lines == steps  # nothing else: no banner, job blocks, statistics or live warning lines
    assert term.warnings == [("compute_problem_map", "SvyUserWarning: outcome separated (problem_map.py:10)")]


def test_a_failed_step_shows_its_message_and_log_and_nothing_of_snakemake(tmp_path):
    term, lines = replay("failed.txt")
    assert lines == [
        "[1/3] a",
        "ERROR in step b: Invalid input file x.csv:",
        "  - row 3, column a: expected a number",
        "FAILED: b (log: logs/b.log)",
    ]
    assert [j.rule for j in term.failed] == ["b"]


def test_an_error_of_snakemake_itself_is_printed():
    out = io.StringIO()
    term = build.Terminal(out)
    for line in ["Building DAG of jobs...", "WorkflowError:", "Target rules may not contain wildcards.", ""]:
        term.feed(line)
    assert out.getvalue().splitlines() == ["WorkflowError:", "Target rules may not contain wildcards."]


def test_the_last_line_names_the_documents_pages_and_engine(tmp_path):
    kk = tmp_path / "results/2025/kk"
    kk.mkdir(parents=True)
    files = [
        {
            "path": "results/2025/kk/national-report.docx",
            "format": "docx",
            "engine": "builtin",
            "pages": None,
        },
        {"path": "results/2025/kk/national-report.pdf", "format": "pdf", "engine": "builtin", "pages": 62},
    ]
    (kk / "published.json").write_text(json.dumps({"files": files}))
    assert build.report_lines(tmp_path, {"year": 2025, "languages": ["kk"]}) == [
        "Report ready: results/2025/kk/national-report.pdf (62 pages), results/2025/kk/national-report.docx;"
        " engine: builtin"
    ]


def test_the_year_and_languages_follow_the_command_line(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config/config.yaml").write_text("year: 2025\nlanguages: [kk]\n")
    (tmp_path / "other.yaml").write_text("languages: [kk, ru]\n")
    args = ["--cores", "all", "--configfile", "other.yaml", "--config", "year=2024", "review={base: HEAD}"]
    config = build.build_config(args, tmp_path)
    assert (
        config["year"] == 2024
        and config["languages"] == ["kk", "ru"]
        and config["review"] == {"base": "HEAD"}
    )
