"""Raw inputs are immutable: every file under data/raw/ matches its recorded checksum and has its
provenance in data/raw/SOURCES.md."""

import hashlib

from conftest import ROOT

RAW = ROOT / "data/raw"


def recorded():
    out = {}
    for line in (RAW / "checksums.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        out[name.removeprefix("./")] = digest
    return out


def test_every_raw_file_is_recorded_and_unchanged():
    sums = recorded()
    files = {
        str(p.relative_to(RAW))
        for p in RAW.rglob("*")
        if p.is_file() and p.name not in ("SOURCES.md", "checksums.sha256", "CHANGES.md")
    }
    assert files == set(sums), f"unrecorded: {files - set(sums)}; missing: {set(sums) - files}"
    for name, digest in sums.items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, f"{name} was changed"


def test_every_raw_folder_has_provenance():
    sources = (RAW / "SOURCES.md").read_text(encoding="utf-8")
    for name in recorded():
        stem = name.split("/")[-1]
        folder = name.split("/")[0]
        assert stem in sources or f"{folder}/" in sources, f"{name} has no provenance in SOURCES.md"
