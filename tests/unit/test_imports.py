"""Heavy libraries are imported only by the jobs that use them (issue 19): most jobs of a build are
little more than their imports, so a chapter job that loaded pandas, or a chart job that loaded
statsmodels for one constant, would pay for it on every edit."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "scipy", "statsmodels", "svy", "polars")


def entry_modules(script: str) -> list[str]:
    """The modules an entry script imports (anywhere in it, as its main() does)."""
    tree = ast.parse((ROOT / "scripts" / f"{script}.py").read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return sorted(out)


def loaded(modules: list[str]) -> list[str]:
    """The heavy libraries in sys.modules after importing ``modules`` in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_detector_sees_a_heavy_import():
    assert loaded(["industry_report.survey.problem_map"]) != []


@pytest.mark.parametrize(
    "script", ["render_chapter", "register_values", "render_book_config", "build_document"]
)
def test_chapter_and_document_jobs_load_no_data_library(script):
    modules = entry_modules(script)
    assert loaded(modules) == [], f"scripts/{script}.py imports {loaded(modules)}"


def test_the_templating_modules_load_no_data_library():
    mods = [
        "industry_report.publish.templating",
        "industry_report.core.formatting",
        "industry_report.publish.context",
    ]
    assert loaded(mods) == []


@pytest.mark.parametrize("script", sorted(p.stem for p in (ROOT / "scripts").glob("plot_*.py")))
def test_chart_jobs_load_no_statistics_library(script):
    heavy = [m for m in loaded(entry_modules(script)) if m in ("scipy", "statsmodels", "svy")]
    assert heavy == [], f"scripts/{script}.py imports {heavy} (a chart needs none)"
