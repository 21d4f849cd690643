"""Benchmark: time the IDI Monte Carlo (10 000 draws over block weights and the ternary mapping) on
the committed demonstration answers and print the seconds (``make bench``).

Usage: ``python -m tools.bench_idi [--draws 10000] [--repeat 3]``; prints the best of the repeats.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from industry_report.idi import sensitivity as sens  # noqa: E402
from industry_report.idi.codebook import lifecycle_blocks, load_codebook  # noqa: E402
from industry_report.idi.scoring import score_files  # noqa: E402


def main(argv=()) -> float:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = load_codebook(ROOT / "config/idi_codebook.yaml", lifecycle_blocks(lc))
    files = sorted((ROOT / "data/demo/idi_answers").glob("answers_*.csv"))
    years = [int(p.stem.split("_")[1]) for p in files]
    F, A, yrs = sens.stack_years(score_files(files, years, cb), cb.blocks)
    best = float("inf")
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        sens.monte_carlo(F, A, yrs, draws=a.draws, seed=20261127)
        best = min(best, time.perf_counter() - t0)
    print(f"idi_mc: {a.draws} draws x {len(yrs)} years x {len(cb.blocks)} blocks: {best:.3f} s")
    return best


if __name__ == "__main__":
    main(sys.argv[1:])
