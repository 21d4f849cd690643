"""Code inputs on a copy of the shared build (conftest.built_report): editing a module reruns exactly
the rules
whose entry scripts import it, directly or through other modules, and what depends on their outputs.
The expectations are facts read from the entry scripts, not computed with core.code_deps."""

import os
import re

import pytest

from conftest import copy_built, snakemake

# The rules of a full build that run an entry script (all of them but the `all` target).
BUILD_RULES = {
    "compute_sample_allocation",
    "plot_sample_allocation",
    "compute_indicators",
    "plot_indicators",
    "select_survey_sample",
    "compute_problem_map",
    "plot_survey_figures",
    "score_idi",
    "compute_idi_sensitivity",
    "compute_idi_regression",
    "collect_idi_values",
    "plot_idi",
    "compute_recommendations",
    "build_reference_docx",
    "render_chapter",
    "render_book_config",
    "build_document",
    "register_values",
    "check_chapters",
    "check_edition_inputs",
    "compute_idi_experts",
    "publish_report",
    "build_statistical_annex",
}


@pytest.fixture(scope="module")
def tree(built_report, tmp_path_factory):
    return copy_built(built_report, tmp_path_factory.mktemp("code-inputs") / "repo")


def plan_after_touching(work, rel):
    """(rules whose reason is the edited file, every rule planned) in a dry run after ``rel`` is edited (a
    comment appended: Snakemake compares the checksum of a small input, so a newer time alone is not a
    change); the file's bytes and time are put back afterwards."""
    path = work / rel
    st, text = path.stat(), path.read_bytes()
    path.write_bytes(text + b"\n# edited by tests/e2e/test_code_inputs.py\n")
    try:
        proc = snakemake(work, "-n", "--rerun-triggers", "mtime")
    finally:
        path.write_bytes(text)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    # each planned job: "rule <name>:" ... "reason: Updated input files: <files>; Input files updated ..."
    jobs = re.findall(r"^(?:local)?rule (\w+):\n(?:\s+\w+:.*\n)*?\s+reason: (.*)$", proc.stdout, re.M)
    planned = {name for name, _ in jobs} - {"all"}
    direct = {
        name for name, reason in jobs if re.search(rf"Updated input files: [^;]*\b{re.escape(rel)}\b", reason)
    }
    return direct, planned


def test_nothing_to_do_on_the_copy(tree):
    proc = snakemake(tree, "-n", "--rerun-triggers", "mtime")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_idi_sensitivity_module(tree):
    direct, planned = plan_after_touching(tree, "industry_report/idi/sensitivity.py")
    assert direct == {"compute_idi_sensitivity"}
    # its outputs feed the IDI values, the figures and the documents
    assert {"collect_idi_values", "plot_idi", "render_chapter", "build_document"} <= planned
    assert not planned & {
        "compute_indicators",
        "score_idi",
        "compute_idi_regression",
        "compute_sample_allocation",
        "compute_problem_map",
        "select_survey_sample",
    }


def test_indicator_sectors_module(tree):
    direct, planned = plan_after_touching(tree, "industry_report/indicators/sectors.py")
    assert direct == {"compute_indicators"}
    assert {"plot_indicators", "compute_idi_regression", "collect_idi_values", "build_document"} <= planned
    assert not planned & {
        "score_idi",
        "compute_idi_sensitivity",
        "compute_sample_allocation",
        "compute_problem_map",
    }


def test_errors_module_reruns_every_computing_rule(tree):
    direct, planned = plan_after_touching(tree, "industry_report/core/errors.py")
    assert planned == BUILD_RULES
    # Snakemake names only one reason per job: a job below another rerun job shows that one, so the
    # code change is visible on the jobs that read no other job's output
    assert direct == {
        "compute_sample_allocation",
        "compute_indicators",
        "compute_idi_sensitivity",
        "build_reference_docx",
        "check_edition_inputs",
        "compute_idi_experts",
    }


def test_one_entry_script(tree):
    direct, planned = plan_after_touching(tree, "scripts/plot_idi.py")
    assert direct == {"plot_idi"}
    assert "collect_idi_values" not in planned and "build_document" in planned
