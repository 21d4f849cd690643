"""`make bench`: CPU and wall seconds of a cold build, a no-op run and a one-chapter edit.

Usage: ``python -m tools.bench [--runs 3] [--cores 1] [--no-scale] [--out results/bench]``.

Each figure is the median of ``--runs`` runs. CPU seconds are the rusage of the Snakemake process
and every job it started (RUSAGE_CHILDREN), so they hold on a loaded machine where wall seconds do
not. Every cold build starts from a fresh copy of the working tree (tracked and untracked files,
not the git-ignored ones) in a temporary folder, so results/ here is never touched. A one-chapter
edit appends a sentence to the introduction and rebuilds both documents; the rules it ran are
listed with their CPU seconds (from the `benchmark:` files of the rules, benchmarks/<year>/*.tsv),
as are the rules of the cold build that cost most. When `quarto` is on PATH, the documents are
built once more with each engine and the ratio Quarto / built-in is reported (``--quarto DIR`` puts
DIR first on PATH for that measurement only). A cold build of the Kazakh edition alone is measured
too (``--no-kk`` skips it). Each figure is printed against its target of issue 19, met or not.

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


def timed(cmd: list[str], cwd: Path, path_prefix: str | None = None) -> dict:
    """Wall and CPU seconds (user + system of the process tree) of one command; ``path_prefix``: a
    folder put first on PATH for this command only (the Quarto measurement)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    if path_prefix:
        env["PATH"] = path_prefix + os.pathsep + env.get("PATH", "")
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr[-3000:]}")
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}


def snakemake(work: Path, cores: int, *args: str, path_prefix: str | None = None) -> dict:
    exe = Path(sys.executable).with_name("snakemake")
    return timed([str(exe), "--cores", str(cores), "--quiet", "all", *args], work, path_prefix)


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


def quarto_ratio(work: Path, cores: int, quarto_dir: str | None = None) -> dict | None:
    """Both documents built again by each engine (only build_document forced): Quarto / built-in.
    ``quarto_dir``: the folder of the `quarto` to use, put on PATH for this measurement only."""
    path = (quarto_dir + os.pathsep if quarto_dir else "") + os.environ.get("PATH", "")
    if not shutil.which("quarto", path=path):
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
            path_prefix=quarto_dir,
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


# The targets of issue 19: (figure, measure, bound, "max" or "min").
TARGETS = {
    "cold_build_kk": ("cpu_s", 25.0, "max"),
    "cold_build": ("cpu_s", 35.0, "max"),
    "one_chapter_edit": ("cpu_s", 3.0, "max"),
    "no_op": ("wall_s", 1.5, "max"),
    "quarto_vs_builtin": ("ratio_cpu", 5.0, "min"),
    "survey_100x_problem_map_vs_1x": ("ratio", 3.0, "max"),
    "idi_mc_1e6_cpu_s": ("cpu_s", 2.0, "max"),
    "idi_mc_1e6_peak_mib": ("mib", 500.0, "max"),
}


def verdicts(r: dict) -> dict:
    """{target: {"value", "bound", "met"}} of the figures measured (a figure not measured: met None)."""
    f = r["figures"]
    values = {
        k: f[k][TARGETS[k][0]] for k in ("cold_build_kk", "cold_build", "one_chapter_edit", "no_op") if k in f
    }
    q = r.get("quarto_vs_builtin")
    values["quarto_vs_builtin"] = q["ratio_cpu"] if q else None
    survey = {row["size"]: row for row in r.get("scale", {}).get("survey", {}).get("rows", [])}
    values["survey_100x_problem_map_vs_1x"] = (
        survey["100x"]["problem_map_vs_first"] if "100x" in survey else None
    )
    mc = r.get("scale", {}).get("idi_mc", {}).get("rows", [])
    values["idi_mc_1e6_cpu_s"] = mc[0]["cpu_s"] if mc else None
    # the larger of the two memory figures: Python's own allocations and the process's peak
    values["idi_mc_1e6_peak_mib"] = max(mc[0]["peak_alloc_mib"], mc[0]["peak_rss_mib"]) if mc else None
    out = {}
    for key, (_measure, bound, kind) in TARGETS.items():
        v = values.get(key)
        met = None if v is None else (v <= bound if kind == "max" else v >= bound)
        out[key] = {"value": v, "bound": bound, "kind": kind, "met": met}
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
    ap.add_argument("--quarto", help="folder holding a `quarto` to compare with (put on PATH for that only)")
    ap.add_argument("--no-kk", action="store_true", help="skip the cold build of the Kazakh edition alone")
    a = ap.parse_args(argv)
    cold, cold_kk, noop, one = [], [], [], []
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
                quarto = quarto_ratio(work, a.cores, a.quarto)
        if not a.no_kk:  # the Kazakh edition alone, as a kk-only build is run for quick checks
            with tempfile.TemporaryDirectory(prefix="bench-kk-") as tmp:
                copy_tree(Path(tmp))
                cold_kk.append(snakemake(Path(tmp), a.cores, "--config", "languages=[kk]"))
                print(
                    f"run {i + 1}/{a.runs}: cold build (kk) {cold_kk[-1]['cpu_s']:.1f} s CPU", file=sys.stderr
                )
    record = {
        "timestamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_sha": git_sha(),
        "machine": {"cores": os.cpu_count(), "snakemake_cores": a.cores, "load_avg_1min": os.getloadavg()[0]},
        "runs": a.runs,
        "figures": {
            "cold_build": median(cold),
            **({"cold_build_kk": median(cold_kk)} if cold_kk else {}),
            "no_op": median(noop),
            "one_chapter_edit": median(one),
        },
        "rules_cold_build": top,
        "rules_one_chapter_edit": edit_rules,
        "quarto_vs_builtin": quarto,
    }
    if not a.no_scale:
        record["scale"] = scale_benchmarks()
    record["targets"] = verdicts(record)
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
        ("cold_build_kk", "cold build (kk)"),
        ("cold_build", "cold build (all)"),
        ("no_op", "no-op run"),
        ("one_chapter_edit", "one-chapter edit"),
    ):
        if key in f:
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
    print("targets (issue 19):")
    for key, v in r.get("targets", {}).items():
        sign = "<=" if v["kind"] == "max" else ">="
        shown = "not measured" if v["value"] is None else f"{v['value']:g}"
        met = {True: "met", False: "NOT met", None: "-"}[v["met"]]
        print(f"  {key:32s} {shown:>14s}  target {sign} {v['bound']:g}  {met}")


if __name__ == "__main__":
    main(sys.argv[1:])
