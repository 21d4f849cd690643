"""`make check` inside `make report`, on the real report: its verdict on the terminal, and a chapter
the check refuses leaves the documents untouched (issues 16 and 17)."""

import hashlib

import pytest

from conftest import CONFIG, ROOT, copy_built, snakemake
from industry_report.publish.messages import load_messages

KK = load_messages(ROOT / "report/messages-kk.yml")


@pytest.fixture(scope="module")
def work(built_report, tmp_path_factory):
    return copy_built(built_report, tmp_path_factory.mktemp("chapter-check") / "repo")


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_make_check_prints_its_verdict_when_there_is_nothing_to_do(work):
    proc = snakemake(work, "check")
    n = len(list((work / "chapters/kk").glob("*.qmd")))
    assert KK("check_passed", folder="chapters/kk", count=n) in proc.stdout + proc.stderr


def test_a_typed_number_stops_the_report_and_keeps_the_documents(work):
    results = work / f"results/{CONFIG['year']}/kk"
    before = {f: _sha(results / f) for f in ("national-report.docx", "national-report.pdf")}
    chapter = work / "chapters/kk/01-introduction.qmd"
    good = chapter.read_text(encoding="utf-8")
    lines = good.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("# ")) + 1  # after the title
    lines.insert(at, "\nЗерттеуге 560 кәсіпорын қатысты.\n")
    chapter.write_text("\n".join(lines), encoding="utf-8")
    try:
        proc = snakemake(work, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0
        line = at + 2
        assert f"chapters/kk/01-introduction.qmd:{line}: " + KK("typed_number", number="560") in out
        assert "Traceback" not in out
        assert {f: _sha(results / f) for f in before} == before
    finally:
        chapter.write_text(good, encoding="utf-8")
