"""Which report tables and figures changed between two builds (by content or hash)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path


def compare_files(old: dict, new: dict) -> dict:
    """{name: content or hash} x2 -> lists of changed, added and removed names."""
    return {
        "changed": sorted(k for k in set(old) & set(new) if old[k] != new[k]),
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
    }


def file_hashes(paths) -> dict:
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in sorted(paths)}


_FIG_REF = re.compile(r"!\[[^\]]*\]\(figures/([^)\s]+)")


def figures_used(texts) -> set:
    return {m for t in texts for m in _FIG_REF.findall(t)}
