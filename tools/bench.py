"""`make bench`: CPU and wall seconds of a cold build, a no-op run and a one-chapter edit.

Usage: ``python -m tools.bench [--runs 3] [--cores 1] [--no-scale] [--out results/bench]``.

Each figure is the median of ``--runs`` runs. CPU seconds are the rusage of the Snakemake process
and every job it started (RUSAGE_CHILDREN), so they hold on a loaded machine where wall seconds do
not. Every cold build starts from a fresh copy of the working tree (tracked and untracked files,
not the git-ignored ones) in a temporary folder, so results/ here is never touched. A one-chapter
edit appends a sentence to the introduction and rebuilds both documents; the rules it ran are
listed with their CPU seconds (from the `benchmark:` files of the rules, benchmarks/<year>/*.tsv),
as are the rules of the cold build that cost most. When `quarto` is on PATH, the documents are
built once more with each engine and the ratio Quarto / built-in is reported.

Then the scale benchmarks run (tools/bench_survey.py: the survey at 1x, 10x, 100x;
tools/bench_idi.py: the Monte Carlo at 10^6 draws), each in its own process for its peak memory.

A JSON record (UTC timestamp, git sha, cores, the figures) is written to
results/bench/<timestamp>.json, so runs on different commits can be compared.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITED = "chapters/kk/01-introduction.qmd"


def copy_tree(dest: Path) -> None:
    """The working tree as git sees it (tracked and untracked, not ignored) copied to ``dest``."""
    files = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for f in filter(None, files):
        src = ROOT / f.decode()
        if src.is_file():  # a file deleted but not yet committed is listed and absent
            (dest / f.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f.decode())


def timed(cmd: list[str], cwd: Path) -> dict:
    """Wall and CPU seconds (user + system of the process tree) of one command."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr[-3000:]}")
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}


def snakemake(work: Path, cores: int, *args: str) -> dict:
    exe = Path(sys.executable).with_name("snakemake")
    return timed([str(exe), "--cores", str(cores), "--quiet", "all", *args], work)


def median(runs: list[dict]) -> dict:
    return {
        "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        "wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
        "runs": runs,
    }


def rule_times(work: Path, since: float = 0.0) -> dict:
    """{benchmark file stem: CPU seconds} of the rules whose benchmark was written after ``since``."""
    out = {}
    for tsv in sorted((work / "benchmarks").glob("*/*.tsv")):
        if tsv.stat().st_mtime < since:
            continue
        with tsv.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        if rows:
            cpu = rows[-1].get("cpu_time", "")
            out[tsv.stem] = {
                "cpu_s": float(cpu) if cpu not in ("", "NA") else None,
                "wall_s": float(rows[-1]["s"]),
                "max_rss_mb": float(rows[-1]["max_rss"])
                if rows[-1].get("max_rss") not in ("", "NA")
                else None,
            }
    return out


def edit(work: Path, n: int) -> None:
    chapter = work / EDITED
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\nБенчмарк сөйлемі {n}.\n", encoding="utf-8")


def quarto_ratio(work: Path, cores: int) -> dict | None:
    """Both documents built again by each engine (only build_document forced): Quarto / built-in."""
    if not shutil.which("quarto"):
        return None
    out = {}
    for engine in ("builtin", "quarto"):
        out[engine] = snakemake(
            work,
            cores,
            "--forcerun",
            "build_document",
            "--config",
            f"render={{engine: {engine}, formats: [docx, pdf]}}",
        )
    out["ratio_cpu"] = round(out["quarto"]["cpu_s"] / out["builtin"]["cpu_s"], 2)
    out["ratio_wall"] = round(out["quarto"]["wall_s"] / out["builtin"]["wall_s"], 2)
    return out


def scale_benchmarks() -> dict:
    """tools/bench_survey.py and tools/bench_idi.py, each in its own process (their --json)."""
    out = {}
    for name, args in (("survey", ["--sizes", "1,10,100"]), ("idi_mc", ["--draws", "1000000"])):
        proc = subprocess.run(
            [sys.executable, "-m", f"tools.bench_{name.split('_')[0]}", *args, "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if proc.returncode != 0:
            sys.exit(f"tools/bench_{name}: failed:\n{proc.stderr[-3000:]}")
        out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def git_sha() -> str:
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout
    return sha.strip() + ("-dirty" if dirty.strip() else "")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="Snakemake --cores")
    ap.add_argument("--no-scale", action="store_true", help="skip the survey and Monte Carlo scale tests")
    ap.add_argument("--out", default=str(ROOT / "results" / "bench"), help="folder of the JSON record")
    a = ap.parse_args(argv)
    cold, noop, one = [], [], []
    top, edit_rules, quarto = {}, {}, None
    for i in range(a.runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp)
            copy_tree(work)
            cold.append(snakemake(work, a.cores))
            print(f"run {i + 1}/{a.runs}: cold build {cold[-1]['cpu_s']:.1f} s CPU", file=sys.stderr)
            if i == 0:
                top = rule_times(work)
            noop.append(snakemake(work, a.cores))
            since = time.time()
            edit(work, i)
            one.append(snakemake(work, a.cores))
            if i == 0:
                edit_rules = rule_times(work, since)
                quarto = quarto_ratio(work, a.cores)
    record = {
        "timestamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_sha": git_sha(),
        "machine": {"cores": os.cpu_count(), "snakemake_cores": a.cores, "load_avg_1min": os.getloadavg()[0]},
        "runs": a.runs,
        "figures": {"cold_build": median(cold), "no_op": median(noop), "one_chapter_edit": median(one)},
        "rules_cold_build": top,
        "rules_one_chapter_edit": edit_rules,
        "quarto_vs_builtin": quarto,
    }
    if not a.no_scale:
        record["scale"] = scale_benchmarks()
    report(record)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{record['timestamp'].replace(':', '')}.json"
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"record: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return record


def report(r: dict) -> None:
    f = r["figures"]
    print(
        f"median of {r['runs']} run(s), {r['machine']['cores']} cores"
        " (CPU s: the process tree; wall s: elapsed)"
    )
    for key, label in (
        ("cold_build", "cold build"),
        ("no_op", "no-op run"),
        ("one_chapter_edit", "one-chapter edit"),
    ):
        print(f"  {label:18s} {f[key]['cpu_s']:7.2f} s CPU {f[key]['wall_s']:7.2f} s wall")
    rules = sorted(r["rules_cold_build"].items(), key=lambda kv: -(kv[1]["cpu_s"] or 0))
    print("rules of the cold build by CPU (benchmarks/<year>/*.tsv):")
    for name, t in rules[:10]:
        print(f"  {name:45s} {t['cpu_s'] or 0:6.2f} s CPU {t['wall_s']:6.2f} s wall")
    print("rules of the one-chapter edit:")
    for name, t in sorted(r["rules_one_chapter_edit"].items(), key=lambda kv: -(kv[1]["cpu_s"] or 0)):
        print(f"  {name:45s} {t['cpu_s'] or 0:6.2f} s CPU {t['wall_s']:6.2f} s wall")
    q = r["quarto_vs_builtin"]
    if q:
        print(f"Quarto / built-in renderer: {q['ratio_cpu']:.2f}x CPU, {q['ratio_wall']:.2f}x wall")
    else:
        print("Quarto / built-in renderer: no `quarto` on PATH, not measured")
    for name, res in r.get("scale", {}).items():
        for row in res["rows"]:
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
