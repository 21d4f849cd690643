"""A new edition of the report in one step: `make new-edition YEAR=2026` (python -m tools.new_edition).

1. Checks the raw files (data/raw/**) against data/raw/checksums.sha256 and lists what changed, what
   was added and what was removed since the checksums were last recorded.
2. Shows, for every raw table with a `date` or `year` column, the last year it holds, and marks the
   ones that do not reach the year before the new edition's (statistics come a year behind).
3. Unless `--check` is given: rewrites data/raw/checksums.sha256 and appends a record of what changed
   (file, old sha256, new sha256, date) to data/raw/CHANGES.md, and writes config/<year>.yaml
   (`year: <year>`), which `snakemake --configfile config/<year>.yaml` reads over config/config.yaml.

It never changes a raw file; the analyst does that (and records its provenance in data/raw/SOURCES.md).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data/raw"
CHECKSUMS = RAW / "checksums.sha256"
CHANGES = RAW / "CHANGES.md"
NOT_DATA = ("SOURCES.md", "checksums.sha256", "CHANGES.md")


def recorded(path: Path = CHECKSUMS) -> dict:
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                digest, name = line.split(maxsplit=1)
                out[name.removeprefix("./")] = digest
    return out


def current(raw: Path = RAW) -> dict:
    return {
        str(p.relative_to(raw)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(raw.rglob("*"))
        if p.is_file() and p.name not in NOT_DATA
    }


def differences(old: dict, new: dict) -> list[tuple[str, str | None, str | None]]:
    """(file, old sha, new sha) for every file changed, added (old None) or removed (new None)."""
    return [(f, old.get(f), new.get(f)) for f in sorted(set(old) | set(new)) if old.get(f) != new.get(f)]


def last_year(path: Path) -> int | None:
    """The last year in a CSV's `date` (YYYY-MM-DD) or `year` column, if it has one."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            col = next((c for c in reader.fieldnames or [] if c.lower() in ("date", "year")), None)
            if col is None:
                return None
            years = [int(m.group(0)) for r in reader if (m := re.match(r"\d{4}", r.get(col) or ""))]
    except (UnicodeDecodeError, csv.Error):
        return None
    return max(years) if years else None


def write_checksums(sums: dict, path: Path = CHECKSUMS) -> None:
    path.write_text("".join(f"{d}  ./{f}\n" for f, d in sorted(sums.items())), encoding="utf-8")


def record_changes(diff: list, year: int, today: str, path: Path = CHANGES) -> None:
    head = (
        "# Changes to the raw files\n\nEach edition's update of data/raw/ (written by `make new-edition`): "
        "file, old and new sha256 (— where a file was added or removed).\n"
    )
    text = path.read_text(encoding="utf-8") if path.exists() else head
    lines = [f"\n## {today}: edition {year}\n", "", "| file | old sha256 | new sha256 |", "|:---|:---|:---|"]
    lines += [f"| {f} | {a or '—'} | {b or '—'} |" for f, a, b in diff]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--year", type=int, required=True, help="the reporting year of the new edition")
    ap.add_argument("--check", action="store_true", help="only report; change no file")
    args = ap.parse_args(argv)
    year = args.year
    old, new = recorded(), current()
    diff = differences(old, new)
    print(f"Raw files: {len(new)}; changed since the checksums were recorded: {len(diff)}")
    for f, a, b in diff:
        print(f"  {'added  ' if a is None else 'removed' if b is None else 'changed'}  data/raw/{f}")
    short = []
    for f in sorted(new):
        if f.endswith(".csv"):
            y = last_year(RAW / f)
            if y is not None and y < year - 1:
                short.append((f, y))
    if short:
        print(
            f"Series that end before {year - 1} (update them, or check the report can do without that year):"
        )
        for f, y in short:
            print(f"  data/raw/{f}: last year {y}")
    if args.check:
        return 0
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    if diff:
        record_changes(diff, year, when.strftime("%Y-%m-%d"))
        write_checksums(new)
        print(f"Updated data/raw/checksums.sha256; recorded the changes in {CHANGES.relative_to(ROOT)}")
    cfg = ROOT / f"config/{year}.yaml"
    if not cfg.exists():
        cfg.write_text(
            f"# Edition {year}: read over config/config.yaml with\n"
            f"#   snakemake --cores all --configfile config/{year}.yaml\n"
            "# Add here what else changes this year (e.g. sample.population_file, sample.population_year).\n"
            f"year: {year}\n",
            encoding="utf-8",
        )
        print(f"Wrote config/{year}.yaml")
    print(
        "Next: record each new file in data/raw/SOURCES.md, then build with "
        f".venv/bin/snakemake --cores all --configfile config/{year}.yaml"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
