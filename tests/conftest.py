"""Shared test fixtures: the repository root and one end-to-end build of the real report."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# What a build needs from the repository (everything but results, logs and caches).
BUILD_INPUTS = ("Snakefile", "rules", "scripts", "config", "chapters", "report", "data")


def copy_repo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".snakemake"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def snakemake(workdir: Path, *args: str, check: bool = True, env: dict | None = None):
    exe = Path(sys.executable).with_name("snakemake")
    proc = subprocess.run([str(exe), "--cores", "2", *args], cwd=workdir, capture_output=True,
                          text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
    return proc


@pytest.fixture(scope="session")
def built_report(tmp_path_factory):
    """The real report built once from a copy of the repository; returns the copy's root."""
    work = copy_repo(tmp_path_factory.mktemp("build") / "repo")
    snakemake(work)
    return work


@pytest.fixture(scope="session")
def report_year():
    import yaml

    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))["year"]
