"""Keep the last good report (issues 16 and 17), through tools/build.py as `make report` runs it: a
build that fails after a good one leaves the published DOCX and PDF byte-identical and says so; a
good build ends with a line naming the documents, the PDF's pages and the engine. The Kazakh edition
only (`--config languages=[kk]`): what is kept or published does not depend on the language, and the
Russian DOCX would need a LibreOffice conversion of its own for its page count."""

import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT, copy_built


def make_report(work):
    proc = subprocess.run(
        [sys.executable, "-m", "tools.build", "--report", "--cores", "2", "--config", "languages=[kk]"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"},
    )
    # Snakemake's notice that --config extends config.yaml is the one line the option adds
    lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith("Config file config/")]
    return proc.returncode, lines


def published(work, year):
    kk = work / f"results/{year}/kk"
    return {
        name: (kk / name).read_bytes()
        for name in ("national-report.docx", "national-report.pdf", "published.json")
    }


def test_a_failed_build_leaves_the_previous_documents_byte_identical(built_report, tmp_path, report_year):
    work = copy_built(built_report, tmp_path / "repo")
    before = published(work, report_year)
    chapter = work / "chapters/kk/01-introduction.qmd"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n<< sample.no_such_value | integer >>\n", encoding="utf-8"
    )
    code, lines = make_report(work)
    assert code != 0
    assert any(ln.startswith("FAILED: render_chapter (kk, ") for ln in lines), lines
    kept = f"results/{report_year}/kk/national-report.pdf, results/{report_year}/kk/national-report.docx"
    assert lines[-1] == f"The previous report was kept, unchanged: {kept}"
    assert published(work, report_year) == before
    assert "Traceback" not in "\n".join(lines)


def test_a_good_build_names_the_documents_pages_and_engine(docx_pages_counted, tmp_path, report_year):
    work = copy_built(docx_pages_counted, tmp_path / "repo")
    before = published(work, report_year)
    (work / f"results/{report_year}/kk/national-report.docx").unlink()  # deleted by hand: published again
    code, lines = make_report(work)
    assert code == 0, lines
    assert lines[:-1] == ["[1/2] publish_report (kk)"]
    pdf = f"results/{report_year}/kk/national-report.pdf"
    engine = "quarto" if shutil.which("quarto") else "builtin"
    docx = f"results/{report_year}/kk/national-report.docx"
    # the DOCX's pages from its own properties, LibreOffice's layout, or "not counted" without it
    assert re.fullmatch(
        rf"Report ready: {re.escape(pdf)} \(\d+ pages\), {re.escape(docx)} "
        rf"\((\d+ pages, [^)]+|pages not counted[^)]*)\); engine: {engine}",
        lines[-1],
    ), lines[-1]
    assert published(work, report_year) == before
