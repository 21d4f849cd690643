# Shared names for the stage files rules/*.smk (the report year, output folders) and the registries that the
# stage rule files add to (values namespaces for the chapters, figures for the documents).
import os
import subprocess
import sys


# Entry scripts import the package from this checkout (not from wherever it was installed), so a
# copy of the repository builds with its own code.
# PYTHONPATH is set here, not required of the caller (hence no envvars directive).
sys.path.insert(0, workflow.basedir)
os.environ.update(PYTHONPATH=os.pathsep.join(p for p in (workflow.basedir, os.environ.get("PYTHONPATH")) if p))

from industry_report.core.code_deps import code_files  # noqa: E402
from industry_report.core.errors import ConfigError, InputError  # noqa: E402
from industry_report.core.translations import missing_translations, text_files  # noqa: E402
from industry_report.publish.book import checked_chapter_files  # noqa: E402
from industry_report.publish.messages import load_messages  # noqa: E402
from industry_report.publish.publishing import stale as published_stale  # noqa: E402

YEAR = int(config["year"])
RESULTS = f"results/{YEAR}"
LOGS = f"logs/{YEAR}"
# Per-rule run time and memory (the rules' benchmark files, git-ignored; `make bench` summarises them).
BENCHMARKS = f"benchmarks/{YEAR}"
LANGS = list(config["languages"])
# The software of every rule, for `--use-conda` (the usual build runs in the .venv made by `make`).
SOFTWARE = "../envs/report.yaml"

# The words drawn inside the charts, one file per language: the figures are drawn per language
# (results/<year>/<lang>/figures/), from the same tables.
CHART_WORDS = "report/chart-words-{lang}.yml"
# The config files that hold the report's texts of the data, each in every language
# (industry_report/core/translations.py): an edition other than the Kazakh one reads its words there.
TEXT_CONFIG = text_files(workflow.basedir)
try:
    missing_translations(TEXT_CONFIG, LANGS)
except InputError as exc:
    sys.exit(f"ERROR: {exc}")

# Namespace -> JSON file: the Jinja2 context of the chapters. Each stage adds its own.
VALUES = {}
# Figures (PNG) the chapters may show. Each stage adds its own.
FIGURES = []


def svg_beside(*pngs):
    """The SVG that industry_report.publish.chart_style.save writes beside each PNG (an output too)."""
    return [str(p).removesuffix(".png") + ".svg" for group in pngs for p in ([group] if isinstance(group, str) else group)]


def code_of(step):
    """The code of a build step, i.e. its entry script scripts/<step>.py and every module of the
    package that the script imports, directly or not (found from the imports, never listed by hand),
    so that a change to any of them reruns exactly the steps whose computation uses it."""
    script = f"scripts/{step}.py"
    return [script, *code_files(script, workflow.basedir)]


# The book's chapter list, an input of the build: report/_quarto.yml must list exactly the files of
# chapters/<lang>/ (an error names its line, in the editors' language), and the rules that read the
# chapters have it as an input, so editing the list reruns the documents.
BOOK = "report/_quarto.yml"
# The editors' messages of each language (publish/messages.py).
MESSAGES = "report/messages-{lang}.yml"


def _book_chapters():
    try:
        dirs = {f"chapters/{lang}": load_messages(MESSAGES.format(lang=lang)) for lang in LANGS}
        return checked_chapter_files(BOOK, dirs)
    except (ConfigError, InputError) as exc:
        sys.exit(f"ERROR: {exc}")


# Chapter and appendix names in the order report/_quarto.yml gives them.
CHAPTERS = [f.removesuffix(".qmd") for f in _book_chapters()]


def review_value_sources():
    """Namespace -> the values file and the rule that writes it (for numbers.json)."""
    out = {"report": {"file": "config/config.yaml", "rule": None}}
    for ns, path in VALUES.items():
        producer = next((r.name for r in workflow.rules if str(path) in [str(o) for o in r.output]), None)
        out[ns] = {"file": str(path), "rule": producer}
    return out


def git_commit(repo, rev):
    """The full sha of git revision ``rev`` of the repository at ``repo``."""
    proc = subprocess.run(["git", "-C", repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise ValueError(f"review.base {rev!r} is not a commit of the repository at {repo}")
    return proc.stdout.strip()
