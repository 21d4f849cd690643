"""`make report`, `make check`, `make diff`: Snakemake with a short terminal, safe after a fault.

    python -m tools.build [--report] [snakemake arguments...]

Run from the root of the tree. Around Snakemake it:

* lets one build run at a time in a tree: it holds an exclusive lock (flock) on .snakemake/build.lock
  for the whole build, Snakemake included; a second build says whose build it waits for, and waits;
* recovers from a build killed at any point (kill -9, power loss): it waits for any snakemake process
  still running in this tree, then removes the lock such a build leaves (`snakemake --unlock`, only
  when no snakemake process of this tree runs), and runs Snakemake with `--rerun-incomplete`, so the
  steps that were interrupted run again;
* prints one line per step as it finishes, with the progress; the messages of a step that fails; the
  warnings of the steps that ran (from their logs, logs/<year>/<rule>.log), repeated at the end;
* with ``--report``: a last line naming the documents published, their pages and the engine, or,
  after a failure, that the previous report was kept (industry_report/publish/publishing.py). A
  DOCX's pages are the count a word processor wrote into it or, as pandoc writes none, LibreOffice's
  layout of it (counted once per new DOCX, here and not in a build step), and the line says which.

Snakemake's own output is dropped line by line only where it is known chatter (the banner, job
blocks, job statistics); anything else (an error of Snakemake itself) is printed as it comes.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LOCK = Path(".snakemake/build.lock")

_JOB = re.compile(r"^(?:local)?(?:rule|checkpoint) (\S+):$")
_FINISHED = re.compile(r"^Finished jobid: (\d+) \(Rule: (\S+)\)$")
_PROGRESS = re.compile(r"^(\d+) of (\d+) steps \((\d+%)\) done$")
_FAILED = re.compile(r"^Error in rule (\S+):$")
_NOISE = re.compile(
    r"^(Assuming unrestricted shared filesystem usage\.|host: .*|Building DAG of jobs\.\.\.|Using shell: .*"
    r"|Provided cores: .*|Rules claiming more threads will be scaled down\.|Conda environments: ignored"
    r"|Select jobs to execute\.\.\.|Execute \d+ jobs\.\.\.|\[\w{3} \w{3} +\d+ [\d:]+ \d{4}\]"
    r"|Complete log(?:\(s\))?: .*|Elapsed time: .*|Shutting down, this might take some time\."
    r"|Exiting because a job execution failed\. Look (?:below|above) for error messages"
    r"|RuleException:|CalledProcessError in file .*, line \d+:"
    r"|Command '.*' returned non-zero exit status \d+\."
    r"|Will exit after finishing currently running jobs.*|Removing output files of failed job .*"
    r"|Job failed, going on with independent jobs\.|Job stats:|\s*)$"
)


@dataclass
class Job:
    rule: str
    attrs: dict = field(default_factory=dict)

    def label(self) -> str:
        wildcards = self.attrs.get("wildcards", "")
        values = [kv.split("=", 1)[-1] for kv in wildcards.split(", ") if kv]
        return self.rule + (f" ({', '.join(values)})" if values else "")

    def logs(self) -> list[str]:
        logs = self.attrs.get("log", "").removesuffix(" (check log file(s) for error details)")
        return [p for p in logs.split(", ") if p]


def log_warnings(path: str | Path) -> list[str]:
    """The warnings a step wrote to its log (industry_report/core/step.py writes "WARNING ...")."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line.removeprefix("WARNING ").strip() for line in lines if line.startswith("WARNING ")]


class Terminal:
    """Turns Snakemake's output into one line per step; remembers what failed and what warned."""

    def __init__(self, out=sys.stdout):
        self.out = out
        self.jobs: dict[str, Job] = {}
        self.current: Job | None = None  # the job block being read
        self.failing: Job | None = None  # the "Error in rule" block being read
        self.finished: Job | None = None
        self.failed: list[Job] = []
        self.warnings: list[tuple[str, str]] = []
        self.in_stats = False  # the job statistics table
        self.in_banner = False  # Snakemake's banner (version, host, command)
        self.pending: str | None = None

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def feed(self, line: str) -> None:
        line = line.rstrip("\n")
        for block in ("current", "failing"):
            job = getattr(self, block)
            if job is not None:
                if line.startswith("    "):
                    key, sep, value = line.strip().partition(": ")
                    if sep and not line.startswith("     "):
                        job.attrs.setdefault(key, value)
                    return
                setattr(self, block, None)
                if block == "current":
                    self.jobs[job.attrs.get("jobid", "")] = job
                else:
                    self._failed(job)
        if self.in_stats or self.in_banner:
            self.in_stats = self.in_stats and bool(line.strip())
            self.in_banner = self.in_banner and bool(line.strip())
            return
        if self.pending is not None:  # "WorkflowError:" is chatter only before its usual sentence
            held, self.pending = self.pending, None
            if line == "At least one job did not complete successfully.":
                return
            self.say(held)
        if line == "WorkflowError:":
            self.pending = line
            return
        if line in ("Job stats:", "SNAKEMAKE"):
            self.in_stats, self.in_banner = line == "Job stats:", line == "SNAKEMAKE"
            return
        if m := _JOB.match(line):
            self.current = Job(m[1])
        elif m := _FINISHED.match(line):
            self.finished = self.jobs.get(m[1], Job(m[2]))
        elif m := _PROGRESS.match(line):
            self._step_done(int(m[1]), int(m[2]))
        elif m := _FAILED.match(line):
            self.failing = Job(m[1])
        elif line.startswith("warning: "):  # a step's warning: it is in its log, shown with the step
            return
        elif not _NOISE.match(line):
            self.say(line)

    def close(self) -> None:
        self.feed("")

    def _step_done(self, n: int, total: int) -> None:
        job, self.finished = self.finished, None
        if job is None or "output" not in job.attrs:  # a target rule such as `all`: no step of its own
            return
        found = [(job.label(), w) for log in job.logs() for w in log_warnings(log)]
        self.warnings += found
        note = f"  ({len(found)} warning{'s' * (len(found) != 1)})" if found else ""
        width = len(str(total))
        self.say(f"[{n:>{width}}/{total}] {job.label()}{note}")

    def _failed(self, job: Job) -> None:
        known = self.jobs.get(job.attrs.get("jobid", ""))
        if known is not None:
            job = Job(job.rule, {**known.attrs, **job.attrs})
        self.failed.append(job)
        logs = ", ".join(job.logs())
        self.say(f"FAILED: {job.label()}" + (f" (log: {logs})" if logs else ""))


# ---- one build at a time, and recovery after a kill ---------------------------------------------


def say(text: str) -> None:
    print(text, flush=True)


def take_lock(say=say):
    """Hold .snakemake/build.lock (returns the open file; the lock lasts while it or a copy is open)."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    fh = open(LOCK, "a+")  # noqa: SIM115 - kept open for the whole build
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        other = fh.read().strip() or "unknown"
        say(f"Another build of this tree is running ({other}); waiting for it to finish...")
        fcntl.flock(fh, fcntl.LOCK_EX)
        say("The other build has finished; starting.")
    fh.seek(0)
    fh.truncate()
    fh.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    fh.flush()
    return fh


def snakemake_processes(root: Path) -> list[int]:
    """Processes other than this one running Snakemake or one of its job scripts in ``root``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if Path(os.readlink(proc / "cwd")).resolve() != root:
                continue
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "snakemake" in cmdline:
            found.append(int(proc.name))
    return found


def recover(root: Path, snakemake: str, say=say) -> None:
    """After a killed build: wait for its leftover processes, then remove Snakemake's stale lock."""
    waited = False
    while pids := snakemake_processes(root):
        if not waited:
            say(f"Waiting for snakemake process(es) {', '.join(map(str, pids))} of this tree to finish...")
            waited = True
        time.sleep(1)
    locks = root / ".snakemake" / "locks"
    if locks.is_dir() and any(locks.iterdir()):
        say("An earlier build was interrupted: removing its lock (snakemake --unlock).")
        subprocess.run([snakemake, "--unlock", "--cores", "1"], cwd=root, capture_output=True, text=True)


# ---- the report's documents -----------------------------------------------------------------------


def build_config(args: list[str], root: Path) -> dict:
    """Year and languages of this build: config/config.yaml, then --configfile, then --config."""
    config = yaml.safe_load((root / "config/config.yaml").read_text(encoding="utf-8")) or {}
    option = None
    for arg in args:
        if arg in ("--configfile", "--configfiles", "--config", "-C"):
            option = arg
            continue
        if arg.startswith("-"):
            option = None
            continue
        if option in ("--configfile", "--configfiles") and (root / arg).is_file():
            config.update(yaml.safe_load((root / arg).read_text(encoding="utf-8")) or {})
        elif option in ("--config", "-C") and "=" in arg:
            key, _, value = arg.partition("=")
            config[key] = yaml.safe_load(value)
    return config


def published(root: Path, config: dict) -> list[Path]:
    """The published documents of this build's year and languages that exist."""
    year = config.get("year")
    out = []
    for lang in config.get("languages") or []:
        for fmt in ("pdf", "docx"):
            p = root / f"results/{year}/{lang}/national-report.{fmt}"
            if p.is_file():
                out.append(p)
    return out


def fingerprint(paths: list[Path]) -> dict:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.is_file()}


DOCX_PAGES_CACHE = "docx-pages.json"  # beside published.json: {sha256 of the DOCX: pages}


def libreoffice_pages(docx: Path, timeout: int = 300) -> int | None:
    """Pages of ``docx`` as LibreOffice lays it out (converted to PDF in a temporary folder, with a
    profile of its own so an open LibreOffice does not block it); None without LibreOffice or on a
    failure. Word's layout may differ by a few pages."""
    import shutil
    import tempfile

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="docx-pages-") as tmp:
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore"]
        cmd += ["--convert-to", "pdf", "--outdir", tmp, str(docx)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
            from pypdf import PdfReader

            return len(PdfReader(str(Path(tmp) / f"{docx.stem}.pdf")).pages)
        except Exception:  # noqa: BLE001 - no count is better than a failed build at its last line
            return None


def docx_pages(f: dict, folder: Path, count=libreoffice_pages) -> tuple[int | None, str]:
    """(pages, how they were found) of a published DOCX: the count written in its properties
    (published.json, from docProps/app.xml), else LibreOffice's layout, counted once per DOCX
    (cached by SHA-256 in docx-pages.json, so only a changed document is converted, and only by
    ``make report``: no step of the build waits for it)."""
    import json

    if f.get("pages"):
        return f["pages"], "from the document's properties"
    cache_file = folder / DOCX_PAGES_CACHE
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    sha = f.get("sha256")
    if sha and sha in cache:
        return cache[sha], "LibreOffice layout"
    path = Path(f["path"]) if os.path.isabs(f["path"]) else folder.parents[2] / f["path"]
    pages = count(path)
    if pages is None:
        return None, "not counted: no LibreOffice to lay it out"
    if sha:
        cache_file.write_text(json.dumps({sha: pages}), encoding="utf-8")  # only the current DOCX
    return pages, "LibreOffice layout"


def report_lines(root: Path, config: dict, count=libreoffice_pages) -> list[str]:
    """One line per language: the published documents, their pages (a DOCX's with how they were
    found), the engine."""
    lines = []
    year = config.get("year")
    for lang in config.get("languages") or []:
        manifest = root / f"results/{year}/{lang}/published.json"
        if not manifest.is_file():
            continue
        import json

        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        parts, engines = [], []
        for f in sorted(files, key=lambda f: f.get("format") != "pdf"):
            path = os.path.relpath(f["path"], root) if os.path.isabs(f["path"]) else f["path"]
            if f.get("format") == "docx":
                n, how = docx_pages(f, manifest.parent, count)
                pages = f" ({n} pages, {how})" if n else f" (pages {how})"
            else:
                pages = f" ({f['pages']} pages)" if f.get("pages") else ""
            parts.append(f"{path}{pages}")
            if f.get("engine") and f["engine"] not in engines:
                engines.append(f["engine"])
        engine = f"; engine: {', '.join(engines)}" if engines else ""
        lines.append(f"Report ready: {', '.join(parts)}{engine}")
    return lines


def main(argv: list[str]) -> int:
    report = bool(argv) and argv[0] == "--report"
    args = argv[1:] if report else argv
    root = Path.cwd().resolve()
    snakemake = str(Path(sys.executable).with_name("snakemake"))
    lock = take_lock()
    recover(root, snakemake)
    config = build_config(args, root)
    before = fingerprint(published(root, config))
    term = Terminal()
    # The lock file is passed on: if this process is killed, the lock lasts until Snakemake ends.
    proc = subprocess.Popen(
        [snakemake, "--rerun-incomplete", "--nocolor", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        pass_fds=(lock.fileno(),),
    )
    interrupted = False
    while True:
        try:
            for line in proc.stdout:
                term.feed(line)
            break
        except KeyboardInterrupt:  # Snakemake got the same Ctrl-C: let it stop its jobs and exit
            interrupted = True
    term.close()
    code = proc.wait()
    if term.warnings:
        term.say(f"Warnings ({len(term.warnings)}):")
        for label, text in term.warnings:
            term.say(f"  {label}: {text}")
    if code == 0:
        if report:
            for line in report_lines(root, config):
                term.say(line)
        return 0
    failed = ", ".join(j.label() for j in term.failed)
    term.say("Build interrupted." if interrupted else f"Build failed{f' in {failed}' if failed else ''}.")
    if report:
        now = published(root, config)
        if not now:
            term.say("No report has been published yet.")
        elif fingerprint(now) == before:
            names = ", ".join(os.path.relpath(p, root) for p in now)
            term.say(f"The previous report was kept, unchanged: {names}")
        else:
            term.say("The report was published, but a later step failed (see above).")
    return code or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
