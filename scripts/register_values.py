"""Entry point of rule register_values: the chapters' tracking records (rule render_chapter) + values
-> numbers.json, one CSV per report table, and the chapters' assembled Markdown in a stable,
line-oriented form (results/<year>/<lang>/). Merges the records: no chapter is rendered again."""

from pathlib import Path

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import read_json
    from industry_report.publish.context import load_context
    from industry_report.publish.messages import load_messages
    from industry_report.publish.numbers import merge_records, write_registry

    context = load_context(inp["values"], params.namespaces, params.report, inp.get("texts", []))
    chapters = list(params.chapters)
    texts = {ch: Path(p).read_text(encoding="utf-8") for ch, p in zip(chapters, inp.chapters)}
    write_registry(
        texts,
        merge_records([read_json(p) for p in inp.tracking]),
        params.chapters_dir,
        chapters,
        context,
        dict(params.sources),
        year=params.report["year"],
        lang=params.report["lang"],
        out_numbers=out.numbers,
        out_tables=out.tables,
        out_markdown=out.markdown,
        strict=params.strict,
        messages=load_messages(inp.messages),
    )


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
