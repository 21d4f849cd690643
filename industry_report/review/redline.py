"""The redline: a DOCX with Word tracked changes (w:ins / w:del) between two DOCX files, made by
python-redlines' self-contained Docxodus engine (offline), signed with the author and date of the
commits that made the changes (git), and a zip rewritten with fixed timestamps, so two runs give
the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path


def _git(repo, *args) -> str:
    import subprocess

    from industry_report.core.errors import ConfigError

    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise ConfigError(f"git {' '.join(args)} failed in {repo}: {proc.stderr.strip()}")
    return proc.stdout.strip()


def revision_authors(repo, base_sha: str, paths=(".",)) -> dict:
    """Who made the changes between ``base_sha`` and the working tree, for the tracked changes.

    The commits base..HEAD touching ``paths`` (newest first): the author of the newest commit and its
    author date (UTC) sign every tracked change (python-redlines takes one author); all authors are
    listed. Uncommitted changes (outside results/ and logs/, which git ignores) are signed with
    `git config user.name`, dated by the newest commit. Returns {author, date, authors, uncommitted}."""
    log = _git(repo, "log", "--format=%an%x09%aI%x09%H", f"{base_sha}..HEAD", "--", *paths)
    commits = [line.split("\t") for line in log.split("\n") if line]
    dirty = bool(_git(repo, "status", "--porcelain", "--untracked-files=no", "--", *paths))
    authors = list(dict.fromkeys(c[0] for c in commits))
    if dirty:
        me = _git(repo, "config", "user.name") if _has_user(repo) else "жұмыс нұсқасы"
        authors = list(dict.fromkeys([me, *authors]))
        author = me
    else:
        author = commits[0][0] if commits else _git(repo, "show", "-s", "--format=%an", base_sha)
    when = commits[0][1] if commits else _git(repo, "show", "-s", "--format=%aI", "HEAD")
    return {"author": author, "date": utc(when), "authors": authors, "uncommitted": dirty}


def _has_user(repo) -> bool:
    import subprocess

    return (
        subprocess.run(["git", "-C", str(repo), "config", "user.name"], capture_output=True).returncode == 0
    )


def utc(iso: str) -> str:
    """An ISO 8601 time with offset as UTC, the form Word writes on revisions (2026-01-01T10:00:00Z)."""
    import datetime as dt

    return dt.datetime.fromisoformat(iso).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def redline(old_docx, new_docx, out, *, date: str, author: str, engine_cache=None) -> dict:
    """A DOCX with Word tracked changes from ``old_docx`` to ``new_docx``; returns counts.

    Uses python-redlines' Docxodus engine (a self-contained binary shipped in the wheel; works
    offline). ``author`` and ``date`` (ISO 8601, from git: revision_authors) are written on every
    revision, so two runs give the same file;
    the zip is rewritten with fixed timestamps and a sorted member order.
    """
    from industry_report.core.errors import ConfigError

    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError:
        raise ConfigError(
            "the redline needs python-redlines and python-redlines-docxodus "
            "(pip install python-redlines==2.0.0 python-redlines-docxodus==2.0.0)"
        ) from None
    engine = DocxodusEngine(target_path=str(engine_cache) if engine_cache else None)
    data, _, _ = engine.run_redline(author, str(old_docx), str(new_docx), date_time=date)
    data = normalise_docx(data, date)
    Path(out).write_bytes(data)
    return count_revisions(data)


def normalise_docx(data: bytes, date: str) -> bytes:
    stamp = tuple(int(x) for x in re.findall(r"\d+", date)[:6])
    stamp = stamp + (0,) * (6 - len(stamp))
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    order = ["[Content_Types].xml"] + sorted(n for n in members if n != "[Content_Types].xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for n in order:
            if n not in members:
                continue
            info = zipfile.ZipInfo(n, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, members[n], compresslevel=9)
    return buf.getvalue()


def count_revisions(docx: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return {"insertions": len(re.findall(r"<w:ins\b", xml)), "deletions": len(re.findall(r"<w:del\b", xml))}


def tracked_text(docx: bytes) -> dict:
    """The inserted and deleted text runs of a redline DOCX (for tests and the summary)."""
    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ins = ["".join(t.text or "" for t in e.iter(W + "t")) for e in root.iter(W + "ins")]
    dels = ["".join(t.text or "" for t in e.iter(W + "delText")) for e in root.iter(W + "del")]
    return {"ins": [s for s in ins if s], "del": [s for s in dels if s]}
