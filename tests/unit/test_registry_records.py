"""The registry merged from per-chapter tracking records (rules render_chapter -> register_values)
is the registry of rendering every chapter at once: same numbers.json, table CSVs and Markdown."""

import json

from test_review import CHAPTER, CONTEXT

from conftest import ROOT
from industry_report.publish.numbers import (
    merge_records,
    register,
    render_tracked,
    tracking_record,
    write_registry,
)
from industry_report.publish.page import load_page

PAGE = load_page(ROOT / "report/page.yml")

SECOND = (
    "# Екінші {#sec-b}\n\n| Өңір | Саны |\n|:---|---:|\n<% for r in sample.by_region %>\n"
    "| << r.name_kk >> | << r.n | integer >> |\n<% endfor %>\n\n: Кесте {#tbl-hand}\n\n"
    '<< table(sample.cells, [["region_code", "Өңір", "text"], ["d", "Айырма", "signed:0"]],'
    ' caption="Үшінші") >>\n'
    "Қайта << sample.N | integer >>; теріп жазылған << 17 | integer >>.\n"
)


def outputs(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_merged_records_give_the_registry_of_one_render(tmp_path):
    src = tmp_path / "chapters"
    src.mkdir()
    chapters = ["a.qmd", "b.qmd"]
    (src / "a.qmd").write_text(CHAPTER, encoding="utf-8")
    (src / "b.qmd").write_text(SECOND, encoding="utf-8")
    kw = dict(year=2025, lang="kk", strict=False)
    whole = register(
        src,
        chapters,
        CONTEXT,
        {},
        page=PAGE,
        out_numbers=tmp_path / "one/numbers.json",
        out_tables=tmp_path / "one/tables",
        out_markdown=tmp_path / "one/markdown",
        **kw,
    )
    texts, records = {}, []
    for ch in chapters:  # as rule render_chapter does, one chapter per job, through JSON
        t, tracker, errors = render_tracked(src, [ch], CONTEXT, "kk", PAGE)
        assert errors == []
        texts[ch] = t[ch]
        records.append(json.loads(json.dumps(tracking_record(tracker, ch))))
    merged = write_registry(
        texts,
        merge_records(records),
        src,
        chapters,
        CONTEXT,
        {},
        out_numbers=tmp_path / "two/numbers.json",
        out_tables=tmp_path / "two/tables",
        out_markdown=tmp_path / "two/markdown",
        **kw,
    )
    assert merged == json.loads(json.dumps(whole))
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")
    # the case is not trivial: both chapters print, both have tables, one prints an unregistered number
    assert len(whole["tables"]) == 3 and len(whole["unregistered"]) == 1
    assert {"a.qmd", "b.qmd"} <= {u.split(":")[0] for u in whole["values"]["sample.N"]["used_in"]}
