"""The terminal of `make report` (tools/build.py): one line per step with the progress, the messages
of a failing step, warnings from the steps' logs repeated at the end, the documents and their pages.
The Snakemake output replayed here was recorded from Snakemake 9.27 (tests/fixtures/snakemake-output:
a full build of this project, and a toy workflow whose second step fails)."""

import io
import json

import pytest

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


def _manifest(tmp_path, docx_pages=None):
    kk = tmp_path / "results/2025/kk"
    kk.mkdir(parents=True, exist_ok=True)
    files = [
        {
            "path": "results/2025/kk/national-report.docx",
            "format": "docx",
            "engine": "builtin",
            "pages": docx_pages,
            "sha256": "ab" * 32,
        },
        {"path": "results/2025/kk/national-report.pdf", "format": "pdf", "engine": "builtin", "pages": 62},
    ]
    (kk / "published.json").write_text(json.dumps({"files": files}))
    return {"year": 2025, "languages": ["kk"]}


def test_the_last_line_names_the_documents_pages_and_engine(tmp_path):
    config = _manifest(tmp_path, docx_pages=None)
    counted = []

    def count(path):
        counted.append(path)
        return 71

    line = (
        "Report ready: results/2025/kk/national-report.pdf (62 pages), results/2025/kk/national-report.docx"
        " (71 pages, LibreOffice layout); engine: builtin"
    )
    assert build.report_lines(tmp_path, config, count) == [line]
    assert counted == [tmp_path / "results/2025/kk/national-report.docx"]
    # The same DOCX again: its count is remembered, LibreOffice is not run a second time.
    assert build.report_lines(tmp_path, config, count) == [line]
    assert len(counted) == 1


def test_a_written_docx_page_count_is_used_and_said_so(tmp_path):
    config = _manifest(tmp_path, docx_pages=40)
    line = build.report_lines(tmp_path, config, lambda p: pytest.fail("no conversion needed"))[0]
    assert "national-report.docx (40 pages, from the document's properties)" in line


def test_without_libreoffice_the_docx_pages_are_not_counted(tmp_path):
    line = build.report_lines(tmp_path, _manifest(tmp_path), lambda p: None)[0]
    assert "national-report.docx (pages not counted: no LibreOffice to lay it out)" in line


def _docx(path, app: bytes):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("docProps/app.xml", app)
    return path


def test_docx_written_pages_ignores_the_reference_documents_copy(tmp_path):
    from industry_report.publish.publishing import docx_written_pages

    template = b"<Properties><Words>83</Words><Pages>1</Pages></Properties>"
    ref = _docx(tmp_path / "reference.docx", template)
    pandoc = _docx(tmp_path / "pandoc.docx", template)  # pandoc copies the reference's app.xml
    saved = _docx(tmp_path / "saved.docx", b"<Properties><Words>31000</Words><Pages>74</Pages></Properties>")
    assert docx_written_pages(pandoc, ref) is None
    assert docx_written_pages(saved, ref) == 74
    assert docx_written_pages(_docx(tmp_path / "none.docx", b"<Properties/>"), ref) is None


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
