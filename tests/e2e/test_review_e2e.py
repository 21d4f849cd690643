"""`make diff` end to end (issue 6, "Done means"): in a git copy of the shared build (conftest.built_report,
so the working tree rebuilds only what the change needs), change one input number (an official
statistics series) and one sentence, commit, build the review bundle against the previous commit,
and find exactly that number in the changelog, that sentence in the word diff, and matching w:ins /
w:del in the redline DOCX. The smallest pair of trees that shows it: the base commit is the shared
build's own tree (its DOCX, built again cold by the review, is the shared build's byte for byte), the
head differs by that number and that sentence; the Kazakh edition only. The bundle is deterministic:
forcing the bundle step again (same base) gives identical files."""

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_built, pdf_squashed_pages, snakemake
from industry_report.review.changelog import FIELDS, size
from industry_report.review.locate import _squash as squash
from industry_report.review.redline import tracked_text

pytestmark = pytest.mark.slow

# The survey cause graphs depend on Python's string-hash seed (set iteration order), so the build is
# byte-identical only with a fixed seed; the review bundle itself is deterministic either way.
ENV = {"PYTHONHASHSEED": "0"}
KK = ("--config", "languages=[kk]", "review={base: HEAD~1}")

# What the lead adds to the Snakefile, config.yaml and schema.yaml (applied here when absent).
INCLUDE = 'include: "rules/review.smk"'
SCHEMA = """  review:
    type: object
    additionalProperties: false
    properties:
      base: {type: string, default: HEAD}
      strict_registry: {type: boolean, default: false}
"""


def git(work, *args, env=None):
    return subprocess.run(
        ["git", "-C", str(work), "-c", "user.name=Test", "-c", "user.email=t@example.kz", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout


# The base commit is dated at the shared build's SOURCE_DATE_EPOCH (conftest.snakemake), so the review
# builds the base revision as the shared build was built: the same DOCX bytes, cold, in another folder.
EPOCH = "@1767225600 +0000"


def prepare(work: Path) -> None:
    snakefile = work / "Snakefile"
    text = snakefile.read_text(encoding="utf-8")
    if INCLUDE not in text:
        text = text.replace('include: "rules/report.smk"', 'include: "rules/report.smk"\n' + INCLUDE)
        snakefile.write_text(text, encoding="utf-8")
    schema = work / "config/schema.yaml"
    if "review" not in yaml.safe_load(schema.read_text(encoding="utf-8"))["properties"]:
        schema.write_text(schema.read_text(encoding="utf-8").rstrip("\n") + "\n" + SCHEMA, encoding="utf-8")
    shutil.copy2(ROOT / ".gitignore", work / ".gitignore")
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "base", env={"GIT_AUTHOR_DATE": EPOCH, "GIT_COMMITTER_DATE": EPOCH})


# The input number: the last value of the average-wage series (official statistics, stage 1). It
# feeds the key-indicators table (and the IDI regressions that use that indicator), not the sample.
NUMBER_FILE = "data/raw/bns/national/avg_wage.csv"


def change_one_number(work: Path) -> tuple[float, float]:
    path = work / NUMBER_FILE
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    date, value, rest = lines[-1].split(",", 2)
    old = float(value)
    new = old + 10000.0
    lines[-1] = f"{date},{new},{rest}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return old, new


def change_one_sentence(work: Path) -> tuple[str, str]:
    """Insert the word 'ресми' into the first plain prose line of chapter 1 (no values on it)."""
    path = work / "chapters/kk/01-introduction.qmd"
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(
        i
        for i, ln in enumerate(lines)
        if re.match(r"^[А-ЯӘҒҚҢӨҰҮҺІ]", ln) and "<<" not in ln and len(ln.split()) >= 5
    )
    words = lines[i].split(" ")
    old_line = lines[i]
    words.insert(2, "ресми")
    lines[i] = " ".join(words)
    path.write_text("\n".join(lines), encoding="utf-8")
    return old_line, lines[i]


def bundle_files(work: Path, year) -> dict:
    review = work / f"results/{year}/review"
    return {
        str(p.relative_to(review)): p.read_bytes()
        for p in sorted(review.rglob("*"))
        if p.is_file() and p.name != ".snakemake_timestamp"
    }


def test_review_bundle_between_two_commits(built_report, tmp_path, report_year):
    work = copy_built(built_report, tmp_path / "repo")
    prepare(work)
    old, new = change_one_number(work)
    old_line, new_line = change_one_sentence(work)
    git(work, "commit", "-qam", "one number and one sentence")

    # The Kazakh edition only: the review's base is a full pipeline built cold from git, and what the
    # bundle finds does not depend on the language (test_report_e2e compares the editions' numbers).
    snakemake(work, "review", *KK, env=ENV)
    out = work / f"results/{report_year}/review/kk"

    # determinism of the whole pipeline: the base revision (this tree, built again from scratch in a
    # temporary git worktree) gave the shared build's DOCX, byte for byte
    base_docx = (work / f"results/{report_year}/review/base/kk/national-report.docx").read_bytes()
    assert base_docx == (built_report / f"results/{report_year}/kk/build/national-report.docx").read_bytes()

    # the changelog: that input number, old and new (the stage may keep it in thousands), printed
    text = (out / "numbers-changelog.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # Excel shows the Cyrillic right only with a BOM
    field = {h: f for f, h in FIELDS}
    rows = [{field[k]: v for k, v in r.items()} for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    assert rows and all(r["status_kk"] == "өзгерді" for r in rows)
    # the first row is the largest change of a value printed in the report
    printed_rows = [r for r in rows if r["group"] == "1"]

    def rel(r):
        return size(
            {
                "status": "changed",
                "rel_change": float(r["rel_change"]) if r["rel_change"] else None,
                "abs_change": r["abs_change"] or None,
            }
        )

    visible = [r for r in printed_rows if r["old_text"] != r["new_text"]]  # the printed text changed
    assert rows[0] is printed_rows[0] is visible[0] and rel(rows[0]) == max(rel(r) for r in visible)
    assert rows[0]["place"] and rows[0]["label"]  # a table/figure/section number and a Kazakh label

    def is_the_number(r, scale):
        try:
            a, b = float(r["old"]), float(r["new"])
        except ValueError:
            return False
        return a == pytest.approx(old * scale) and b == pytest.approx(new * scale)

    hits = [r for r in rows for scale in (1, 1e-3) if is_the_number(r, scale)]
    printed = [r for r in hits if r["group"] == "1"]
    assert printed, rows
    row = printed[0]
    assert float(row["rel_change"]) == pytest.approx(10000.0 / old)
    assert row["source"] == "compute_indicators" and row["old_text"] and row["new_text"]
    assert row["place"] and row["label"]  # where it is printed, in Kazakh
    line = next(
        ln
        for ln in (out / "numbers-changelog.md").read_text(encoding="utf-8").split("\n")
        if f"`{row['key']}`" in ln
    )
    assert line.endswith(f"`{row['key']}` |") and row["place"] in line  # the internal key comes last
    assert "кесте" in (out / "tables-diff.md").read_text(encoding="utf-8")
    # only values computed from that series changed: the sample design does not read it
    assert not any(r["key"].startswith("sample.") for r in rows)

    # the word diff: that sentence, with exactly the inserted word
    diff = (out / "word-diff.md").read_text(encoding="utf-8")
    assert "{+ресми +}" in diff
    assert re.sub(
        r"\{\+ресми \+\}", "", next(ln for ln in diff.split("\n") if "{+ресми +}" in ln)
    ).startswith(old_line.strip()[:30])

    # the redline: w:ins / w:del for the sentence and the number
    tracked = tracked_text((out / "redline.docx").read_bytes())
    assert any("ресми" in t for t in tracked["ins"])
    texts_new, texts_old = row["new_text"].split("; "), row["old_text"].split("; ")
    assert any(t in tracked["ins"] for t in texts_new) and any(t in tracked["del"] for t in texts_old)

    # tracked changes are signed by the author of the commit (git), not by a fixed name
    with zipfile.ZipFile(out / "redline.docx") as z:
        assert 'w:author="Test"' in z.read("word/document.xml").decode("utf-8")
    # `make diff` rebuilt the PDF too (the one it reads the pages from): it prints the new sentence,
    # its words around the inserted one, which the shared build's PDF does not (the word alone is common)
    inserted = squash(" ".join(new_line.split(" ")[:4]))
    pdf = f"results/{report_year}/kk/build/national-report.pdf"
    assert any(inserted in p for p in pdf_squashed_pages(work / pdf))
    assert not any(inserted in p for p in pdf_squashed_pages(built_report / pdf))

    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "| Өзгерген абзацтар |" in summary and "`HEAD~1`" in summary
    # the temporary worktree is gone
    assert len(git(work, "worktree", "list").strip().split("\n")) == 1

    # determinism: the bundle step forced again on the same base writes the same bytes
    first = bundle_files(work, report_year)
    snakemake(work, "review", *KK, "--forcerun", "review_bundle", env=ENV)
    assert bundle_files(work, report_year) == first
