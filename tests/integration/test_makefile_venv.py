"""`make` makes .venv anew when its Python is not 3.11 or no longer runs (in a temporary copy of the
Makefile, with stand-in interpreters: pip is never run, the shared environment is not touched)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# A stand-in for python3.11: `-m venv DIR` makes DIR/bin/python, which answers like Python 3.11 and
# records pip calls instead of installing anything.
PYTHON311 = """#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  cat > "$3/bin/python" <<'INNER'
#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "pip $*" >> pip-calls.txt; exit 0; fi
exec {real} "$@"
INNER
  chmod +x "$3/bin/python"
  exit 0
fi
exec {real} "$@"
"""


def fake_venv(work: Path, python: str | None) -> None:
    bin_dir = work / ".venv/bin"
    bin_dir.mkdir(parents=True)
    (work / ".venv/old-environment").write_text("from the old Python")
    (work / ".venv/.installed").write_text("")
    if python is not None:
        (bin_dir / "python").write_text(f"#!/bin/sh\n{python}\n")
        (bin_dir / "python").chmod(0o755)


@pytest.mark.parametrize(
    ("old", "says"),
    [
        ("echo 3.12", "has Python 3.12, not 3.11"),
        ("exit 127", "has Python broken, not 3.11"),
        (None, "broken"),
    ],
    ids=["python-3.12", "python-no-longer-runs", "no-python"],
)
def test_make_recreates_a_venv_of_the_wrong_python(tmp_path, old, says):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    fake_venv(tmp_path, old)
    python311 = tmp_path / "python3.11"
    python311.write_text(PYTHON311.replace("{real}", os.path.realpath(sys.executable)))
    python311.chmod(0o755)
    proc = subprocess.run(
        ["make", "setup", f"PYTHON={python311}"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert says in proc.stdout and "making it anew" in proc.stdout
    assert not (tmp_path / ".venv/old-environment").exists()
    version = subprocess.run(
        [str(tmp_path / ".venv/bin/python"), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
    )
    assert version.stdout.strip() == "(3, 11)"
    assert "install --quiet -c requirements.lock" in (tmp_path / "pip-calls.txt").read_text()
    assert (tmp_path / ".venv/.installed").exists()
    again = subprocess.run(
        ["make", "setup", f"PYTHON={python311}"], cwd=tmp_path, capture_output=True, text=True
    )
    assert "making it anew" not in again.stdout  # a fitting .venv is kept
