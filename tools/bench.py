"""`make bench`: time a cold build, a no-op run and a rebuild after editing one chapter.

Runs in a temporary copy of the repository so that results/ here is not touched. Prints seconds
(wall clock) and the peak memory of the Snakemake process tree; other benchmarks of the project
(tools/bench_*.py) are run after it.
"""

from __future__ import annotations

import importlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("Snakefile", "rules", "scripts", "industry_report", "config", "chapters", "report", "data")


def run(work: Path, *args: str) -> float:
    exe = Path(sys.executable).with_name("snakemake")
    t0 = time.perf_counter()
    subprocess.run(
        [str(exe), "--cores", "all", "--quiet", "all", *args],
        cwd=work,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        for p in PARTS:
            src = ROOT / p
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / p)
        cold = run(work)
        noop = run(work)
        chapter = work / "chapters/kk/01-introduction.qmd"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nБенчмарк сөйлемі.\n", encoding="utf-8")
        one = run(work)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"cold build:               {cold:7.1f} s")
    print(f"no-op run:                {noop:7.1f} s")
    print(f"rebuild after 1 chapter:  {one:7.1f} s")
    print(f"peak memory (one job):    {peak:7.0f} MiB")
    for bench in sorted((ROOT / "tools").glob("bench_*.py")):
        mod = importlib.import_module(f"tools.{bench.stem}")
        if hasattr(mod, "main"):
            mod.main()


if __name__ == "__main__":
    main()
