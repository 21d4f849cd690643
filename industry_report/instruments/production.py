"""Production mode: a real edition (``survey.demo: false`` / ``idi.demo: false``) must not be built on
the demonstration files, and its survey responses must cover the selected sample.

The demonstration files are recognised by content, not by name: data/demo/checksums.sha256 records
the SHA-256 of every file under data/demo/ (``sha256sum`` format; ``make demo-data`` rewrites it), so
a demonstration file copied elsewhere or renamed is still refused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from industry_report.core.errors import InputError, Problem


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_checksums(path: str | Path) -> dict[str, str]:
    """digest -> recorded file name, from a ``sha256sum`` listing; faults name the line."""
    out, problems = {}, []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            problems.append(Problem(n, None, "expected '<sha256 hex>  <file>'", row_word="line"))
            continue
        out[digest] = name
    if problems:
        raise InputError(path, problems)
    return out


def write_checksums(files: list[Path], root: Path) -> str:
    return "".join(f"{sha256(f)}  {f.relative_to(root).as_posix()}\n" for f in sorted(files))


def demo_files_used(files: dict[str, list[str]], checksums: dict[str, str]) -> list[str]:
    """The configured files (config key -> paths) whose content is a recorded demonstration file."""
    found = []
    for key, paths in files.items():
        for p in paths:
            name = checksums.get(sha256(p))
            if name:
                found.append(f"{key} = {p} is the demonstration file {name}")
    return found


def refuse_demo(files: dict[str, list[str]], checksums_file: str, flag: str) -> None:
    """Stop when a production-mode input is a demonstration file; the message says what to change."""
    found = demo_files_used(files, read_checksums(checksums_file))
    if found:
        raise InputError(
            checksums_file,
            [
                Problem(
                    None,
                    None,
                    f"{flag} is false (a real edition), but {f}: "
                    f"point the key at the real file, or set {flag}: true",
                )
                for f in found
            ],
        )
