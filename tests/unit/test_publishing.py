"""Keeping the last good report (industry_report/publish/publishing.py): documents are copied into
place only when every copy is complete, published.json records them, a changed copy is noticed."""

import json

import pytest

from industry_report.publish import publishing


def built(tmp_path, text="new"):
    build = tmp_path / "kk/build"
    build.mkdir(parents=True, exist_ok=True)
    files = []
    for name in ("national-report.pdf", "national-report.docx"):
        (build / name).write_bytes(f"{text} {name}".encode())
        info = build / f"{name}.json"
        fmt = name.rsplit(".", 1)[1]
        info.write_text(
            json.dumps({"format": fmt, "engine": "builtin", "pages": 3 if fmt == "pdf" else None})
        )
        files.append(build / name)
    return files, [f.with_name(f.name + ".json") for f in files]


def test_publish_copies_and_records(tmp_path):
    files, infos = built(tmp_path)
    record = publishing.publish(files, infos, tmp_path / "kk", tmp_path / "kk/published.json")
    assert (tmp_path / "kk/national-report.pdf").read_bytes() == b"new national-report.pdf"
    pdf = record["files"][0]
    assert pdf["path"].endswith("kk/national-report.pdf") and pdf["pages"] == 3 and pdf["engine"] == "builtin"
    assert pdf["sha256"] == publishing.sha256(tmp_path / "kk/national-report.pdf")
    assert json.loads((tmp_path / "kk/published.json").read_text()) == record
    assert not publishing.stale(tmp_path / "kk/published.json")


def test_a_failed_publish_leaves_the_previous_documents_byte_identical(tmp_path):
    files, infos = built(tmp_path, "old")
    publishing.publish(files, infos, tmp_path / "kk", tmp_path / "kk/published.json")
    before = {p.name: p.read_bytes() for p in (tmp_path / "kk").glob("national-report.*")}
    files, infos = built(tmp_path, "new")
    files[1].unlink()  # the second copy fails after the first one was made
    with pytest.raises(FileNotFoundError):
        publishing.publish(files, infos, tmp_path / "kk", tmp_path / "kk/published.json")
    after = {p.name: p.read_bytes() for p in (tmp_path / "kk").glob("national-report.*")}
    assert after == before
    assert not list((tmp_path / "kk").glob(".*part"))  # no temporary copy left behind


def test_a_published_document_deleted_or_changed_makes_the_record_stale(tmp_path):
    files, infos = built(tmp_path)
    manifest = tmp_path / "kk/published.json"
    publishing.publish(files, infos, tmp_path / "kk", manifest)
    (tmp_path / "kk/national-report.docx").write_bytes(b"edited by hand")
    assert publishing.stale(manifest)
    (tmp_path / "kk/national-report.docx").unlink()
    assert publishing.stale(manifest)
    assert not publishing.stale(tmp_path / "kk/missing.json")
