"""Publishing the documents: the last good report stays in place until a new one is complete.

Snakemake deletes the outputs of a job that fails and of a job it is about to rerun, so the documents
people open are not rule outputs. Rule build_document writes ``results/<year>/<lang>/build/
national-report.<fmt>``; rule publish_report, which runs only when every document of the language
has been built, copies them to ``results/<year>/<lang>/`` (each to a temporary name beside its final
name, then renamed into place, so a reader never sees half a file) and writes ``published.json``
(its Snakemake output): the files published with their SHA-256, and per document its format, pages
and engine. A build that fails anywhere before leaves the published documents as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from industry_report.core.io import read_json, write_json

MANIFEST = "published.json"


def sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pdf_pages(path: str | Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _app_xml(docx: str | Path) -> bytes | None:
    import zipfile

    try:
        with zipfile.ZipFile(docx) as z:
            return z.read("docProps/app.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return None


def docx_written_pages(docx: str | Path, reference: str | Path | None = None) -> int | None:
    """The page count a word processor wrote into the DOCX (docProps/app.xml ``Pages``), or None.

    Pandoc copies app.xml from the reference document unchanged, so its ``Pages`` is the template's
    (1), not the report's: a count equal to the reference's copy is not a count and gives None. Only a
    DOCX saved by Word or LibreOffice carries a real one."""
    import re

    app = _app_xml(docx)
    if app is None or (reference is not None and app == _app_xml(reference)):
        return None
    m = re.search(rb"<Pages>(\d+)</Pages>", app)
    return int(m.group(1)) if m else None


def write_document_info(
    document: str | Path, engine: str, info: str | Path, reference: str | Path | None = None
) -> None:
    """What publish_report reports about one built document: its format, engine and pages (of a PDF;
    of a DOCX only when its properties hold a written count, see :func:`docx_written_pages`, which
    ``pages_from`` then says)."""
    document = Path(document)
    fmt = document.suffix.lstrip(".")
    pages, source = None, None
    if fmt == "pdf":
        pages, source = pdf_pages(document), "pdf"
    elif (pages := docx_written_pages(document, reference)) is not None:
        source = "app.xml"
    write_json({"format": fmt, "engine": engine, "pages": pages, "pages_from": source}, info)


def publish(files: list[str | Path], infos: list[str | Path], dest: str | Path, manifest: str | Path) -> dict:
    """Copy the built ``files`` into ``dest`` and write the ``manifest``; returns the manifest. Every
    file is copied to a temporary name first, so a full disk stops before any published file changes;
    only then are they renamed into place."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    held: list[tuple[str, Path]] = []
    try:
        for f in files:
            final = dest / Path(f).name
            fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=dest)
            os.close(fd)
            held.append((tmp, final))
            shutil.copyfile(f, tmp)
            os.chmod(tmp, 0o644)
        for tmp, final in held:
            os.replace(tmp, final)
    finally:
        for tmp, _ in held:
            Path(tmp).unlink(missing_ok=True)
    info = {Path(i).name.removesuffix(".json"): read_json(i) for i in infos}
    record = {
        "files": [
            {"path": str(final), "sha256": sha256(final), **info.get(final.name, {})} for _, final in held
        ]
    }
    write_json(record, manifest)
    return record


def stale(manifest: str | Path) -> bool:
    """True when a file ``manifest`` lists is missing or no longer the file published (someone
    deleted or changed it): publish_report must then run again."""
    manifest = Path(manifest)
    if not manifest.is_file():
        return False
    try:
        record = read_json(manifest)
        return any(not Path(f["path"]).is_file() or sha256(f["path"]) != f["sha256"] for f in record["files"])
    except (ValueError, KeyError, TypeError, OSError):
        return True
