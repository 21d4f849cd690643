"""The Quarto side of the assembled book, without Quarto: the _quarto.yml the build writes, and one
`quarto render` (a stand-in script here) for the documents of one book, even when asked at once."""

import os
import stat
import threading
from pathlib import Path

import yaml

from conftest import ROOT
from industry_report.core.yaml_input import load_yaml
from industry_report.publish import rendering
from industry_report.publish.page import load_page
from industry_report.publish.templating import make_environment, render_chapter

PAGE = load_page(ROOT / "report/page.yml")
LANGUAGE = load_yaml(ROOT / "report/_language-kk.yml", "language", "language words").data


def book_config(book_dir):
    env = make_environment(ROOT / "report", lang="kk")
    publication = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))["publication"]
    text = render_chapter(
        env,
        "_quarto.yml",
        {
            "report": {"year": 2025, "lang": "kk", "publication": publication},
            "survey": {"demo": True},  # the demonstration notice's condition
            "idi": {"demo": True},
        },
    )
    return yaml.safe_load(rendering.quarto_book_config(text, PAGE, LANGUAGE, book_dir))


def test_quarto_gets_the_fonts_page_filters_template_and_notice_of_the_builtin_renderer(tmp_path):
    book = tmp_path / "results/2025/kk/book"
    book.mkdir(parents=True)
    data = book_config(book)
    pdf = data["format"][rendering.QUARTO_PDF_FORMAT]
    # Quarto reads '/…' in a project file as relative to the project: the font folders are relative
    # to the book, and they are the folders of the PT fonts the built-in renderer uses.
    assert all(not p.startswith("/") for p in pdf["font-paths"])
    assert sorted(os.path.realpath(book / p) for p in pdf["font-paths"]) == sorted(
        os.path.realpath(d) for d in rendering.font_dirs()
    )
    assert {k: pdf[k] for k in PAGE.typst_variables()} == PAGE.typst_variables()
    assert pdf["number-sections"] is False and data["format"]["docx"]["number-sections"] is False
    assert [f["path"] for f in data["filters"]] == ["quarto_crossref.lua", "quarto_table_captions.lua"]
    assert data["filters"][0]["at"] == "pre-ast"  # before Quarto's own crossref
    assert data["metadata-files"] == ["_language-kk.yml"]
    assert data["crossref"]["appendix-title"] == "Қосымша"
    assert data["format"]["docx"]["abstract"] == data["demo-notice"]
    ext = yaml.safe_load((ROOT / "report/quarto-extension/_extension.yml").read_text(encoding="utf-8"))
    assert ext["contributes"]["formats"]["typst"]["template"] == "national-report.typ"
    assert rendering.QUARTO_PDF_FORMAT == "national-report-typst"  # <extension dir name>-typst
    assert Path(rendering.QUARTO_EXTENSION_DIR).name == "national-report"


def test_one_quarto_render_for_the_documents_of_one_book(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.txt"
    fake = bin_dir / "quarto"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        "sleep 1\n"  # long enough for the second job to arrive while the first renders
        'mkdir -p "$2/_book" && echo pdf > "$2/_book/book.pdf"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.qmd").write_text("# Т\n", encoding="utf-8")
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    jobs = [
        threading.Thread(target=rendering.build_with_quarto, args=(book, "pdf", o), kwargs={"epoch": 0})
        for o in outs
    ]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
    assert calls.read_text().splitlines() == [f"render {book} --to all"]
    assert all(o.read_text() == "pdf\n" for o in outs)
    # a changed book is rendered again
    (book / "index.qmd").write_text("# Т2\n", encoding="utf-8")
    rendering.build_with_quarto(book, "pdf", outs[0], epoch=0)
    assert len(calls.read_text().splitlines()) == 2
