"""core.step.logged in a real process: an unexpected error leaves the traceback in the log and one
line on stderr, exit status 1; a project error prints its message; warnings go to the log."""

import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

STEP = textwrap.dedent("""
    import sys, warnings
    from industry_report.core.errors import ConfigError
    from industry_report.core.step import logged

    def main(kind):
        warnings.warn("a warning of the step")
        if kind == "unexpected":
            raise RuntimeError("boom in main")
        if kind == "project":
            raise ConfigError("config/config.yaml: key 'year': expected an integer")

    with logged(sys.argv[1], "demo_rule", inputs=[sys.argv[0]], outputs=[]):
        main(sys.argv[2])
""")


def run(tmp_path, kind):
    script = tmp_path / "entry.py"
    script.write_text(STEP, encoding="utf-8")
    log = tmp_path / "demo_rule.log"
    proc = subprocess.run(
        [sys.executable, str(script), str(log), kind],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    return proc, log.read_text(encoding="utf-8")


def test_unexpected_error_traceback_in_log_one_line_on_stderr(tmp_path):
    proc, log = run(tmp_path, "unexpected")
    assert proc.returncode == 1
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("ERROR")]
    assert errors == [
        f"ERROR in step demo_rule: unexpected RuntimeError: boom in main; the traceback is in "
        f"{tmp_path / 'demo_rule.log'}"
    ]
    assert "Traceback" not in proc.stderr
    assert "Traceback (most recent call last)" in log and 'raise RuntimeError("boom in main")' in log
    assert log.startswith("INFO rule demo_rule") and "WARNING UserWarning: a warning of the step" in log


def test_project_error_message_without_traceback(tmp_path):
    proc, log = run(tmp_path, "project")
    assert proc.returncode == 1
    assert "ERROR in step demo_rule: config/config.yaml: key 'year': expected an integer" in proc.stderr
    assert "Traceback" not in proc.stderr + log


def test_success_logs_done(tmp_path):
    proc, log = run(tmp_path, "ok")
    assert proc.returncode == 0, proc.stderr
    assert log.rstrip().endswith("INFO done") and "read " in log


DISK_FULL_STEP = textwrap.dedent("""
    import resource, subprocess, sys
    from industry_report.core.io import atomic_path, write_text
    from industry_report.core.step import logged

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # what `ulimit -f 4` does
    with logged(sys.argv[1], "demo_rule", outputs=[sys.argv[2]]):
        if sys.argv[3] == "python":  # Python sees EFBIG
            write_text("x" * 100_000, sys.argv[2])
        else:  # a tool (pandoc, typst) is killed by SIGXFSZ
            with atomic_path(sys.argv[2]) as tmp, open(tmp, "wb") as fh:
                subprocess.run(["head", "-c", "100000", "/dev/zero"], stdout=fh, check=True)
""")


@pytest.mark.parametrize("writer", ["python", "tool"])
def test_full_disk_one_clear_line_and_no_half_written_file(tmp_path, writer):
    script = tmp_path / "entry.py"
    script.write_text(DISK_FULL_STEP, encoding="utf-8")
    out = tmp_path / "out" / "table.csv"
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "demo_rule.log"), str(out), writer],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ERROR in step demo_rule: no room to write"), proc.stderr
    assert "file-size limit" in lines[0] and "Traceback" not in proc.stderr
    assert list(out.parent.iterdir()) == []  # neither the file nor its temporary copy
