"""Shared test fixtures: the repository root, the build configuration, and one end-to-end build of
the real report (``built_report``, made once per session and shared by every test in tests/e2e).

Layers: tests/unit (functions on small data), tests/integration (entry points, chapters, one
Snakemake rule or a dry run; no full build), tests/e2e (the full build). Every test under tests/e2e
is marked ``e2e`` here, so ``-m "not e2e"`` and the folder select the same tests (`make test-fast`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# What a build needs from the repository (everything but results, logs and caches).
BUILD_INPUTS = (
    "Snakefile",
    "rules",
    "envs",
    "scripts",
    "industry_report",
    "config",
    "chapters",
    "report",
    "data",
)
# The build configuration: tests take seeds and parameters from here, never a copy of them.
CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))

# Letters of the Kazakh alphabet that Russian lacks. The Russian edition prints none of them except
# in the official Russian names that keep them (область Жетісу, область Ұлытау: config/regions.yaml).
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
OFFICIAL_RU_WORDS = sorted(
    {
        w
        for r in yaml.safe_load((ROOT / "config" / "regions.yaml").read_text(encoding="utf-8"))["regions"]
        for w in r["name_ru"].split()
        if KAZAKH_LETTERS.search(w)
    }
)


def kazakh_letters(text: str):
    """The Kazakh letters of a Russian text outside the official names (matches, in order)."""
    for w in OFFICIAL_RU_WORDS:
        text = re.sub(rf"(?<!\w){re.escape(w)}(?!\w)", " " * len(w), text)
    return list(KAZAKH_LETTERS.finditer(text))


# The inputs and outputs of rule compute_indicators (rules/indicators.smk), for calling its entry point.
_RAW = ROOT / "data/raw"


def _indicator_inputs():
    from industry_report.indicators.files import ddf_inputs

    return dict(
        regions=ROOT / "config/regions.yaml",
        catalogue=ROOT / CONFIG["indicators"]["registry"],
        division_list=ROOT / "config/divisions.yaml",
        gva=_RAW / "bns/dims/gva_nominal_by_section.csv",
        divisions=_RAW / "bns/dims/gva_nominal_industry_divisions.csv",
        population=_RAW / "bns/dims/population_avg_by_region.csv",
        output=_RAW / "bns/dims/output_by_region_section.csv",
        investment_section=_RAW / "bns/dims/investment_by_section.csv",
        employment_section=_RAW / "bns/dims/employed_by_section.csv",
        gva_region=_RAW / "bns/dims/gva_nominal_by_region_section.csv",
        grp_region=_RAW / "bns/dims/grp_nominal_by_region.csv",
        investment_region=_RAW / "bns/dims/investment_by_region.csv",
        ipi=_RAW / "bns/dims/industrial_production_index_by_activity.csv",
        compensation=_RAW / "bns/dims/income_compensation_by_section.csv",
        other_taxes=_RAW / "bns/dims/income_other_taxes_by_section.csv",
        usd_rate=_RAW / "bns/dims/exchange_rates_official_monthly.USD.csv",
        exports=_RAW / "bns/national/exports.csv",
        wage=_RAW / "bns/national/avg_wage.csv",
        enterprises=_RAW / "order-260-annex1/active_manufacturing_enterprises_2022.csv",
        **ddf_inputs(_RAW),
    )


INDICATOR_INPUTS = _indicator_inputs()
INDICATOR_OUTPUTS = ("table", "context", "sectors", "regions", "world", "peers", "mht", "ipi_total", "values")


def pytest_collection_modifyitems(config, items):
    e2e = ROOT / "tests" / "e2e"
    for item in items:
        if Path(str(item.fspath)).is_relative_to(e2e):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)


def sample_design():
    """The sample design of config/config.yaml (what rule compute_sample_allocation passes on)."""
    from industry_report.sample.design import SampleDesign

    d = CONFIG["sample"]
    return SampleDesign(
        confidence=d["confidence"],
        p=d["p"],
        margin=d["margin"],
        min_per_stratum=d["min_per_stratum"],
        min_total=d["min_total"],
        method=d["allocation"],
        fraction_decimals=d["fraction_decimals"],
    )


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
    proc = subprocess.run(
        [str(exe), "--cores", "2", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", **(env or {})},
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
        )
    return proc


@pytest.fixture(scope="session")
def built_report(tmp_path_factory):
    """The real report built once from a copy of the repository; returns the copy's root. Tests that
    change files work on ``copy_built(built_report, ...)`` instead, so the others see this build."""
    work = copy_repo(tmp_path_factory.mktemp("build") / "repo")
    snakemake(work, env={"PYTHONHASHSEED": "0"})
    return work


@pytest.fixture(scope="session")
def libreoffice_pdf(tmp_path_factory):
    """``convert(docx) -> pdf``: a DOCX laid out by LibreOffice (~40 s a document), converted once per
    session for each content (SHA-256), so every test that looks at Word's pages shares one conversion.
    With a profile of its own, so another LibreOffice running on the machine does not block it."""
    import hashlib

    folder = tmp_path_factory.mktemp("libreoffice")
    done: dict[str, Path] = {}

    def convert(docx: Path) -> Path:
        sha = hashlib.sha256(Path(docx).read_bytes()).hexdigest()
        if sha not in done:
            out = folder / sha[:16]
            out.mkdir()
            exe = shutil.which("soffice") or shutil.which("libreoffice")
            subprocess.run(
                [exe, f"-env:UserInstallation=file://{out}/profile", "--headless", "--norestore"]
                + ["--convert-to", "pdf", "--outdir", str(out), str(docx)],
                check=True,
                capture_output=True,
                timeout=600,
            )
            done[sha] = out / f"{Path(docx).stem}.pdf"
        return done[sha]

    return convert


@pytest.fixture(scope="session")
def docx_pages_counted(built_report, libreoffice_pdf):
    """The shared build with the Kazakh DOCX's pages counted (docx-pages.json, what `make report`
    writes after a build) from the session's one LibreOffice conversion: the copies' `make report`
    runs find the count instead of converting the document again."""
    from pypdf import PdfReader

    from tools.build import report_lines

    def count(docx):
        return len(PdfReader(libreoffice_pdf(docx)).pages) if shutil.which("libreoffice") else None

    report_lines(built_report, {**CONFIG, "languages": ["kk"]}, count=count)
    return built_report


_PDF_TEXTS: dict[str, list[str]] = {}


def pdf_page_texts(pdf) -> list[str]:
    """The text of each page of a PDF as pypdf extracts it (``page.extract_text()``), extracted once per
    content in a session: the report's PDF takes pypdf about 20 s of CPU, and a dozen tests read it."""
    import hashlib
    import io

    from pypdf import PdfReader

    data = Path(pdf).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if sha not in _PDF_TEXTS:
        _PDF_TEXTS[sha] = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
    return list(_PDF_TEXTS[sha])


def pdf_squashed_pages(pdf) -> list[str]:
    """review.locate.pdf_pages (each page's text without whitespace) from the session's extraction."""
    from industry_report.review.locate import _squash

    return [_squash(t) for t in pdf_page_texts(pdf)]


@pytest.fixture(scope="session")
def reference_book(tmp_path_factory):
    """A copy of the Quarto reference book (tests/fixtures/quarto-reference) with its figure under
    figures/, the only image path the report's crossref filter accepts. Tests that change it copy it."""
    ref = ROOT / "tests/fixtures/quarto-reference"
    d = tmp_path_factory.mktemp("refbook")
    for f in ("index.qmd", "tarau1.qmd", "tarau2.qmd", "_quarto.yml"):
        shutil.copy(ref / f, d / f)
    (d / "figures").mkdir()
    shutil.copy(ref / "suret.png", d / "figures/suret.png")
    text = (d / "tarau2.qmd").read_text(encoding="utf-8")
    (d / "tarau2.qmd").write_text(text.replace("](suret.png)", "](figures/suret.png)"), encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def reference_docx(tmp_path_factory):
    """The DOCX reference document of the report's page geometry (report/page.yml)."""
    from industry_report.publish.page import load_page
    from industry_report.publish.reference_docx import build_reference

    out = tmp_path_factory.mktemp("ref") / "reference.docx"
    build_reference(out, load_page(ROOT / "report/page.yml"))
    return out


def copy_built(src: Path, dest: Path) -> Path:
    """A copy of a built tree with its results, logs and Snakemake's records (timestamps kept), so that
    Snakemake in the copy reruns only what a change there needs."""
    shutil.copytree(src, dest, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture(scope="session")
def report_year():
    return CONFIG["year"]


@pytest.fixture(scope="session")
def survey_stage(tmp_path_factory):
    """The survey steps run once per session (run_survey_stage): (results/<year> folder, tables)."""
    results = tmp_path_factory.mktemp("survey") / f"results/{CONFIG['year']}"
    return results, run_survey_stage(results)


SURVEY_DEMO = ROOT / "data/demo/survey"
SURVEY_TABLES = dict(
    response="response",
    prevalence="problem_prevalence",
    stages="stage_prevalence",
    causes="causes",
    roots="root_causes",
    models="outcome_models",
    risks="risks",
)


def run_survey_stage(results: Path) -> dict:
    """Run the survey steps through their entry points on the demonstration data into ``results``
    (a results/<year> folder); returns the table name -> path of the survey tables."""
    from types import SimpleNamespace as NS

    import pandas as pd

    from industry_report.core.io import write_csv
    from industry_report.sample.design import allocate
    from scripts import compute_problem_map as run_compute_problem_map
    from scripts import select_survey_sample as run_select_survey_sample

    survey = CONFIG["survey"]
    pop = pd.read_csv(ROOT / CONFIG["sample"]["population_file"])
    write_csv(allocate(pop, sample_design()), results / "tables/sample_allocation.csv")
    alloc = str(results / "tables/sample_allocation.csv")
    run_select_survey_sample.main(
        NS(
            register=str(ROOT / survey["register_file"]),
            population=str(ROOT / CONFIG["sample"]["population_file"]),
            allocation=alloc,
            regions=str(ROOT / "config/regions.yaml"),
            divisions=str(ROOT / "config/divisions.yaml"),
        ),
        NS(
            sample=str(results / "fieldwork/survey_sample.csv"),
            xlsx=str(results / "fieldwork/survey_fieldwork.xlsx"),
        ),
        NS(seed=survey["selection_seed"], reserve_ratio=survey["reserve_ratio"]),
    )
    tables = {k: str(results / f"tables/survey_{v}.csv") for k, v in SURVEY_TABLES.items()}
    run_compute_problem_map.main(
        NS(
            responses=str(ROOT / survey["responses_file"]),
            register=str(ROOT / survey["register_file"]),
            population=str(ROOT / CONFIG["sample"]["population_file"]),
            sample=str(results / "fieldwork/survey_sample.csv"),
            allocation=alloc,
            questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            sizes=str(ROOT / "config/size_classes.yaml"),
            regions=str(ROOT / "config/regions.yaml"),
            instruments=str(ROOT / "config/instruments.yaml"),
        ),
        NS(
            weights=str(results / "fieldwork/survey_weights.csv"),
            fieldwork=str(results / "tables/survey_fieldwork.csv"),
            values=str(results / "values/survey.json"),
            **tables,
        ),
        NS(
            **{k: survey[k] for k in ("demo", "min_cell", "fdr", "root_cause_top_k", "reserve_ratio")},
            confidence=CONFIG["sample"]["confidence"],
        ),
    )
    return tables
