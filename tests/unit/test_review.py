"""Values registry, stable Markdown, numbers changelog, word diff and redline (fast unit tests).

The end-to-end `make diff` test on a temporary git repository is tests/test_review_e2e.py (slow)."""

import csv
import io
import zipfile

import pytest
from docx import Document

from conftest import ROOT
from industry_report.core import formatting
from industry_report.core.errors import TemplateError
from industry_report.publish.numbers import build_registry, flatten, register, render_tracked, table_csvs
from industry_report.publish.page import load_page
from industry_report.review.changelog import changelog_csv, changelog_markdown, numbers_changelog
from industry_report.review.files import compare_files
from industry_report.review.markdown import stable_markdown
from industry_report.review.redline import count_revisions, redline, tracked_text
from industry_report.review.summary import summary_markdown
from industry_report.review.word_diff import word_diff

NBSP = "\u00a0"
PAGE = load_page(ROOT / "report/page.yml")

CONTEXT = {
    "sample": {
        "N": 8892,
        "share": 0.0632,
        "binding": False,
        "by_region": [
            {"region_code": "AKM", "n": 18, "name_kk": "Ақмола"},
            {"region_code": "ALA", "n": 139, "name_kk": "Алматы қ."},
        ],
        "cells": [
            {"region_code": "AKM", "size": "small", "d": 1},
            {"region_code": "AKM", "size": "large", "d": -1},
            {"region_code": "ALA", "size": "small", "d": 0},
        ],
        "plain": [3, 4],
    },
    "report": {"year": 2025, "lang": "kk"},
}

CHAPTER = """# Тарау {#sec-a}

Бас жиынтық << sample.N | integer >> кәсіпорын, үлесі << sample.share | percent(1) >>.
<% if sample.binding %>
Шектеу.
<% endif %>
Өңірлер саны << sample.by_region | length | integer >>.

<< table(sample.by_region, [["name_kk", "Өңір", "text"], ["n", "Іріктеме", "integer"]], caption="Кесте", id="tbl-a") >>
"""


def render(tmp_path, text, context=CONTEXT, name="ch.qmd"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return render_tracked(tmp_path, [name], context, "kk")


def test_flatten_names_records_by_their_id_field_or_a_pair():
    flat = flatten(CONTEXT)
    assert flat["sample.N"] == 8892
    assert flat["sample.by_region[ALA].n"] == 139
    # region_code alone repeats, so the pair (region_code, size) names the record
    assert flat["sample.cells[AKM/large].d"] == -1
    assert flat["sample.plain[1]"] == 4
    assert flat["report.year"] == 2025
    assert len(flat) == 3 + 6 + 9 + 2 + 2


def test_registry_records_keys_lines_formats_and_tables(tmp_path):
    texts, tracker, errors = render(tmp_path, CHAPTER)
    assert errors == []
    reg = build_registry(CONTEXT, tracker, {"sample": {"file": "v.json", "rule": "r"}}, year=2025, lang="kk")
    n = reg["values"]["sample.N"]
    assert n["formatted"] == [f"8{NBSP}892"] and n["used_in"] == ["ch.qmd:3"] and n["value"] == 8892
    assert n["source"] == {"file": "v.json", "rule": "r"}
    share = reg["values"]["sample.share"]
    assert share["formatted"] == [formatting.percent(0.0632, 1)] and share["unit"] == "fraction"
    assert reg["values"]["sample.binding"]["used_in"] == ["ch.qmd:4"]  # read by the if, not printed
    assert reg["values"]["sample.by_region|length"]["value"] == 2
    assert reg["values"]["sample.by_region|length"]["used_in"] == ["ch.qmd:7"]
    cell = reg["values"]["sample.by_region[ALA].n"]
    assert cell["formats"] == ["table:integer"] and cell["formatted"] == ["139"]
    assert cell["tables"] == ["tbl-a"] and n["tables"] == []
    assert reg["values"]["sample.cells[AKM/small].d"]["used_in"] == []  # in the context, not used
    assert reg["tables"]["tbl-a"]["chapter"] == "ch.qmd" and reg["tables"]["tbl-a"]["line"] == 9
    assert reg["unregistered"] == []
    assert reg["chapters"]["ch.qmd"] == sorted(reg["chapters"]["ch.qmd"])
    rows = list(csv.reader(io.StringIO(table_csvs(tracker)["tbl-a.csv"])))
    assert rows == [["name_kk", "n"], ["Ақмола", "18"], ["Алматы қ.", "139"]]
    # the tracked rendering prints exactly what the normal rendering prints
    assert f"Бас жиынтық 8{NBSP}892 кәсіпорын, үлесі 6,3%." in texts["ch.qmd"]


@pytest.mark.parametrize(
    "expr, value",
    [
        ("2025 | integer", 2025),
        ("(sample.N + 1) | integer", 8893),
        ("(sample.share * 2) | percent(1)", 0.1264),
    ],
)
def test_number_not_in_registry_is_found_with_line(tmp_path, expr, value):
    _, tracker, errors = render(tmp_path, "# Т {#sec-a}\n\nбір\nСаны << " + expr + " >>.\n")
    assert errors == []
    reg = build_registry(CONTEXT, tracker, {}, year=2025, lang="kk")
    assert len(reg["unregistered"]) == 1
    u = reg["unregistered"][0]
    assert (u["chapter"], u["line"]) == ("ch.qmd", 4) and u["value"] == pytest.approx(value)


def test_loop_counters_in_ids_are_allowed(tmp_path):
    src = "<% for r in sample.by_region %>\n## << r.name_kk >> {#sec-r-<< loop.index | integer >>}\n<% endfor %>\n"
    _, tracker, errors = render(tmp_path, src)
    assert errors == [] and tracker.unregistered == []


def test_register_fails_on_unregistered_value_in_strict_mode(tmp_path):
    (tmp_path / "ch.qmd").write_text("# Т {#sec-a}\n\nСаны << 12 | integer >>.\n", encoding="utf-8")
    kwargs = dict(
        year=2025,
        lang="kk",
        out_numbers=tmp_path / "o/numbers.json",
        out_tables=tmp_path / "o/tables",
        out_markdown=tmp_path / "o/md",
        page=PAGE,
    )
    with pytest.raises(TemplateError, match=r"ch\.qmd:3: the value 12 is printed with 'integer'"):
        register(tmp_path, ["ch.qmd"], CONTEXT, {}, strict=True, **kwargs)
    reg = register(tmp_path, ["ch.qmd"], CONTEXT, {}, strict=False, **kwargs)
    assert reg["unregistered"][0]["line"] == 3
    assert (tmp_path / "o/md/ch.md").read_text(encoding="utf-8") == "# Т {#sec-a}\n\nСаны 12.\n"


def test_undefined_value_names_chapter_and_line(tmp_path):
    _, _, errors = render(tmp_path, "# Т {#sec-a}\n\n<< sample.nope | integer >>\n")
    assert len(errors) == 1 and "ch.qmd:3: undefined value" in errors[0]


def test_stable_markdown_one_sentence_per_line_tables_untouched():
    src = (
        "# Тарау {#sec-a}\n\nБірінші сөйлем\nжалғасы. Екінші сөйлем (1.1-кесте)! Үшінші?\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Кесте {#tbl-a}\n\n$$\nx = 1\n$$ {#eq-a}\n\n"
        "- бір\n  жалғасы\n- екі\n"
    )
    assert stable_markdown(src) == (
        "# Тарау {#sec-a}\n\nБірінші сөйлем жалғасы.\nЕкінші сөйлем (1.1-кесте)!\nҮшінші?\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Кесте {#tbl-a}\n\n$$\nx = 1\n$$ {#eq-a}\n\n"
        "- бір жалғасы\n- екі\n"
    )
    assert stable_markdown(stable_markdown(src)) == stable_markdown(src)  # idempotent


def _reg(values):
    return {
        "values": {
            k: {
                "value": v,
                "formatted": [str(v)],
                "used_in": ["c.qmd:1"] if k != "x.hidden" else [],
                "source": {"rule": "r"},
            }
            for k, v in values.items()
        }
    }


def test_numbers_changelog_hand_worked():
    old = _reg({"x.a": 200, "x.b": 0.5, "x.same": 1, "x.gone": 3, "x.hidden": 1.0, "x.z": 0})
    new = _reg({"x.a": 250, "x.b": 0.4, "x.same": 1, "x.new": 7, "x.hidden": 2.0, "x.z": 5})
    rows = {r["key"]: r for r in numbers_changelog(old, new)}
    assert set(rows) == {"x.a", "x.b", "x.gone", "x.new", "x.hidden", "x.z"}
    assert rows["x.a"]["abs_change"] == 50 and rows["x.a"]["rel_change"] == pytest.approx(0.25)
    assert rows["x.b"]["abs_change"] == pytest.approx(-0.1) and rows["x.b"]["rel_change"] == pytest.approx(
        -0.2
    )
    assert rows["x.z"]["rel_change"] is None  # from zero: no relative change
    assert rows["x.gone"]["status"] == "removed" and rows["x.new"]["status"] == "added"
    order = [r["key"] for r in numbers_changelog(old, new)]
    assert order[-1] == "x.hidden"  # values printed in the report come first
    text = changelog_csv(numbers_changelog(old, new))
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[0] == "Тарау" and header[-1] == "Кілт"  # the internal key comes last
    assert "| `x.a` |" in changelog_markdown(numbers_changelog(old, new), "HEAD")
    assert numbers_changelog(old, old) == []


def test_word_diff_marks_words_and_counts_paragraphs():
    old = {"a.md": "# A {#sec-a}\n\nБір екі үш.\nТөрт бес.\n\nАлты.\n", "gone.md": "Жоқ.\n"}
    new = {"a.md": "# A {#sec-a}\n\nБір екі жеті үш.\nТөрт бес.\n\nАлты.\n\nЖаңа абзац.\n"}
    text, stats = word_diff(old, new, ["a.md"])
    assert "Бір екі {+жеті +}үш." in text
    assert "[-Жоқ.-]" in text and "gone.md (алынып тасталған тарау)" in text
    assert stats == {
        "paragraphs_changed": 1,
        "paragraphs_added": 1,
        "paragraphs_removed": 1,
        "chapters_changed": 2,
    }
    assert "Төрт бес." not in text  # unchanged lines are not repeated


def test_compare_files():
    assert compare_files({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 9, "d": 4}) == {
        "changed": ["b"],
        "added": ["d"],
        "removed": ["c"],
    }


def _docx(path, first):
    d = Document()
    d.add_paragraph(first)
    d.add_paragraph("Өзгермейтін абзац.")
    d.save(str(path))


def test_redline_has_word_tracked_changes_and_is_deterministic(tmp_path):
    _docx(tmp_path / "old.docx", "Бірінші сөйлем. Саны 568 кәсіпорын.")
    _docx(tmp_path / "new.docx", "Бірінші сөйлем. Саны 570 кәсіпорын.")
    kw = dict(date="2026-01-01T00:00:00Z", author="Test Author")
    counts = redline(tmp_path / "old.docx", tmp_path / "new.docx", tmp_path / "r1.docx", **kw)
    redline(tmp_path / "old.docx", tmp_path / "new.docx", tmp_path / "r2.docx", **kw)
    data = (tmp_path / "r1.docx").read_bytes()
    assert data == (tmp_path / "r2.docx").read_bytes()
    assert counts == count_revisions(data) == {"insertions": 1, "deletions": 1}
    assert tracked_text(data) == {"ins": ["570"], "del": ["568"]}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
        assert 'w:date="2026-01-01T00:00:00Z"' in xml and 'w:author="Test Author"' in xml


def test_summary_counts():
    rows = numbers_changelog(_reg({"x.a": 1, "x.hidden": 1.0}), _reg({"x.a": 2, "x.hidden": 3.0, "x.n": 1}))
    text = summary_markdown(
        {"rev": "HEAD~1", "sha": "abc"},
        rows,
        {"paragraphs_changed": 2, "paragraphs_added": 0, "paragraphs_removed": 1},
        {"changed": ["tbl-a.csv"], "added": [], "removed": []},
        {"changed": [], "added": ["x.png"], "removed": []},
        {"insertions": 3, "deletions": 2},
    )
    assert "| Өзгерген мәндер (баяндамада басылатын) | 1 |" in text
    assert "| Өзгерген мәндер (баяндамада басылмайтын) | 1 |" in text
    assert "| Қосылған мәндер | 1 |" in text and "| Өзгерген абзацтар | 2 |" in text
    assert "| Өзгерген кестелер | 1 |" in text and "`x.png` (қосылды)" in text
    assert "| Word түзетулері: қосу / жою | 3 / 2 |" in text


def test_hand_written_tables_are_registered_as_printed(tmp_path):
    src = (
        "# Т {#sec-a}\n\n| Өңір | Саны |\n|:---|---:|\n<% for r in sample.by_region %>\n"
        "| << r.name_kk >> | << r.n | integer >> |\n<% endfor %>\n\n: Кесте {#tbl-hand}\n\n"
        '<< table(sample.by_region, [["n", "Саны", "integer"]], caption="Екінші") >>\n'
    )
    (tmp_path / "ch.qmd").write_text(src, encoding="utf-8")
    reg = register(
        tmp_path,
        ["ch.qmd"],
        CONTEXT,
        {},
        year=2025,
        lang="kk",
        out_numbers=tmp_path / "o/n.json",
        out_tables=tmp_path / "o/tables",
        out_markdown=tmp_path / "o/md",
        page=PAGE,
    )
    assert reg["tables"]["tbl-hand"] == {
        "chapter": "ch.qmd",
        "kind": "printed",
        "csv": "tables/tbl-hand.csv",
        "n_rows": 2,
    }
    assert (tmp_path / "o/tables/tbl-hand.csv").read_text(
        encoding="utf-8"
    ) == "Өңір,Саны\nАқмола,18\nАлматы қ.,139\n"
    # the table() table without an id is registered once, by table(), not again from the Markdown
    assert (
        sorted(reg["tables"]) == ["table-ch-1", "tbl-hand"]
        and reg["tables"]["table-ch-1"]["kind"] == "values"
    )


def test_value_printed_in_a_macro_is_used_at_the_call_site(tmp_path):
    src = "<% macro num(v) %><< v | integer >><% endmacro %>\n# Т {#sec-a}\n\nСаны << num(sample.N) >>.\n"
    _, tracker, errors = render(tmp_path, src)
    reg = build_registry(CONTEXT, tracker, {}, year=2025, lang="kk")
    assert errors == [] and reg["values"]["sample.N"]["used_in"] == ["ch.qmd:4"]


# --------------------------------------------------------------------------------------------------
# Issue 16: the bundle leads with what matters
# --------------------------------------------------------------------------------------------------
BOOK = {
    "01-a.md": "# Бірінші {#sec-a}\n\nКіріспе.\n\n## Бөлім {#sec-a-one}\n\nБас жиынтық 8\u00a0892 кәсіпорын, "
    "үлесі 6,3%.\n\n| Өңір | Саны |\n|:---|---:|\n| Ақмола | 18 |\n| Алматы қ. | 139 |\n\n"
    ": Кесте {#tbl-a}\n",
    "02-b.md": "# Екінші {#sec-b}\n\n![Сурет](figures/x.png){#fig-b}\n\nЭкспорт 3\u00a0885 доллар.\n",
    "91-c.md": "# Қосымша {#sec-c}\n\n| x |\n|---|\n| 1 |\n\n: Қосымша кесте {#tbl-c}\n",
}


def _registry(values: dict) -> dict:
    """A small registry: {key: (value, printed text, used_in, tables)}."""
    return {
        "values": {
            k: {
                "value": v,
                "formatted": [text] if text else [],
                "formats": ["integer"] if isinstance(v, int) else ["percent(1)"],
                "used_in": used,
                "tables": tables,
                "source": {"rule": "r"},
            }
            for k, (v, text, used, tables) in values.items()
        },
        "tables": {
            "tbl-a": {"kind": "values", "columns": [["name", "Өңір", "text"], ["n", "Саны", "integer"]]}
        },
    }


def test_book_numbering_follows_the_crossref_filter():
    from industry_report.review.locate import read_book

    book = read_book(BOOK, ["01-a.qmd", "02-b.qmd"], ["91-c.qmd"])
    assert book.numbers["tbl-a"] == "1.1" and book.numbers["fig-b"] == "2.1"
    assert book.numbers["tbl-c"] == "Қ1.1" and book.numbers["sec-a-one"] == "1.1"
    assert book.chapter_titles["01-a"] == "1. Бірінші"


def test_changelog_first_row_is_the_largest_change_of_a_printed_value():
    from industry_report.review.locate import read_book

    old = _registry(
        {
            "s.N": (8800, "8\u00a0800", ["01-a.qmd:5"], []),  # +1,0%
            "s.by_region[ALA].n": (100, "100", ["01-a.qmd:7"], ["tbl-a"]),  # +39%: the largest printed
            "s.exports": (3900, "3\u00a0900", ["02-b.qmd:3"], []),  # −0,4%
            "s.hidden": (1, "", [], []),  # +900%, but not in the report
        }
    )
    new = _registry(
        {
            "s.N": (8892, "8\u00a0892", ["01-a.qmd:5"], []),
            "s.by_region[ALA].n": (139, "139", ["01-a.qmd:7"], ["tbl-a"]),
            "s.exports": (3885, "3\u00a0885", ["02-b.qmd:3"], []),
            "s.hidden": (10, "", [], []),
        }
    )
    book = read_book(BOOK, ["01-a.qmd", "02-b.qmd"], ["91-c.qmd"])
    rows = numbers_changelog(old, new, old_book=book, new_book=book)
    assert [r["key"] for r in rows] == ["s.by_region[ALA].n", "s.N", "s.exports", "s.hidden"]
    first = rows[0]
    assert first["place"] == "1.1-кесте" and first["label"] == "Алматы қ. — Саны"
    assert first["change_text"] == "+39" and first["rel_text"] == "+39,0%"  # Kazakh number format
    assert rows[1]["place"] == "1.1-бөлім" and "Бас жиынтық 8\u00a0892 кәсіпорын" in rows[1]["label"]
    assert rows[2]["change_text"] == f"{formatting.MINUS}15"
    text = changelog_markdown(rows, "HEAD", book.chapter_titles)
    table_rows = [ln for ln in text.split("\n") if ln.startswith("| 01-a") or ln.startswith("| 02-b")]
    assert "`s.by_region[ALA].n`" in table_rows[0] and table_rows[0].endswith("`s.by_region[ALA].n` |")
    assert text.index("## 1. Бірінші (01-a)") < text.index("## 2. Екінші (02-b)")
    data = list(csv.reader(io.StringIO(changelog_csv(rows).lstrip("\ufeff"))))
    assert data[1][-1] == "s.by_region[ALA].n"
    # a change below the printed precision (the text is the same) comes after the visible ones
    old["values"]["s.p"] = {**old["values"]["s.N"], "value": 0.0001, "formatted": ["0,000"]}
    new["values"]["s.p"] = {**new["values"]["s.N"], "value": 0.0004, "formatted": ["0,000"]}
    keys = [r["key"] for r in numbers_changelog(old, new, old_book=book, new_book=book)]
    assert keys[0] == "s.by_region[ALA].n" and keys.index("s.p") == 3


def test_pages_are_found_only_when_unique():
    from industry_report.review.locate import _squash, caption_page, page_of

    pages = [
        _squash(p)
        for p in ("1.1-кесте \u2014 Іріктеме\nБас жиын-\nтық 8 892 кәсіп", "1.2-кесте \u2014 x", "Бас")
    ]
    assert caption_page(pages, "кесте", "1.1") == 1
    assert page_of(pages, "Бас жиынтық 8\u00a0892 кәсіп") == 1  # a line-end hyphen and spaces ignored
    assert page_of(pages, "Кесте") is None  # too short / on several pages: no page


def test_word_diff_keeps_numbers_with_no_break_spaces_together():
    from industry_report.review.word_diff import _TOKEN, _word_level

    row = "| Барлығы | 8\u202f892 | 6,3% |"
    assert "8\u202f892 " in _TOKEN.findall(row) and "8\u00a0892" in _TOKEN.findall("8\u00a0892")
    assert "".join(_TOKEN.findall(" a\u00a0b  c ")) == " a\u00a0b  c "
    assert (
        _word_level(row, "| Барлығы | 8\u202f900 | 6,3% |")
        == "| Барлығы | [-8\u202f892 -]{+8\u202f900 +}| 6,3% |"
    )


def test_tables_compared_cell_by_cell():
    from industry_report.review.files import cell_changes, printed_csv

    old = "name,n,share\nАқмола,18,0.5\nАлматы қ.,139,0.25\n"
    new = "name,n,share\nАлматы қ.,140,0.25\nАқмола,18,0.5\nАстана,7,0.1\n"
    changes = cell_changes(old, new)
    assert {"row": "Алматы қ.", "column": "n", "old": "139", "new": "140"} in changes
    assert {"row": "Астана", "column": "n", "old": None, "new": "7"} in changes
    assert not any(c["row"] == "Ақмола" for c in changes)  # matched by name, not by position
    cols = [["name", "Өңір", "text"], ["n", "Саны", "integer"], ["share", "Үлесі", "percent:1"]]
    assert printed_csv(old, cols, "kk").split("\n")[1] == 'Ақмола,18,"50,0%"'


def _git(repo, *args, author="Test Author"):
    import subprocess

    env_args = ["-c", f"user.name={author}", "-c", "user.email=t@example.kz"]
    return subprocess.run(
        ["git", "-C", str(repo), *env_args, *args], check=True, capture_output=True, text=True
    )


def test_tracked_change_authors_come_from_git(tmp_path):
    import os
    import subprocess

    from industry_report.review.redline import revision_authors

    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "a.txt").write_text("1\n")
    _git(repo, "add", "a.txt")
    _git(repo, "commit", "-qm", "base", author="Base Author")
    base = _git(repo, "rev-parse", "HEAD").stdout.strip()
    (repo / "a.txt").write_text("2\n")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-04T05:06:07+05:00"}
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test Author",
            "-c",
            "user.email=t@example.kz",
            "commit",
            "-qam",
            "x",
        ],
        check=True,
        env=env,
    )
    who = revision_authors(repo, base)
    assert who == {
        "author": "Test Author",
        "date": "2026-03-04T00:06:07Z",
        "authors": ["Test Author"],
        "uncommitted": False,
    }
    (repo / "a.txt").write_text("3\n")  # uncommitted work is signed by git config user.name
    _git(repo, "config", "user.name", "Editor Name")
    who = revision_authors(repo, base)
    assert (
        who["author"] == "Editor Name"
        and who["uncommitted"]
        and who["authors"] == ["Editor Name", "Test Author"]
    )
