"""Benchmark: the survey stage at k times the demonstration size (``make bench``).

Usage: ``python -m tools.bench_survey [--sizes 1,10,100] [--json]``.

For each size factor k the demonstration generator (tools/demo_survey.py) makes the data afresh
with the population table's counts and the allocation's sample sizes times k (so the register,
the sample and the responses are about k times the demonstration's); the files are written to a
temporary folder. A separate process then reads them and times, as rule compute_problem_map does,
read_responses, compute_weights and the problem map's estimation (analysis_frame + map_tables); it
reports the seconds of each step and the process's peak memory (ru_maxrss) with the memory it had
after reading the inputs, so the step's own memory is the difference.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def generate(k: int, out: Path) -> int:
    """The demonstration survey with k times the counts; returns the number of responses."""
    import numpy as np
    import pandas as pd

    from industry_report.core.codelists import load_divisions
    from industry_report.core.io import write_csv
    from industry_report.sample.design import SampleDesign, allocate
    from industry_report.sample.selection import select_sample
    from industry_report.survey.questionnaire import load_questionnaire
    from tools import demo_survey as demo

    pop = pd.read_csv(ROOT / "data/raw/enterprises/active_manufacturing_2022.csv")
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    alloc = allocate(pop, SampleDesign())
    pop["population"] *= k
    alloc["population"] *= k
    alloc["sample"] *= k
    alloc.index = pd.RangeIndex(2, len(alloc) + 2)
    register = demo.make_demo_register(
        pop, demo.REGISTER_SEED, load_divisions(ROOT / "config/divisions.yaml").codes
    )
    sample = select_sample(register, alloc, demo.SELECTION_SEED, demo.RESERVE_RATIO)
    resp = demo.respondents(sample, np.random.default_rng(demo.RESPONSE_SEED))
    responses = demo.make_responses(q, resp, demo.RESPONSE_SEED + 1)
    write_csv(register, out / "register.csv")
    write_csv(alloc[["region_code", "size", "population", "sample"]], out / "allocation.csv")
    write_csv(sample, out / "sample.csv")
    write_csv(responses, out / "responses.csv")
    return len(responses)


def measure(folder: Path) -> dict:
    """Seconds of the survey steps on the files in ``folder``, and memory (MiB)."""
    from industry_report.core.validation import read_csv
    from industry_report.sample.frame import REGISTER_SCHEMA
    from industry_report.sample.schemas import ALLOCATION_SCHEMA, SAMPLE_SCHEMA
    from industry_report.survey import problem_map as pm
    from industry_report.survey.questionnaire import load_questionnaire
    from industry_report.survey.responses import read_responses
    from industry_report.survey.weights import compute_weights, respondent_frame

    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    register = read_csv(folder / "register.csv", REGISTER_SCHEMA)
    alloc = read_csv(folder / "allocation.csv", ALLOCATION_SCHEMA)
    sample = read_csv(folder / "sample.csv", SAMPLE_SCHEMA)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = [time.process_time()]
    responses = read_responses(folder / "responses.csv", q, register, sample)
    t.append(time.process_time())
    w = compute_weights(respondent_frame(responses, sample), alloc, "responses.csv")
    t.append(time.process_time())
    a = pm.analysis_frame(w, q)
    pm.map_tables(a, q, sample, alloc, 3, 0.05)
    t.append(time.process_time())
    return {
        "responses": len(responses),
        "read_responses_s": round(t[1] - t[0], 3),
        "compute_weights_s": round(t[2] - t[1], 3),
        "problem_map_s": round(t[3] - t[2], 3),
        "total_s": round(t[3] - t[0], 3),
        "rss_inputs_mib": round(rss0),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100", help="size factors, comma-separated")
    ap.add_argument("--json", action="store_true", help="print one JSON line (for tools/bench.py)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)  # internal: time the files of this folder
    a = ap.parse_args(argv)
    if a.measure:
        print(json.dumps(measure(Path(a.measure))))
        return {}
    rows = []
    for k in (int(x) for x in a.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"bench-survey-{k}x-") as tmp:
            generate(k, Path(tmp))
            proc = subprocess.run(
                [sys.executable, "-m", "tools.bench_survey", "--measure", tmp],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append({"size": f"{k}x", **json.loads(proc.stdout.strip().splitlines()[-1])})
    base = rows[0]["problem_map_s"]
    for r in rows:
        r["problem_map_vs_first"] = round(r["problem_map_s"] / base, 2) if base else None
    out = {"rows": rows}
    if a.json:
        print(json.dumps(out))
    else:
        for r in rows:
            print("survey " + ", ".join(f"{k} {v}" for k, v in r.items()))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
