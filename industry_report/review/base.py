"""The review's base build: a base git revision built in a temporary worktree (rule review_base).

Steps: `git worktree add --detach <tmp> <sha>`; data/ files the base revision does not have (inputs
that are not committed, or added since) are copied from the current tree, so the base is built with
the same inputs rule as today and committed inputs of the base win; the base's own Snakefile builds
results/<year>/<lang>/national-report.docx (the values files come with it) with SOURCE_DATE_EPOCH set
to the base commit's time (and PYTHONHASHSEED=0 unless set: a stage that iterates a set of strings
then draws the same figure every time); then *today's* registry code renders the base chapters with the base
values (numbers.json, table CSVs, stable Markdown), so both sides are registered the same way. The
worktree is removed afterwards, also on failure.

Output folder (results/<year>/review/base/): meta.json, figures.json (sha256 of each figure),
<lang>/numbers.json, <lang>/tables/, <lang>/markdown/, <lang>/national-report.docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml


def git(repo, *args) -> str:
    from industry_report.core.errors import ConfigError

    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise ConfigError(f"git {' '.join(args)} failed in {repo}: {proc.stderr.strip()}")
    return proc.stdout.strip()


def copy_missing_data(current: Path, base: Path) -> list[str]:
    """Copy files under current/data that base/data lacks; return their relative paths."""
    copied = []
    src_root = current / "data"
    if not src_root.is_dir():
        return copied
    for src in sorted(src_root.rglob("*")):
        if src.is_file():
            rel = src.relative_to(current)
            dst = base / rel
            if not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
                copied.append(str(rel))
    return copied


def build_base(
    repo: Path, rev: str, sha: str, year: int, langs: list[str], out: Path, cores: int, page, log=None
) -> dict:
    """Build revision ``sha`` in a temporary worktree and register its numbers with today's code;
    its tables are laid out on today's ``page`` (publish/page.py), so only content differences show."""
    from industry_report.core.errors import RenderError
    from industry_report.core.io import read_json, write_json
    from industry_report.publish.book import chapter_files
    from industry_report.publish.numbers import register
    from industry_report.review.files import file_hashes

    epoch = int(git(repo, "show", "-s", "--format=%ct", sha))
    tmp = Path(tempfile.mkdtemp(prefix="review-base-"))
    wt = tmp / "src"
    git(repo, "worktree", "add", "--detach", str(wt), sha)
    try:
        copied = copy_missing_data(repo, wt)
        # Since rule publish_report the DOCX is built in <lang>/build/; before, in <lang>/.
        rules = wt / "rules/report.smk"
        staged = rules.is_file() and "publish_report" in rules.read_text(encoding="utf-8")
        built = "build/national-report.docx" if staged else "national-report.docx"
        # an edition the base revision does not have yet (no chapters/<lang>/) has no base to compare
        langs = [lang for lang in langs if (wt / "chapters" / lang).is_dir()]
        targets = [f"results/{year}/{lang}/{built}" for lang in langs]
        exe = Path(sys.executable).with_name("snakemake")
        proc = subprocess.run(
            [str(exe), "--cores", str(cores), "--config", f"year={year}", "--", *targets],
            cwd=wt,
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": "0", **os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
        )
        if log:
            Path(log).write_text(proc.stdout + proc.stderr, encoding="utf-8")
        if proc.returncode != 0:
            raise RenderError(f"building the base revision {rev} ({sha[:12]}) failed:\n{proc.stderr[-4000:]}")
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        results = wt / "results" / str(year)
        value_files = sorted((results / "values").glob("*.json"))
        chapters = chapter_files(wt / "report" / "_quarto.yml")
        # what the base revision's templates read from its own config (the title page's publication)
        base_config = yaml.safe_load((wt / "config" / "config.yaml").read_text(encoding="utf-8")) or {}
        extra = {k: base_config[k] for k in ("publication",) if k in base_config}
        for lang in langs:
            context = {p.stem: read_json(p) for p in value_files}
            context["report"] = {"year": year, "lang": lang, **extra}
            sources = {p.stem: {"file": f"results/{year}/values/{p.name}", "rule": None} for p in value_files}
            register(
                wt / "chapters" / lang,
                chapters,
                context,
                sources,
                year=year,
                lang=lang,
                out_numbers=out / lang / "numbers.json",
                out_tables=out / lang / "tables",
                out_markdown=out / lang / "markdown",
                page=page,
                strict=False,
            )
            shutil.copy2(results / lang / built, out / lang / "national-report.docx")
            # figures per language (results/<year>/<lang>/figures/), or the one set of older revisions
            figures = results / lang / "figures"
            figures = figures if figures.is_dir() else results / "figures"
            write_json(file_hashes(figures.glob("*.png")), out / lang / "figures.json")
        meta = {
            "rev": rev,
            "sha": sha,
            "commit_time": epoch,
            "subject": git(repo, "show", "-s", "--format=%s", sha),
            "data_copied_from_current_tree": copied,
            "chapters": chapters,
        }
        write_json(meta, out / "meta.json")
        return meta
    finally:
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "remove", "--force", str(wt)], capture_output=True
        )
        subprocess.run(["git", "-C", str(repo), "worktree", "prune"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
