"""`snakemake --lint` finds nothing in the Snakefile and rules/*.smk."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_snakemake_lint_is_clean():
    exe = Path(sys.executable).with_name("snakemake")
    proc = subprocess.run([str(exe), "--lint"], cwd=ROOT, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Lints for" not in out, out[-4000:]
    assert "Congratulations, your workflow is in a good condition!" in out
