"""Entry point of rule review_bundle: base build + current build -> the review bundle of one language
(summary.md, numbers-changelog.md/.csv/.xlsx, tables-diff.md, word-diff.md, redline.docx under
results/<year>/review/<lang>/)."""

from pathlib import Path

from industry_report.core.io import atomic_path, read_json, write_text
from industry_report.core.step import step
from industry_report.publish.book import book_structure
from industry_report.review.changelog import (
    changelog_csv,
    changelog_markdown,
    changelog_xlsx,
    numbers_changelog,
)
from industry_report.review.files import (
    cell_changes,
    compare_files,
    figures_used,
    file_hashes,
    printed_csv,
    tables_markdown,
)
from industry_report.review.locate import pdf_pages, read_book
from industry_report.review.redline import redline, revision_authors
from industry_report.review.summary import summary_markdown
from industry_report.review.word_diff import word_diff


def read_dir(d: Path, pattern: str) -> dict:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(d).glob(pattern))}


def printed_tables(tables_dir: Path, registry: dict, lang: str) -> dict:
    """{table id: CSV as printed}: table() tables formatted as the report prints them."""
    out = {}
    for name, text in read_dir(tables_dir, "*.csv").items():
        meta = registry.get("tables", {}).get(Path(name).stem, {})
        cols = meta.get("columns") if meta.get("kind") == "values" else None
        out[Path(name).stem] = printed_csv(text, cols, lang) if cols else text
    return out


def bundle(inp, out, params) -> dict:
    base_dir, lang = Path(inp.base), params.lang
    base = read_json(base_dir / "meta.json")
    if not (base_dir / lang).is_dir():
        from industry_report.core.errors import RenderError

        raise RenderError(
            f"the base revision {base.get('rev')} has no {lang!r} edition (no chapters/{lang}/): "
            f"compare with a later revision (make diff BASE=<rev>) or build the other languages only"
        )
    structure = book_structure(inp.quarto)
    old_md, new_md = read_dir(base_dir / lang / "markdown", "*.md"), read_dir(inp.markdown, "*.md")
    old_book = read_book(old_md, structure["chapters"], structure["appendices"])
    new_book = read_book(new_md, structure["chapters"], structure["appendices"])
    old_reg, new_reg = read_json(base_dir / lang / "numbers.json"), read_json(inp.numbers)

    rows = numbers_changelog(
        old_reg, new_reg, old_book=old_book, new_book=new_book, pages=pdf_pages(inp.pdf), lang=lang
    )
    label = f"{base['rev']} ({base['sha'][:12]})"
    write_text(changelog_markdown(rows, label, new_book.chapter_titles), out["changelog_md"])
    write_text(changelog_csv(rows), out["changelog_csv"])
    with atomic_path(out["changelog_xlsx"]) as tmp:
        tmp.write_bytes(changelog_xlsx(rows))

    order = [Path(c).stem + ".md" for c in params.chapters]
    diff_text, text_stats = word_diff(old_md, new_md, order)
    write_text(diff_text, out["word_diff"])

    old_tables = printed_tables(base_dir / lang / "tables", old_reg, lang)
    new_tables = printed_tables(Path(inp.tables), new_reg, lang)
    tables_cmp = compare_files(old_tables, new_tables)
    cells = {t: cell_changes(old_tables.get(t, ""), new_tables.get(t, "")) for t in tables_cmp["changed"]}
    numbers = {**old_book.numbers, **new_book.numbers}
    captions = {**old_book.titles, **new_book.titles}
    write_text(tables_markdown(cells, numbers, captions), out["tables_diff"])

    used = figures_used(list(old_md.values()) + list(new_md.values()))
    old_fig = {k: v for k, v in read_json(base_dir / lang / "figures.json").items() if k in used}
    new_fig = {k: v for k, v in file_hashes(inp.figures).items() if k in used}
    figures_cmp = compare_files(old_fig, new_fig)

    who = revision_authors(params.repo, base["sha"])
    revisions = redline(
        base_dir / lang / "national-report.docx",
        inp.docx,
        out["redline"],
        date=who["date"],
        author=who["author"],
    )
    write_text(
        summary_markdown(
            base,
            rows,
            text_stats,
            tables_cmp,
            figures_cmp,
            revisions,
            cells=cells,
            numbers=numbers,
            authors=who,
        ),
        out["summary"],
    )
    return {"values": len(rows), **text_stats, **revisions}


def main(inp, out, params):
    bundle(inp, out, params)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
