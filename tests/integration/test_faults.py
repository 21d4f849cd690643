"""Build-level faults (issue 17) on small targets of a copy of the repository, through tools/build.py
(what `make report` runs): a config typo, two builds at once, kill -9 at any point."""

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CONFIG, ROOT, copy_repo

YEAR = CONFIG["year"]
SAMPLE = f"results/{YEAR}/tables/sample_allocation.csv"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)}
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def driver(work: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tools.build", *args],
        cwd=work,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def lines_of(proc: subprocess.Popen) -> list[str]:
    """Collect a process's output lines as they come (in a thread)."""
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    return lines


def test_a_config_typo_shows_the_key_line_and_closest_key_not_the_schema(tmp_path):
    work = copy_repo(tmp_path / "repo")
    config = work / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  margin: 0.04", "  margn: 0.04"), encoding="utf-8")
    line = text.splitlines().index("  margin: 0.04") + 1
    proc = subprocess.run(
        [SNAKEMAKE, "-n", "--config", "year=twenty"], cwd=work, env=ENV, capture_output=True, text=True
    )
    assert proc.returncode == 1
    out = (proc.stdout + proc.stderr).strip().splitlines()
    out = out[out.index("Invalid configuration:") :]
    typo = f"  - config/config.yaml, line {line}, key 'sample.margn': unknown key 'margn'"
    typo += " (did you mean 'margin'?);"
    assert any(ln.startswith(typo) for ln in out), out
    assert "  - the command line (--config), key 'year': expected a whole number, found 'twenty'" in out
    assert len(out) <= 5 and "Traceback" not in proc.stderr and "properties" not in proc.stderr


def test_a_second_build_in_the_same_tree_waits_for_the_first(tmp_path):
    work = copy_repo(tmp_path / "repo")
    (work / ".snakemake").mkdir()
    with open(work / ".snakemake/build.lock", "w") as held:  # a build of this tree is running
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("pid 12345, started 2026-12-01 10:00:00\n")
        held.flush()
        second = driver(work, "--cores", "1", "-n", SAMPLE)
        lines = lines_of(second)
        deadline = time.time() + 60
        while not lines and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        assert lines[:1] == [
            "Another build of this tree is running (pid 12345, started 2026-12-01 10:00:00);"
            " waiting for it to finish...\n"
        ]
        assert second.poll() is None  # still waiting
    assert second.wait(timeout=300) == 0
    assert "The other build has finished; starting.\n" in lines


def _incomplete(work: Path) -> bool:
    d = work / ".snakemake/incomplete"
    return d.is_dir() and any(d.iterdir())


def _locked(work: Path) -> bool:
    d = work / ".snakemake/locks"
    return d.is_dir() and any(d.iterdir())


@pytest.fixture(scope="module")
def clean_sample(tmp_path_factory):
    """The sample-allocation step built once, uninterrupted: the files a recovered build must equal.
    Started here and awaited by the test (``clean_sample()``), so it builds while the test kills and
    recovers its own tree (on a second core)."""
    work = copy_repo(tmp_path_factory.mktemp("clean") / "repo")
    proc = driver(work, "--cores", "1", SAMPLE)
    lines = lines_of(proc)  # drained as they come, so the driver never blocks on a full pipe

    def done() -> Path:
        assert proc.wait(timeout=600) == 0, "".join(lines)
        return work

    yield done
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_after_kill_9_the_next_build_completes_and_gives_the_same_files(tmp_path, clean_sample):
    """Killed while a step runs: Snakemake's lock and the step's incomplete marker are left, and the
    step's process may still be running; the next build waits for it, unlocks and reruns the step."""
    work = copy_repo(tmp_path / "repo")
    first = subprocess.Popen(
        [SNAKEMAKE, "--cores", "1", SAMPLE],
        cwd=work,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 300
    while not _incomplete(work) and time.time() < deadline and first.poll() is None:
        time.sleep(0.05)
    assert first.poll() is None, "the build ended before it could be killed"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert _locked(work)  # Snakemake's lock is left behind
    second = driver(work, "--cores", "1", SAMPLE)
    out = second.communicate(timeout=600)[0]
    assert second.returncode == 0, out
    assert "An earlier build was interrupted: removing its lock (snakemake --unlock)." in out
    assert not _incomplete(work) and not _locked(work)
    clean = clean_sample()
    made = sorted(p.relative_to(clean) for p in (clean / f"results/{YEAR}").rglob("*") if p.is_file())
    assert made and made == sorted(
        p.relative_to(work) for p in (work / f"results/{YEAR}").rglob("*") if p.is_file()
    )
    for rel in made:
        assert (work / rel).read_bytes() == (clean / rel).read_bytes(), rel
