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
BUILD_INPUTS = ("Snakefile", "rules", "scripts", "industry_report", "config", "chapters", "report", "data")


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


SURVEY_DEMO = ROOT / "data/demo/survey"
SURVEY_TABLES = dict(response="response", prevalence="problem_prevalence", stages="stage_prevalence",
                     causes="causes", roots="root_causes", models="outcome_models", risks="risks")


def run_survey_stage(results: Path) -> dict:
    """Run the survey steps through their entry points on the demonstration data into ``results``
    (a results/<year> folder); returns the table name -> path of the survey tables."""
    from types import SimpleNamespace as NS

    import pandas as pd

    from scripts import compute_problem_map as run_compute_problem_map

    from scripts import select_survey_sample as run_select_survey_sample
    from industry_report.core.io import write_csv
    from industry_report.sample.design import SampleDesign, allocate

    pop = pd.read_csv(ROOT / "data/raw/enterprises/active_manufacturing_2022.csv")
    write_csv(allocate(pop, SampleDesign()), results / "tables/sample_allocation.csv")
    alloc = str(results / "tables/sample_allocation.csv")
    run_select_survey_sample.main(
        NS(register=str(SURVEY_DEMO / "register.csv"), allocation=alloc,
           regions=str(ROOT / "config/regions.yaml"), divisions=str(ROOT / "config/divisions.yaml")),
        NS(sample=str(results / "fieldwork/survey_sample.csv"),
           xlsx=str(results / "fieldwork/survey_fieldwork.xlsx")),
        NS(seed=20250, reserve_ratio=0.5))
    tables = {k: str(results / f"tables/survey_{v}.csv") for k, v in SURVEY_TABLES.items()}
    run_compute_problem_map.main(
        NS(responses=str(SURVEY_DEMO / "responses.csv"), register=str(SURVEY_DEMO / "register.csv"),
           sample=str(results / "fieldwork/survey_sample.csv"), allocation=alloc,
           questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
           lifecycle=str(ROOT / "config/lifecycle.yaml"), sizes=str(ROOT / "config/size_classes.yaml")),
        NS(weights=str(results / "fieldwork/survey_weights.csv"), values=str(results / "values/survey.json"),
           **tables),
        NS(demo=True, min_cell=3, fdr=0.05, top_problems=3, reserve_ratio=0.5))
    return tables
