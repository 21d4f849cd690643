"""Entry point of rule review_bundle: base build + current build -> the review bundle of one language
(summary.md, numbers-changelog.md/.csv, word-diff.md, redline.docx under results/<year>/review/<lang>/)."""

from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def read_dir(d: Path, pattern: str) -> dict:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(d).glob(pattern))}


def bundle(
    base_dir: Path,
    lang: str,
    numbers: Path,
    tables: Path,
    markdown: Path,
    docx: Path,
    figures: list,
    out: dict,
    chapters: list[str],
) -> dict:
    import datetime as dt

    from industry_report.core.io import read_json, write_text
    from industry_report.review.changelog import changelog_csv, changelog_markdown, numbers_changelog
    from industry_report.review.files import compare_files, figures_used, file_hashes
    from industry_report.review.redline import redline
    from industry_report.review.summary import summary_markdown
    from industry_report.review.word_diff import word_diff

    base = read_json(base_dir / "meta.json")
    old_reg, new_reg = read_json(base_dir / lang / "numbers.json"), read_json(numbers)
    rows = numbers_changelog(old_reg, new_reg)
    label = f"{base['rev']} ({base['sha'][:12]})"
    write_text(changelog_markdown(rows, label), out["changelog_md"])
    write_text(changelog_csv(rows), out["changelog_csv"])

    old_md, new_md = read_dir(base_dir / lang / "markdown", "*.md"), read_dir(markdown, "*.md")
    order = [Path(c).stem + ".md" for c in chapters]
    diff_text, text_stats = word_diff(old_md, new_md, order)
    write_text(diff_text, out["word_diff"])

    tables_cmp = compare_files(read_dir(base_dir / lang / "tables", "*.csv"), read_dir(tables, "*.csv"))
    used = figures_used(list(old_md.values()) + list(new_md.values()))
    old_fig = {k: v for k, v in read_json(base_dir / "figures.json").items() if k in used}
    new_fig = {k: v for k, v in file_hashes(figures).items() if k in used}
    figures_cmp = compare_files(old_fig, new_fig)

    date = dt.datetime.fromtimestamp(int(base["commit_time"]), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    revisions = redline(base_dir / lang / "national-report.docx", docx, out["redline"], date=date)
    write_text(summary_markdown(base, rows, text_stats, tables_cmp, figures_cmp, revisions), out["summary"])
    return {"values": len(rows), **text_stats, **revisions}


def main(inp, out, params):
    bundle(
        Path(inp.base),
        params.lang,
        Path(inp.numbers),
        Path(inp.tables),
        Path(inp.markdown),
        Path(inp.docx),
        list(inp.figures),
        out,
        list(params.chapters),
    )


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
