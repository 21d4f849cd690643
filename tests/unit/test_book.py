"""The chapter list of report/_quarto.yml: one reader (publish/book.py)."""

from conftest import ROOT
from industry_report.publish.book import book_structure, chapter_files


def test_chapter_files_are_chapters_then_appendices_in_order(tmp_path):
    q = tmp_path / "_quarto.yml"
    q.write_text(
        "book:\n  title: T\n  chapters: [index.qmd, b.qmd, a.qmd]\n  appendices: [z.qmd, y.qmd]\nlang: kk\n",
        encoding="utf-8",
    )
    assert chapter_files(q) == ["index.qmd", "b.qmd", "a.qmd", "z.qmd", "y.qmd"]
    s = book_structure(q)
    assert s["book"] == {"lang": "kk", "title": "T"}
    q.write_text("book:\n  chapters: [index.qmd]\n", encoding="utf-8")
    assert chapter_files(q) == ["index.qmd"]  # no appendices


def test_the_report_lists_existing_chapter_templates():
    files = chapter_files(ROOT / "report/_quarto.yml")
    assert files[0] == "index.qmd" and len(files) == len(set(files))
    assert all((ROOT / "chapters/kk" / f).is_file() for f in files)
