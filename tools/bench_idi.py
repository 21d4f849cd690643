"""Benchmark: the IDI Monte Carlo over block weights and the ternary mapping on the committed
demonstration answers (``make bench``): CPU seconds and peak memory.

Usage: ``python -m tools.bench_idi [--draws 1000000] [--repeat 3] [--json]``; reports the best of the
repeats. Memory: the peak of the Monte Carlo's numpy allocations (tracemalloc, in one extra run)
and the process's peak resident memory (ru_maxrss, imports included).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from industry_report.idi import sensitivity as sens  # noqa: E402
from industry_report.idi.codebook import lifecycle_blocks, load_codebook  # noqa: E402
from industry_report.idi.scoring import score_files  # noqa: E402


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON line (for tools/bench.py)")
    a = ap.parse_args(argv)
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = load_codebook(ROOT / "config/idi_codebook.yaml", lifecycle_blocks(lc))
    files = sorted((ROOT / "data/demo/idi_answers").glob("answers_*.csv"))
    years = [int(p.stem.split("_")[1]) for p in files]
    F, A, yrs = sens.stack_years(score_files(files, years, cb), cb.blocks)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    best = float("inf")
    for _ in range(a.repeat):
        t0 = time.process_time()
        sens.monte_carlo(F, A, yrs, draws=a.draws, seed=20261127)
        best = min(best, time.process_time() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    sens.monte_carlo(F, A, yrs, draws=a.draws, seed=20261127)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    row = {
        "draws": a.draws,
        "years": len(yrs),
        "blocks": len(cb.blocks),
        "cpu_s": round(best, 3),
        "peak_alloc_mib": round(peak),
        "peak_rss_mib": round(rss),
        "rss_before_mib": round(rss0),
    }
    out = {"rows": [row]}
    if a.json:
        print(json.dumps(out))
    else:
        print("idi_mc " + ", ".join(f"{k} {v}" for k, v in row.items()))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
